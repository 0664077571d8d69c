// Points 1–2: a reviewer's queue and the review of one switch, keyboard first.
import {syncServerClock, serverNow, query} from '../../shared/api.js';
import {h, append, clear, field, showErrors, summaryList, tag, liveCountdown, nextId, heading, button, confirmDialog} from '../../shared/dom.js';
import {dateTime, date, ageAt} from '../../shared/format.js';
import {EDUCATION, POLITICAL, REQUIREMENT_NAMES} from '../../shared/labels.js';
import {mask} from '../../shared/idnumber.js';
import {session, state, route, go, claims, isAdmin, problemBox, loadError, pageTop, pagination, chooseExam, render, onLeave} from '../app.js';
import {REVIEW_STATUS, MARKS, USUAL_REASONS, OTHER_REASON, APPROVE_COPY, CORRECTION_COPY, forbiddenMessage, decisionMessage} from '../copy.js';

const PAGE_SIZE = 20;
const STATUSES = ['PENDING', 'APPROVED', 'REJECTED'];


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

export async function queuePage() {
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
  onLeave(countdown.stop);

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

  // beforeRefresh: closes the confirmation first, so that the refreshed queue can take the focus
  async function decide(review, decision, reason, errors, beforeRefresh = () => {}) {
    try {
      await session.post(`/api/v1/admin/reviews/${review.id}/decision`, reason ? {decision, reason} : {decision});
      beforeRefresh();
      const name = review.applicant ? review.applicant.name : `#${review.id}`;
      state.notice = {kind: 'success', text: decision === 'APPROVED' ? `已通过 ${name} 的改报申请。` : `已将 ${name} 的改报申请审查为不通过。`};
      await refresh();
    } catch (e) {
      if (e.status === 401) return;
      if (e.slug === 'review-already-decided' || e.slug === 'review-deadline-passed') {
        const name = review.applicant ? `（${review.applicant.name}，申请编号 ${review.id}）` : '';
        state.notice = {kind: 'error', text: `${decisionMessage(e, exam)}${name}`};
        beforeRefresh();
        await refresh();
        return;
      }
      const text = e.status === 403 ? forbiddenMessage(claims(), '审查这条改报申请') : decisionMessage(e, exam);
      if (errors) showErrors(errors, [{text}]);
      else showErrors(live, [{text}]);
    }
  }

  /** 通过 is deliberate: a dialog names the applicant and the position; Enter confirms, Escape cancels. */
  function confirmApprove(review) {
    const a = review.applicant || {};
    const p = review.targetPosition || {};
    const dialog = confirmDialog({
      title: APPROVE_COPY.title,
      content: [
        summaryList([
          ['考生', `${a.name || '—'}（${a.idNumber ? mask(a.idNumber) : '—'}）`],
          ['改报职位', `${p.code || review.targetPositionCode} ${p.title || ''}`.trim()],
          ['招录单位', p.agencyName ? `${p.agencyName}（${p.agencyCode}）` : p.agencyCode],
        ], 'summary-list--compact'),
        h('p', {class: 'hint'}, APPROVE_COPY.hint),
      ],
      confirm: {label: APPROVE_COPY.confirm, id: 'confirm-approve'},
      cancel: {label: APPROVE_COPY.cancel, id: 'cancel-approve'},
      enterConfirms: true,
      onConfirm: async ({errors}) => {
        await decide(review, 'APPROVED', null, errors, () => dialog.close());
        return false; // closed by decide once decided; left open with the problem otherwise
      },
    });
  }

  /** An administrator corrects a decision before the review deadline (the API refuses once something followed). */
  function openCorrection(review) {
    const toApprove = review.status === 'REJECTED';
    const reasonInput = h('textarea', {class: 'textarea', name: 'correction-decision-reason', rows: '2', maxlength: '400'});
    const whyInput = h('textarea', {class: 'textarea', name: 'correction-reason', rows: '2', maxlength: '400'});
    const name = review.applicant ? review.applicant.name : `#${review.id}`;
    confirmDialog({
      title: CORRECTION_COPY.title(name, toApprove),
      content: [
        h('p', {}, CORRECTION_COPY.intro(REVIEW_STATUS[review.status][0], toApprove)),
        toApprove ? null : field({id: 'correction-decision-reason', label: CORRECTION_COPY.rejectReason, hint: CORRECTION_COPY.rejectHint, input: reasonInput}),
        field({id: 'correction-reason', label: CORRECTION_COPY.why, hint: CORRECTION_COPY.whyHint, input: whyInput}),
      ],
      confirm: {label: CORRECTION_COPY.confirm, id: 'confirm-correction', kind: 'warning'},
      cancel: {label: '取消', id: 'cancel-correction'},
      onConfirm: async ({errors}) => {
        const problems = [];
        if (!toApprove && !reasonInput.value.trim()) problems.push({field: 'correction-decision-reason', text: CORRECTION_COPY.needRejectReason});
        if (!whyInput.value.trim()) problems.push({field: 'correction-reason', text: CORRECTION_COPY.needWhy});
        if (problems.length) {
          showErrors(errors, problems);
          return false;
        }
        try {
          await session.post(`/api/v1/admin/reviews/${review.id}/correction`, {
            decision: toApprove ? 'APPROVED' : 'REJECTED', reason: toApprove ? null : reasonInput.value.trim(), correctionReason: whyInput.value.trim(),
          });
          state.notice = {kind: 'success', text: CORRECTION_COPY.done(name)};
          setTimeout(() => refresh(), 0);
          return true;
        } catch (e) {
          if (e.status === 401) return true;
          showErrors(errors, [{text: CORRECTION_COPY.problem(e) || decisionMessage(e, exam)}]);
          return false;
        }
      },
    });
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
      const approve = button('通过', {id: 'approve', 'aria-keyshortcuts': 'A', onclick: () => confirmApprove(review)});
      const reject = button('不通过', {class: 'button button--warning', id: 'reject', 'aria-keyshortcuts': 'R', onclick: () => openReject()});
      actions.append(approve, reject, h('span', {class: 'hint review__keys'}, APPROVE_COPY.keys));
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
    detail.approve = pending ? () => confirmApprove(review) : null;
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
          pending ? null : [h('h3', {class: 'heading-s'}, '审查结果'), decisionFacts(review, exam),
            isAdmin() && serverNow() < Date.parse(exam.reviewDeadline)
              ? button(CORRECTION_COPY.open, {class: 'button button--secondary', id: 'correct', onclick: () => openCorrection(review)}) : null]))]);
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
  onLeave(() => document.removeEventListener('keydown', onKey));

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
