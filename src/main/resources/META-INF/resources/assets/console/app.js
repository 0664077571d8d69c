// What every console page shares: the staff session, the tab's state, the route, the exam chooser and
// a few page pieces. The shell (main.js) owns the chrome and the route table; each page module its page.
import {Session, query} from '../shared/api.js';
import {route, go, render, onLeave} from '../shared/router.js';
import {h, showErrors, nextId, heading, button} from '../shared/dom.js';
import {forbiddenMessage, genericMessage, SHELL} from './copy.js';

// The staff token has its own key: an applicant signed in on the same browser never shares it.
export const session = new Session('staff-token');
const EXAM_KEY = 'console-exam';

// The shared router's route(), go(), render() (the current route again) and onLeave(f) (run f when
// the page is left: timers, document listeners, charts).
export {route, go, render, onLeave};

export const state = {
  exams: null,
  exam: null,
  flash: null,
  queue: null,  // {exam, status, page, items, total, counts, selected}
  notice: null, // a message for the queue's detail panel after a refresh: {kind, text}
  focusList: false, // after a decision or a page turn by keyboard, focus stays in the queue
};

export function stored(key, value) {
  try {
    if (value === undefined) return sessionStorage.getItem(key);
    if (value) sessionStorage.setItem(key, value);
    else sessionStorage.removeItem(key);
  } catch {
    // storage refused: the choice is not kept across reloads
  }
  return null;
}

export function flash(text, kind = 'info') {
  state.flash = {text, kind};
}

export function claims() {
  return session.claims || {};
}

export function isAdmin() {
  return (claims().groups || []).includes('ADMIN');
}

export function problemBox(text) {
  const slot = h('div', {});
  showErrors(slot, [{text}]);
  return slot;
}

/** A page that could not load: why (a 403 says what the role may not do), and a retry. */
export function loadError(e, what) {
  const text = e.status === 403 ? forbiddenMessage(claims(), what) : genericMessage(e);
  return h('div', {},
    heading(e.status === 403 ? SHELL.forbiddenTitle : SHELL.failedTitle),
    problemBox(text),
    e.status === 403 ? h('p', {}, h('a', {href: '#/'}, SHELL.home)) : button(SHELL.retry, {onclick: () => render()}));
}

/** One figure of a dashboard row (a dl of them). */
export function figure(label, value) {
  return h('div', {class: 'figure'}, h('dt', {class: 'figure__label'}, label), h('dd', {class: 'figure__value'}, value == null ? '—' : String(value)));
}

/** The page's heading with the exam as its caption, and the exam chooser (leading to path) when there are several. */
export function pageTop(title, caption, exam, path) {
  return h('div', {class: 'console-top'}, h('div', {}, heading(title, caption)),
    state.exams.length > 1 ? examChooser(exam, (c) => go(`${path}${query({exam: c})}`)) : null);
}

/** Previous / next links of a list paged by href(n), or null for a single page. */
export function pagination(page, pages, href, more = '') {
  if (pages <= 1) return null;
  return h('nav', {class: 'pagination', 'aria-label': SHELL.pager},
    page > 0 ? h('a', {class: 'button button--secondary', href: href(page - 1)}, SHELL.previous) : h('span', {}),
    h('span', {class: 'pagination__info'}, SHELL.pageOf(page + 1, pages, more)),
    page + 1 < pages ? h('a', {class: 'button button--secondary', href: href(page + 1)}, SHELL.next) : h('span', {}));
}

// ---------------------------------------------------------------------------------------------
// exams

export async function loadExams() {
  if (!state.exams) {
    const page = await session.get(`/api/v1/exams${query({size: 200})}`);
    state.exams = page.items;
  }
  return state.exams;
}

/** The exam chosen in this tab, else the only one reviewing or switching, else the first. */
export async function chooseExam(wanted) {
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

export function examChooser(exam, onChoose) {
  const id = nextId('exam');
  const select = h('select', {class: 'select', name: 'exam'},
    state.exams.map((e) => h('option', {value: e.code, selected: e.code === exam.code ? 'selected' : null}, SHELL.examOption(e.name, e.code))));
  select.value = exam.code;
  const form = h('form', {class: 'exam-chooser', 'aria-label': SHELL.chooseExam},
    h('label', {class: 'label', for: id}, SHELL.exam), select,
    h('button', {type: 'submit', class: 'button button--secondary'}, SHELL.show));
  select.id = id;
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    stored(EXAM_KEY, select.value);
    onChoose(select.value);
  });
  return form;
}


/** The page's exam path: /api/v1/admin/exams/{code}{rest}. */
export function examApi(exam, rest = '') {
  return `/api/v1/admin/exams/${encodeURIComponent(exam.code)}${rest}`;
}

/**
 * A button that downloads path (with the page's filters) as CSV through the API and saves it; the
 * status line says what was saved or why not.
 */
export function exportButton(label, path, fallback) {
  const status = h('span', {class: 'export__status', role: 'status', 'aria-live': 'polite'});
  const b = button(label, {class: 'button button--secondary export__button', onclick: async () => {
    b.disabled = true;
    status.textContent = SHELL.exporting;
    try {
      const name = await session.download(path, 'text/csv', fallback);
      status.textContent = SHELL.exported(name);
    } catch (e) {
      if (e.status === 401) return;
      status.textContent = e.status === 403 ? forbiddenMessage(claims(), SHELL.exportThis) : SHELL.exportFailed(genericMessage(e));
    } finally {
      b.disabled = false;
    }
  }});
  return h('div', {class: 'export'}, b, status);
}

/** A table: caption, column names, and rows of cells (each a node, text, or null for a dash). */
export function dataTable({caption, columns, rows, cls = ''}) {
  // a wide table scrolls inside its own box on a tablet instead of the page (focusable, so the keys scroll it)
  return h('div', {class: 'table-wrap', role: 'region', 'aria-label': caption, tabindex: '0'}, h('table', {class: `table table--responsive ${cls}`.trim()},
    h('caption', {class: 'table__caption'}, caption),
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', {class: `table__header${c.numeric ? ' table__cell--numeric' : ''}`, scope: 'col'}, c.label)))),
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((v, i) => h('td', {
      class: `table__cell${columns[i].numeric ? ' table__cell--numeric' : ''}`, 'data-label': columns[i].label,
    }, v == null || v === '' ? '—' : v)))))));
}

/** A filter form (GOV.UK row of fields) whose submit goes to the route of its values. */
export function filterForm(label, fields, onSubmit) {
  const form = h('form', {class: 'filters filters--row', 'aria-label': label}, fields,
    h('button', {type: 'submit', class: 'button button--secondary'}, SHELL.filter));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    onSubmit();
  });
  return form;
}

/** A select of options ({value: text}) with an empty choice first. */
export function select(name, options, value, empty = SHELL.all) {
  const el = h('select', {class: 'select', name}, empty == null ? null : h('option', {value: ''}, empty),
    Object.entries(options).map(([k, text]) => h('option', {value: k}, Array.isArray(text) ? text[0] : text)));
  el.value = value || '';
  return el;
}

/** The page number of the route (0 when absent or bad). */
export function pageParam(params) {
  return Math.max(0, Math.min(1000000, Math.floor(Number(params.get('page')) || 0)));
}
