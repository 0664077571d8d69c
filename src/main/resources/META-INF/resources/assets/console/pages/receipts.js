// Issue 27 point 4: staff verify a receipt by its code and see the full record behind it (an
// administrator every receipt, a reviewer those of their agency's positions).
import {h, field, showErrors, heading, button, summaryList, tag} from '../../shared/dom.js';
import {dateTime} from '../../shared/format.js';
import {LABELS, label} from '../../shared/labels.js';
import {receiptFacts} from '../../shared/receipt-facts.js';
import {session, route, go, dataTable} from '../app.js';
import {RECEIPT_COPY, REFUND_STATUS, genericMessage} from '../copy.js';

const w = RECEIPT_COPY;

function problemText(e) {
  if (e.slug === 'receipt-code-invalid') return w.invalid;
  if (e.slug === 'receipt-not-found') return w.notFound;
  return genericMessage(e);
}

export async function receiptsPage() {
  const code = route().params.get('code') || '';
  const errors = h('div', {});
  const input = h('input', {class: 'input input--width-20 verify__code', name: 'receipt-code', value: code,
    autocomplete: 'off', spellcheck: 'false', autocapitalize: 'characters'});
  const form = h('form', {novalidate: true, class: 'filters--row'},
    field({id: 'receipt-code', label: w.code, hint: w.hint, input}), button(w.submit, {type: 'submit'}));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    go(`/receipts?code=${encodeURIComponent(input.value.trim())}`);
  });
  let record = null;
  if (code) {
    try {
      record = await session.get(`/api/v1/admin/receipts/${encodeURIComponent(code)}`);
    } catch (e) {
      if (e.status === 401) throw e;
      showErrors(errors, [{field: 'receipt-code', text: problemText(e)}]);
    }
  }
  const page = h('div', {}, heading(w.heading), h('p', {}, w.intro), errors, form, record ? details(record) : null);
  page.afterShow = () => {
    const box = errors.querySelector('.error-summary');
    if (box) box.focus();
    return !!box;
  };
  return page;
}

function details(s) {
  const r = s.receipt;
  const status = r.current
    ? tag(w.current, 'pass')
    : tag(w.superseded(label(LABELS.ReceiptKind, r.supersededBy.kind), dateTime(r.supersededBy.issuedAt, r.timeZone)), 'pending');
  return h('section', {class: 'section', 'aria-labelledby': 'record-heading', id: 'record'},
    h('h2', {class: 'heading-m', id: 'record-heading'}, `${label(LABELS.ReceiptKind, r.kind)} ${r.code}`),
    summaryList([
      [w.validity, status],
      ...receiptFacts(r, w),
      [w.registration, String(s.registrationId)],
      s.switchId != null ? [w.switchId, String(s.switchId)] : null,
      s.switchStatus ? [w.switchNow, label(LABELS.SwitchStatus, s.switchStatus)] : null,
      s.reviewer ? [w.reviewer, s.reviewer] : null,
      s.reason ? [w.remark, s.reason] : null,
      s.lateDecision ? [w.late, w.yes] : null,
      s.refundId != null ? [w.refundId, String(s.refundId)] : null,
      s.refundStatus ? [w.refundNow, REFUND_STATUS[s.refundStatus] || s.refundStatus] : null,
      s.channel ? [w.channel, label(LABELS.PaymentChannel, s.channel)] : null,
    ], 'summary-list--compact'),
    dataTable({
      caption: w.history,
      columns: [{label: w.historyKind}, {label: w.decision}, {label: w.issuedAt}, {label: w.code}],
      rows: s.history.map((x) => [label(LABELS.ReceiptKind, x.kind), label(LABELS.ReceiptDecision, x.decision),
        dateTime(x.issuedAt, r.timeZone), x.code === r.code ? h('strong', {}, x.code) : x.code]),
    }));
}
