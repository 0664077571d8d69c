// Issue 26: 短信通知. The exam's notifications: counts per kind and status, the affected applicants
// without a mobile number (told on their status page only), the SMS backlog, the messages of one
// applicant or of a status and kind (mobile numbers masked), and the resend of a failed SMS.
import {query} from '../../shared/api.js';
import {h, field, showErrors, tag, heading, button} from '../../shared/dom.js';
import {dateTime} from '../../shared/format.js';
import {LABELS} from '../../shared/labels.js';
import {session, route, flash, loadError, pageTop, pagination, chooseExam, render, examApi, select, pageParam, figure, dataTable} from '../app.js';
import {NOTIFICATIONS as T, COMMON, genericMessage} from '../copy.js';

const PAGE_SIZE = 50;
const KINDS = LABELS.NotificationKind;
const STATUSES = LABELS.NotificationStatus;
const TONES = {DELIVERED: 'pass', PENDING: 'pending', FAILED: 'fail', NO_MOBILE: 'grey'};

function href(params) {
  return `#/notifications${query(params)}`;
}

/** Counts per kind (rows) and status (columns), every kind and status shown. */
function countsTable(counts) {
  const n = (kind, status) => (counts.find((c) => c.kind === kind && c.status === status) || {}).count || 0;
  return dataTable({
    caption: T.countsCaption,
    columns: [{label: T.kind}, ...Object.values(STATUSES).map((label) => ({label, numeric: true}))],
    rows: Object.entries(KINDS).map(([k, name]) => [name, ...Object.keys(STATUSES).map((s) => String(n(k, s)))]),
  });
}

function statusCell(n, exam) {
  const parts = [tag(STATUSES[n.status] || n.status, TONES[n.status] || 'grey')];
  if (n.status === 'FAILED') parts.push(h('span', {class: 'precheck__detail'}, T.failure(n.lastError, n.lastStatusCode, n.attempts)));
  if (n.status === 'PENDING' && n.nextAttemptAt) parts.push(h('span', {class: 'precheck__detail'}, T.sendAfter(dateTime(n.nextAttemptAt, exam.timeZone))));
  return parts;
}

export async function notificationsPage() {
  const {params} = route();
  const exam = await chooseExam(params.get('exam'));
  if (!exam) return h('div', {}, heading(T.title), h('p', {}, COMMON.noExams));
  const idNumber = /^[0-9]{17}[0-9Xx]$/.test(params.get('idNumber') || '') ? params.get('idNumber').toUpperCase() : '';
  const status = STATUSES[params.get('status')] ? params.get('status') : '';
  const kind = KINDS[params.get('kind')] ? params.get('kind') : '';
  const page = pageParam(params);
  let summary;
  let list;
  try {
    [summary, list] = await Promise.all([
      session.get(examApi(exam, '/notifications/summary')),
      session.get(examApi(exam, `/notifications${query({idNumber, status, kind, page, size: PAGE_SIZE})}`)),
    ]);
  } catch (e) {
    if (e.status === 401) throw e;
    return loadError(e, T.forbidden);
  }
  const errors = h('div', {});
  const resend = async (n) => {
    try {
      await session.post(`/api/v1/admin/notifications/${n.id}/resend`);
      flash(T.resent(n.mobileMasked || ''), 'success');
      render();
    } catch (e) {
      if (e.status === 401) return;
      showErrors(errors, [{text: e.status === 409 ? T.notResendable : genericMessage(e)}]);
    }
  };
  const idInput = h('input', {class: 'input input--id', name: 'idNumber', value: idNumber, spellcheck: 'false', autocomplete: 'off', inputmode: 'text', maxlength: '18'});
  const statusSelect = select('status', STATUSES, status);
  const kindSelect = select('kind', KINDS, kind);
  const filters = h('form', {class: 'filters filters--row', 'aria-label': T.filterForm},
    field({id: 'filter-id-number', label: T.idNumber, hint: T.idNumberHint, input: idInput}),
    field({id: 'filter-status', label: T.status, input: statusSelect}),
    field({id: 'filter-kind', label: T.kind, input: kindSelect}),
    h('button', {type: 'submit', class: 'button button--secondary'}, COMMON.filter));
  filters.addEventListener('submit', (ev) => {
    ev.preventDefault();
    location.hash = href({exam: exam.code, idNumber: idInput.value.trim(), status: statusSelect.value, kind: kindSelect.value}).slice(1);
  });
  const b = summary.backlog || {};
  const rows = list.items.map((n) => [
    dateTime(n.createdAt, exam.timeZone),
    KINDS[n.kind] || n.kind,
    h('span', {}, n.applicantName, h('br', {}), h('span', {class: 'secondary'}, n.idNumberMasked)),
    n.mobileMasked,
    statusCell(n, exam),
    h('span', {class: 'notification-text'}, n.text),
    n.status === 'FAILED'
      ? button(T.resend, {class: 'button button--secondary button--small', 'aria-label': T.resendLabel(n.applicantName, KINDS[n.kind]), onclick: () => resend(n)})
      : null,
  ]);
  const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
  const filtered = [idNumber && T.ofApplicant, status && STATUSES[status], kind && KINDS[kind]].filter(Boolean).join(T.join);
  return h('div', {},
    pageTop(T.title, exam.name, exam, '/notifications'),
    h('p', {}, T.intro),
    b.gatewayId == null ? h('div', {class: 'banner banner--warning', role: 'status'}, h('p', {class: 'banner__text'}, T.noGateway)) : null,
    h('h2', {class: 'heading-m'}, T.figuresTitle),
    h('dl', {class: 'figures'},
      figure(T.affected, summary.affectedApplicants),
      figure(T.withoutMobile, summary.affectedWithoutMobile),
      figure(T.backlog, b.pending),
      figure(T.oldest, b.oldestPendingSeconds == null ? null : T.minutes(b.oldestPendingSeconds))),
    countsTable(summary.counts || []),
    h('h2', {class: 'heading-m', id: 'messages-heading'}, T.listTitle),
    filters,
    errors,
    list.items.length ? dataTable({
      caption: T.caption(list.total, filtered), cls: 'table--notifications',
      columns: T.columns.map((label) => ({label})),
      rows,
    }) : h('p', {}, T.none),
    pagination(page, pages, (n) => href({exam: exam.code, idNumber, status, kind, page: n}), COMMON.total(list.total)));
}
