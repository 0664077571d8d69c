// Point 8: the exam's refunds filtered by status, reason and channel, paged from the server; a FAILED one
// requeued; the filtered list exported as CSV for reconciling against each channel's statement.
import {query} from '../../shared/api.js';
import {h, field, showErrors, tag, confirmDialog, heading, button} from '../../shared/dom.js';
import {dateTime} from '../../shared/format.js';
import {session, route, flash, loadError, pageTop, pagination, chooseExam, render, examApi, exportButton, select, pageParam} from '../app.js';
import {REFUND_STATUS, REFUND_REASONS, CHANNELS, DELIVERY_STATUS, REFUND_DELIVERY, deliveryError, genericMessage} from '../copy.js';

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
        .filter(Boolean).join('；')));
  }
  return h('div', {class: 'delivery'}, DELIVERY_STATUS[d.status] || d.status,
    d.attempts ? h('span', {class: 'precheck__detail'}, REFUND_DELIVERY.attempts(d.attempts)) : null);
}

export async function refundsPage() {
  const {params} = route();
  const exam = await chooseExam(params.get('exam'));
  if (!exam) return h('div', {}, heading('退费'), h('p', {}, '目前没有考试。'));
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
    return loadError(e, '查看退费（仅考试机构管理员可以查看）');
  }
  const statusSelect = select('status', REFUND_STATUS, status);
  const reasonSelect = select('reason', REFUND_REASONS, reason);
  const channelSelect = select('channel', CHANNELS, channel);
  const problemSelect = select('deliveryProblem', REFUND_DELIVERY.filterOptions, deliveryProblem);
  const filters = h('form', {class: 'filters filters--row', 'aria-label': '筛选退费'},
    field({id: 'filter-status', label: '退费状态', input: statusSelect}),
    field({id: 'filter-reason', label: '退费原因', input: reasonSelect}),
    field({id: 'filter-channel', label: '支付渠道', input: channelSelect}),
    field({id: 'filter-delivery', label: REFUND_DELIVERY.filter, input: problemSelect}),
    h('button', {type: 'submit', class: 'button button--secondary'}, '筛选'));
  filters.addEventListener('submit', (ev) => {
    ev.preventDefault();
    location.hash = refundsHref({exam: exam.code, status: statusSelect.value, reason: reasonSelect.value, channel: channelSelect.value, deliveryProblem: problemSelect.value}).slice(1);
  });
  const filtered = [status && REFUND_STATUS[status], reason && REFUND_REASONS[reason], channel && CHANNELS[channel],
    deliveryProblem && REFUND_DELIVERY.filterOptions[deliveryProblem]].filter(Boolean).join('，');
  const live = h('div', {role: 'status', 'aria-live': 'polite', class: 'queue-status'});
  const requeue = (r) => confirmDialog({
    title: '重新发起这笔退费？',
    content: h('p', {}, `将向${CHANNELS[r.channel] || r.channel}重新发送退费指令：考生 ${r.idNumberMasked}，${r.amount} 元，原交易号 ${r.originalTransactionId}。`),
    confirm: {label: '重新发起退费', id: 'confirm-requeue'},
    cancel: {label: '取消', id: 'cancel-requeue'},
    onConfirm: async ({errors}) => {
      try {
        await session.post(`/api/v1/admin/refunds/${r.id}/requeue`);
        flash(`已重新发起退费（编号 ${r.id}）。`, 'success');
        setTimeout(() => render(), 0);
        return true;
      } catch (e) {
        if (e.status === 401) return true;
        const text = e.slug === 'refund-not-allowed' ? '这笔退费现在不是“退费失败”状态，不能重新发起。列表已刷新。' : genericMessage(e);
        showErrors(errors, [{text}]);
        return false;
      }
    },
  });
  const pages = Math.max(1, Math.ceil(list.total / REFUND_PAGE_SIZE));
  const cell = (label, value, cls = 'table__cell') => h('td', {class: cls, 'data-label': label}, value == null ? '—' : value);
  const table = h('table', {class: 'table table--responsive table--refunds'},
    h('caption', {class: 'table__caption'}, `共 ${list.total} 笔退费${filtered ? `（${filtered}）` : ''}`),
    h('thead', {}, h('tr', {}, ['编号', '考生身份证号', '原因', '渠道', '金额', '原交易号', '渠道退款号', '状态', REFUND_DELIVERY.column, '更新时间', '操作']
      .map((t) => h('th', {class: 'table__header', scope: 'col'}, t)))),
    h('tbody', {}, list.items.map((r) => h('tr', {},
      cell('编号', String(r.id)),
      cell('考生身份证号', r.idNumberMasked),
      cell('原因', REFUND_REASONS[r.reason] || r.reason),
      cell('渠道', CHANNELS[r.channel] || r.channel),
      cell('金额', r.amount ? `${r.amount} 元` : null, 'table__cell table__cell--numeric'),
      cell('原交易号', r.originalTransactionId),
      cell('渠道退款号', r.channelRefundId),
      cell('状态', [tag(REFUND_STATUS[r.status] || r.status, r.status === 'FAILED' ? 'fail' : r.status === 'SUCCEEDED' ? 'pass' : 'pending'),
        r.failureReason ? h('span', {class: 'precheck__detail'}, r.failureReason) : null]),
      cell(REFUND_DELIVERY.column, deliveryCell(r.delivery, exam)),
      cell('更新时间', dateTime(r.updatedAt, exam.timeZone)),
      cell('操作', r.status === 'FAILED' ? button('重新发起', {class: 'button button--secondary button--small', 'aria-label': `重新发起退费 ${r.id}`, onclick: () => requeue(r)}) : null)))));
  const pager = pagination(page, pages, (n) => refundsHref({exam: exam.code, ...filter, page: n}));
  return h('div', {},
    pageTop('退费', exam.name, exam, '/refunds'),
    filters,
    exportButton('导出退费明细（CSV）', examApi(exam, `/refunds${query(filter)}`), `refunds-${exam.code}.csv`),
    live, list.items.length ? table : h('p', {}, '没有符合条件的退费。'), pager);
}
