// 我的改报: the applicant's state (what it means, what to do next), the way to switch or decline
// while they may, their details, their switch and its review, and their refund.
import {h, summaryList, tag, heading} from '../../shared/dom.js';
import {dateTime} from '../../shared/format.js';
import {SWITCH_STATUS, LABELS, label, tone} from '../../shared/labels.js';
import {
  state, session, render, loadMe, stateOf, linkButton, countdown, statePanel, refundSection, helpSection,
} from '../app.js';
import {COMMON, STATUS, SWITCH_SECTION, RECEIPTS_SECTION, MESSAGES} from '../copy.js';

const NOTIFICATION_KIND = LABELS.NotificationKind;

export async function statusPage() {
  // The messages are a side line: the page shows without them should they fail to load.
  const [me, messages] = await Promise.all([loadMe(), session.get('/api/v1/me/notifications').catch((e) => {
    if (e.status === 401) throw e;
    return null;
  })]);
  const exam = state.exam;
  const st = stateOf(me);
  const actions = h('div', {class: 'actions'});
  if (st.canSwitch) actions.append(linkButton('/options', STATUS.chooseOptions));
  if (st.canDecline) actions.append(h('p', {}, h('a', {class: 'link', href: '#/decline'}, STATUS.decline)));
  const clock = st.showCountdown
    ? h('div', {class: 'inset inset--open'}, countdown(me.switchDeadline, () => render()),
      h('p', {class: 'hint'}, STATUS.deadline(dateTime(me.switchDeadline, me.timeZone))))
    : null;
  return h('div', {}, heading(STATUS.heading, exam.name), statePanel(st), clock, actions, statusRows(me, st),
    switchSection(me, exam), refundSection(me.refund), messagesSection(messages, me.timeZone), receiptsSection(me),
    helpSection(me.helpContact));
}

/** The messages sent to the applicant (the same texts as the SMS), newest first, with their times. */
function messagesSection(messages, timeZone) {
  const m = MESSAGES;
  const items = messages ? messages.items : null;
  return h('section', {class: 'section', 'aria-labelledby': 'messages-heading'},
    h('h2', {class: 'heading-m', id: 'messages-heading'}, m.heading),
    h('p', {class: 'hint'}, m.hint),
    items == null ? h('p', {}, m.failed)
      : items.length === 0 ? h('p', {}, m.none)
        : h('ol', {class: 'messages', id: 'messages'}, items.map((n) => h('li', {class: 'messages__item'},
          h('p', {class: 'messages__meta'}, h('strong', {}, label(NOTIFICATION_KIND, n.kind)), ' ',
            h('time', {datetime: n.createdAt}, dateTime(n.createdAt, timeZone))),
          h('p', {class: 'messages__text'}, n.text)))));
}

function statusRows(me, st) {
  return summaryList([
    [STATUS.name, me.name],
    [STATUS.idNumber, me.idNumberMasked],
    [STATUS.original, h('span', {}, `${me.originalPosition.code} ${me.originalPosition.title}`,
      h('br', {}), me.originalPosition.agencyName, h('br', {}),
      me.originalPosition.status === 'CANCELLED' ? tag(STATUS.cancelled, 'fail') : null)],
    // Only while a switch can still be made: after a decline or the deadline the count means nothing.
    st.showSwitchesLeft ? [STATUS.switchesLeft, COMMON.times(me.switchesLeft)] : null,
  ]);
}

function switchSection(me, exam) {
  const s = me.currentSwitch;
  if (!s) return null;
  const w = SWITCH_SECTION;
  return h('section', {class: 'section', 'aria-labelledby': 'switch-heading'},
    h('h2', {class: 'heading-m', id: 'switch-heading'}, w.heading),
    summaryList([
      [w.reference, String(s.id)],
      [w.target, h('span', {}, `${s.targetPositionCode} ${s.targetPositionTitle || ''}`, h('br', {}), s.targetAgencyName || '')],
      [w.submitted, dateTime(s.createdAt, me.timeZone)],
      [w.review, tag(label(SWITCH_STATUS, s.status), tone(SWITCH_STATUS, s.status))],
      s.status === 'PENDING' ? [w.result, w.resultBy(dateTime(exam.reviewDeadline, me.timeZone))] : null,
      s.reason ? [s.status === 'REJECTED' ? w.rejectedBecause : w.remark, s.reason] : null,
      s.decidedAt ? [w.decidedAt, dateTime(s.decidedAt, me.timeZone)] : null,
    ], 'summary-list--switch'));
}

/** A receipt of each decision, each with its print page. */
function receiptsSection(me) {
  const receipts = me.receipts || [];
  if (!receipts.length) return null;
  const w = RECEIPTS_SECTION;
  return h('section', {class: 'section', 'aria-labelledby': 'receipts-heading', id: 'receipts'},
    h('h2', {class: 'heading-m', id: 'receipts-heading'}, w.heading),
    h('p', {class: 'hint'}, w.intro),
    h('ul', {class: 'receipt-list'}, receipts.slice().reverse().map((r) => {
      const kind = label('ReceiptKind', r.kind);
      return h('li', {class: 'receipt-list__item'},
        h('p', {class: 'receipt-list__kind'}, kind),
        h('p', {class: 'hint'}, w.issuedAt(dateTime(r.issuedAt, me.timeZone))),
        h('p', {class: 'hint'}, w.code, h('span', {class: 'receipt-list__code'}, r.code)),
        // The kind in hidden text after the visible words, so that the link's name begins with what it shows.
        h('a', {class: 'link', href: `#/receipt?code=${encodeURIComponent(r.code)}`}, w.print,
          h('span', {class: 'visually-hidden'}, w.printFor(kind))));
    })));
}
