// Point 4: positions and registrations uploaded as CSV or JSON, with the upload's progress (XMLHttpRequest:
// fetch reports none) and, when the file is refused, its bad rows. Imports are all or nothing, and the
// page says that nothing of a refused file was imported.
import {h, field, showErrors, heading} from '../../shared/dom.js';
import {session, route, claims, pageTop, chooseExam, examApi, dataTable} from '../app.js';
import {LABELS} from '../../shared/labels.js';
import {IMPORT_KINDS, IMPORT_HELP, IMPORTS as T, COMMON, importMessage, forbiddenMessage, genericMessage} from '../copy.js';

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
      h('h3', {class: 'error-summary__title'}, T.rejectedTitle(count)),
      h('p', {}, T.rejectedBody(file.name))),
    dataTable({
      caption: T.errorsCaption(count, shown.length),
      columns: T.errorColumns.map((label) => ({label})),
      rows: shown.map((x) => [x.row == null ? '—' : String(x.row), x.field || '—', importMessage(x.message)]),
      cls: 'table--import-errors',
    }));
}

const codes = (table) => Object.entries(LABELS[table]).map(([code, text]) => COMMON.withCode(text, code)).join(T.listJoin);

/** Every allowed value of the kind's coded columns, listed beside its upload. */
function allowedValues(kind) {
  const rows = kind === 'positions' ? [
    ['minEducation', [codes('Education'), IMPORT_HELP.blank].join(T.blankJoin)],
    ['degreeRequired', IMPORT_HELP.yesNo],
    ['majors', [IMPORT_HELP.majors, IMPORT_HELP.blank].join(T.blankJoin)],
    ['politicalStatus', [codes('PoliticalStatus'), IMPORT_HELP.blank].join(T.blankJoin)],
    ['quota, ratio, maxAge, minGrassrootsYears', T.wholeNumbers],
  ] : [
    ['education', codes('Education')],
    ['degree', IMPORT_HELP.yesNo],
    ['politicalStatus', codes('PoliticalStatus')],
    ['birthDate', IMPORT_HELP.date],
    ['fee.status', codes('FeeStatus')],
    ['fee.channel', [codes('PaymentChannel'), T.channelBlank].join(T.blankJoin)],
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
  const group = field({id: `${kind}-file`, label: T.fileLabel(k.what),
    hint: T.fileHint(k.columns), input});
  const progress = h('progress', {class: 'progress', max: '100', value: '0', id: `${kind}-progress`, 'aria-label': T.progressLabel(k.what)});
  const progressText = h('span', {class: 'progress__text', role: 'status', 'aria-live': 'polite'});
  const progressBox = h('div', {class: 'progress-box', hidden: true}, progress, progressText);
  const result = h('div', {'aria-live': 'polite'});
  const submit = h('button', {type: 'submit', class: 'button', id: `${kind}-upload`}, T.upload(k.title));
  const template = h('p', {class: 'import-template'},
    h('a', {href: k.template, download: k.templateName, id: `${kind}-template`}, IMPORT_HELP.template(k.what)),
    h('span', {class: 'hint'}, ` ${IMPORT_HELP.templateHint}`));
  const form = h('form', {class: 'import-form', novalidate: true, 'aria-labelledby': `${kind}-heading`},
    h('h2', {class: 'heading-m', id: `${kind}-heading`}, T.formTitle(k.title)), template, allowedValues(kind),
    errors, group, submit, progressBox, result);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    result.replaceChildren();
    const file = input.files && input.files[0];
    const type = file ? typeOf(file) : null;
    const problem = !file ? T.needFile(k.what) : !type ? T.badType : null;
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
    progressText.textContent = T.uploading(file.name, size(file.size));
    try {
      const {data} = await session.upload('POST', examApi(exam, `/${kind}`), file, type, (sent, total) => {
        const pct = total ? Math.min(100, Math.round((sent / total) * 100)) : 0;
        progress.value = pct;
        progressText.textContent = pct < 100 ? T.uploaded(pct, size(sent), size(total)) : T.checking;
      });
      progress.value = 100;
      progressText.textContent = T.done;
      result.replaceChildren(h('div', {class: 'import-result', id: `${kind}-imported`},
        h('div', {class: 'panel panel--confirmation panel--inline'},
          h('h3', {class: 'panel__title', tabindex: '-1'}, T.imported(k.title)),
          h('div', {class: 'panel__body'}, T.importedBody(file.name, data)))));
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
        if (e.slug === 'exam-already-published') text = T.publishedRefused;
        else if (e.slug === 'malformed-request') text = T.malformed;
        else if (e.status === 413) text = T.tooLarge;
        else if (e.status === 403) text = forbiddenMessage(claims(), T.forbidden);
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
  if (!exam) return h('div', {}, heading(T.title), h('p', {}, COMMON.noExams), h('p', {}, h('a', {href: '#/exams/new'}, T.newExam)));
  return h('div', {},
    pageTop(T.title, exam.name, exam, '/imports'),
    exam.published
      ? h('div', {class: 'inset inset--closed'}, h('p', {}, T.published))
      : h('div', {class: 'inset'}, h('p', {}, T.order)),
    exam.published ? null : [uploadForm(exam, 'positions'), uploadForm(exam, 'registrations')],
    h('p', {}, h('a', {href: `#/ratio?exam=${encodeURIComponent(exam.code)}`}, T.next)));
}
