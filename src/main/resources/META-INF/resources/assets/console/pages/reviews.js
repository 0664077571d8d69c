// Point 7: every agency's reviews (ADMIN), paged from the server and filtered by agency and status, late
// decisions marked; and the switch results. Both export the filtered list as CSV.
import {query} from '../../shared/api.js';
import {h, field, tag, heading} from '../../shared/dom.js';
import {dateTime} from '../../shared/format.js';
import {mask} from '../../shared/idnumber.js';
import {session, route, loadError, pageTop, pagination, pageParam, chooseExam, examApi, exportButton, dataTable, select} from '../app.js';
import {REVIEW_STATUS, MARKS, REVIEWS as T, COMMON} from '../copy.js';

const PAGE_SIZE = 50;
const PRECHECK = {PASS: [MARKS.pass, 'pass'], MANUAL: [MARKS.manual, 'manual'], FAIL: [MARKS.fail, 'fail']};

function statusTag(status) {
  const [text, kind] = REVIEW_STATUS[status] || [status, 'pending'];
  return tag(text, kind);
}

function decided(item, exam) {
  if (!item.decidedAt) return null;
  return [dateTime(item.decidedAt, exam.timeZone), item.lateDecision ? [' ', tag(COMMON.lateDecision, 'fail')] : null];
}

/** One list page: the filters (agency, status), the table, the pager and the export of what is filtered. */
async function listPage({path, title, list, columns, row, exportLabel, exportName, what}) {
  const {params} = route();
  const exam = await chooseExam(params.get('exam'));
  if (!exam) return h('div', {}, heading(title), h('p', {}, COMMON.noExams));
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
  const filters = h('form', {class: 'filters filters--row', 'aria-label': T.filterForm(title)},
    field({id: 'filter-agency', label: T.agency, hint: T.agencyHint, input: agencyInput}),
    field({id: 'filter-status', label: T.status, input: statusSelect}),
    h('button', {type: 'submit', class: 'button button--secondary'}, COMMON.filter));
  filters.addEventListener('submit', (ev) => {
    ev.preventDefault();
    location.hash = `${path}${query({exam: exam.code, status: statusSelect.value, agency: agencyInput.value.trim()})}`;
  });
  const pages = Math.max(1, Math.ceil(data.total / PAGE_SIZE));
  const shown = [agency && T.shownAgency(agency), status && REVIEW_STATUS[status][0]].filter(Boolean).join(T.shownJoin);
  return h('div', {},
    pageTop(title, exam.name, exam, path),
    filters,
    exportButton(exportLabel, examApi(exam, `/${list}${query(filter)}`), `${exportName}-${exam.code}.csv`),
    data.items.length ? dataTable({
      caption: T.caption(data.total, shown),
      columns: columns.map((label) => ({label})),
      rows: data.items.map((item) => row(item, exam)),
      cls: `table--${list}`,
    }) : h('p', {}, COMMON.noRecords),
    pagination(page, pages, (n) => `#${path}${query({exam: exam.code, ...filter, page: n})}`, COMMON.total(data.total)));
}

export function reviewsPage() {
  return listPage({
    path: '/reviews', title: T.reviews.title, list: 'reviews', exportLabel: T.reviews.export, exportName: 'reviews',
    what: T.reviews.forbidden, columns: T.reviews.columns,
    row: (r, exam) => {
      const p = r.targetPosition || {};
      const a = r.applicant || {};
      const pre = PRECHECK[r.precheck && r.precheck.result];
      return [String(r.id), a.name, a.idNumber ? mask(a.idNumber) : null, `${r.targetPositionCode} ${p.title || ''}`.trim(),
        p.agencyName ? COMMON.withCode(p.agencyName, p.agencyCode) : p.agencyCode, pre ? tag(pre[0], pre[1]) : null,
        statusTag(r.status), r.reviewer, decided(r, exam), r.reason];
    },
  });
}

export function switchesPage() {
  return listPage({
    path: '/switches', title: T.switches.title, list: 'switches', exportLabel: T.switches.export, exportName: 'switches',
    what: T.switches.forbidden, columns: T.switches.columns,
    row: (s, exam) => [String(s.id), s.applicantName, s.idNumberMasked, String(s.seq), s.fromPositionCode,
      `${s.targetPositionCode} ${s.targetPositionTitle || ''}`.trim(), COMMON.withCode(s.targetAgencyName, s.targetAgencyCode),
      statusTag(s.status), decided(s, exam), s.reason],
  });
}
