// Point 5: the opening-ratio check.
import {query} from '../../shared/api.js';
import {h, field, showErrors, tag, confirmDialog, heading, button} from '../../shared/dom.js';
import {session, state, route, flash, claims, loadError, figure, pageTop, pagination, chooseExam, render} from '../app.js';
import {OUTCOMES, forbiddenMessage, genericMessage} from '../copy.js';


const RATIO_PAGE_SIZE = 50;

function ratioHref(params) {
  return `#/ratio${query(params)}`;
}

export async function ratioPage() {
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
