// The staff console (/console/): sign-in, then what the token's role may do. Reviewers (REVIEWER, one
// agency) work through their agency's queue; administrators (ADMIN) see every agency's. Routes live in
// the hash; no personal data in them. Built on the shared API client, DOM helpers and styles.
import {Session, syncServerClock, query} from '../shared/api.js';
import {h, append, clear, field, showErrors, summaryList, tag, liveCountdown, nextId, confirmDialog, heading, button, showFlash, startRouter} from '../shared/dom.js';
import {dateTime, date, ageAt} from '../shared/format.js';
import {EDUCATION, POLITICAL, REQUIREMENT_NAMES} from '../shared/labels.js';
import {mask} from '../shared/idnumber.js';
import {
  ROLE_NAMES, STAFF_PASSWORD_RULE, STAFF_FIELD_PROBLEMS, REVIEW_STATUS, REFUND_STATUS, REFUND_REASONS, CHANNELS, OUTCOMES, MARKS, USUAL_REASONS, OTHER_REASON,
  forbiddenMessage, signInMessage, decisionMessage, genericMessage,
} from './copy.js';

// The staff token has its own key: an applicant signed in on the same browser never shares it.
const session = new Session('staff-token');
const EXAM_KEY = 'console-exam';
const PAGE_SIZE = 20;
const STATUSES = ['PENDING', 'APPROVED', 'REJECTED'];

const state = {
  exams: null,
  exam: null,
  flash: null,
  queue: null,  // {exam, status, page, items, total, counts, selected}
  notice: null, // a message for the queue's detail panel after a refresh: {kind, text}
  focusList: false, // after a decision or a page turn by keyboard, focus stays in the queue
};

const main = document.getElementById('main');
const flashSlot = document.getElementById('flash');
const signOutButton = document.getElementById('sign-out');
const who = document.getElementById('who');
const nav = document.getElementById('nav');
const navList = document.getElementById('nav-list');
let cleanups = [];
let renderSeq = 0;
let firstRender = true;

function stored(key, value) {
  try {
    if (value === undefined) return sessionStorage.getItem(key);
    if (value) sessionStorage.setItem(key, value);
    else sessionStorage.removeItem(key);
  } catch {
    // storage refused: the choice is not kept across reloads
  }
  return null;
}

function route() {
  const [path, q] = (location.hash.slice(1) || '/').split('?');
  return {path, params: new URLSearchParams(q || '')};
}

function go(path) {
  if (location.hash === `#${path}`) render();
  else location.hash = path;
}

function flash(text, kind = 'info') {
  state.flash = {text, kind};
}

function claims() {
  return session.claims || {};
}

function isAdmin() {
  return (claims().groups || []).includes('ADMIN');
}

// Signing in again returns to the page the staff member was on (the hash is kept).
session.onExpired = () => {
  state.queue = null;
  flash('您的登录已过期，请重新登录。未提交的审查意见没有保存。', 'warning');
  render();
};

signOutButton.addEventListener('click', () => {
  session.token = null;
  state.queue = null;
  flash('您已安全退出登录。', 'success');
  go('/');
});

// ---------------------------------------------------------------------------------------------
// shared pieces

function problemBox(text) {
  const slot = h('div', {});
  showErrors(slot, [{text}]);
  return slot;
}

/** A page that could not load: why (a 403 says what the role may not do), and a retry. */
function loadError(e, what) {
  const text = e.status === 403 ? forbiddenMessage(claims(), what) : genericMessage(e);
  return h('div', {},
    heading(e.status === 403 ? '没有权限' : '页面没有加载成功'),
    problemBox(text),
    e.status === 403 ? h('p', {}, h('a', {href: '#/'}, '返回首页')) : button('重试', {onclick: () => render()}));
}

function showState() {
  showFlash(flashSlot, state.flash);
  state.flash = null;
}

const NAV = [
  {path: '/queue', label: '资格审查', roles: ['ADMIN', 'REVIEWER']},
  {path: '/ratio', label: '开考比例核查', roles: ['ADMIN']},
  {path: '/summary', label: '数据概览', roles: ['ADMIN']},
  {path: '/refunds', label: '退费', roles: ['ADMIN']},
  {path: '/staff', label: '工作人员账号', roles: ['ADMIN']},
];

function showChrome() {
  const signedIn = session.signedIn;
  signOutButton.hidden = !signedIn;
  who.hidden = !signedIn;
  nav.hidden = !signedIn;
  clear(navList);
  if (!signedIn) return;
  const c = claims();
  const role = isAdmin() ? 'ADMIN' : 'REVIEWER';
  who.textContent = `${c.upn || ''}（${ROLE_NAMES[role]}${c.agency ? ` · 单位 ${c.agency}` : ''}）`;
  const current = route().path;
  for (const item of NAV.filter((n) => n.roles.includes(role))) {
    navList.append(h('li', {class: 'console-nav__item'},
      h('a', {class: 'console-nav__link', href: `#${item.path}`, 'aria-current': current.startsWith(item.path) ? 'page' : null}, item.label)));
  }
}

/** One figure of a dashboard row (a dl of them). */
function figure(label, value) {
  return h('div', {class: 'figure'}, h('dt', {class: 'figure__label'}, label), h('dd', {class: 'figure__value'}, value == null ? '—' : String(value)));
}

/** The page's heading with the exam as its caption, and the exam chooser (leading to path) when there are several. */
function pageTop(title, caption, exam, path) {
  return h('div', {class: 'console-top'}, h('div', {}, heading(title, caption)),
    state.exams.length > 1 ? examChooser(exam, (c) => go(`${path}${query({exam: c})}`)) : null);
}

/** Previous / next links of a list paged by href(n), or null for a single page. */
function pagination(page, pages, href, more = '') {
  if (pages <= 1) return null;
  return h('nav', {class: 'pagination', 'aria-label': '翻页'},
    page > 0 ? h('a', {class: 'button button--secondary', href: href(page - 1)}, '上一页') : h('span', {}),
    h('span', {class: 'pagination__info'}, `第 ${page + 1} / ${pages} 页${more}`),
    page + 1 < pages ? h('a', {class: 'button button--secondary', href: href(page + 1)}, '下一页') : h('span', {}));
}

// ---------------------------------------------------------------------------------------------
// exams

async function loadExams() {
  if (!state.exams) {
    const page = await session.get(`/api/v1/exams${query({size: 200})}`);
    state.exams = page.items;
  }
  return state.exams;
}

/** The exam chosen in this tab, else the only one reviewing or switching, else the first. */
async function chooseExam(wanted) {
  const exams = await loadExams();
  const code = wanted || stored(EXAM_KEY);
  let exam = exams.find((e) => e.code === code);
  if (!exam) {
    const live = exams.filter((e) => e.phase === 'REVIEWING' || e.phase === 'SWITCHING');
    exam = live.length === 1 ? live[0] : exams[0];
  }
  if (exam) stored(EXAM_KEY, exam.code);
  state.exam = exam || null;
  return state.exam;
}

function examChooser(exam, onChoose) {
  const id = nextId('exam');
  const select = h('select', {class: 'select', name: 'exam'},
    state.exams.map((e) => h('option', {value: e.code, selected: e.code === exam.code ? 'selected' : null}, `${e.name}（${e.code}）`)));
  select.value = exam.code;
  const form = h('form', {class: 'exam-chooser', 'aria-label': '选择考试'},
    h('label', {class: 'label', for: id}, '考试'), select,
    h('button', {type: 'submit', class: 'button button--secondary'}, '查看'));
  select.id = id;
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    stored(EXAM_KEY, select.value);
    onChoose(select.value);
  });
  return form;
}

// ---------------------------------------------------------------------------------------------
// sign-in

function signInPage() {
  const errors = h('div', {});
  const username = h('input', {class: 'input input--width-20', name: 'username', autocomplete: 'username', spellcheck: 'false', autocapitalize: 'none'});
  const password = h('input', {class: 'input input--width-20', name: 'password', type: 'password', autocomplete: 'current-password'});
  const submit = h('button', {type: 'submit', class: 'button'}, '登录');
  const userGroup = field({id: 'username', label: '用户名', input: username});
  const passGroup = field({id: 'password', label: '密码', input: password});
  const form = h('form', {novalidate: true}, userGroup, passGroup, submit);
  const mark = (input, group, message) => {
    input.setAttribute('aria-invalid', message ? 'true' : 'false');
    group.classList.toggle('form-group--error', !!message);
  };
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const problems = [];
    if (!username.value.trim()) problems.push({field: 'username', text: '请输入用户名'});
    if (!password.value) problems.push({field: 'password', text: '请输入密码'});
    mark(username, userGroup, problems.some((p) => p.field === 'username'));
    mark(password, passGroup, problems.some((p) => p.field === 'password'));
    if (problems.length) {
      showErrors(errors, problems);
      return;
    }
    submit.disabled = true;
    try {
      const {data} = await session.post('/api/v1/auth/staff-token', {username: username.value.trim(), password: password.value}, {auth: false});
      session.token = data.accessToken;
      state.exams = null;
      if (route().path === '/sign-in') go('/queue');
      else render();
    } catch (e) {
      showErrors(errors, [{field: e.slug === 'invalid-credentials' ? 'password' : null, text: signInMessage(e)}]);
      password.value = '';
    } finally {
      submit.disabled = false;
    }
  });
  return h('div', {class: 'narrow'},
    heading('工作人员登录', '职位改报 · 工作人员控制台'),
    h('p', {}, '考试机构管理员和招录单位审查人员使用本单位分配的账号登录。'),
    errors, form);
}

// ---------------------------------------------------------------------------------------------
// the review queue

function reviewsPath(exam, params) {
  return `/api/v1/admin/exams/${encodeURIComponent(exam.code)}/reviews${query(params)}`;
}

async function loadQueue(exam, status, page) {
  const [list, ...counts] = await Promise.all([
    session.get(reviewsPath(exam, {status, page, size: PAGE_SIZE})),
    ...STATUSES.map((s) => session.get(reviewsPath(exam, {status: s, size: 1})).then((p) => p.total)),
  ]);
  const previous = state.queue && state.queue.exam === exam.code && state.queue.status === status ? state.queue.selected : 0;
  state.queue = {
    exam: exam.code, status, page, items: list.items, total: list.total,
    counts: Object.fromEntries(STATUSES.map((s, i) => [s, counts[i]])),
    selected: Math.min(previous, Math.max(0, list.items.length - 1)),
  };
  return state.queue;
}

function queueHref(status, page = 0) {
  return `#/queue${query({status, page: page || null})}`;
}

/** What a reviewer reads of one requirement: the position's rule, the applicant's fact and the mark. */
function requirementRows(review, exam) {
  const r = (review.targetPosition && review.targetPosition.requirements) || {};
  const a = review.applicant || {};
  const failed = new Set((review.precheck && review.precheck.failedRequirements) || []);
  const manual = new Set((review.precheck && review.precheck.manualRequirements) || []);
  const age = ageAt(a.birthDate, review.reviewDeadline || exam.reviewDeadline, exam.timeZone);
  const rows = [
    ['MIN_EDUCATION', r.minEducation ? `${EDUCATION[r.minEducation] || r.minEducation}及以上` : null, EDUCATION[a.education] || a.education],
    ['DEGREE', r.degreeRequired ? '须取得相应学位' : null, a.degree ? '有学位' : '无学位'],
    ['MAJOR', r.majors && r.majors.length ? r.majors.join('、') : null, a.major],
    ['MAX_AGE', r.maxAge != null ? `${r.maxAge}周岁以下` : null, age != null ? `${age}周岁（审查截止时）` : null],
    ['POLITICAL_STATUS', r.politicalStatus ? POLITICAL[r.politicalStatus] || r.politicalStatus : null, POLITICAL[a.politicalStatus] || a.politicalStatus],
    ['GRASSROOTS_YEARS', r.minGrassrootsYears ? `${r.minGrassrootsYears}年以上` : null, a.grassrootsYears != null ? `${a.grassrootsYears}年` : null],
    ['HOUSEHOLD_REGION', r.householdRegion || null, a.householdRegion],
  ];
  return rows.map(([code, rule, fact]) => {
    let mark = 'none';
    if (failed.has(code)) mark = 'fail';
    else if (manual.has(code)) mark = 'manual';
    else if (rule) mark = 'pass';
    return {code, rule, fact, mark};
  });
}

function requirementsTable(review, exam) {
  const rows = requirementRows(review, exam);
  return h('table', {class: 'table table--compare'},
    h('caption', {class: 'table__caption'}, '职位要求与考生条件对照（系统预审）'),
    h('thead', {}, h('tr', {},
      ['条件', '职位要求', '考生情况', '预审'].map((t) => h('th', {class: 'table__header', scope: 'col'}, t)))),
    h('tbody', {}, rows.map((row) => h('tr', {class: `compare--${row.mark}`},
      h('th', {class: 'table__header', scope: 'row'}, REQUIREMENT_NAMES[row.code]),
      h('td', {class: 'table__cell'}, row.rule || '不限'),
      h('td', {class: 'table__cell'}, row.fact == null ? '—' : row.fact),
      h('td', {class: 'table__cell'}, row.mark === 'none' ? h('span', {class: 'secondary'}, MARKS.none)
        : tag(MARKS[row.mark], row.mark))))));
}

const PRECHECK = {PASS: ['系统预审：全部符合', 'pass'], FAIL: ['系统预审：有条件不符合', 'fail'], MANUAL: ['系统预审：有条件需人工核实', 'manual']};

function applicantFacts(review, exam) {
  const a = review.applicant || {};
  const age = ageAt(a.birthDate, review.reviewDeadline || exam.reviewDeadline, exam.timeZone);
  return summaryList([
    ['姓名', a.name],
    ['身份证号', a.idNumber ? mask(a.idNumber) : null],
    ['出生日期', a.birthDate ? `${date(a.birthDate)}（审查截止时 ${age} 周岁）` : null],
    ['学历', EDUCATION[a.education] || a.education],
    ['学位', a.degree == null ? null : a.degree ? '有' : '无'],
    ['专业', a.major],
    ['政治面貌', POLITICAL[a.politicalStatus] || a.politicalStatus],
    ['基层工作年限', a.grassrootsYears == null ? null : `${a.grassrootsYears}年`],
    ['户籍所在地', a.householdRegion],
    ['原报考职位', review.originalPositionCode],
    ['提交改报时间', dateTime(review.createdAt, exam.timeZone)],
  ], 'summary-list--compact');
}

function positionFacts(review) {
  const p = review.targetPosition || {};
  return summaryList([
    ['职位代码', p.code || review.targetPositionCode],
    ['职位名称', p.title],
    ['用人单位', p.employer],
    ['招录单位', p.agencyName ? `${p.agencyName}（${p.agencyCode}）` : p.agencyCode],
  ], 'summary-list--compact');
}

function decisionFacts(review, exam) {
  return summaryList([
    ['审查结果', REVIEW_STATUS[review.status] ? REVIEW_STATUS[review.status][0] : review.status],
    ['审查人员', review.reviewer],
    ['不通过原因', review.reason],
    ['审查时间', review.decidedAt ? dateTime(review.decidedAt, exam.timeZone) : null],
    ['超过审查截止时间', review.lateDecision ? '是（由管理员在截止后作出）' : null],
  ], 'summary-list--compact');
}

/** The reject form: a usual reason or another in words; a reason is required. */
function rejectForm(review, onSubmit, onCancel) {
  const errors = h('div', {});
  const name = nextId('reason');
  const choices = [...USUAL_REASONS, OTHER_REASON];
  const radios = choices.map((text, i) => {
    const input = h('input', {class: 'radios__input', type: 'radio', name, id: `reason-${i}`, value: text});
    return h('div', {class: 'radios__item'}, input, h('label', {class: 'radios__label', for: `reason-${i}`}, text));
  });
  const detail = h('textarea', {class: 'textarea', name: 'detail', rows: '3', maxlength: '400'});
  const detailGroup = field({id: 'reason-detail', label: '补充说明', hint: '选择“其他原因”时必填；考生会看到不通过的原因。', input: detail});
  const fieldset = h('fieldset', {class: 'fieldset', 'aria-describedby': 'reason-hint'},
    h('legend', {class: 'label'}, '不通过的原因'),
    h('div', {class: 'hint', id: 'reason-hint'}, '按数字键 1–8 选择，Esc 取消。'),
    h('div', {class: 'radios radios--small'}, radios));
  const fieldsetGroup = h('div', {class: 'form-group'}, fieldset);
  const submit = h('button', {type: 'submit', class: 'button button--warning'}, '确认不通过');
  const cancel = h('button', {type: 'button', class: 'button button--secondary', onclick: onCancel}, '取消');
  const form = h('form', {class: 'reject-form', novalidate: true, 'aria-label': '审查不通过'},
    h('h3', {class: 'heading-s'}, '审查不通过'), errors, fieldsetGroup, detailGroup, h('div', {class: 'button-group'}, submit, cancel));
  form.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') {
      ev.preventDefault();
      onCancel();
    } else if (ev.key === 'Enter' && ev.target.type === 'radio') {
      ev.preventDefault();
      form.requestSubmit();
    } else if (/^[1-8]$/.test(ev.key) && ev.target !== detail) {
      ev.preventDefault();
      const input = form.querySelector(`#reason-${Number(ev.key) - 1}`);
      input.checked = true;
      input.focus();
    }
  });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const chosen = form.querySelector(`input[name="${name}"]:checked`);
    const text = detail.value.trim();
    const problems = [];
    if (!chosen && !text) problems.push({field: 'reason-0', text: '请选择或填写不通过的原因'});
    else if (chosen && chosen.value === OTHER_REASON && !text) problems.push({field: 'reason-detail', text: '选择“其他原因”时，请填写补充说明'});
    fieldsetGroup.classList.toggle('form-group--error', problems.some((p) => p.field === 'reason-0'));
    detailGroup.classList.toggle('form-group--error', problems.some((p) => p.field === 'reason-detail'));
    detail.setAttribute('aria-invalid', problems.some((p) => p.field === 'reason-detail') ? 'true' : 'false');
    if (problems.length) {
      showErrors(errors, problems);
      return;
    }
    let reason = text;
    if (chosen && chosen.value !== OTHER_REASON) reason = text ? `${chosen.value}：${text}` : chosen.value;
    submit.disabled = true;
    try {
      await onSubmit(reason, errors);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

async function queuePage() {
  const {params} = route();
  const exam = await chooseExam(params.get('exam'));
  if (!exam) return h('div', {}, heading('资格审查'), h('p', {}, '目前没有考试。'));
  if (!exam.published) {
    return h('div', {},
      pageTop('资格审查', exam.name, exam, '/queue'),
      h('p', {}, '这场考试还没有发布开考比例核查结果，因此还没有改报申请需要审查。'),
      isAdmin() ? h('p', {}, h('a', {href: `#/ratio${query({exam: exam.code})}`}, '去进行开考比例核查')) : null);
  }
  await syncServerClock();
  const status = STATUSES.includes(params.get('status')) ? params.get('status') : 'PENDING';
  const page = Math.max(0, Number(params.get('page')) || 0);
  let q;
  try {
    q = await loadQueue(exam, status, page);
  } catch (e) {
    if (e.status === 401) throw e;
    return loadError(e, '查看这场考试的改报申请');
  }
  const c = claims();
  const scope = isAdmin() ? '全部招录单位' : `本单位（${c.agency || '—'}）`;
  const countdown = liveCountdown(exam.reviewDeadline, '距资格审查截止还有 ', () => {
    countdown.box.replaceChildren('资格审查已截止。');
  });
  cleanups.push(countdown.stop);

  const tabs = h('nav', {class: 'tabs', 'aria-label': '按审查状态查看'}, h('ul', {class: 'tabs__list'},
    STATUSES.map((s) => h('li', {class: 'tabs__item'}, h('a', {
      class: 'tabs__link', href: queueHref(s), 'aria-current': s === status ? 'page' : null, id: `tab-${s}`,
    }, `${REVIEW_STATUS[s][0]}（${q.counts[s]}）`)))));

  const live = h('div', {class: 'queue-status', role: 'status', 'aria-live': 'polite'});
  const list = h('ol', {class: 'queue', 'aria-label': `${REVIEW_STATUS[status][0]}的改报申请`, start: String(page * PAGE_SIZE + 1)});
  const detail = h('section', {class: 'review', 'aria-labelledby': 'review-heading'});
  const pages = Math.max(1, Math.ceil(q.total / PAGE_SIZE));

  const itemButtons = q.items.map((r, i) => {
    const b = h('button', {type: 'button', class: 'queue__item', 'data-id': String(r.id), onclick: () => select(i, true)},
      h('span', {class: 'queue__name'}, r.applicant ? r.applicant.name : '—'),
      h('span', {class: 'queue__meta'}, `${r.targetPositionCode} · ${r.targetPosition ? r.targetPosition.title : ''}`),
      h('span', {class: 'queue__tags'},
        PRECHECK[r.precheck && r.precheck.result] ? tag(PRECHECK[r.precheck.result][0].replace('系统预审：', ''), PRECHECK[r.precheck.result][1]) : null,
        r.lateDecision ? tag('截止后决定', 'fail') : null));
    list.append(h('li', {class: 'queue__row'}, b));
    return b;
  });

  async function refresh() {
    state.focusList = true;
    await render();
  }

  async function decide(review, decision, reason, errors) {
    try {
      await session.post(`/api/v1/admin/reviews/${review.id}/decision`, reason ? {decision, reason} : {decision});
      const name = review.applicant ? review.applicant.name : `#${review.id}`;
      state.notice = {kind: 'success', text: decision === 'APPROVED' ? `已通过 ${name} 的改报申请。` : `已将 ${name} 的改报申请审查为不通过。`};
      await refresh();
    } catch (e) {
      if (e.status === 401) return;
      if (e.slug === 'review-already-decided' || e.slug === 'review-deadline-passed') {
        const name = review.applicant ? `（${review.applicant.name}，申请编号 ${review.id}）` : '';
      state.notice = {kind: 'error', text: `${decisionMessage(e, exam)}${name}`};
        await refresh();
        return;
      }
      const text = e.status === 403 ? forbiddenMessage(claims(), '审查这条改报申请') : decisionMessage(e, exam);
      if (errors) showErrors(errors, [{text}]);
      else showErrors(live, [{text}]);
    }
  }

  function showDetail(review) {
    clear(detail);
    if (!review) {
      detail.append(h('h2', {class: 'heading-m', id: 'review-heading'}, '没有需要显示的申请'),
        h('p', {}, status === 'PENDING' ? '本单位目前没有待审查的改报申请。' : '没有这一状态的申请。'));
      return;
    }
    const [statusText, statusKind] = REVIEW_STATUS[review.status] || [review.status, 'pending'];
    const pre = PRECHECK[review.precheck && review.precheck.result];
    const pending = review.status === 'PENDING';
    const actions = h('div', {class: 'button-group review__actions'});
    const formSlot = h('div', {});
    const errors = h('div', {});
    if (pending) {
      const approve = button('通过', {id: 'approve', 'aria-keyshortcuts': 'A', onclick: () => decide(review, 'APPROVED', null, errors)});
      const reject = button('不通过', {class: 'button button--warning', id: 'reject', 'aria-keyshortcuts': 'R', onclick: () => openReject()});
      actions.append(approve, reject, h('span', {class: 'hint review__keys'}, '快捷键：J/K 或 ↓/↑ 切换申请，A 通过，R 不通过'));
    }
    function openReject() {
      clear(formSlot);
      const form = rejectForm(review, (reason, formErrors) => decide(review, 'REJECTED', reason, formErrors), () => {
        clear(formSlot);
        actions.hidden = false;
        const reject = detail.querySelector('#reject');
        if (reject) reject.focus();
      });
      actions.hidden = true;
      formSlot.append(form);
      form.querySelector('legend').scrollIntoView({block: 'nearest'});
      form.querySelector('#reason-0').focus();
    }
    detail.openReject = pending ? openReject : null;
    detail.approve = pending ? () => decide(review, 'APPROVED', null, errors) : null;
    const notice = state.notice;
    append(detail, [
      h('div', {class: 'review__head'},
        h('h2', {class: 'heading-m', id: 'review-heading', tabindex: '-1'}, `${review.applicant ? review.applicant.name : ''} 申请改报 ${review.targetPositionCode}`),
        tag(statusText, statusKind), pre ? tag(pre[0], pre[1]) : null),
      notice && notice.kind === 'error' ? problemBox(notice.text) : null,
      errors, actions, formSlot,
      requirementsTable(review, exam),
      h('div', {class: 'review__columns'},
        h('div', {class: 'review__column'}, h('h3', {class: 'heading-s'}, '考生信息'), applicantFacts(review, exam)),
        h('div', {class: 'review__column'}, h('h3', {class: 'heading-s'}, '改报职位'), positionFacts(review),
          pending ? null : [h('h3', {class: 'heading-s'}, '审查结果'), decisionFacts(review, exam)]))]);
  }

  function select(i, focus) {
    if (!q.items.length) {
      showDetail(null);
      return;
    }
    q.selected = Math.max(0, Math.min(q.items.length - 1, i));
    itemButtons.forEach((b, j) => {
      b.setAttribute('aria-current', j === q.selected ? 'true' : 'false');
      b.classList.toggle('queue__item--selected', j === q.selected);
    });
    showDetail(q.items[q.selected]);
    if (focus) itemButtons[q.selected].focus();
  }

  function move(delta) {
    const next = q.selected + delta;
    if (next >= q.items.length && page + 1 < pages) {
      state.notice = null;
      state.focusList = true;
      state.queue.selected = 0;
      go(queueHref(status, page + 1).slice(1));
    } else if (next < 0 && page > 0) {
      state.notice = null;
      state.focusList = true;
      state.queue.selected = PAGE_SIZE - 1;
      go(queueHref(status, page - 1).slice(1));
    } else {
      state.notice = null;
      select(next, true);
    }
  }

  const onKey = (ev) => {
    if (ev.defaultPrevented || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const t = ev.target;
    if (t && (t.closest('form') || t.isContentEditable) || document.querySelector('dialog[open]')) return;
    const key = ev.key;
    const inQueue = itemButtons.includes(document.activeElement);
    if ((key === 'j' || key === 'k') && !inQueue && itemButtons.length) {
      // the first j or k takes the focus to the queue's current row
      ev.preventDefault();
      itemButtons[q.selected].focus();
    } else if (key === 'j' || (key === 'ArrowDown' && inQueue)) {
      ev.preventDefault();
      move(1);
    } else if (key === 'k' || (key === 'ArrowUp' && inQueue)) {
      ev.preventDefault();
      move(-1);
    } else if (key === 'a' && detail.approve) {
      ev.preventDefault();
      detail.approve();
    } else if (key === 'r' && detail.openReject) {
      ev.preventDefault();
      detail.openReject();
    }
  };
  document.addEventListener('keydown', onKey);
  cleanups.push(() => document.removeEventListener('keydown', onKey));

  const pager = pagination(page, pages, (n) => queueHref(status, n), `，共 ${q.total} 条`);

  if (state.notice && state.notice.kind === 'success') live.append(h('p', {class: 'banner__text'}, state.notice.text));
  const content = h('div', {},
    pageTop('资格审查', `${exam.name} · ${scope}`, exam, '/queue'),
    h('div', {class: 'deadline'},
      h('p', {class: 'deadline__at'}, `资格审查截止时间：${dateTime(exam.reviewDeadline, exam.timeZone)}`),
      countdown.box),
    tabs, live,
    h('div', {class: 'review-layout'},
      h('div', {class: 'review-layout__list'}, q.items.length ? list : h('p', {}, '没有申请。'), pager),
      h('div', {class: 'review-layout__detail'}, detail)));
  select(q.selected, false);
  const notice = state.notice;
  const focusList = state.focusList;
  content.afterShow = () => {
    state.focusList = false;
    const problem = notice && notice.kind === 'error' ? detail.querySelector('.error-summary') : null;
    if (problem) problem.focus();
    else if (focusList && itemButtons.length) itemButtons[q.selected].focus();
    else return false;
    return true;
  };
  state.notice = null;
  return content;
}

// ---------------------------------------------------------------------------------------------
// the summary (ADMIN)

async function summaryPage() {
  const exam = await chooseExam(route().params.get('exam'));
  if (!exam) return h('div', {}, heading('数据概览'), h('p', {}, '目前没有考试。'));
  let s;
  try {
    s = await session.get(`/api/v1/admin/exams/${encodeURIComponent(exam.code)}/summary`);
  } catch (e) {
    if (e.status === 401) throw e;
    return loadError(e, '查看考试的数据概览（仅考试机构管理员可以查看）');
  }
  const p = s.positions || {};
  const r = s.reviews || {};
  return h('div', {},
    pageTop('数据概览', exam.name, exam, '/summary'),
    h('h2', {class: 'heading-m'}, '职位'),
    h('dl', {class: 'figures'}, Object.entries(p).map(([k, v]) => figure({open: '开考职位', reduced: '其中核减计划数', cancelled: '取消职位'}[k] || k, v))),
    h('h2', {class: 'heading-m'}, '考生与改报'),
    h('dl', {class: 'figures'}, figure('被取消职位的考生', s.affectedApplicants), figure('已改报', s.switchedApplicants), figure('未改报', s.notSwitched)),
    h('h2', {class: 'heading-m'}, '资格审查'),
    h('dl', {class: 'figures'}, figure('待审查', r.pending), figure('通过', r.approved), figure('不通过', r.rejected),
      figure('逾期未审', r.overdue), figure('截止后决定', r.decidedLate)),
    h('h2', {class: 'heading-m'}, '退费'),
    h('dl', {class: 'figures'}, Object.entries(s.refunds || {}).map(([k, v]) => figure(REFUND_STATUS[k] || k, v))),
    button('刷新', {class: 'button button--secondary', onclick: () => render()}));
}

// ---------------------------------------------------------------------------------------------
// the opening-ratio check (ADMIN): the dry-run plan, filtered, then published behind a confirmation

const RATIO_PAGE_SIZE = 50;

function ratioHref(params) {
  return `#/ratio${query(params)}`;
}

async function ratioPage() {
  const {params} = route();
  const exam = await chooseExam(params.get('exam'));
  if (!exam) return h('div', {}, heading('开考比例核查'), h('p', {}, '目前没有考试。'));
  let plan;
  try {
    ({data: plan} = await session.post(`/api/v1/admin/exams/${encodeURIComponent(exam.code)}/ratio-check`));
  } catch (e) {
    if (e.status === 401) throw e;
    return loadError(e, '进行开考比例核查（仅考试机构管理员可以操作）');
  }
  const outcome = OUTCOMES[params.get('outcome')] ? params.get('outcome') : '';
  const code = (params.get('q') || '').trim();
  const rows = plan.positions.filter((p) => (!outcome || p.outcome === outcome) && (!code || p.code.includes(code)));
  const pages = Math.max(1, Math.ceil(rows.length / RATIO_PAGE_SIZE));
  const page = Math.min(pages - 1, Math.max(0, Number(params.get('page')) || 0));
  const shown = rows.slice(page * RATIO_PAGE_SIZE, (page + 1) * RATIO_PAGE_SIZE);
  const sum = (list, f) => list.reduce((n, p) => n + (f(p) || 0), 0);

  const outcomeSelect = h('select', {class: 'select', name: 'outcome'},
    h('option', {value: ''}, '全部'),
    Object.entries(OUTCOMES).map(([k, [text]]) => h('option', {value: k}, text)));
  outcomeSelect.value = outcome;
  const codeInput = h('input', {class: 'input', name: 'q', value: code, spellcheck: 'false'});
  const filters = h('form', {class: 'filters filters--row', 'aria-label': '筛选职位'},
    field({id: 'filter-outcome', label: '核查结果', input: outcomeSelect}),
    field({id: 'filter-code', label: '职位代码', input: codeInput}),
    h('button', {type: 'submit', class: 'button button--secondary'}, '筛选'));
  filters.addEventListener('submit', (ev) => {
    ev.preventDefault();
    location.hash = ratioHref({exam: exam.code, outcome: outcomeSelect.value, q: codeInput.value.trim()}).slice(1);
  });

  const table = h('table', {class: 'table table--plan'},
    h('caption', {class: 'table__caption'}, `${rows.length} 个职位${outcome || code ? '（已筛选）' : ''}`),
    h('thead', {}, h('tr', {}, ['职位代码', '已确认报名人数', '开考比例', '达到比例所需人数', '原计划数', '核查结果', '新计划数']
      .map((t, i) => h('th', {class: i === 0 || i === 5 ? 'table__header' : 'table__header table__cell--numeric', scope: 'col'}, t)))),
    h('tbody', {}, shown.map((p) => h('tr', {},
      h('td', {class: 'table__cell', 'data-label': '职位代码'}, p.code),
      h('td', {class: 'table__cell table__cell--numeric', 'data-label': '已确认报名人数'}, String(p.confirmedApplicants)),
      h('td', {class: 'table__cell table__cell--numeric', 'data-label': '开考比例'}, `${p.ratio}:1`),
      h('td', {class: 'table__cell table__cell--numeric', 'data-label': '所需人数'}, String(p.quota * p.ratio)),
      h('td', {class: 'table__cell table__cell--numeric', 'data-label': '原计划数'}, String(p.quota)),
      h('td', {class: 'table__cell', 'data-label': '核查结果'}, tag(OUTCOMES[p.outcome][0], OUTCOMES[p.outcome][1])),
      h('td', {class: 'table__cell table__cell--numeric', 'data-label': '新计划数'}, String(p.newQuota))))),
    h('tfoot', {}, h('tr', {},
      h('th', {class: 'table__header', scope: 'row'}, '合计（筛选结果）'),
      h('td', {class: 'table__cell table__cell--numeric'}, String(sum(rows, (p) => p.confirmedApplicants))),
      h('td', {class: 'table__cell'}, ''),
      h('td', {class: 'table__cell table__cell--numeric'}, String(sum(rows, (p) => p.quota * p.ratio))),
      h('td', {class: 'table__cell table__cell--numeric'}, String(sum(rows, (p) => p.quota))),
      h('td', {class: 'table__cell'}, ''),
      h('td', {class: 'table__cell table__cell--numeric'}, String(sum(rows, (p) => p.newQuota))))));

  const pager = pagination(page, pages, (n) => ratioHref({exam: exam.code, outcome, q: code, page: n}));

  const publish = plan.published ? null : button('发布核查结果', {class: 'button button--warning', id: 'publish', onclick: () => confirmDialog({
    title: '确认发布开考比例核查结果？',
    content: [
      h('p', {}, `将取消 ${plan.cancelled} 个职位，核减 ${plan.reduced} 个职位的计划数，保留 ${plan.kept} 个职位（共 ${plan.positions.length} 个职位）。`),
      h('p', {}, '发布后，职位、报名数据和开考比例不能再修改；被取消职位的已缴费考生可以登录改报，取消职位名单向社会公布。'),
    ],
    confirm: {label: '确认发布', kind: 'warning', id: 'confirm-publish'},
    cancel: {label: '取消', id: 'cancel-publish'},
    onConfirm: async ({errors}) => {
      try {
        await session.post(`/api/v1/admin/exams/${encodeURIComponent(exam.code)}/ratio-check/publish`);
        state.exams = null;
        flash(`开考比例核查结果已发布：取消 ${plan.cancelled} 个职位，核减 ${plan.reduced} 个，保留 ${plan.kept} 个。`, 'success');
        setTimeout(() => render(), 0);
        return true;
      } catch (e) {
        if (e.status === 401) return true;
        showErrors(errors, [{text: e.status === 403 ? forbiddenMessage(claims(), '发布核查结果') : genericMessage(e)}]);
        return false;
      }
    },
  })});

  return h('div', {},
    pageTop('开考比例核查', exam.name, exam, '/ratio'),
    plan.published
      ? h('div', {class: 'inset inset--closed'}, h('p', {}, h('strong', {}, '核查结果已发布。'), '以下是已发布的结果，不能再修改。'))
      : h('div', {class: 'inset'}, h('p', {}, '以下是按当前报名数据试算的结果（未发布，不影响考生）。核对无误后再发布。')),
    h('dl', {class: 'figures'}, figure('保留', plan.kept), figure('核减计划数', plan.reduced), figure('取消', plan.cancelled),
      figure('职位合计', plan.positions.length)),
    publish,
    filters, table, pager);
}

// ---------------------------------------------------------------------------------------------
// refunds (ADMIN): the exam's refunds by status, paged from the server; a FAILED one requeued

const REFUND_PAGE_SIZE = 50;

function refundsHref(params) {
  return `#/refunds${query(params)}`;
}

async function refundsPage() {
  const {params} = route();
  const exam = await chooseExam(params.get('exam'));
  if (!exam) return h('div', {}, heading('退费'), h('p', {}, '目前没有考试。'));
  const status = REFUND_STATUS[params.get('status')] ? params.get('status') : '';
  const page = Math.max(0, Number(params.get('page')) || 0);
  let list;
  try {
    list = await session.get(`/api/v1/admin/exams/${encodeURIComponent(exam.code)}/refunds${query({status, page, size: REFUND_PAGE_SIZE})}`);
  } catch (e) {
    if (e.status === 401) throw e;
    return loadError(e, '查看退费（仅考试机构管理员可以查看）');
  }
  const statusSelect = h('select', {class: 'select', name: 'status'}, h('option', {value: ''}, '全部'),
    Object.entries(REFUND_STATUS).map(([k, text]) => h('option', {value: k}, text)));
  statusSelect.value = status;
  const filters = h('form', {class: 'filters filters--row', 'aria-label': '筛选退费'},
    field({id: 'filter-status', label: '退费状态', input: statusSelect}),
    h('button', {type: 'submit', class: 'button button--secondary'}, '筛选'));
  filters.addEventListener('submit', (ev) => {
    ev.preventDefault();
    location.hash = refundsHref({exam: exam.code, status: statusSelect.value}).slice(1);
  });
  const live = h('div', {role: 'status', 'aria-live': 'polite', class: 'queue-status'});
  const requeue = (r) => confirmDialog({
    title: '重新发起这笔退费？',
    content: h('p', {}, `将向${CHANNELS[r.channel] || r.channel}重新发送退费指令：考生 ${r.idNumberMasked}，${r.amount} 元，原交易号 ${r.originalTransactionId}。`),
    confirm: {label: '重新发起退费', id: 'confirm-requeue'},
    cancel: {label: '取消', id: 'cancel-requeue'},
    onConfirm: async ({errors}) => {
      try {
        await session.post(`/api/v1/admin/refunds/${r.id}/requeue`);
        flash(`已重新发起退费（编号 ${r.id}）。`, 'success');
        setTimeout(() => render(), 0);
        return true;
      } catch (e) {
        if (e.status === 401) return true;
        const text = e.slug === 'refund-not-allowed' ? '这笔退费现在不是“退费失败”状态，不能重新发起。列表已刷新。' : genericMessage(e);
        showErrors(errors, [{text}]);
        return false;
      }
    },
  });
  const pages = Math.max(1, Math.ceil(list.total / REFUND_PAGE_SIZE));
  const cell = (label, value, cls = 'table__cell') => h('td', {class: cls, 'data-label': label}, value == null ? '—' : value);
  const table = h('table', {class: 'table table--responsive table--refunds'},
    h('caption', {class: 'table__caption'}, `共 ${list.total} 笔退费${status ? `（${REFUND_STATUS[status]}）` : ''}`),
    h('thead', {}, h('tr', {}, ['编号', '考生身份证号', '原因', '渠道', '金额', '原交易号', '渠道退款号', '状态', '更新时间', '操作']
      .map((t) => h('th', {class: 'table__header', scope: 'col'}, t)))),
    h('tbody', {}, list.items.map((r) => h('tr', {},
      cell('编号', String(r.id)),
      cell('考生身份证号', r.idNumberMasked),
      cell('原因', REFUND_REASONS[r.reason] || r.reason),
      cell('渠道', CHANNELS[r.channel] || r.channel),
      cell('金额', r.amount ? `${r.amount} 元` : null, 'table__cell table__cell--numeric'),
      cell('原交易号', r.originalTransactionId),
      cell('渠道退款号', r.channelRefundId),
      cell('状态', [tag(REFUND_STATUS[r.status] || r.status, r.status === 'FAILED' ? 'fail' : r.status === 'SUCCEEDED' ? 'pass' : 'pending'),
        r.failureReason ? h('span', {class: 'precheck__detail'}, r.failureReason) : null]),
      cell('更新时间', dateTime(r.updatedAt, exam.timeZone)),
      cell('操作', r.status === 'FAILED' ? button('重新发起', {class: 'button button--secondary button--small', 'aria-label': `重新发起退费 ${r.id}`, onclick: () => requeue(r)}) : null)))));
  const pager = pagination(page, pages, (n) => refundsHref({exam: exam.code, status, page: n}));
  return h('div', {},
    pageTop('退费', exam.name, exam, '/refunds'),
    filters, live, list.items.length ? table : h('p', {}, '没有符合条件的退费。'), pager);
}

// ---------------------------------------------------------------------------------------------
// staff accounts (ADMIN): reviewers created per agency, disabled and enabled

const STAFF_PAGE_SIZE = 50;

function staffForm(onCreated) {
  const errors = h('div', {});
  const username = h('input', {class: 'input', name: 'username', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'none'});
  const agency = h('input', {class: 'input', name: 'agencyCode', autocomplete: 'off', spellcheck: 'false'});
  const password = h('input', {class: 'input', name: 'new-password', type: 'password', autocomplete: 'new-password'});
  const groups = {
    username: field({id: 'new-username', label: '用户名', hint: '3–64 位字母、数字、点、横线或下划线', input: username}),
    agencyCode: field({id: 'new-agency', label: '招录单位代码', hint: '如 A07；审查人员只能审查本单位职位的申请', input: agency}),
    password: field({id: 'new-password', label: '初始密码', hint: STAFF_PASSWORD_RULE, input: password}),
  };
  const submit = h('button', {type: 'submit', class: 'button'}, '创建审查人员账号');
  const form = h('form', {class: 'staff-form', novalidate: true, 'aria-labelledby': 'staff-form-heading'},
    h('h2', {class: 'heading-m', id: 'staff-form-heading'}, '新建招录单位审查人员'), errors,
    h('div', {class: 'filters--row'}, groups.username, groups.agencyCode, groups.password), submit);
  const mark = (problems) => {
    for (const [name, group] of Object.entries(groups)) {
      const bad = problems.some((p) => p.name === name);
      group.classList.toggle('form-group--error', bad);
      group.querySelector('input').setAttribute('aria-invalid', bad ? 'true' : 'false');
    }
  };
  const ids = {username: 'new-username', agencyCode: 'new-agency', password: 'new-password'};
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const problems = [];
    if (!username.value.trim()) problems.push({name: 'username', text: '请输入用户名'});
    if (!agency.value.trim()) problems.push({name: 'agencyCode', text: '请输入招录单位代码'});
    if (!password.value) problems.push({name: 'password', text: '请输入初始密码'});
    if (!problems.length) {
      submit.disabled = true;
      try {
        const {data} = await session.post('/api/v1/admin/staff',
          {username: username.value.trim(), password: password.value, role: 'REVIEWER', agencyCode: agency.value.trim()});
        onCreated(data);
        return;
      } catch (e) {
        if (e.status === 401) return;
        password.value = '';
        if (e.slug === 'already-exists') problems.push({name: 'username', text: '这个用户名已被使用（不区分大小写），请换一个'});
        else if (e.slug === 'validation-failed') {
          const fields = ((e.problem && e.problem.errors) || []).map((x) => String(x.field || '').split('.').pop());
          for (const name of ['username', 'agencyCode', 'password']) {
            if (fields.includes(name)) problems.push({name, text: STAFF_FIELD_PROBLEMS[name]});
          }
          if (!problems.length) problems.push({text: STAFF_FIELD_PROBLEMS.other});
        } else problems.push({text: e.status === 403 ? forbiddenMessage(claims(), '管理工作人员账号') : genericMessage(e)});
      } finally {
        submit.disabled = false;
      }
    }
    mark(problems);
    showErrors(errors, problems.map((p) => ({field: ids[p.name], text: p.text})));
  });
  return form;
}

async function staffPage() {
  const page = Math.max(0, Number(route().params.get('page')) || 0);
  let list;
  try {
    list = await session.get(`/api/v1/admin/staff${query({page, size: STAFF_PAGE_SIZE})}`);
  } catch (e) {
    if (e.status === 401) throw e;
    return loadError(e, '管理工作人员账号（仅考试机构管理员可以操作）');
  }
  const live = h('div', {class: 'queue-status', role: 'status', 'aria-live': 'polite'});
  const errors = h('div', {});
  const toggle = async (account) => {
    const action = account.enabled ? 'disable' : 'enable';
    try {
      await session.post(`/api/v1/admin/staff/${encodeURIComponent(account.username)}/${action}`);
      flash(account.enabled ? `已停用账号 ${account.username}，它的登录立即失效。` : `已启用账号 ${account.username}，需要重新登录。`, 'success');
      render();
    } catch (e) {
      if (e.status === 401) return;
      showErrors(errors, [{text: e.status === 403 ? forbiddenMessage(claims(), '管理工作人员账号') : genericMessage(e)}]);
    }
  };
  const pages = Math.max(1, Math.ceil(list.total / STAFF_PAGE_SIZE));
  const table = h('table', {class: 'table table--responsive table--staff'},
    h('caption', {class: 'table__caption'}, `共 ${list.total} 个账号`),
    h('thead', {}, h('tr', {}, ['用户名', '角色', '招录单位', '状态', '创建时间', '操作'].map((t) => h('th', {class: 'table__header', scope: 'col'}, t)))),
    h('tbody', {}, list.items.map((a) => h('tr', {},
      h('td', {class: 'table__cell', 'data-label': '用户名'}, a.username),
      h('td', {class: 'table__cell', 'data-label': '角色'}, ROLE_NAMES[a.role] || a.role),
      h('td', {class: 'table__cell', 'data-label': '招录单位'}, a.agencyCode || '—'),
      h('td', {class: 'table__cell', 'data-label': '状态'}, a.enabled ? tag('启用', 'pass') : tag('已停用', 'fail')),
      h('td', {class: 'table__cell', 'data-label': '创建时间'}, a.createdAt ? dateTime(a.createdAt, 'Asia/Shanghai') : '—'),
      h('td', {class: 'table__cell', 'data-label': '操作'}, a.username === claims().upn ? h('span', {class: 'secondary'}, '当前账号')
        : button(a.enabled ? '停用' : '启用', {class: `button button--small ${a.enabled ? 'button--warning' : 'button--secondary'}`,
          'aria-label': `${a.enabled ? '停用' : '启用'}账号 ${a.username}`, onclick: () => toggle(a)}))))));
  return h('div', {},
    heading('工作人员账号'),
    staffForm((created) => {
      flash(`已创建审查人员账号 ${created.username}（单位 ${created.agencyCode}）。请把用户名和初始密码分开告知本人。`, 'success');
      render();
    }),
    h('h2', {class: 'heading-m'}, '全部账号'), errors, live, table,
    pagination(page, pages, (n) => `#/staff${query({page: n})}`));
}

// ---------------------------------------------------------------------------------------------
// router

const ROUTES = {
  '/sign-in': [signInPage, false, '工作人员登录'],
  '/queue': [queuePage, true, '资格审查'],
  '/summary': [summaryPage, true, '数据概览'],
  '/ratio': [ratioPage, true, '开考比例核查'],
  '/refunds': [refundsPage, true, '退费'],
  '/staff': [staffPage, true, '工作人员账号'],
};

async function render() {
  const seq = ++renderSeq;
  cleanups.forEach((f) => f());
  cleanups = [];
  let {path} = route();
  if (path === '/' || !ROUTES[path]) path = session.signedIn ? '/queue' : '/sign-in';
  // a page that needs a token shows the sign-in in its place, and itself once signed in
  const [page, , title] = session.signedIn || !ROUTES[path][1] ? ROUTES[path] : ROUTES['/sign-in'];
  if (path === '/sign-in' && session.signedIn) {
    go('/queue');
    return;
  }
  showChrome();
  main.setAttribute('aria-busy', 'true');
  let content;
  try {
    content = await page();
  } catch (e) {
    if (e.status === 401) return; // onExpired has gone to sign-in
    content = loadError(e, '查看这一页');
  }
  if (seq !== renderSeq || content === null) return;
  showState();
  showChrome();
  main.replaceChildren(content);
  main.removeAttribute('aria-busy');
  document.title = `${title} - 职位改报工作人员控制台`;
  const focused = content.afterShow ? content.afterShow() : false;
  const h1 = main.querySelector('h1');
  if (!focused && !firstRender && h1) h1.focus();
  if (!focused) window.scrollTo(0, 0);
  firstRender = false;
}

startRouter(main, render);
