// Point 5: the opening-ratio check.
import {query} from '../../shared/api.js';
import {h, field, showErrors, tag, confirmDialog, heading, button} from '../../shared/dom.js';
import {session, state, route, flash, claims, loadError, figure, pageTop, pagination, chooseExam, render} from '../app.js';
import {OUTCOMES, RATIO as T, COMMON, forbiddenMessage, genericMessage} from '../copy.js';


const RATIO_PAGE_SIZE = 50;

function ratioHref(params) {
  return `#/ratio${query(params)}`;
}

export async function ratioPage() {
  const {params} = route();
  const exam = await chooseExam(params.get('exam'));
  if (!exam) return h('div', {}, heading(T.title), h('p', {}, COMMON.noExams));
  let plan;
  try {
    ({data: plan} = await session.post(`/api/v1/admin/exams/${encodeURIComponent(exam.code)}/ratio-check`));
  } catch (e) {
    if (e.status === 401) throw e;
    return loadError(e, T.forbidden);
  }
  const outcome = OUTCOMES[params.get('outcome')] ? params.get('outcome') : '';
  const code = (params.get('q') || '').trim();
  const rows = plan.positions.filter((p) => (!outcome || p.outcome === outcome) && (!code || p.code.includes(code)));
  const pages = Math.max(1, Math.ceil(rows.length / RATIO_PAGE_SIZE));
  const page = Math.min(pages - 1, Math.max(0, Number(params.get('page')) || 0));
  const shown = rows.slice(page * RATIO_PAGE_SIZE, (page + 1) * RATIO_PAGE_SIZE);
  const sum = (list, f) => list.reduce((n, p) => n + (f(p) || 0), 0);

  const outcomeSelect = h('select', {class: 'select', name: 'outcome'},
    h('option', {value: ''}, T.all),
    Object.entries(OUTCOMES).map(([k, [text]]) => h('option', {value: k}, text)));
  outcomeSelect.value = outcome;
  const codeInput = h('input', {class: 'input', name: 'q', value: code, spellcheck: 'false'});
  const filters = h('form', {class: 'filters filters--row', 'aria-label': T.filterForm},
    field({id: 'filter-outcome', label: T.outcome, input: outcomeSelect}),
    field({id: 'filter-code', label: T.code, input: codeInput}),
    h('button', {type: 'submit', class: 'button button--secondary'}, COMMON.filter));
  filters.addEventListener('submit', (ev) => {
    ev.preventDefault();
    location.hash = ratioHref({exam: exam.code, outcome: outcomeSelect.value, q: codeInput.value.trim()}).slice(1);
  });

  const table = h('table', {class: 'table table--plan'},
    h('caption', {class: 'table__caption'}, T.caption(rows.length, outcome || code)),
    h('thead', {}, h('tr', {}, T.columns
      .map((t, i) => h('th', {class: i === 0 || i === 5 ? 'table__header' : 'table__header table__cell--numeric', scope: 'col'}, t)))),
    h('tbody', {}, shown.map((p) => h('tr', {},
      h('td', {class: 'table__cell', 'data-label': T.cellLabels.code}, p.code),
      h('td', {class: 'table__cell table__cell--numeric', 'data-label': T.cellLabels.confirmed}, String(p.confirmedApplicants)),
      h('td', {class: 'table__cell table__cell--numeric', 'data-label': T.cellLabels.ratio}, T.ratio(p.ratio)),
      h('td', {class: 'table__cell table__cell--numeric', 'data-label': T.cellLabels.needed}, String(p.quota * p.ratio)),
      h('td', {class: 'table__cell table__cell--numeric', 'data-label': T.cellLabels.quota}, String(p.quota)),
      h('td', {class: 'table__cell', 'data-label': T.cellLabels.outcome}, tag(OUTCOMES[p.outcome][0], OUTCOMES[p.outcome][1])),
      h('td', {class: 'table__cell table__cell--numeric', 'data-label': T.cellLabels.newQuota}, String(p.newQuota))))),
    h('tfoot', {}, h('tr', {},
      h('th', {class: 'table__header', scope: 'row'}, T.total),
      h('td', {class: 'table__cell table__cell--numeric'}, String(sum(rows, (p) => p.confirmedApplicants))),
      h('td', {class: 'table__cell'}, ''),
      h('td', {class: 'table__cell table__cell--numeric'}, String(sum(rows, (p) => p.quota * p.ratio))),
      h('td', {class: 'table__cell table__cell--numeric'}, String(sum(rows, (p) => p.quota))),
      h('td', {class: 'table__cell'}, ''),
      h('td', {class: 'table__cell table__cell--numeric'}, String(sum(rows, (p) => p.newQuota))))));

  const pager = pagination(page, pages, (n) => ratioHref({exam: exam.code, outcome, q: code, page: n}));

  const publish = plan.published ? null : button(T.publish, {class: 'button button--warning', id: 'publish', onclick: () => confirmDialog({
    title: T.confirmTitle,
    content: [
      h('p', {}, T.confirmEffect(plan)),
      h('p', {}, T.confirmAfter),
    ],
    confirm: {label: T.confirm, kind: 'warning', id: 'confirm-publish'},
    cancel: {label: COMMON.cancel, id: 'cancel-publish'},
    onConfirm: async ({errors}) => {
      try {
        await session.post(`/api/v1/admin/exams/${encodeURIComponent(exam.code)}/ratio-check/publish`);
        state.exams = null;
        flash(T.published(plan), 'success');
        setTimeout(() => render(), 0);
        return true;
      } catch (e) {
        if (e.status === 401) return true;
        showErrors(errors, [{text: e.status === 403 ? forbiddenMessage(claims(), T.publishForbidden) : genericMessage(e)}]);
        return false;
      }
    },
  })});

  return h('div', {},
    pageTop(T.title, exam.name, exam, '/ratio'),
    plan.published
      ? h('div', {class: 'inset inset--closed'}, h('p', {}, h('strong', {}, T.publishedNote), T.publishedRest))
      : h('div', {class: 'inset'}, h('p', {}, T.trial)),
    h('dl', {class: 'figures'}, figure(OUTCOMES.KEEP[0], plan.kept), figure(OUTCOMES.REDUCE[0], plan.reduced), figure(OUTCOMES.CANCEL[0], plan.cancelled),
      figure(T.positions, plan.positions.length)),
    publish,
    filters, table, pager);
}
