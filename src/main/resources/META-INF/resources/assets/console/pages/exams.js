// Point 3: the exams (paged from the server), a new exam and an exam's timeline. Times are entered and
// shown in the exam's own time zone with its UTC offset; the form is checked on a page of its own
// before the final action, which ends on a confirmation (GOV.UK "check answers").
import {query} from '../../shared/api.js';
import {h, field, showErrors, summaryList, tag, heading, button, confirmationPanel} from '../../shared/dom.js';
import {dateTime, utcOffset, toLocalInput, fromLocalInput} from '../../shared/format.js';
import {session, state, route, go, claims, loadError, pagination, pageParam, dataTable, render} from '../app.js';
import {PHASES, TIME_ZONES, EXAM_FIELDS, EXAM_COPY as T, COMMON, examFieldProblem, forbiddenMessage, genericMessage} from '../copy.js';

const PAGE_SIZE = 20;
const TIMES = ['registrationClosedAt', 'switchWindowOpensAt', 'switchDeadline', 'reviewDeadline'];

// What was typed, kept while going between the form and the check page (never stored).
let draft = null;

export async function examsPage() {
  const page = pageParam(route().params);
  let list;
  try {
    list = await session.get(`/api/v1/exams${query({page, size: PAGE_SIZE})}`);
  } catch (e) {
    if (e.status === 401) throw e;
    return loadError(e, T.forbidden);
  }
  const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
  const rows = list.items.map((e) => [
    e.code,
    e.name,
    tag(PHASES[e.phase] || e.phase, e.phase === 'CLOSED' ? 'fail' : e.phase === 'SWITCHING' ? 'pass' : 'pending'),
    T.zone(TIME_ZONES[e.timeZone] || e.timeZone, utcOffset(e.timeZone, e.switchDeadline)),
    T.window(dateTime(e.switchWindowOpensAt, e.timeZone), dateTime(e.switchDeadline, e.timeZone)),
    dateTime(e.reviewDeadline, e.timeZone),
    e.published ? T.published : T.notPublished,
    h('div', {class: 'table__actions'},
      h('a', {href: `#/exams/edit${query({exam: e.code})}`, 'aria-label': T.editLabel(e.code)}, T.edit),
      e.published ? null : h('a', {href: `#/imports${query({exam: e.code})}`, 'aria-label': T.importLabel(e.code)}, T.import),
      // once published the check is done: the link shows its result and does not suggest running it again
      h('a', {href: `#/ratio${query({exam: e.code})}`, 'aria-label': T.ratioLabel(e.code, e.published)},
        e.published ? T.viewPublished : T.ratio)),
  ]);
  return h('div', {},
    heading(T.title),
    h('p', {}, h('a', {class: 'button', href: '#/exams/new', id: 'new-exam', onclick: () => { draft = null; }}, T.newExam)),
    list.items.length ? dataTable({
      caption: T.caption(list.total),
      columns: T.columns.map((label) => ({label})),
      rows, cls: 'table--exams',
    }) : h('p', {}, T.none),
    pagination(page, pages, (n) => `#/exams${query({page: n})}`));
}

function fromExam(e) {
  const v = {
    code: e.code, name: e.name, timeZone: e.timeZone, defaultRatio: String(e.defaultRatio),
    reduceQuotaBeforeCancel: !!e.reduceQuotaBeforeCancel, maxSwitches: String(e.maxSwitches),
    feeAmount: e.feeAmount == null ? '' : String(e.feeAmount), smsSignature: e.smsSignature || '',
  };
  for (const t of TIMES) v[t] = toLocalInput(e[t], e.timeZone);
  return v;
}

const EMPTY = {
  code: '', name: '', timeZone: 'Asia/Shanghai', defaultRatio: '3', reduceQuotaBeforeCancel: true, maxSwitches: '1',
  feeAmount: '', smsSignature: '', registrationClosedAt: '', switchWindowOpensAt: '', switchDeadline: '', reviewDeadline: '',
};

/** #/exams/new and #/exams/edit?exam=…: the form, then (step=check) the answers to check. */
export async function examFormPage() {
  const {path, params} = route();
  const editing = path === '/exams/edit';
  let exam = null;
  if (editing) {
    try {
      exam = await session.get(`/api/v1/exams/${encodeURIComponent(params.get('exam') || '')}`);
    } catch (e) {
      if (e.status === 401) throw e;
      return loadError(e, T.editForbidden);
    }
  }
  const key = editing ? `edit:${exam.code}` : 'new';
  if (!draft || draft.key !== key) draft = {key, values: editing ? fromExam(exam) : {...EMPTY}, problems: []};
  if (params.get('step') === 'check' && !draft.problems.length && draft.checked) return checkPage(exam);
  return formPage(exam);
}

function hrefOf(exam, step) {
  return exam ? `#/exams/edit${query({exam: exam.code, step})}` : `#/exams/new${query({step})}`;
}

function formPage(exam) {
  const v = draft.values;
  const published = exam && exam.published;
  const errors = h('div', {});
  const problems = draft.problems;
  const problemOf = (name) => (problems.find((p) => p.name === name) || {}).text;
  const inputs = {};
  const text = (name, attrs = {}) => {
    inputs[name] = h('input', {class: 'input', name, value: v[name], autocomplete: 'off', spellcheck: 'false', ...attrs});
    return inputs[name];
  };
  const zone = h('select', {class: 'select', name: 'timeZone'},
    Object.entries({...TIME_ZONES, ...(TIME_ZONES[v.timeZone] ? {} : {[v.timeZone]: v.timeZone})})
      .map(([k, name]) => h('option', {value: k}, T.zone(name, utcOffset(k)))));
  zone.value = v.timeZone;
  inputs.timeZone = zone;
  const reduce = h('input', {class: 'checkboxes__input', type: 'checkbox', name: 'reduceQuotaBeforeCancel', id: 'exam-reduce',
    checked: v.reduceQuotaBeforeCancel || null, disabled: published || null});
  const zoneNote = h('p', {class: 'hint', id: 'timeline-zone'});
  const showZone = () => {
    zoneNote.textContent = T.zoneNote(TIME_ZONES[zone.value] || zone.value, utcOffset(zone.value));
  };
  zone.addEventListener('change', showZone);
  showZone();
  const f = (name, label, hint, input) => field({id: `exam-${name}`, label, hint, input, error: problemOf(name)});
  const timeFields = TIMES.map((t) => {
    const input = text(t, {type: 'datetime-local', 'aria-describedby': 'timeline-zone'});
    return f(t, EXAM_FIELDS[t], t === 'registrationClosedAt' ? T.optional : null, input);
  });
  const form = h('form', {class: 'exam-form', novalidate: true},
    errors,
    exam ? summaryList([[EXAM_FIELDS.code, exam.code]]) : f('code', EXAM_FIELDS.code, T.codeHint, text('code', {class: 'input input--width-20'})),
    f('name', EXAM_FIELDS.name, null, text('name')),
    f('timeZone', EXAM_FIELDS.timeZone, T.timeZoneHint, zone),
    h('fieldset', {class: 'fieldset'}, h('legend', {class: 'heading-s'}, T.ratioTitle),
      published ? h('p', {class: 'hint'}, T.ratioFrozen) : null,
      f('defaultRatio', EXAM_FIELDS.defaultRatio, T.ratioHint, text('defaultRatio', {class: 'input input--width-5', inputmode: 'numeric', disabled: published || null})),
      h('div', {class: 'form-group'}, h('div', {class: 'checkboxes__item'}, reduce,
        h('label', {class: 'checkboxes__label', for: 'exam-reduce'}, EXAM_FIELDS.reduceQuotaBeforeCancel)))),
    f('maxSwitches', EXAM_FIELDS.maxSwitches, T.maxSwitchesHint, text('maxSwitches', {class: 'input input--width-5', inputmode: 'numeric'})),
    f('feeAmount', EXAM_FIELDS.feeAmount, T.feeHint, text('feeAmount', {class: 'input input--width-10', inputmode: 'decimal'})),
    f('smsSignature', EXAM_FIELDS.smsSignature, T.smsSignatureHint, text('smsSignature', {class: 'input input--width-20'})),
    h('fieldset', {class: 'fieldset'}, h('legend', {class: 'heading-s'}, T.timesTitle), zoneNote, timeFields),
    h('div', {class: 'button-group'},
      h('button', {type: 'submit', class: 'button', id: 'exam-continue'}, T.continue),
      h('a', {href: '#/exams', class: 'button button--secondary'}, COMMON.cancel)));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    for (const [name, input] of Object.entries(inputs)) v[name] = input.value.trim();
    v.reduceQuotaBeforeCancel = reduce.checked;
    draft.problems = check(v, !exam);
    draft.checked = !draft.problems.length;
    if (draft.problems.length) render();
    else go(hrefOf(exam, 'check').slice(1));
  });
  const content = h('div', {class: 'narrow-wide'},
    heading(exam ? T.editTitle : T.newExam, exam ? exam.name : T.title), form);
  if (problems.length) {
    showErrors(errors, problems.map((p) => ({field: `exam-${p.name}`, text: p.text})));
    content.afterShow = () => {
      errors.querySelector('.error-summary').focus();
      return true;
    };
  }
  return content;
}

/** Problems of the typed values, in the form's order: [{name, text}]. */
function check(v, creating) {
  const out = [];
  if (creating && !/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/.test(v.code)) out.push({name: 'code', text: examFieldProblem('code', v.code)});
  if (!v.name) out.push({name: 'name', text: T.problems.name});
  if (!/^\d+$/.test(v.defaultRatio) || Number(v.defaultRatio) < 1 || Number(v.defaultRatio) > 100) out.push({name: 'defaultRatio', text: T.problems.defaultRatio});
  if (!/^\d+$/.test(v.maxSwitches) || Number(v.maxSwitches) > 10) out.push({name: 'maxSwitches', text: T.problems.maxSwitches});
  if (v.feeAmount && !/^\d{1,8}(\.\d{1,2})?$/.test(v.feeAmount)) out.push({name: 'feeAmount', text: T.problems.feeAmount});
  if ([...v.smsSignature].length > 12 || /[\u3010\u3011[\]]/.test(v.smsSignature)) out.push({name: 'smsSignature', text: T.problems.smsSignature});
  for (const t of TIMES) {
    if (!v[t] && t !== 'registrationClosedAt') out.push({name: t, text: T.problems.required(EXAM_FIELDS[t])});
    else if (v[t] && !fromLocalInput(v[t], v.timeZone)) out.push({name: t, text: T.problems.format(EXAM_FIELDS[t])});
  }
  const at = (t) => (v[t] ? Date.parse(fromLocalInput(v[t], v.timeZone)) : NaN);
  if (at('switchDeadline') <= at('switchWindowOpensAt')) out.push({name: 'switchDeadline', text: T.problems.switchDeadline});
  if (at('reviewDeadline') <= at('switchDeadline')) out.push({name: 'reviewDeadline', text: T.problems.reviewDeadline});
  return out;
}

function body(v) {
  const b = {
    code: v.code, name: v.name, timeZone: v.timeZone, defaultRatio: Number(v.defaultRatio),
    reduceQuotaBeforeCancel: v.reduceQuotaBeforeCancel, maxSwitches: Number(v.maxSwitches),
    feeAmount: v.feeAmount ? v.feeAmount : null,
    // an empty signature removes the exam's own (the default applies)
    smsSignature: v.smsSignature,
  };
  for (const t of TIMES) b[t] = v[t] ? fromLocalInput(v[t], v.timeZone) : null;
  return b;
}

function checkPage(exam) {
  const v = draft.values;
  const b = body(v);
  const change = (name, label) => h('a', {href: hrefOf(exam, null), 'aria-label': T.changeLabel(label), onclick: () => { draft.problems = []; }}, T.change);
  const published = !!(exam && exam.published);
  // frozen once published: the ratio settings are shown without a 修改 link
  const row = (name, label, value, editable = true) => h('div', {class: 'summary-list__row'},
    h('dt', {class: 'summary-list__key'}, label), h('dd', {class: 'summary-list__value'}, value == null || value === '' ? '—' : value),
    h('dd', {class: 'summary-list__actions'}, editable ? change(name, label) : h('span', {class: 'secondary'}, T.frozen)));
  const zone = `${TIME_ZONES[v.timeZone] || v.timeZone}`;
  const errors = h('div', {});
  const submit = button(exam ? T.save : T.create, {id: 'exam-submit', onclick: async () => {
    submit.disabled = true;
    try {
      if (exam) await session.put(`/api/v1/admin/exams/${encodeURIComponent(exam.code)}`, b);
      else await session.post('/api/v1/admin/exams', b);
      state.exams = null;
      draft = null;
      main().replaceChildren(done(b, !exam, published));
      main().querySelector('h1').focus();
    } catch (e) {
      if (e.status === 401) return;
      showErrors(errors, serverProblems(e, exam));
    } finally {
      submit.disabled = false;
    }
  }});
  return h('div', {class: 'narrow-wide'},
    heading(exam ? T.checkEditTitle : T.checkNewTitle, exam ? exam.name : T.newExam),
    errors,
    h('dl', {class: 'summary-list'},
      exam ? null : row('code', EXAM_FIELDS.code, b.code),
      row('name', EXAM_FIELDS.name, b.name),
      row('timeZone', EXAM_FIELDS.timeZone, T.zone(zone, utcOffset(v.timeZone, b.switchDeadline))),
      row('defaultRatio', EXAM_FIELDS.defaultRatio, T.ratioValue(b.defaultRatio), !published),
      row('reduceQuotaBeforeCancel', EXAM_FIELDS.reduceQuotaBeforeCancel, b.reduceQuotaBeforeCancel ? T.reduceYes : T.reduceNo, !published),
      row('maxSwitches', EXAM_FIELDS.maxSwitches, T.times(b.maxSwitches)),
      row('feeAmount', EXAM_FIELDS.feeAmount, b.feeAmount ? T.yuan(b.feeAmount) : null),
      row('smsSignature', EXAM_FIELDS.smsSignature, b.smsSignature ? T.smsSignatureValue(b.smsSignature) : T.smsSignatureDefault),
      // dateTime names the zone already; the zone row above gives its offset
      TIMES.map((t) => row(t, EXAM_FIELDS[t], b[t] ? dateTime(b[t], v.timeZone) : null))),
    h('p', {}, exam && exam.published ? T.afterEdit : T.afterCreate),
    submit);
}

function main() {
  return document.getElementById('main');
}

function serverProblems(e, exam) {
  if (e.slug === 'already-exists') return [{text: T.codeTaken}];
  if (e.slug === 'exam-already-published') return [{text: T.ratioPublished}];
  if (e.slug === 'validation-failed') {
    const list = ((e.problem && e.problem.errors) || []).map((x) => {
      const name = String(x.field || '').split('.').pop();
      return {text: T.fieldProblem(EXAM_FIELDS[name] || name, examFieldProblem(name, x.message))};
    });
    return list.length ? list : [{text: T.invalid}];
  }
  if (e.status === 403) return [{text: forbiddenMessage(claims(), exam ? T.editWhat : T.createWhat)}];
  return [{text: genericMessage(e)}];
}

function done(b, created, published) {
  return h('div', {},
    confirmationPanel(created ? T.created : T.saved, COMMON.withCode(b.name, b.code)),
    h('h2', {class: 'heading-m'}, T.next),
    h('ul', {class: 'list'},
      created ? h('li', {}, h('a', {href: `#/imports${query({exam: b.code})}`}, T.importNext)) : null,
      h('li', {}, h('a', {href: `#/ratio${query({exam: b.code})}`}, published ? T.viewPublishedPlan : T.ratioNext)),
      h('li', {}, h('a', {href: '#/exams'}, T.back))));
}
