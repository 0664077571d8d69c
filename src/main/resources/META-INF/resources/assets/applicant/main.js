// The applicant's 职位改报 journey: landing → sign-in → 我的改报 → options → confirm → confirmation,
// or → decline → refund. One thing per page; routes live in the hash (no personal data in them).
import {Session, serverNow, syncServerClock, newIdempotencyKey, query} from '../shared/api.js';
import {h, clear, field, showErrors, summaryList, tag, confirmDialog, confirmationPanel, nextId, liveCountdown, heading, button, showFlash, startRouter} from '../shared/dom.js';
import {dateTime, money} from '../shared/format.js';
import * as idNumber from '../shared/idnumber.js';
import {
  NOT_ALLOWED_RULE, SWITCH_STATUS, REFUND_STATUS, REFUND_REASON, CHANNELS, requirementNames,
  requirementsInWords, signInMessage, switchMessage, switchErrorTitle, refundMessage, genericMessage, HELP, FORGOT_PASSWORD,
  PRECHECK, OPTIONS_TEXT, CONFIRMED,
} from './copy.js';
import {applicantState} from './state.js';

const session = new Session('applicant-token');
const EXAM_KEY = 'applicant-exam';
const PAGE_SIZE = 10;

const state = {
  exams: null,
  exam: null,        // the chosen exam (ExamView)
  cancelled: null,   // its public list of cancelled positions
  me: null,
  agencies: null,
  options: {q: '', agency: '', qualifiedOnly: true, page: 0},
  keys: {},          // Idempotency-Key per target position, kept until the switch has a definite answer
  flash: null,
};

const main = document.getElementById('main');
const flashSlot = document.getElementById('flash');
const signOutButton = document.getElementById('sign-out');
let cleanups = [];
let renderSeq = 0;
let firstRender = true;

function storedExam() {
  try {
    return sessionStorage.getItem(EXAM_KEY);
  } catch {
    return null;
  }
}

function rememberExam(code) {
  try {
    if (code) sessionStorage.setItem(EXAM_KEY, code);
    else sessionStorage.removeItem(EXAM_KEY);
  } catch {
    // not kept: the chooser shows again after a reload
  }
}

function go(path) {
  if (location.hash === `#${path}`) render();
  else location.hash = path;
}

function flash(text, kind = 'info') {
  state.flash = {text, kind};
}

session.onExpired = () => {
  state.me = null;
  flash('您的登录已过期。为保护您的信息，请重新登录。', 'warning');
  go('/sign-in');
};

signOutButton.addEventListener('click', () => {
  session.token = null;
  state.me = null;
  state.keys = {};
  flash('您已安全退出登录。', 'success');
  go('/');
});

// ---------------------------------------------------------------------------------------------
// data

async function loadExams() {
  if (!state.exams) {
    const page = await session.get(`/api/v1/exams${query({size: 200})}`, {auth: false});
    state.exams = page.items.filter((e) => e.published);
  }
  return state.exams;
}

/** The exam to show: ?exam= in the address, then the one chosen in this tab, then the only one switching. */
async function chooseExam() {
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

async function useExam(code) {
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

async function loadMe() {
  const [me] = await Promise.all([session.get('/api/v1/me'), syncServerClock()]);
  state.me = me;
  await useExam(me.examCode);
  return me;
}

/** The applicant's state now (state.js decides; the pages only show it). */
function stateOf(me) {
  return applicantState(me, serverNow());
}

// ---------------------------------------------------------------------------------------------
// shared pieces

function backLink(path, text = '返回') {
  return h('a', {class: 'back-link', href: `#${path}`}, text);
}

function linkButton(path, text, cls = '') {
  return h('a', {class: `button ${cls}`.trim(), href: `#${path}`, draggable: 'false'}, text);
}

function deadlineText(exam) {
  return dateTime(exam.switchDeadline, exam.timeZone);
}

/** A live countdown to the deadline by the server's clock; calls onEnd once it passes. */
function countdown(deadlineIso, onEnd) {
  const {box, stop} = liveCountdown(deadlineIso, '距改报截止还有 ', onEnd);
  cleanups.push(stop);
  return box;
}

/** Whom to call when stuck: on the landing, sign-in and every end-state page. */
function helpSection(contact) {
  if (!contact) return null;
  return h('section', {class: 'section help', 'aria-labelledby': 'help-heading', id: 'help'},
    h('h2', {class: 'heading-m', id: 'help-heading'}, HELP.heading),
    h('p', {}, HELP.contact(contact)),
    h('p', {class: 'hint'}, HELP.bring));
}

function loadError(e, retry) {
  const slot = h('div', {});
  showErrors(slot, [{text: genericMessage(e)}]);
  return h('div', {}, slot, button('重试', {onclick: retry}));
}

// ---------------------------------------------------------------------------------------------
// pages

async function landingPage() {
  const exam = await chooseExam();
  if (!exam) return examChooser();
  await useExam(exam.code);
  const e = state.exam;
  const cancelled = state.cancelled;
  const several = state.exams.length > 1;
  const signInLabel = e.phase === 'SWITCHING' ? '登录改报' : '登录查询结果';
  const phaseNote = {
    REGISTRATION_CLOSED: `改报将于 ${dateTime(e.switchWindowOpensAt, e.timeZone)} 开始。`,
    SWITCHING: `改报正在进行，截止时间：${deadlineText(e)}。`,
    REVIEWING: `改报已于 ${deadlineText(e)} 截止，正在进行资格审查。已改报的考生可登录查询审查结果和退费情况。`,
    CLOSED: '改报和资格审查均已结束。考生可登录查询审查结果和退费情况。',
  }[e.phase];
  return h('div', {},
    heading(e.name, '职位改报'),
    several ? h('p', {}, h('a', {href: '#/exams', class: 'link'}, '选择其他考试')) : null,
    h('div', {class: `inset ${e.phase === 'SWITCHING' ? 'inset--open' : ''}`}, h('p', {class: 'body-l', id: 'phase-note'}, phaseNote)),
    h('h2', {class: 'heading-m'}, '公告'),
    h('p', {}, `报名结束后，以下 ${cancelled.count} 个职位因缴费人数没有达到开考比例（报考人数与招录人数的比例），已取消招录。`),
    h('p', {}, `报考这些职位的考生，可以在 `, h('strong', {}, deadlineText(e)), ` 前登录本系统，改报 ${e.maxSwitches} 次其他职位。报名费自动转入新职位，无需重新缴费。`),
    h('p', {}, `资格审查结果可在 `, h('strong', {}, dateTime(e.reviewDeadline, e.timeZone)), ' 前登录查询。'),
    h('p', {}, '没有改报，或改报后资格审查未通过的考生，报名费将按原支付渠道退回。'),
    h('div', {class: 'warning-text'}, h('span', {class: 'warning-text__icon', 'aria-hidden': 'true'}, '!'),
      h('strong', {class: 'warning-text__text'}, h('span', {class: 'visually-hidden'}, '注意：'), NOT_ALLOWED_RULE)),
    linkButton('/sign-in', session.signedIn ? '查看我的改报' : signInLabel, 'button--start'),
    cancelledList(cancelled),
    helpSection(e.helpContact));
}

function cancelledList(cancelled) {
  const searchId = 'cancelled-search';
  const count = h('p', {class: 'hint', 'aria-live': 'polite', id: 'cancelled-count'});
  const body = h('tbody', {class: 'table__body'});
  const input = h('input', {class: 'input', type: 'search', autocomplete: 'off', enterkeyhint: 'search'});
  const show = () => {
    const words = input.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const rows = cancelled.positions.filter((p) => {
      const text = `${p.code} ${p.agencyName} ${p.employer} ${p.title}`.toLowerCase();
      return words.every((w) => text.includes(w));
    });
    count.textContent = words.length ? `找到 ${rows.length} 个职位（共 ${cancelled.count} 个）` : `共 ${cancelled.count} 个职位`;
    body.replaceChildren(...rows.map((p) => h('tr', {class: 'table__row'},
      h('td', {class: 'table__cell', 'data-label': '职位代码'}, p.code),
      h('td', {class: 'table__cell', 'data-label': '招录机关'}, p.agencyName),
      h('td', {class: 'table__cell', 'data-label': '用人单位'}, p.employer),
      h('td', {class: 'table__cell', 'data-label': '职位名称'}, p.title),
      h('td', {class: 'table__cell table__cell--numeric', 'data-label': '原招录人数'}, `${p.originalQuota} 人`),
      h('td', {class: 'table__cell table__cell--numeric', 'data-label': '缴费人数 / 开考所需'},
        `${p.confirmedApplicants} / ${p.requiredApplicants} 人`))));
  };
  input.addEventListener('input', show);
  show();
  return h('section', {class: 'section', 'aria-labelledby': 'cancelled-heading'},
    h('h2', {class: 'heading-m', id: 'cancelled-heading'}, '已取消的职位'),
    field({id: searchId, label: '搜索已取消的职位', hint: '输入职位代码、单位或职位名称', input}),
    count,
    h('table', {class: 'table table--responsive'},
      h('caption', {class: 'visually-hidden'}, '已取消的职位，以及缴费人数与开考所需人数'),
      h('thead', {class: 'table__head'}, h('tr', {},
        ['职位代码', '招录机关', '用人单位', '职位名称', '原招录人数', '缴费人数 / 开考所需'].map((t) => h('th', {scope: 'col', class: 'table__header'}, t)))),
      body));
}

async function examChooser() {
  const exams = await loadExams();
  const errors = h('div', {});
  if (!exams.length) return h('div', {}, heading('职位改报'), h('p', {}, '目前没有正在进行改报的考试。'));
  const name = 'exam';
  const current = state.exam ? state.exam.code : null;
  const radios = exams.map((e, i) => {
    const id = `exam-${i}`;
    return h('div', {class: 'radios__item'},
      h('input', {class: 'radios__input', type: 'radio', name, id, value: e.code, checked: e.code === current}),
      h('label', {class: 'label radios__label', for: id}, e.name,
        h('span', {class: 'hint radios__hint'}, e.phase === 'SWITCHING' ? `改报截止：${deadlineText(e)}` : '改报已截止')));
  });
  const form = h('form', {novalidate: true, onsubmit: async (ev) => {
    ev.preventDefault();
    const chosen = form.querySelector('input[name=exam]:checked');
    if (!chosen) {
      showErrors(errors, [{field: 'exam-0', text: '请选择一场考试'}]);
      return;
    }
    state.exam = null;
    rememberExam(chosen.value);
    if (new URLSearchParams(location.search).has('exam')) history.replaceState(null, '', `${location.pathname}#/`);
    go('/');
  }},
  h('fieldset', {class: 'fieldset'}, h('legend', {class: 'visually-hidden'}, '考试'), h('div', {class: 'radios'}, radios)),
  h('button', {type: 'submit', class: 'button'}, '继续'));
  return h('div', {}, errors, heading('选择考试', '职位改报'), form);
}

async function examsPage() {
  // the chooser, even when one exam is preselected
  rememberExam(null);
  if (new URLSearchParams(location.search).has('exam')) history.replaceState(null, '', `${location.pathname}#/exams`);
  return examChooser();
}

async function signInPage() {
  if (session.signedIn) {
    go('/me');
    return null;
  }
  const exam = await chooseExam();
  if (!exam) {
    go('/');
    return null;
  }
  await useExam(exam.code);
  const e = state.exam;
  const errors = h('div', {});
  const idInput = h('input', {class: 'input input--width-20', type: 'text', name: 'idNumber', autocomplete: 'username',
    spellcheck: 'false', autocapitalize: 'characters', maxlength: '22', inputmode: 'text'});
  const pwInput = h('input', {class: 'input input--width-20', type: 'password', name: 'password', autocomplete: 'current-password'});
  const submit = h('button', {type: 'submit', class: 'button'}, '登录');
  const fields = h('div', {});
  const drawFields = (idError, pwError) => {
    fields.replaceChildren(
      field({id: 'id-number', label: '身份证号', hint: '18 位，最后一位可能是字母 X', input: idInput, error: idError}),
      field({id: 'password', label: '密码', hint: '报名时设置的密码', input: pwInput, error: pwError}));
  };
  drawFields();
  const form = h('form', {novalidate: true, onsubmit: async (ev) => {
    ev.preventDefault();
    const idProblem = idNumber.problem(idInput.value);
    const v = idNumber.normalise(idInput.value);
    const idError = {
      empty: '请输入身份证号',
      length: `身份证号应为 18 位，您输入了 ${v.length} 位`,
      format: '身份证号的前 17 位应为数字，最后一位为数字或字母 X',
      check: '身份证号有误（校验位不符），请对照身份证重新输入',
    }[idProblem];
    const pwError = pwInput.value ? null : '请输入密码';
    drawFields(idError, pwError);
    const list = [];
    if (idError) list.push({field: 'id-number', text: idError});
    if (pwError) list.push({field: 'password', text: pwError});
    if (list.length) {
      showErrors(errors, list);
      return;
    }
    submit.disabled = true;
    submit.textContent = '正在登录…';
    try {
      const res = await session.post('/api/v1/auth/applicant-token',
        {examCode: e.code, idNumber: v, password: pwInput.value}, {auth: false});
      session.token = res.data.accessToken;
      pwInput.value = '';
      go('/me');
    } catch (err) {
      const text = signInMessage(err, e);
      showErrors(errors, [{field: err.slug === 'invalid-credentials' ? 'id-number' : null, text}],
        err.slug === 'sign-in-not-allowed' ? '不能登录' : '登录没有成功');
      submit.disabled = false;
      submit.textContent = '登录';
    }
  }}, fields, submit);
  const forgot = h('details', {class: 'details', id: 'forgot-password'},
    h('summary', {class: 'details__summary'}, FORGOT_PASSWORD.summary),
    h('div', {class: 'details__text'}, FORGOT_PASSWORD.lines(e.helpContact).map((t) => h('p', {}, t))));
  return h('div', {}, backLink('/', '返回公告'), errors, heading('登录', e.name),
    h('p', {}, NOT_ALLOWED_RULE), form, forgot, helpSection(e.helpContact));
}

function statusRows(me, st) {
  return summaryList([
    ['姓名', me.name],
    ['身份证号', me.idNumberMasked],
    ['原报考职位', h('span', {}, `${me.originalPosition.code} ${me.originalPosition.title}`,
      h('br', {}), me.originalPosition.agencyName, h('br', {}),
      me.originalPosition.status === 'CANCELLED' ? tag('已取消', 'fail') : null)],
    // Only while a switch can still be made: after a decline or the deadline the count means nothing.
    st.showSwitchesLeft ? ['剩余改报次数', `${me.switchesLeft} 次`] : null,
  ]);
}

/** The state's message and next steps, as state.js words them. */
function statePanel(st) {
  return h('div', {class: `inset inset--state inset--${st.tone}`, id: 'state', 'data-kind': st.kind},
    h('h2', {class: 'heading-m', id: 'state-title'}, st.title),
    st.lines.map((t) => h('p', {}, t)),
    st.next.length ? h('h3', {class: 'heading-s'}, '接下来') : null,
    st.next.length ? h('ul', {class: 'list list--bullet', id: 'state-next'}, st.next.map((t) => h('li', {}, t))) : null);
}

function switchSection(me, exam) {
  const s = me.currentSwitch;
  if (!s) return null;
  const [label, kind] = SWITCH_STATUS[s.status] || [s.status, 'pending'];
  return h('section', {class: 'section', 'aria-labelledby': 'switch-heading'},
    h('h2', {class: 'heading-m', id: 'switch-heading'}, '改报职位与资格审查'),
    summaryList([
      ['改报编号', String(s.id)],
      ['改报职位', h('span', {}, `${s.targetPositionCode} ${s.targetPositionTitle || ''}`, h('br', {}), s.targetAgencyName || '')],
      ['提交时间', dateTime(s.createdAt, me.timeZone)],
      ['资格审查', tag(label, kind)],
      s.status === 'PENDING' ? ['审查结果', `请在 ${dateTime(exam.reviewDeadline, me.timeZone)} 前登录查询`] : null,
      s.reason ? [s.status === 'REJECTED' ? '未通过原因' : '审查意见', s.reason] : null,
      s.decidedAt ? ['审查时间', dateTime(s.decidedAt, me.timeZone)] : null,
    ], 'summary-list--switch'));
}

function refundSection(refund) {
  if (!refund) return null;
  const [label, kind] = REFUND_STATUS[refund.status] || [refund.status, 'pending'];
  return h('section', {class: 'section', 'aria-labelledby': 'refund-heading'},
    h('h2', {class: 'heading-m', id: 'refund-heading'}, '退费'),
    summaryList([
      ['退费编号', String(refund.id)],
      ['退费状态', tag(label, kind)],
      ['退费金额', money(refund.amount)],
      ['退回渠道', refund.channel ? `${CHANNELS[refund.channel] || refund.channel}（原路退回）` : '原支付渠道'],
      ['退费原因', REFUND_REASON[refund.reason] || refund.reason],
    ], 'summary-list--refund'));
}

async function statusPage() {
  const me = await loadMe();
  const exam = state.exam;
  const st = stateOf(me);
  const actions = h('div', {class: 'actions'});
  if (st.canSwitch) actions.append(linkButton('/options', '选择改报职位'));
  if (st.canDecline) actions.append(h('p', {}, h('a', {class: 'link', href: '#/decline'}, '放弃改报，申请退费')));
  const clock = st.showCountdown
    ? h('div', {class: 'inset inset--open'}, countdown(me.switchDeadline, () => render()),
      h('p', {class: 'hint'}, `截止时间：${dateTime(me.switchDeadline, me.timeZone)}`))
    : null;
  return h('div', {}, heading('我的改报', exam.name), statePanel(st), clock, actions, statusRows(me, st),
    switchSection(me, exam), refundSection(me.refund), helpSection(me.helpContact));
}

function precheckBadge(p) {
  const result = p.precheck ? p.precheck.result : 'MANUAL';
  const [label, kind] = PRECHECK[result] || PRECHECK.MANUAL;
  let detail = null;
  if (result === 'FAIL') detail = PRECHECK.failed(requirementNames(p.precheck.failedRequirements));
  else if (result !== 'PASS' && p.precheck && p.precheck.manualRequirements && p.precheck.manualRequirements.length) {
    detail = PRECHECK.manual(requirementNames(p.precheck.manualRequirements));
  }
  return h('span', {}, tag(label, kind), detail ? h('span', {class: 'precheck__detail'}, detail) : null);
}

async function loadAgencies() {
  if (!state.agencies) {
    const all = await session.get(`/api/v1/me/switch-options${query({qualifiedOnly: false, size: 500})}`);
    const seen = new Map();
    for (const p of all.items) if (!seen.has(p.agencyCode)) seen.set(p.agencyCode, p.agencyName);
    state.agencies = [...seen.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  }
  return state.agencies;
}

async function optionsPage() {
  const me = state.me || await loadMe();
  if (!stateOf(me).canSwitch) {
    go('/me');
    return null;
  }
  const agencies = await loadAgencies();
  const o = state.options;
  const errors = h('div', {});
  const q = h('input', {class: 'input', type: 'search', value: o.q, autocomplete: 'off', enterkeyhint: 'search'});
  const agency = h('select', {class: 'select'},
    h('option', {value: ''}, '全部单位'),
    agencies.map(([code, name]) => h('option', {value: code, selected: code === o.agency}, name)));
  const qualified = h('input', {class: 'checkboxes__input', type: 'checkbox', id: 'qualified-only', checked: o.qualifiedOnly});
  const results = h('div', {id: 'results'});
  const status = h('p', {class: 'results-count', 'aria-live': 'polite', id: 'results-count'});
  const hidden = h('p', {class: 'hint', id: 'results-hidden', hidden: true});
  const rejected = me.rejectedPositionCodes && me.rejectedPositionCodes.length
    ? h('p', {class: 'hint', id: 'results-rejected'}, OPTIONS_TEXT.rejected(me.rejectedPositionCodes.join('、'))) : null;

  const load = async (focusResults) => {
    status.textContent = '正在查找…';
    try {
      const page = await session.get(`/api/v1/me/switch-options${query({
        q: o.q, agency: o.agency, qualifiedOnly: o.qualifiedOnly, page: o.page, size: PAGE_SIZE})}`);
      const pages = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
      status.textContent = page.total ? OPTIONS_TEXT.found(page.total, o.page + 1, pages) : OPTIONS_TEXT.none;
      hidden.textContent = o.qualifiedOnly && page.unqualifiedHidden ? OPTIONS_TEXT.hidden(page.unqualifiedHidden) : '';
      hidden.hidden = !hidden.textContent;
      const pager = pagination(o.page, pages, (n) => {
        o.page = n;
        load(true);
      });
      results.replaceChildren(h('ul', {class: 'positions'}, page.items.map((p) => positionCard(p, me))), ...(pager ? [pager] : []));
      showErrors(errors, []);
      if (focusResults) status.focus();
    } catch (e) {
      if (e.status === 401) return;
      status.textContent = '';
      showErrors(errors, [{text: genericMessage(e)}]);
    }
  };
  status.setAttribute('tabindex', '-1');
  const form = h('form', {class: 'filters', role: 'search', novalidate: true, onsubmit: (ev) => {
    ev.preventDefault();
    o.q = q.value.trim();
    o.agency = agency.value;
    o.qualifiedOnly = qualified.checked;
    o.page = 0;
    load(true);
  }},
  field({id: 'option-q', label: '关键词', hint: '职位代码、职位名称或用人单位', input: q}),
  field({id: 'option-agency', label: '招录机关', input: agency}),
  h('div', {class: 'form-group checkboxes__item'}, qualified,
    h('label', {class: 'label checkboxes__label', for: 'qualified-only'}, '只看符合条件的职位')),
  h('button', {type: 'submit', class: 'button button--secondary'}, '查找职位'));
  qualified.addEventListener('change', () => form.requestSubmit());
  agency.addEventListener('change', () => form.requestSubmit());
  load(false);
  return h('div', {}, backLink('/me', '返回我的改报'), errors, heading('选择改报职位', state.exam.name),
    h('p', {}, '选择一个职位后，会请您确认。确认前不会改报。'), form, status, hidden, rejected, results);
}

function pagination(page, pages, onPage) {
  if (pages <= 1) return null;
  return h('nav', {class: 'pagination', 'aria-label': '翻页'},
    page > 0 ? h('button', {type: 'button', class: 'button button--secondary pagination__prev', onclick: () => onPage(page - 1)}, '上一页') : null,
    h('span', {class: 'pagination__info'}, `第 ${page + 1} / ${pages} 页`),
    page < pages - 1 ? h('button', {type: 'button', class: 'button button--secondary pagination__next', onclick: () => onPage(page + 1)}, '下一页') : null);
}

function positionCard(p, me) {
  const titleId = nextId('position');
  const failed = p.precheck && p.precheck.result === 'FAIL';
  return h('li', {class: 'position', 'aria-labelledby': titleId, 'data-code': p.code},
    h('h3', {class: 'heading-s position__title', id: titleId}, `${p.code} ${p.title}`),
    h('p', {class: 'position__org'}, p.agencyName, h('br', {}), p.employer),
    summaryList([
      ['招录人数', `${p.quota} 人`],
      ['报考条件', requirementsInWords(p.requirements).join('；')],
      ['条件初查', precheckBadge(p)],
    ], 'summary-list--compact'),
    failed
      ? h('p', {class: 'hint'}, '您不符合这个职位的条件，不能改报。')
      : h('button', {type: 'button', class: 'button button--secondary position__choose', 'aria-describedby': titleId,
        onclick: () => confirmSwitch(p, me)}, '选择这个职位'));
}

/** Check your answers, in a dialog: the one final action of the journey. */
function confirmSwitch(p, me) {
  if (!state.keys[p.code]) state.keys[p.code] = newIdempotencyKey();
  confirmDialog({
    title: '请确认改报',
    content: [
      summaryList([
        ['原报考职位', `${me.originalPosition.code} ${me.originalPosition.title}`],
        ['改报到', h('span', {}, h('strong', {}, `${p.code} ${p.title}`), h('br', {}), `${p.agencyName} ${p.employer}`)],
        ['条件初查', precheckBadge(p)],
        ['报名费', '自动转入新职位，无需重新缴费'],
      ]),
      h('div', {class: 'warning-text'}, h('span', {class: 'warning-text__icon', 'aria-hidden': 'true'}, '!'),
        h('strong', {class: 'warning-text__text'}, h('span', {class: 'visually-hidden'}, '注意：'),
          `改报提交后不能撤回，也不能再换其他职位。每位考生只能改报 ${state.exam.maxSwitches} 次，这次改报会计入其中（您还剩 ${me.switchesLeft} 次）。改报后须通过新职位的资格审查。`)),
    ],
    confirm: {label: '确认改报', id: 'confirm-switch'},
    cancel: {label: '返回重新选择', id: 'cancel-switch'},
    onConfirm: async ({errors, confirm, cancel}) => {
      confirm.textContent = '正在提交…';
      try {
        await session.post('/api/v1/me/switch', {targetPositionCode: p.code},
          {headers: {'Idempotency-Key': state.keys[p.code]}, timeoutMs: 30000});
        delete state.keys[p.code];
        state.me = null;
        go('/switched');
        return true;
      } catch (e) {
        if (e.status === 401) return true;
        // Only a definite answer ends this confirmation's key; a lost one is retried with it.
        const retryable = ['network', 'timeout', 'idempotency-key-in-use', 'service-busy'].includes(e.slug) || e.status >= 500;
        if (!retryable) delete state.keys[p.code];
        showErrors(errors, [{text: switchMessage(e, me)}], switchErrorTitle(retryable));
        confirm.disabled = !retryable;
        confirm.textContent = retryable ? '再次确认改报' : '确认改报';
        if (!retryable) cancel.focus();
        return false;
      }
    },
  });
}

/**
 * After a switch: read back from 我的改报, so that a reload (or coming back to this address) still
 * says what happened, with the reference staff know it by.
 */
async function switchedPage() {
  const me = await loadMe();
  const s = me.currentSwitch;
  if (!s) {
    flash(CONFIRMED.nothing, 'info');
    go('/me');
    return null;
  }
  return h('div', {},
    confirmationPanel(CONFIRMED.switchTitle, '新职位', h('br', {}), h('strong', {}, `${s.targetPositionCode} ${s.targetPositionTitle || ''}`),
      h('br', {}), h('span', {id: 'reference'}, CONFIRMED.reference('改报编号', s.id))),
    h('p', {}, CONFIRMED.keepReference),
    statePanel(stateOf(me)),
    h('p', {}, CONFIRMED.feeCarriesOver),
    linkButton('/me', '查看我的改报'),
    helpSection(me.helpContact));
}

async function declinePage() {
  const me = state.me || await loadMe();
  if (!stateOf(me).canDecline) {
    go('/me');
    return null;
  }
  const exam = state.exam;
  const start = button('放弃改报，申请退费', {class: 'button button--warning', id: 'decline'});
  start.addEventListener('click', () => confirmDecline(me));
  return h('div', {}, backLink('/me', '返回我的改报'), heading('放弃改报，申请退费', exam.name),
    h('p', {}, '如果您不想改报其他职位，可以申请退回报名费。'),
    summaryList([
      ['原报考职位', `${me.originalPosition.code} ${me.originalPosition.title}（已取消）`],
      exam.feeAmount ? ['退费金额', money(exam.feeAmount)] : null,
      ['退回渠道', '按原支付渠道退回'],
    ]),
    h('div', {class: 'warning-text'}, h('span', {class: 'warning-text__icon', 'aria-hidden': 'true'}, '!'),
      h('strong', {class: 'warning-text__text'}, h('span', {class: 'visually-hidden'}, '注意：'),
        '申请退费后，您将不能再改报任何职位，也不能撤回申请。')),
    start,
    h('p', {}, h('a', {class: 'link', href: '#/options'}, '我还是想改报，去选择职位')));
}

function confirmDecline(me) {
  confirmDialog({
    title: '确定放弃改报吗？',
    content: h('p', {}, '提交后不能撤回，您将不能再改报。报名费将按原支付渠道退回。'),
    confirm: {label: '确认放弃改报并退费', id: 'confirm-decline', kind: 'warning'},
    cancel: {label: '返回', id: 'cancel-decline'},
    onConfirm: async ({errors, confirm}) => {
      try {
        await session.post('/api/v1/me/refund-request', undefined, {timeoutMs: 30000});
        state.me = null;
        go('/declined');
        return true;
      } catch (e) {
        if (e.status === 401) return true;
        confirm.disabled = false;
        showErrors(errors, [{text: refundMessage(e, me)}], '退费申请没有成功');
        return false;
      }
    },
  });
}

/** After declining: read back from 我的改报, so that a reload still shows the refund and its reference. */
async function declinedPage() {
  const me = await loadMe();
  const r = me.refund;
  if (!r || r.reason !== 'DECLINED') {
    flash(CONFIRMED.nothing, 'info');
    go('/me');
    return null;
  }
  return h('div', {},
    confirmationPanel(CONFIRMED.declineTitle, `退费金额 ${money(r.amount)}`, h('br', {}),
      h('span', {id: 'reference'}, CONFIRMED.reference('退费编号', r.id))),
    h('p', {}, CONFIRMED.keepReference),
    statePanel(stateOf(me)),
    refundSection(r),
    linkButton('/me', '查看我的改报'),
    helpSection(me.helpContact));
}

// ---------------------------------------------------------------------------------------------
// router

const ROUTES = {
  '/': [landingPage, false, '公告'],
  '/exams': [examsPage, false, '选择考试'],
  '/sign-in': [signInPage, false, '登录'],
  '/me': [statusPage, true, '我的改报'],
  '/options': [optionsPage, true, '选择改报职位'],
  '/switched': [switchedPage, true, '改报已提交'],
  '/decline': [declinePage, true, '放弃改报，申请退费'],
  '/declined': [declinedPage, true, '退费申请已提交'],
};

function showState() {
  showFlash(flashSlot, state.flash);
  state.flash = null;
}

async function render() {
  const seq = ++renderSeq;
  cleanups.forEach((f) => f());
  cleanups = [];
  const path = (location.hash.slice(1) || '/').split('?')[0];
  const [page, needsToken, title] = ROUTES[path] || ROUTES['/'];
  signOutButton.hidden = !session.signedIn;
  if (needsToken && !session.signedIn) {
    flash('请先登录。', 'info');
    go('/sign-in');
    return;
  }
  main.setAttribute('aria-busy', 'true');
  let content;
  try {
    content = await page();
  } catch (e) {
    if (e.status === 401) return; // onExpired has sent the applicant to sign-in
    content = loadError(e, () => render());
  }
  if (seq !== renderSeq || content === null) return;
  showState();
  signOutButton.hidden = !session.signedIn;
  main.replaceChildren(content);
  main.removeAttribute('aria-busy');
  document.title = `${title} - 职位改报`;
  const h1 = main.querySelector('h1');
  if (!firstRender && h1) h1.focus();
  else window.scrollTo(0, 0);
  if (!firstRender) window.scrollTo(0, 0);
  firstRender = false;
}

startRouter(main, render);
