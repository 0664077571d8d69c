// 打印回执: one receipt as a printable page (A4, black on white; base.css hides the service's
// chrome when printing). The QR code is drawn by the server (same origin: the CSP is unchanged).
import {h, summaryList, button} from '../../shared/dom.js';
import {label} from '../../shared/labels.js';
import {session, route, backLink} from '../app.js';
import {RECEIPT, RECEIPT_FACTS} from '../copy.js';
import {receiptFacts} from '../../shared/receipt-facts.js';

export async function receiptPage() {
  const code = route().params.get('code') || '';
  const r = await session.get(`/api/v1/me/receipts/${encodeURIComponent(code)}`);
  const verifyUrl = `${location.origin}/verify`;
  const w = RECEIPT;
  const receipt = h('article', {class: 'receipt', 'aria-labelledby': 'receipt-title'},
    h('h1', {class: 'receipt__title', id: 'receipt-title', tabindex: '-1'}, w.heading),
    h('p', {class: 'receipt__kind'}, label('ReceiptKind', r.kind)),
    summaryList(receiptFacts(r, RECEIPT_FACTS), 'summary-list--receipt'),
    h('div', {class: 'receipt__verify'},
      h('img', {class: 'receipt__qr', src: `/api/v1/receipts/${encodeURIComponent(r.code)}/qr.svg`,
        alt: w.qrAlt(`${verifyUrl}?code=${r.code}`), width: '160', height: '160'}),
      h('div', {class: 'receipt__verify-text'},
        h('p', {class: 'receipt__code-label'}, w.code),
        h('p', {class: 'receipt__code', id: 'receipt-code'}, r.code),
        h('p', {}, w.howToVerify(verifyUrl)))),
    r.current ? null : h('p', {class: 'receipt__superseded'}, w.superseded),
    h('p', {class: 'receipt__notice'}, w.notice));
  return h('div', {},
    h('div', {class: 'no-print'}, backLink('/me', w.back)),
    receipt,
    h('div', {class: 'actions no-print'},
      button(w.print, {onclick: () => window.print(), id: 'print'}),
      h('p', {class: 'hint'}, w.printHint)));
}
