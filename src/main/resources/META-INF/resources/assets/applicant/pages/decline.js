// 放弃改报，申请退费 (with its confirmation dialog) and 退费申请已提交.
import {h, showErrors, summaryList, confirmDialog, confirmationPanel, heading, button} from '../../shared/dom.js';
import {money} from '../../shared/format.js';
import {
  session, state, go, flash, loadMe, stateOf, backLink, linkButton, warningText, statePanel, refundSection, helpSection,
} from '../app.js';
import {COMMON, DECLINE, CONFIRMED, REFERENCE, refundMessage} from '../copy.js';

export async function declinePage() {
  const me = state.me || await loadMe();
  if (!stateOf(me).canDecline) {
    go('/me');
    return null;
  }
  const exam = state.exam;
  const start = button(DECLINE.start, {class: 'button button--warning', id: 'decline'});
  start.addEventListener('click', () => confirmDecline(me));
  return h('div', {}, backLink('/me', COMMON.backToStatus), heading(DECLINE.heading, exam.name),
    h('p', {}, DECLINE.intro),
    summaryList([
      [DECLINE.original, DECLINE.cancelledPosition(me.originalPosition.code, me.originalPosition.title)],
      exam.feeAmount ? [DECLINE.amount, money(exam.feeAmount)] : null,
      [DECLINE.channel, DECLINE.anyChannel],
    ]),
    warningText(DECLINE.warning),
    start,
    h('p', {}, h('a', {class: 'link', href: '#/options'}, DECLINE.stillSwitch)));
}

function confirmDecline(me) {
  confirmDialog({
    title: DECLINE.confirmTitle,
    content: h('p', {}, DECLINE.confirmBody),
    confirm: {label: DECLINE.confirm, id: 'confirm-decline', kind: 'warning'},
    cancel: {label: DECLINE.cancel, id: 'cancel-decline'},
    onConfirm: async ({errors, confirm}) => {
      try {
        await session.post('/api/v1/me/refund-request', undefined, {timeoutMs: 30000});
        state.me = null;
        go('/declined');
        return true;
      } catch (e) {
        if (e.status === 401) return true;
        confirm.disabled = false;
        showErrors(errors, [{text: refundMessage(e, me)}], DECLINE.failed);
        return false;
      }
    },
  });
}

/** After declining: read back from 我的改报, so that a reload still shows the refund and its reference. */
export async function declinedPage() {
  const me = await loadMe();
  const r = me.refund;
  if (!r || r.reason !== 'DECLINED') {
    flash(CONFIRMED.nothing, 'info');
    go('/me');
    return null;
  }
  return h('div', {},
    confirmationPanel(CONFIRMED.declineTitle, CONFIRMED.refundAmount(money(r.amount)), h('br', {}),
      h('span', {id: 'reference'}, CONFIRMED.reference(REFERENCE.refund, r.id))),
    h('p', {}, CONFIRMED.keepReference),
    statePanel(stateOf(me)),
    refundSection(r),
    linkButton('/me', COMMON.toStatus),
    helpSection(me.helpContact));
}
