// Point 8: the exam's refunds filtered by status, reason and channel, paged from the server; a FAILED one
// requeued; the filtered list exported as CSV for reconciling against each channel's statement.
import {query} from '../../shared/api.js';
import {h, field, showErrors, tag, confirmDialog, heading, button} from '../../shared/dom.js';
import {dateTime} from '../../shared/format.js';
import {session, route, flash, loadError, pageTop, pagination, chooseExam, render, examApi, exportButton, select, pageParam} from '../app.js';
import {REFUND_STATUS, REFUND_REASONS, CHANNELS, DELIVERY_STATUS, REFUND_DELIVERY, REFUNDS as T, COMMON, deliveryError, genericMessage} from '../copy.js';

const REFUND_PAGE_SIZE = 50;

function refundsHref(params) {
  return `#/refunds${query(params)}`;
}

/** Where the refund's request to the payment system stands; a problem says what failed and what comes next. */
function deliveryCell(d, exam) {
  if (!d) return null;
  const error = deliveryError(d.lastError, d.lastStatusCode);
  if (d.problem) {
    return h('div', {class: 'delivery delivery--problem'}, tag(REFUND_DELIVERY.problem, 'fail'),
      h('span', {class: 'precheck__detail'}, [error, REFUND_DELIVERY.attempts(d.attempts),
        d.nextAttemptAt ? REFUND_DELIVERY.next(dateTime(d.nextAttemptAt, exam.timeZone)) : REFUND_DELIVERY.stopped]
        .filter(Boolean).join(T.deliveryJoin)));
  }
  return h('div', {class: 'delivery'}, DELIVERY_STATUS[d.status] || d.status,
    d.attempts ? h('span', {class: 'precheck__detail'}, REFUND_DELIVERY.attempts(d.attempts)) : null);
}

export async function refundsPage() {
  const {params} = route();
  const exam = await chooseExam(params.get('exam'));
  if (!exam) return h('div', {}, heading(T.title), h('p', {}, COMMON.noExams));
  const status = REFUND_STATUS[params.get('status')] ? params.get('status') : '';
  const reason = REFUND_REASONS[params.get('reason')] ? params.get('reason') : '';
  const channel = CHANNELS[params.get('channel')] ? params.get('channel') : '';
  const page = pageParam(params);
  const deliveryProblem = ['true', 'false'].includes(params.get('deliveryProblem')) ? params.get('deliveryProblem') : '';
  const filter = {status, reason, channel, deliveryProblem};
  let list;
  try {
    list = await session.get(examApi(exam, `/refunds${query({...filter, page, size: REFUND_PAGE_SIZE})}`));
  } catch (e) {
    if (e.status === 401) throw e;
    return loadError(e, T.forbidden);
  }
  const statusSelect = select('status', REFUND_STATUS, status);
  const reasonSelect = select('reason', REFUND_REASONS, reason);
  const channelSelect = select('channel', CHANNELS, channel);
  const problemSelect = select('deliveryProblem', REFUND_DELIVERY.filterOptions, deliveryProblem);
  const filters = h('form', {class: 'filters filters--row', 'aria-label': T.filterForm},
    field({id: 'filter-status', label: T.status, input: statusSelect}),
    field({id: 'filter-reason', label: T.reason, input: reasonSelect}),
    field({id: 'filter-channel', label: T.channel, input: channelSelect}),
    field({id: 'filter-delivery', label: REFUND_DELIVERY.filter, input: problemSelect}),
    h('button', {type: 'submit', class: 'button button--secondary'}, COMMON.filter));
  filters.addEventListener('submit', (ev) => {
    ev.preventDefault();
    location.hash = refundsHref({exam: exam.code, status: statusSelect.value, reason: reasonSelect.value, channel: channelSelect.value, deliveryProblem: problemSelect.value}).slice(1);
  });
  const filtered = [status && REFUND_STATUS[status], reason && REFUND_REASONS[reason], channel && CHANNELS[channel],
    deliveryProblem && REFUND_DELIVERY.filterOptions[deliveryProblem]].filter(Boolean).join(T.shownJoin);
  const live = h('div', {role: 'status', 'aria-live': 'polite', class: 'queue-status'});
  const requeue = (r) => confirmDialog({
    title: T.requeueTitle,
    content: h('p', {}, T.requeueBody(CHANNELS[r.channel] || r.channel, r)),
    confirm: {label: T.requeueConfirm, id: 'confirm-requeue'},
    cancel: {label: COMMON.cancel, id: 'cancel-requeue'},
    onConfirm: async ({errors}) => {
      try {
        await session.post(`/api/v1/admin/refunds/${r.id}/requeue`);
        flash(T.requeued(r.id), 'success');
        setTimeout(() => render(), 0);
        return true;
      } catch (e) {
        if (e.status === 401) return true;
        const text = e.slug === 'refund-not-allowed' ? T.notRequeueable : genericMessage(e);
        showErrors(errors, [{text}]);
        return false;
      }
    },
  });
  const pages = Math.max(1, Math.ceil(list.total / REFUND_PAGE_SIZE));
  const cell = (label, value, cls = 'table__cell') => h('td', {class: cls, 'data-label': label}, value == null ? '—' : value);
  const table = h('table', {class: 'table table--responsive table--refunds'},
    h('caption', {class: 'table__caption'}, T.caption(list.total, filtered)),
    h('thead', {}, h('tr', {}, [T.id, T.idNumber, T.reasonColumn, T.channelColumn, T.amount, T.transaction, T.channelRefund, T.statusColumn, REFUND_DELIVERY.column, T.updatedAt, T.actions]
      .map((t) => h('th', {class: 'table__header', scope: 'col'}, t)))),
    h('tbody', {}, list.items.map((r) => h('tr', {},
      cell(T.id, String(r.id)),
      cell(T.idNumber, r.idNumberMasked),
      cell(T.reasonColumn, REFUND_REASONS[r.reason] || r.reason),
      cell(T.channelColumn, CHANNELS[r.channel] || r.channel),
      cell(T.amount, r.amount ? T.yuan(r.amount) : null, 'table__cell table__cell--numeric'),
      cell(T.transaction, r.originalTransactionId),
      cell(T.channelRefund, r.channelRefundId),
      cell(T.statusColumn, [tag(REFUND_STATUS[r.status] || r.status, r.status === 'FAILED' ? 'fail' : r.status === 'SUCCEEDED' ? 'pass' : 'pending'),
        r.failureReason ? h('span', {class: 'precheck__detail'}, r.failureReason) : null]),
      cell(REFUND_DELIVERY.column, deliveryCell(r.delivery, exam)),
      cell(T.updatedAt, dateTime(r.updatedAt, exam.timeZone)),
      cell(T.actions, r.status === 'FAILED' ? button(T.requeue, {class: 'button button--secondary button--small', 'aria-label': T.requeueLabel(r.id), onclick: () => requeue(r)}) : null)))));
  const pager = pagination(page, pages, (n) => refundsHref({exam: exam.code, ...filter, page: n}));
  return h('div', {},
    pageTop(T.title, exam.name, exam, '/refunds'),
    filters,
    exportButton(T.export, examApi(exam, `/refunds${query(filter)}`), `refunds-${exam.code}.csv`),
    live, list.items.length ? table : h('p', {}, T.none), pager);
}
