// What every applicant page shares: the session, the tab's state, the exam being shown, the
// applicant's record and state, and the pieces several pages show (back link, help, the state's
// panel, the refund). The shell (main.js) owns the chrome and the route table; each page module its page.
import {Session, serverNow, syncServerClock, query} from '../shared/api.js';
import {h, showErrors, summaryList, tag, liveCountdown, button} from '../shared/dom.js';
import {dateTime, money} from '../shared/format.js';
import {route, go, render, onLeave} from '../shared/router.js';
import {CHANNELS, REFUND_REASON, REFUND_STATUS, PRECHECK, label, tone, requirementNames} from '../shared/labels.js';
import {COMMON, HELP, STATUS, REFUND_SECTION, PRECHECK_DETAIL, genericMessage} from './copy.js';
import {applicantState} from './state.js';

export {route, go, render, onLeave};

export const session = new Session('applicant-token');
const EXAM_KEY = 'applicant-exam';

export const state = {
  exams: null,
  exam: null,        // the chosen exam (ExamView)
  cancelled: null,   // its public list of cancelled positions
  me: null,
  agencies: null,
  options: {q: '', agency: '', qualifiedOnly: true, page: 0},
  keys: {},          // Idempotency-Key per target position, kept until the switch has a definite answer
  flash: null,
};

export function flash(text, kind = 'info') {
  state.flash = {text, kind};
}

function storedExam() {
  try {
    return sessionStorage.getItem(EXAM_KEY);
  } catch {
    return null;
  }
}

export function rememberExam(code) {
  try {
    if (code) sessionStorage.setItem(EXAM_KEY, code);
    else sessionStorage.removeItem(EXAM_KEY);
  } catch {
    // not kept: the chooser shows again after a reload
  }
}

/** Drops ?exam= from the address (once chosen, the tab remembers the exam), keeping the route. */
export function dropExamParameter(path) {
  if (new URLSearchParams(location.search).has('exam')) history.replaceState(null, '', `${location.pathname}#${path}`);
}

// ---------------------------------------------------------------------------------------------
// data

export async function loadExams() {
  if (!state.exams) {
    const page = await session.get(`/api/v1/exams${query({size: 200})}`, {auth: false});
    state.exams = page.items.filter((e) => e.published);
  }
  return state.exams;
}

/** The exam to show: ?exam= in the address, then the one chosen in this tab, then the only one switching. */
export async function chooseExam() {
  const exams = await loadExams();
  const wanted = new URLSearchParams(location.search).get('exam') || storedExam();
  let exam = exams.find((e) => e.code === wanted);
  if (!exam && wanted) exam = await useExam(wanted).catch(() => null);
  if (!exam) {
    const switching = exams.filter((e) => e.phase === 'SWITCHING');
    if (switching.length === 1) exam = switching[0];
    else if (exams.length === 1) exam = exams[0];
  }
  return exam || null;
}

export async function useExam(code) {
  if (!state.exam || state.exam.code !== code) {
    const [exam, cancelled] = await Promise.all([
      session.get(`/api/v1/exams/${encodeURIComponent(code)}`, {auth: false}),
      session.get(`/api/v1/exams/${encodeURIComponent(code)}/cancelled-positions`, {auth: false}),
    ]);
    state.exam = exam;
    state.cancelled = cancelled;
    rememberExam(code);
  }
  return state.exam;
}

export async function loadMe() {
  const [me] = await Promise.all([session.get('/api/v1/me'), syncServerClock()]);
  state.me = me;
  await useExam(me.examCode);
  return me;
}

/** The applicant's state now (state.js decides; the pages only show it). */
export function stateOf(me) {
  return applicantState(me, serverNow());
}

// ---------------------------------------------------------------------------------------------
// shared pieces

export function backLink(path, text = COMMON.back) {
  return h('a', {class: 'back-link', href: `#${path}`}, text);
}

export function linkButton(path, text, cls = '') {
  return h('a', {class: `button ${cls}`.trim(), href: `#${path}`, draggable: 'false'}, text);
}

export function deadlineText(exam) {
  return dateTime(exam.switchDeadline, exam.timeZone);
}

/** A live countdown to the deadline by the server's clock; calls onEnd once it passes, stops when the page is left. */
export function countdown(deadlineIso, onEnd) {
  const {box, stop} = liveCountdown(deadlineIso, STATUS.countdown, onEnd);
  onLeave(stop);
  return box;
}

/** GOV.UK warning text: an icon and the text in bold, "注意：" for screen readers. */
export function warningText(text) {
  return h('div', {class: 'warning-text'}, h('span', {class: 'warning-text__icon', 'aria-hidden': 'true'}, '!'),
    h('strong', {class: 'warning-text__text'}, h('span', {class: 'visually-hidden'}, COMMON.warning), text));
}

/** Whom to call when stuck: on the landing, sign-in and every end-state page. */
export function helpSection(contact) {
  if (!contact) return null;
  return h('section', {class: 'section help', 'aria-labelledby': 'help-heading', id: 'help'},
    h('h2', {class: 'heading-m', id: 'help-heading'}, HELP.heading),
    h('p', {}, HELP.contact(contact)),
    h('p', {class: 'hint'}, HELP.bring));
}

/** A page that could not load: why, and a retry. */
export function loadError(e) {
  const slot = h('div', {});
  showErrors(slot, [{text: genericMessage(e)}]);
  return h('div', {}, slot, button(COMMON.retry, {onclick: () => render()}));
}

/** The state's message and next steps, as state.js words them. */
export function statePanel(st) {
  return h('div', {class: `inset inset--state inset--${st.tone}`, id: 'state', 'data-kind': st.kind},
    h('h2', {class: 'heading-m', id: 'state-title'}, st.title),
    st.lines.map((t) => h('p', {}, t)),
    st.next.length ? h('h3', {class: 'heading-s'}, STATUS.next) : null,
    st.next.length ? h('ul', {class: 'list list--bullet', id: 'state-next'}, st.next.map((t) => h('li', {}, t))) : null);
}

export function refundSection(refund) {
  if (!refund) return null;
  const r = REFUND_SECTION;
  return h('section', {class: 'section', 'aria-labelledby': 'refund-heading'},
    h('h2', {class: 'heading-m', id: 'refund-heading'}, r.heading),
    summaryList([
      [r.reference, String(refund.id)],
      [r.status, tag(label(REFUND_STATUS, refund.status), tone(REFUND_STATUS, refund.status))],
      [r.amount, money(refund.amount)],
      [r.channel, refund.channel ? r.toChannel(label(CHANNELS, refund.channel)) : r.anyChannel],
      [r.reason, label(REFUND_REASON, refund.reason)],
    ], 'summary-list--refund'));
}

/** A position's precheck: the outcome as a tag, and the requirements it concerns. */
export function precheckBadge(p) {
  const result = p.precheck && PRECHECK[p.precheck.result] ? p.precheck.result : 'MANUAL';
  let detail = null;
  if (result === 'FAIL') detail = PRECHECK_DETAIL.failed(requirementNames(p.precheck.failedRequirements));
  else if (result !== 'PASS' && p.precheck && p.precheck.manualRequirements && p.precheck.manualRequirements.length) {
    detail = PRECHECK_DETAIL.manual(requirementNames(p.precheck.manualRequirements));
  }
  return h('span', {}, tag(label(PRECHECK, result), tone(PRECHECK, result)), detail ? h('span', {class: 'precheck__detail'}, detail) : null);
}
