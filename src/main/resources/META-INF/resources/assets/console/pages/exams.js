// Point 3: the exams (paged from the server), a new exam and an exam's timeline. Times are entered and
// shown in the exam's own time zone with its UTC offset; the form is checked on a page of its own
// before the final action, which ends on a confirmation (GOV.UK "check answers").
import {query} from '../../shared/api.js';
import {h, field, showErrors, summaryList, tag, heading, button, confirmationPanel} from '../../shared/dom.js';
import {dateTime, utcOffset, toLocalInput, fromLocalInput} from '../../shared/format.js';
import {session, state, route, go, claims, loadError, pagination, pageParam, dataTable, render} from '../app.js';
import {PHASES, TIME_ZONES, EXAM_FIELDS, EXAM_COPY, examFieldProblem, forbiddenMessage, genericMessage} from '../copy.js';

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
    return loadError(e, '查看考试');
  }
  const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
  const rows = list.items.map((e) => [
    e.code,
    e.name,
    tag(PHASES[e.phase] || e.phase, e.phase === 'CLOSED' ? 'fail' : e.phase === 'SWITCHING' ? 'pass' : 'pending'),
    `${TIME_ZONES[e.timeZone] || e.timeZone}（${utcOffset(e.timeZone, e.switchDeadline)}）`,
    `${dateTime(e.switchWindowOpensAt, e.timeZone)} 至 ${dateTime(e.switchDeadline, e.timeZone)}`,
    dateTime(e.reviewDeadline, e.timeZone),
    e.published ? '已发布' : '未发布',
    h('div', {class: 'table__actions'},
      h('a', {href: `#/exams/edit${query({exam: e.code})}`, 'aria-label': `修改 ${e.code} 的时间安排`}, '修改时间安排'),
      e.published ? null : h('a', {href: `#/imports${query({exam: e.code})}`, 'aria-label': `导入 ${e.code} 的数据`}, '导入数据'),
      // once published the check is done: the link shows its result and does not suggest running it again
      h('a', {href: `#/ratio${query({exam: e.code})}`, 'aria-label': `${e.code} 的开考比例核查${e.published ? '结果' : ''}`},
        e.published ? EXAM_COPY.viewPublished : '开考比例核查')),
  ]);
  return h('div', {},
    heading('考试'),
    h('p', {}, h('a', {class: 'button', href: '#/exams/new', id: 'new-exam', onclick: () => { draft = null; }}, '新建考试')),
    list.items.length ? dataTable({
      caption: `共 ${list.total} 场考试`,
      columns: ['考试代码', '考试名称', '阶段', '时区', '改报时间', '资格审查截止', '开考比例核查', '操作'].map((label) => ({label})),
      rows, cls: 'table--exams',
    }) : h('p', {}, '还没有考试。'),
    pagination(page, pages, (n) => `#/exams${query({page: n})}`));
}

function fromExam(e) {
  const v = {
    code: e.code, name: e.name, timeZone: e.timeZone, defaultRatio: String(e.defaultRatio),
    reduceQuotaBeforeCancel: !!e.reduceQuotaBeforeCancel, maxSwitches: String(e.maxSwitches),
    feeAmount: e.feeAmount == null ? '' : String(e.feeAmount),
  };
  for (const t of TIMES) v[t] = toLocalInput(e[t], e.timeZone);
  return v;
}

const EMPTY = {
  code: '', name: '', timeZone: 'Asia/Shanghai', defaultRatio: '3', reduceQuotaBeforeCancel: true, maxSwitches: '1',
  feeAmount: '', registrationClosedAt: '', switchWindowOpensAt: '', switchDeadline: '', reviewDeadline: '',
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
      return loadError(e, '修改这场考试');
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
      .map(([k, name]) => h('option', {value: k}, `${name}（${utcOffset(k)}）`)));
  zone.value = v.timeZone;
  inputs.timeZone = zone;
  const reduce = h('input', {class: 'checkboxes__input', type: 'checkbox', name: 'reduceQuotaBeforeCancel', id: 'exam-reduce',
    checked: v.reduceQuotaBeforeCancel || null, disabled: published || null});
  const zoneNote = h('p', {class: 'hint', id: 'timeline-zone'});
  const showZone = () => {
    zoneNote.textContent = `以下时间均为${TIME_ZONES[zone.value] || zone.value}（${utcOffset(zone.value)}），按 年-月-日 时:分 填写。`;
  };
  zone.addEventListener('change', showZone);
  showZone();
  const f = (name, label, hint, input) => field({id: `exam-${name}`, label, hint, input, error: problemOf(name)});
  const timeFields = TIMES.map((t) => {
    const input = text(t, {type: 'datetime-local', 'aria-describedby': 'timeline-zone'});
    return f(t, EXAM_FIELDS[t], t === 'registrationClosedAt' ? '选填' : null, input);
  });
  const form = h('form', {class: 'exam-form', novalidate: true},
    errors,
    exam ? summaryList([['考试代码', exam.code]]) : f('code', EXAM_FIELDS.code, '字母、数字、横线或下划线，最长 40 位，创建后不能修改，如 SX-2024-GWY', text('code', {class: 'input input--width-20'})),
    f('name', EXAM_FIELDS.name, null, text('name')),
    f('timeZone', EXAM_FIELDS.timeZone, '考生和工作人员看到的时间都按这个时区显示', zone),
    h('fieldset', {class: 'fieldset'}, h('legend', {class: 'heading-s'}, '开考比例'),
      published ? h('p', {class: 'hint'}, '开考比例核查结果已发布，开考比例和核减规则不能再修改。') : null,
      f('defaultRatio', EXAM_FIELDS.defaultRatio, '如 3 表示 3:1；职位可在导入时另行规定', text('defaultRatio', {class: 'input input--width-5', inputmode: 'numeric', disabled: published || null})),
      h('div', {class: 'form-group'}, h('div', {class: 'checkboxes__item'}, reduce,
        h('label', {class: 'checkboxes__label', for: 'exam-reduce'}, EXAM_FIELDS.reduceQuotaBeforeCancel)))),
    f('maxSwitches', EXAM_FIELDS.maxSwitches, '被取消职位的考生最多可以改报几次（审查未通过后可再次改报）', text('maxSwitches', {class: 'input input--width-5', inputmode: 'numeric'})),
    f('feeAmount', EXAM_FIELDS.feeAmount, '选填，如 100.00', text('feeAmount', {class: 'input input--width-10', inputmode: 'decimal'})),
    h('fieldset', {class: 'fieldset'}, h('legend', {class: 'heading-s'}, '时间安排'), zoneNote, timeFields),
    h('div', {class: 'button-group'},
      h('button', {type: 'submit', class: 'button', id: 'exam-continue'}, '继续'),
      h('a', {href: '#/exams', class: 'button button--secondary'}, '取消')));
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
    heading(exam ? '修改考试时间安排' : '新建考试', exam ? exam.name : '考试'), form);
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
  if (!v.name) out.push({name: 'name', text: '请输入考试名称'});
  if (!/^\d+$/.test(v.defaultRatio) || Number(v.defaultRatio) < 1 || Number(v.defaultRatio) > 100) out.push({name: 'defaultRatio', text: '开考比例应为 1 到 100 的整数'});
  if (!/^\d+$/.test(v.maxSwitches) || Number(v.maxSwitches) > 10) out.push({name: 'maxSwitches', text: '改报次数应为 0 到 10 的整数'});
  if (v.feeAmount && !/^\d{1,8}(\.\d{1,2})?$/.test(v.feeAmount)) out.push({name: 'feeAmount', text: '报名费应为金额，最多两位小数，如 100.00'});
  for (const t of TIMES) {
    if (!v[t] && t !== 'registrationClosedAt') out.push({name: t, text: `请填写${EXAM_FIELDS[t]}`});
    else if (v[t] && !fromLocalInput(v[t], v.timeZone)) out.push({name: t, text: `${EXAM_FIELDS[t]}的格式不正确`});
  }
  const at = (t) => (v[t] ? Date.parse(fromLocalInput(v[t], v.timeZone)) : NaN);
  if (at('switchDeadline') <= at('switchWindowOpensAt')) out.push({name: 'switchDeadline', text: '改报截止时间应晚于改报开始时间'});
  if (at('reviewDeadline') <= at('switchDeadline')) out.push({name: 'reviewDeadline', text: '资格审查截止时间应晚于改报截止时间'});
  return out;
}

function body(v) {
  const b = {
    code: v.code, name: v.name, timeZone: v.timeZone, defaultRatio: Number(v.defaultRatio),
    reduceQuotaBeforeCancel: v.reduceQuotaBeforeCancel, maxSwitches: Number(v.maxSwitches),
    feeAmount: v.feeAmount ? v.feeAmount : null,
  };
  for (const t of TIMES) b[t] = v[t] ? fromLocalInput(v[t], v.timeZone) : null;
  return b;
}

function checkPage(exam) {
  const v = draft.values;
  const b = body(v);
  const change = (name, label) => h('a', {href: hrefOf(exam, null), 'aria-label': `修改${label}`, onclick: () => { draft.problems = []; }}, '修改');
  const published = !!(exam && exam.published);
  // frozen once published: the ratio settings are shown without a 修改 link
  const row = (name, label, value, editable = true) => h('div', {class: 'summary-list__row'},
    h('dt', {class: 'summary-list__key'}, label), h('dd', {class: 'summary-list__value'}, value == null || value === '' ? '—' : value),
    h('dd', {class: 'summary-list__actions'}, editable ? change(name, label) : h('span', {class: 'secondary'}, EXAM_COPY.frozen)));
  const zone = `${TIME_ZONES[v.timeZone] || v.timeZone}`;
  const errors = h('div', {});
  const submit = button(exam ? '保存修改' : '创建考试', {id: 'exam-submit', onclick: async () => {
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
    heading(exam ? '请核对修改后的时间安排' : '请核对考试信息', exam ? exam.name : '新建考试'),
    errors,
    h('dl', {class: 'summary-list'},
      exam ? null : row('code', EXAM_FIELDS.code, b.code),
      row('name', EXAM_FIELDS.name, b.name),
      row('timeZone', EXAM_FIELDS.timeZone, `${zone}（${utcOffset(v.timeZone, b.switchDeadline)}）`),
      row('defaultRatio', EXAM_FIELDS.defaultRatio, `${b.defaultRatio}:1`, !published),
      row('reduceQuotaBeforeCancel', EXAM_FIELDS.reduceQuotaBeforeCancel, b.reduceQuotaBeforeCancel ? '是' : '否（达不到比例即取消职位）', !published),
      row('maxSwitches', EXAM_FIELDS.maxSwitches, `${b.maxSwitches} 次`),
      row('feeAmount', EXAM_FIELDS.feeAmount, b.feeAmount ? `${b.feeAmount} 元` : null),
      // dateTime names the zone already; the zone row above gives its offset
      TIMES.map((t) => row(t, EXAM_FIELDS[t], b[t] ? dateTime(b[t], v.timeZone) : null))),
    h('p', {}, exam && exam.published ? '修改后，考生和审查人员立即按新的时间安排办理。' : '提交后可以继续导入职位和报名数据。'),
    submit);
}

function main() {
  return document.getElementById('main');
}

function serverProblems(e, exam) {
  if (e.slug === 'already-exists') return [{text: '这个考试代码已被使用，请返回修改考试代码。'}];
  if (e.slug === 'exam-already-published') return [{text: '这场考试的开考比例核查结果已发布，开考比例和核减规则不能再修改。'}];
  if (e.slug === 'validation-failed') {
    const list = ((e.problem && e.problem.errors) || []).map((x) => {
      const name = String(x.field || '').split('.').pop();
      return {text: `${EXAM_FIELDS[name] || name}：${examFieldProblem(name, x.message)}`};
    });
    return list.length ? list : [{text: '填写的内容不符合要求，请返回修改。'}];
  }
  if (e.status === 403) return [{text: forbiddenMessage(claims(), exam ? '修改考试' : '新建考试')}];
  return [{text: genericMessage(e)}];
}

function done(b, created, published) {
  return h('div', {},
    confirmationPanel(created ? '考试已创建' : '时间安排已保存', `${b.name}（${b.code}）`),
    h('h2', {class: 'heading-m'}, '接下来'),
    h('ul', {class: 'list'},
      created ? h('li', {}, h('a', {href: `#/imports${query({exam: b.code})}`}, '导入职位和报名数据')) : null,
      h('li', {}, h('a', {href: `#/ratio${query({exam: b.code})}`}, published ? EXAM_COPY.viewPublishedPlan : '进行开考比例核查')),
      h('li', {}, h('a', {href: '#/exams'}, '返回考试列表'))));
}
