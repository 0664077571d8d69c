// /verify (and /verify?code=…, where a receipt's QR code points): anyone checks a receipt by its
// code, phone first. One form, one answer; no sign-in. The words are in copy.js (VERIFY).
import {Session} from '../shared/api.js';
import {h, field, button, summaryList, showErrors, clear} from '../shared/dom.js';
import {dateTime} from '../shared/format.js';
import {label} from '../shared/labels.js';
import {VERIFY, RECEIPT_FACTS} from './copy.js';
import {receiptFacts} from '../shared/receipt-facts.js';

const api = new Session('verify');
const main = document.getElementById('main');
const w = VERIFY;

document.getElementById('skip-link').addEventListener('click', (e) => {
  e.preventDefault();
  main.focus();
});

const errors = h('div', {});
const result = h('div', {id: 'result', 'aria-live': 'polite'});
const input = h('input', {class: 'input input--width-20 verify__code', type: 'text', name: 'code',
  autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false', maxlength: '32'});
let fieldSlot = h('div', {}, field({id: 'code', label: w.label, hint: w.hint, input}));

function setFieldError(message) {
  const fresh = field({id: 'code', label: w.label, hint: w.hint, input, error: message});
  fieldSlot.replaceWith(fresh);
  fieldSlot = fresh;
}

const form = h('form', {novalidate: true, onsubmit: (e) => {
  e.preventDefault();
  check(input.value);
}}, errors, fieldSlot, button(w.submit, {type: 'submit'}));

main.replaceChildren(h('h1', {class: 'heading-l', tabindex: '-1'}, w.heading), h('p', {}, w.intro), form, result);

async function check(typed) {
  const code = typed.trim();
  clear(result);
  showErrors(errors, []);
  if (!code) {
    setFieldError(w.empty);
    showErrors(errors, [{field: 'code', text: w.empty}]);
    return;
  }
  setFieldError(null);
  // The address shows the code checked, so that the page can be reloaded or shared.
  history.replaceState(null, '', `/verify?code=${encodeURIComponent(code)}`);
  try {
    const r = await api.get(`/api/v1/receipts/${encodeURIComponent(code)}`, {auth: false});
    result.replaceChildren(answer(r));
  } catch (e) {
    if (e.slug === 'receipt-code-invalid') {
      setFieldError(w.invalid);
      showErrors(errors, [{field: 'code', text: w.invalid}]);
    } else if (e.slug === 'receipt-not-found') {
      result.replaceChildren(h('div', {class: 'inset verify__result verify__result--unknown', id: 'verdict'},
        h('h2', {class: 'heading-m'}, w.notFoundTitle), h('p', {}, w.notFound)));
    } else {
      showErrors(errors, [{text: w.failed(e)}]);
    }
  }
}

function answer(r) {
  const superseded = !r.current;
  return h('div', {class: `inset verify__result verify__result--${superseded ? 'superseded' : 'valid'}`, id: 'verdict'},
    h('h2', {class: 'heading-m'}, superseded ? w.supersededTitle : w.validTitle),
    h('p', {}, superseded
      ? w.superseded(label('ReceiptKind', r.supersededBy.kind), label('ReceiptDecision', r.supersededBy.decision),
        dateTime(r.supersededBy.issuedAt, r.timeZone))
      : w.valid),
    summaryList([
      [w.code, h('span', {class: 'verify__code'}, r.code)],
      [w.kind, label('ReceiptKind', r.kind)],
      ...receiptFacts(r, RECEIPT_FACTS),
    ]),
    h('p', {class: 'hint'}, w.masked));
}

const initial = new URLSearchParams(location.search).get('code');
if (initial) {
  input.value = initial;
  check(initial);
}
