// Points 1–2: a reviewer's queue and the review of one switch, keyboard first.
import {syncServerClock, serverNow, query} from '../../shared/api.js';
import {h, append, clear, field, showErrors, summaryList, tag, liveCountdown, nextId, heading, button, confirmDialog} from '../../shared/dom.js';
import {dateTime, date, ageAt} from '../../shared/format.js';
import {EDUCATION, POLITICAL, REQUIREMENT_NAMES, LABELS} from '../../shared/labels.js';
import {mask} from '../../shared/idnumber.js';
import {session, state, route, go, claims, isAdmin, problemBox, loadError, pageTop, pagination, chooseExam, render, onLeave} from '../app.js';
import {REVIEW_STATUS, MARKS, USUAL_REASONS, OTHER_REASON, APPROVE_COPY, CORRECTION_COPY, QUEUE as T, COMMON, forbiddenMessage, decisionMessage} from '../copy.js';

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
    ['MIN_EDUCATION', r.minEducation ? T.educationOrAbove(EDUCATION[r.minEducation] || r.minEducation) : null, EDUCATION[a.education] || a.education],
    ['DEGREE', r.degreeRequired ? T.degreeRequired : null, a.degree ? T.hasDegree : T.noDegree],
    ['MAJOR', r.majors && r.majors.length ? r.majors.join(T.listJoin) : null, a.major],
    ['MAX_AGE', r.maxAge != null ? T.maxAge(r.maxAge) : null, age != null ? T.ageAtDeadline(age) : null],
    ['POLITICAL_STATUS', r.politicalStatus ? POLITICAL[r.politicalStatus] || r.politicalStatus : null, POLITICAL[a.politicalStatus] || a.politicalStatus],
    ['GRASSROOTS_YEARS', r.minGrassrootsYears ? T.minYears(r.minGrassrootsYears) : null, a.grassrootsYears != null ? T.years(a.grassrootsYears) : null],
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
    h('caption', {class: 'table__caption'}, T.compareCaption),
    h('thead', {}, h('tr', {},
      T.compareColumns.map((t) => h('th', {class: 'table__header', scope: 'col'}, t)))),
    h('tbody', {}, rows.map((row) => h('tr', {class: `compare--${row.mark}`},
      h('th', {class: 'table__header', scope: 'row'}, REQUIREMENT_NAMES[row.code]),
      h('td', {class: 'table__cell'}, row.rule || T.noRule),
      h('td', {class: 'table__cell'}, row.fact == null ? '—' : row.fact),
      h('td', {class: 'table__cell'}, row.mark === 'none' ? h('span', {class: 'secondary'}, MARKS.none)
        : tag(MARKS[row.mark], row.mark))))));
}

const PRECHECK_KIND = {PASS: 'pass', FAIL: 'fail', MANUAL: 'manual'};
/** A precheck result: [its words, its short words, its tag colour]. */
const precheckOf = (result) => (PRECHECK_KIND[result] ? [T.precheck(LABELS.PrecheckResult[result]), LABELS.PrecheckResult[result], PRECHECK_KIND[result]] : null);

function applicantFacts(review, exam) {
  const a = review.applicant || {};
  const age = ageAt(a.birthDate, review.reviewDeadline || exam.reviewDeadline, exam.timeZone);
  return summaryList([
    [T.name, a.name],
    [T.idNumber, a.idNumber ? mask(a.idNumber) : null],
    [T.birthDate, a.birthDate ? T.birthDateAge(date(a.birthDate), age) : null],
    [T.education, EDUCATION[a.education] || a.education],
    [T.degree, a.degree == null ? null : a.degree ? T.yes : T.no],
    [T.major, a.major],
    [T.political, POLITICAL[a.politicalStatus] || a.politicalStatus],
    [T.grassroots, a.grassrootsYears == null ? null : T.years(a.grassrootsYears)],
    [T.household, a.householdRegion],
    [T.originalPosition, review.originalPositionCode],
    [T.submittedAt, dateTime(review.createdAt, exam.timeZone)],
  ], 'summary-list--compact');
}

function positionFacts(review) {
  const p = review.targetPosition || {};
  return summaryList([
    [T.positionCode, p.code || review.targetPositionCode],
    [T.positionTitle, p.title],
    [T.employer, p.employer],
    [T.agency, p.agencyName ? COMMON.withCode(p.agencyName, p.agencyCode) : p.agencyCode],
  ], 'summary-list--compact');
}

function decisionFacts(review, exam) {
  return summaryList([
    [T.result, REVIEW_STATUS[review.status] ? REVIEW_STATUS[review.status][0] : review.status],
    [T.reviewer, review.reviewer],
    [T.reason, review.reason],
    [T.decidedAt, review.decidedAt ? dateTime(review.decidedAt, exam.timeZone) : null],
    [T.late, review.lateDecision ? T.lateYes : null],
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
  const detailGroup = field({id: 'reason-detail', label: T.detail, hint: T.detailHint, input: detail});
  const fieldset = h('fieldset', {class: 'fieldset', 'aria-describedby': 'reason-hint'},
    h('legend', {class: 'label'}, T.reasonLegend),
    h('div', {class: 'hint', id: 'reason-hint'}, T.reasonKeys),
    h('div', {class: 'radios radios--small'}, radios));
  const fieldsetGroup = h('div', {class: 'form-group'}, fieldset);
  const submit = h('button', {type: 'submit', class: 'button button--warning'}, T.rejectConfirm);
  const cancel = h('button', {type: 'button', class: 'button button--secondary', onclick: onCancel}, COMMON.cancel);
  const form = h('form', {class: 'reject-form', novalidate: true, 'aria-label': T.rejectTitle},
    h('h3', {class: 'heading-s'}, T.rejectTitle), errors, fieldsetGroup, detailGroup, h('div', {class: 'button-group'}, submit, cancel));
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
    if (!chosen && !text) problems.push({field: 'reason-0', text: T.needReason});
    else if (chosen && chosen.value === OTHER_REASON && !text) problems.push({field: 'reason-detail', text: T.needDetail});
    fieldsetGroup.classList.toggle('form-group--error', problems.some((p) => p.field === 'reason-0'));
    detailGroup.classList.toggle('form-group--error', problems.some((p) => p.field === 'reason-detail'));
    detail.setAttribute('aria-invalid', problems.some((p) => p.field === 'reason-detail') ? 'true' : 'false');
    if (problems.length) {
      showErrors(errors, problems);
      return;
    }
    let reason = text;
    if (chosen && chosen.value !== OTHER_REASON) reason = text ? T.reasonWithDetail(chosen.value, text) : chosen.value;
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
  if (!exam) return h('div', {}, heading(T.title), h('p', {}, COMMON.noExams));
  if (!exam.published) {
    return h('div', {},
      pageTop(T.title, exam.name, exam, '/queue'),
      h('p', {}, T.notPublished),
      isAdmin() ? h('p', {}, h('a', {href: `#/ratio${query({exam: exam.code})}`}, T.goRatio)) : null);
  }
  await syncServerClock();
  const status = STATUSES.includes(params.get('status')) ? params.get('status') : 'PENDING';
  const page = Math.max(0, Number(params.get('page')) || 0);
  let q;
  try {
    q = await loadQueue(exam, status, page);
  } catch (e) {
    if (e.status === 401) throw e;
    return loadError(e, T.forbidden);
  }
  const c = claims();
  const scope = isAdmin() ? T.allAgencies : T.ownAgency(c.agency || '—');
  const countdown = liveCountdown(exam.reviewDeadline, T.countdown, () => {
    countdown.box.replaceChildren(T.closed);
  });
  onLeave(countdown.stop);

  const tabs = h('nav', {class: 'tabs', 'aria-label': T.tabsLabel}, h('ul', {class: 'tabs__list'},
    STATUSES.map((s) => h('li', {class: 'tabs__item'}, h('a', {
      class: 'tabs__link', href: queueHref(s), 'aria-current': s === status ? 'page' : null, id: `tab-${s}`,
    }, T.tab(REVIEW_STATUS[s][0], q.counts[s]))))));

  const live = h('div', {class: 'queue-status', role: 'status', 'aria-live': 'polite'});
  const list = h('ol', {class: 'queue', 'aria-label': T.listLabel(REVIEW_STATUS[status][0]), start: String(page * PAGE_SIZE + 1)});
  const detail = h('section', {class: 'review', 'aria-labelledby': 'review-heading'});
  const pages = Math.max(1, Math.ceil(q.total / PAGE_SIZE));

  const itemButtons = q.items.map((r, i) => {
    const b = h('button', {type: 'button', class: 'queue__item', 'data-id': String(r.id), onclick: () => select(i, true)},
      h('span', {class: 'queue__name'}, r.applicant ? r.applicant.name : '—'),
      h('span', {class: 'queue__meta'}, T.itemMeta(r.targetPositionCode, r.targetPosition ? r.targetPosition.title : '')),
      h('span', {class: 'queue__tags'},
        precheckOf(r.precheck && r.precheck.result) ? tag(precheckOf(r.precheck.result)[1], precheckOf(r.precheck.result)[2]) : null,
        r.lateDecision ? tag(COMMON.lateDecision, 'fail') : null));
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
      state.notice = {kind: 'success', text: decision === 'APPROVED' ? T.approved(name) : T.rejected(name)};
      await refresh();
    } catch (e) {
      if (e.status === 401) return;
      if (e.slug === 'review-already-decided' || e.slug === 'review-deadline-passed') {
        const name = review.applicant ? T.whoAndId(review.applicant.name, review.id) : '';
        state.notice = {kind: 'error', text: `${decisionMessage(e, exam)}${name}`};
        beforeRefresh();
        await refresh();
        return;
      }
      const text = e.status === 403 ? forbiddenMessage(claims(), T.decideWhat) : decisionMessage(e, exam);
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
          [T.applicant, T.applicantLine(a.name || '—', a.idNumber ? mask(a.idNumber) : '—')],
          [T.targetPosition, `${p.code || review.targetPositionCode} ${p.title || ''}`.trim()],
          [T.agency, p.agencyName ? COMMON.withCode(p.agencyName, p.agencyCode) : p.agencyCode],
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
      cancel: {label: COMMON.cancel, id: 'cancel-correction'},
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
      detail.append(h('h2', {class: 'heading-m', id: 'review-heading'}, T.nothingTitle),
        h('p', {}, status === 'PENDING' ? T.nothingPending : T.nothingHere));
      return;
    }
    const [statusText, statusKind] = REVIEW_STATUS[review.status] || [review.status, 'pending'];
    const pre = precheckOf(review.precheck && review.precheck.result);
    const pending = review.status === 'PENDING';
    const actions = h('div', {class: 'button-group review__actions'});
    const formSlot = h('div', {});
    const errors = h('div', {});
    if (pending) {
      const approve = button(T.approve, {id: 'approve', 'aria-keyshortcuts': 'A', onclick: () => confirmApprove(review)});
      const reject = button(T.reject, {class: 'button button--warning', id: 'reject', 'aria-keyshortcuts': 'R', onclick: () => openReject()});
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
        h('h2', {class: 'heading-m', id: 'review-heading', tabindex: '-1'}, T.reviewTitle(review.applicant ? review.applicant.name : '', review.targetPositionCode)),
        tag(statusText, statusKind), pre ? tag(pre[0], pre[2]) : null),
      notice && notice.kind === 'error' ? problemBox(notice.text) : null,
      errors, actions, formSlot,
      requirementsTable(review, exam),
      h('div', {class: 'review__columns'},
        h('div', {class: 'review__column'}, h('h3', {class: 'heading-s'}, T.applicantTitle), applicantFacts(review, exam)),
        h('div', {class: 'review__column'}, h('h3', {class: 'heading-s'}, T.positionTitleHeading), positionFacts(review),
          pending ? null : [h('h3', {class: 'heading-s'}, T.resultTitle), decisionFacts(review, exam),
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

  const pager = pagination(page, pages, (n) => queueHref(status, n), COMMON.total(q.total));

  if (state.notice && state.notice.kind === 'success') live.append(h('p', {class: 'banner__text'}, state.notice.text));
  const content = h('div', {},
    pageTop(T.title, T.subtitle(exam.name, scope), exam, '/queue'),
    h('div', {class: 'deadline'},
      h('p', {class: 'deadline__at'}, T.deadline(dateTime(exam.reviewDeadline, exam.timeZone))),
      countdown.box),
    tabs, live,
    h('div', {class: 'review-layout'},
      h('div', {class: 'review-layout__list'}, q.items.length ? list : h('p', {}, T.none), pager),
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
