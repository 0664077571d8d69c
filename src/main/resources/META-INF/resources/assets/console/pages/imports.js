// Point 4: positions and registrations uploaded as CSV or JSON, with the upload's progress (XMLHttpRequest:
// fetch reports none) and, when the file is refused, its bad rows. Imports are all or nothing, and the
// page says that nothing of a refused file was imported.
import {h, field, showErrors, heading} from '../../shared/dom.js';
import {session, route, claims, pageTop, chooseExam, examApi, dataTable} from '../app.js';
import {LABELS} from '../../shared/labels.js';
import {IMPORT_KINDS, IMPORT_HELP, importMessage, forbiddenMessage, genericMessage} from '../copy.js';

const MAX_ROWS_SHOWN = 1000;

function typeOf(file) {
  if (/\.json$/i.test(file.name) || file.type === 'application/json') return 'application/json';
  if (/\.csv$/i.test(file.name) || file.type === 'text/csv') return 'text/csv; charset=UTF-8';
  return null;
}

function size(bytes) {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The bad rows of a refused file: the count, the statement that nothing was imported, the table. */
function rejected(kind, file, e) {
  const errors = (e.problem && e.problem.errors) || [];
  const count = e.problem && Number.isFinite(e.problem.errorCount) ? e.problem.errorCount : errors.length;
  const shown = errors.slice(0, MAX_ROWS_SHOWN);
  return h('div', {class: 'import-result import-result--rejected', id: `${kind}-rejected`},
    h('div', {class: 'error-summary', role: 'alert', tabindex: '-1'},
      h('h3', {class: 'error-summary__title'}, `文件未导入：发现 ${count} 处错误`),
      h('p', {}, `${file.name} 中的数据一条也没有导入（导入要么全部成功，要么全部不导入）。请按下表改正后重新上传整个文件。`)),
    dataTable({
      caption: count > shown.length ? `错误明细（共 ${count} 处，列出前 ${shown.length} 处）` : `错误明细（共 ${count} 处）`,
      columns: [{label: '行号（不含表头）'}, {label: '字段'}, {label: '问题'}],
      rows: shown.map((x) => [x.row == null ? '—' : String(x.row), x.field || '—', importMessage(x.message)]),
      cls: 'table--import-errors',
    }));
}

const codes = (table) => Object.entries(LABELS[table]).map(([code, text]) => `${text}（${code}）`).join('、');

/** Every allowed value of the kind's coded columns, listed beside its upload. */
function allowedValues(kind) {
  const rows = kind === 'positions' ? [
    ['minEducation', `${codes('Education')}；${IMPORT_HELP.blank}`],
    ['degreeRequired', IMPORT_HELP.yesNo],
    ['majors', `${IMPORT_HELP.majors}；${IMPORT_HELP.blank}`],
    ['politicalStatus', `${codes('PoliticalStatus')}；${IMPORT_HELP.blank}`],
    ['quota, ratio, maxAge, minGrassrootsYears', '整数；ratio 空着表示用考试的开考比例'],
  ] : [
    ['education', codes('Education')],
    ['degree', IMPORT_HELP.yesNo],
    ['politicalStatus', codes('PoliticalStatus')],
    ['birthDate', IMPORT_HELP.date],
    ['fee.status', codes('FeeStatus')],
    ['fee.channel', `${codes('PaymentChannel')}；免缴费和未缴费时空着`],
    ['fee.paidAt', IMPORT_HELP.instant],
  ];
  return h('details', {class: 'details', id: `${kind}-allowed`, open: true},
    h('summary', {class: 'details__summary'}, IMPORT_HELP.allowedTitle),
    dataTable({caption: IMPORT_HELP.allowedCaption, columns: IMPORT_HELP.columns.map((label) => ({label})),
      rows: rows.map(([col, text]) => [h('code', {}, col), text]), cls: 'table--allowed'}));
}

function uploadForm(exam, kind) {
  const k = IMPORT_KINDS[kind];
  const errors = h('div', {});
  const input = h('input', {class: 'file-upload', type: 'file', name: kind, accept: '.csv,.json,text/csv,application/json'});
  const group = field({id: `${kind}-file`, label: `选择${k.what}文件（CSV 或 JSON）`,
    hint: `CSV 须为 UTF-8 编码并带表头行，列为：${k.columns}。`, input});
  const progress = h('progress', {class: 'progress', max: '100', value: '0', id: `${kind}-progress`, 'aria-label': `${k.what}上传进度`});
  const progressText = h('span', {class: 'progress__text', role: 'status', 'aria-live': 'polite'});
  const progressBox = h('div', {class: 'progress-box', hidden: true}, progress, progressText);
  const result = h('div', {'aria-live': 'polite'});
  const submit = h('button', {type: 'submit', class: 'button', id: `${kind}-upload`}, `上传并导入${k.title}`);
  const template = h('p', {class: 'import-template'},
    h('a', {href: k.template, download: k.templateName, id: `${kind}-template`}, IMPORT_HELP.template(k.what)),
    h('span', {class: 'hint'}, ` ${IMPORT_HELP.templateHint}`));
  const form = h('form', {class: 'import-form', novalidate: true, 'aria-labelledby': `${kind}-heading`},
    h('h2', {class: 'heading-m', id: `${kind}-heading`}, `导入${k.title}`), template, allowedValues(kind),
    errors, group, submit, progressBox, result);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    result.replaceChildren();
    const file = input.files && input.files[0];
    const type = file ? typeOf(file) : null;
    const problem = !file ? `请选择要导入的${k.what}文件` : !type ? '文件应为 .csv 或 .json 格式' : null;
    group.classList.toggle('form-group--error', !!problem);
    input.setAttribute('aria-invalid', problem ? 'true' : 'false');
    if (problem) {
      showErrors(errors, [{field: `${kind}-file`, text: problem}]);
      return;
    }
    showErrors(errors, []);
    submit.disabled = true;
    progressBox.hidden = false;
    progress.value = 0;
    progressText.textContent = `正在上传 ${file.name}（${size(file.size)}）…`;
    try {
      const {data} = await session.upload('POST', examApi(exam, `/${kind}`), file, type, (sent, total) => {
        const pct = total ? Math.min(100, Math.round((sent / total) * 100)) : 0;
        progress.value = pct;
        progressText.textContent = pct < 100 ? `已上传 ${pct}%（${size(sent)} / ${size(total)}）` : '上传完成，正在检查和导入数据…';
      });
      progress.value = 100;
      progressText.textContent = '导入完成。';
      result.replaceChildren(h('div', {class: 'import-result', id: `${kind}-imported`},
        h('div', {class: 'panel panel--confirmation panel--inline'},
          h('h3', {class: 'panel__title', tabindex: '-1'}, `${k.title}已导入`),
          h('div', {class: 'panel__body'}, `${file.name}：共 ${data.received} 条，新增 ${data.created} 条，更新 ${data.updated} 条。`))));
      result.querySelector('.panel__title').focus();
      input.value = '';
    } catch (e) {
      progressBox.hidden = true;
      if (e.status === 401) return;
      if (e.slug === 'validation-failed') {
        result.replaceChildren(rejected(kind, file, e));
        result.querySelector('.error-summary').focus();
      } else {
        let text = genericMessage(e);
        if (e.slug === 'exam-already-published') text = '这场考试的开考比例核查结果已发布，职位和报名数据不能再导入或修改。文件没有导入。';
        else if (e.slug === 'malformed-request') text = '文件无法读取（不是有效的 CSV 或 JSON）。文件没有导入。';
        else if (e.status === 413) text = '文件太大，服务器拒绝接收。文件没有导入。';
        else if (e.status === 403) text = forbiddenMessage(claims(), '导入数据');
        showErrors(errors, [{text}]);
      }
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

export async function importsPage() {
  const exam = await chooseExam(route().params.get('exam'));
  if (!exam) return h('div', {}, heading('导入数据'), h('p', {}, '目前没有考试。'), h('p', {}, h('a', {href: '#/exams/new'}, '新建考试')));
  return h('div', {},
    pageTop('导入数据', exam.name, exam, '/imports'),
    exam.published
      ? h('div', {class: 'inset inset--closed'}, h('p', {}, '这场考试的开考比例核查结果已发布，职位和报名数据不能再导入或修改。'))
      : h('div', {class: 'inset'}, h('p', {}, '先导入职位，再导入报名数据。同一职位代码再次导入时会更新原有职位。'
        + '每个文件要么全部导入，要么（有任何一行出错时）一条也不导入。')),
    exam.published ? null : [uploadForm(exam, 'positions'), uploadForm(exam, 'registrations')],
    h('p', {}, h('a', {href: `#/ratio?exam=${encodeURIComponent(exam.code)}`}, '导入完成后，进行开考比例核查')));
}
