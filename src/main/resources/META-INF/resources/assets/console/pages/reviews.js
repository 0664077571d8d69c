// Point 7: every agency's reviews (ADMIN), paged from the server and filtered by agency and status, late
// decisions marked; and the switch results. Both export the filtered list as CSV.
import {query} from '../../shared/api.js';
import {h, field, tag, heading} from '../../shared/dom.js';
import {dateTime} from '../../shared/format.js';
import {mask} from '../../shared/idnumber.js';
import {session, route, loadError, pageTop, pagination, pageParam, chooseExam, examApi, exportButton, dataTable, select} from '../app.js';
import {REVIEW_STATUS} from '../copy.js';

const PAGE_SIZE = 50;
const PRECHECK = {PASS: ['符合', 'pass'], MANUAL: ['需人工核实', 'manual'], FAIL: ['不符合', 'fail']};

function statusTag(status) {
  const [text, kind] = REVIEW_STATUS[status] || [status, 'pending'];
  return tag(text, kind);
}

function decided(item, exam) {
  if (!item.decidedAt) return null;
  return [dateTime(item.decidedAt, exam.timeZone), item.lateDecision ? [' ', tag('截止后决定', 'fail')] : null];
}

/** One list page: the filters (agency, status), the table, the pager and the export of what is filtered. */
async function listPage({path, title, list, columns, row, exportLabel, exportName, what}) {
  const {params} = route();
  const exam = await chooseExam(params.get('exam'));
  if (!exam) return h('div', {}, heading(title), h('p', {}, '目前没有考试。'));
  const status = REVIEW_STATUS[params.get('status')] ? params.get('status') : '';
  const agency = (params.get('agency') || '').trim().slice(0, 200);
  const page = pageParam(params);
  const filter = {status, agency};
  let data;
  try {
    data = await session.get(examApi(exam, `/${list}${query({...filter, page, size: PAGE_SIZE})}`));
  } catch (e) {
    if (e.status === 401) throw e;
    return loadError(e, what);
  }
  const statusSelect = select('status', REVIEW_STATUS, status);
  const agencyInput = h('input', {class: 'input input--width-20', name: 'agency', value: agency, spellcheck: 'false'});
  const filters = h('form', {class: 'filters filters--row', 'aria-label': `筛选${title}`},
    field({id: 'filter-agency', label: '招录单位', hint: '单位代码（如 A07）或单位名称', input: agencyInput}),
    field({id: 'filter-status', label: '审查状态', input: statusSelect}),
    h('button', {type: 'submit', class: 'button button--secondary'}, '筛选'));
  filters.addEventListener('submit', (ev) => {
    ev.preventDefault();
    location.hash = `${path}${query({exam: exam.code, status: statusSelect.value, agency: agencyInput.value.trim()})}`;
  });
  const pages = Math.max(1, Math.ceil(data.total / PAGE_SIZE));
  const shown = [agency && `招录单位 ${agency}`, status && REVIEW_STATUS[status][0]].filter(Boolean).join('，');
  return h('div', {},
    pageTop(title, exam.name, exam, path),
    filters,
    exportButton(exportLabel, examApi(exam, `/${list}${query(filter)}`), `${exportName}-${exam.code}.csv`),
    data.items.length ? dataTable({
      caption: `共 ${data.total} 条${shown ? `（${shown}）` : ''}`,
      columns: columns.map((label) => ({label})),
      rows: data.items.map((item) => row(item, exam)),
      cls: `table--${list}`,
    }) : h('p', {}, '没有符合条件的记录。'),
    pagination(page, pages, (n) => `#${path}${query({exam: exam.code, ...filter, page: n})}`, `，共 ${data.total} 条`));
}

export function reviewsPage() {
  return listPage({
    path: '/reviews', title: '审查情况', list: 'reviews', exportLabel: '导出审查结果（CSV）', exportName: 'reviews',
    what: '查看各招录单位的审查情况（仅考试机构管理员可以查看）',
    columns: ['编号', '考生', '身份证号', '改报职位', '招录单位', '系统预审', '审查状态', '审查人员', '审查时间', '不通过原因'],
    row: (r, exam) => {
      const p = r.targetPosition || {};
      const a = r.applicant || {};
      const pre = PRECHECK[r.precheck && r.precheck.result];
      return [String(r.id), a.name, a.idNumber ? mask(a.idNumber) : null, `${r.targetPositionCode} ${p.title || ''}`.trim(),
        p.agencyName ? `${p.agencyName}（${p.agencyCode}）` : p.agencyCode, pre ? tag(pre[0], pre[1]) : null,
        statusTag(r.status), r.reviewer, decided(r, exam), r.reason];
    },
  });
}

export function switchesPage() {
  return listPage({
    path: '/switches', title: '改报结果', list: 'switches', exportLabel: '导出改报结果（CSV）', exportName: 'switches',
    what: '查看改报结果（仅考试机构管理员可以查看）',
    columns: ['编号', '考生', '身份证号', '第几次改报', '原报考职位', '改报职位', '招录单位', '审查状态', '审查时间', '不通过原因'],
    row: (s, exam) => [String(s.id), s.applicantName, s.idNumberMasked, String(s.seq), s.fromPositionCode,
      `${s.targetPositionCode} ${s.targetPositionTitle || ''}`.trim(), `${s.targetAgencyName}（${s.targetAgencyCode}）`,
      statusTag(s.status), decided(s, exam), s.reason],
  });
}
