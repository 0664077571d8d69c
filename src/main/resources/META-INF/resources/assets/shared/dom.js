// Building pages without innerHTML: every text is a text node, so nothing from the API is ever
// parsed as markup, and nothing needs an inline style or script (the pages run under a strict CSP).
import {DOM} from './copy.js';
import {serverNow} from './api.js';
import {duration} from './format.js';

/** h('p', {class: 'hint', onclick: fn}, 'text', child, [more]) */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'value') el.value = v;
    else if (k === 'checked') el.checked = true;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c == null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

let uid = 0;
export function nextId(prefix) {
  uid += 1;
  return `${prefix}-${uid}`;
}

/** A link that focuses a field on the page instead of following its hash (the router owns the hash). */
function fieldLink(fieldId, text) {
  return h('a', {
    href: `#${fieldId}`,
    onclick: (e) => {
      e.preventDefault();
      const field = document.getElementById(fieldId);
      if (field) {
        field.scrollIntoView({block: 'center'});
        field.focus();
      }
    },
  }, text);
}

/**
 * The GOV.UK error summary: a titled list at the top of the page, each problem linked to its field
 * when it has one, announced and focused when shown. errors: [{field?, text}]
 */
export function errorSummary(errors, title = DOM.errorSummaryTitle) {
  const box = h('div', {class: 'error-summary', role: 'alert', tabindex: '-1'},
    h('h2', {class: 'error-summary__title'}, title),
    h('ul', {class: 'error-summary__list'},
      errors.map((e) => h('li', {}, e.field ? fieldLink(e.field, e.text) : e.text))));
  return box;
}

/** Shows an error summary in slot (an element), or clears it when errors is empty; focuses it. */
export function showErrors(slot, errors, title) {
  clear(slot);
  if (errors.length) {
    const box = errorSummary(errors, title);
    slot.append(box);
    box.focus();
  }
}

/** A labelled form field with hint and error message, GOV.UK style. */
export function field({id, label, hint, input, error}) {
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  input.id = id;
  const described = [hintId, error ? errorId : null].filter(Boolean).join(' ');
  if (described) input.setAttribute('aria-describedby', described);
  if (error) input.setAttribute('aria-invalid', 'true');
  input.classList.toggle('input--error', !!error);
  return h('div', {class: error ? 'form-group form-group--error' : 'form-group'},
    h('label', {class: 'label', for: id}, label),
    hint ? h('div', {class: 'hint', id: hintId}, hint) : null,
    error ? h('p', {class: 'error-message', id: errorId}, h('span', {class: 'visually-hidden'}, DOM.errorPrefix), error) : null,
    input);
}

/** A summary list (dl) of [key, value] rows; a null value skips the row. */
export function summaryList(rows, cls = '') {
  return h('dl', {class: `summary-list ${cls}`.trim()},
    rows.filter((r) => r && r[1] != null).map(([k, v]) =>
      h('div', {class: 'summary-list__row'}, h('dt', {class: 'summary-list__key'}, k), h('dd', {class: 'summary-list__value'}, v))));
}

/** The GOV.UK confirmation panel that opens the page after a final action; its heading is the page's h1. */
export function confirmationPanel(title, ...body) {
  return h('div', {class: 'panel panel--confirmation'},
    h('h1', {class: 'panel__title', tabindex: '-1'}, title), h('div', {class: 'panel__body'}, body));
}

export function tag(text, kind) {
  return h('strong', {class: `tag tag--${kind}`}, text);
}

/**
 * A modal confirmation dialog (native <dialog>: focus is kept inside, Escape closes). Focus goes to
 * the dialog's heading when it opens and back to the element that opened it when it closes.
 * build(dialog) returns the content; the dialog is removed from the page when closed.
 */
export function openDialog({labelledBy, content, onClose}) {
  const opener = document.activeElement;
  const dialog = h('dialog', {class: 'dialog', 'aria-labelledby': labelledBy, 'aria-modal': 'true'}, content);
  document.body.append(dialog);
  // Back and Forward change the page under the dialog: it belongs to the page it was opened on.
  const closeOnNavigation = () => {
    if (dialog.open) dialog.close();
  };
  window.addEventListener('popstate', closeOnNavigation);
  window.addEventListener('hashchange', closeOnNavigation);
  dialog.addEventListener('close', () => {
    window.removeEventListener('popstate', closeOnNavigation);
    window.removeEventListener('hashchange', closeOnNavigation);
    dialog.remove();
    if (onClose) onClose();
    if (opener && opener.isConnected) opener.focus();
  });
  dialog.showModal();
  const heading = dialog.querySelector(`#${labelledBy}`);
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
  return dialog;
}

/**
 * "Are you sure?" in a modal dialog: a heading, the content, a problem area and two buttons.
 * onConfirm({errors, confirm, cancel}) runs once at a time (a double click does not run it twice;
 * Escape and the cancel button wait for it) and resolves to true to close the dialog.
 */
export function confirmDialog({title, content, confirm, cancel, onConfirm, enterConfirms = false}) {
  const headingId = nextId('dialog-heading');
  const errors = h('div', {class: 'dialog__errors'});
  const ok = h('button', {type: 'button', class: `button ${confirm.kind ? `button--${confirm.kind}` : ''}`.trim(), id: confirm.id}, confirm.label);
  const no = h('button', {type: 'button', class: 'button button--secondary', id: cancel.id}, cancel.label);
  let busy = false;
  const dialog = openDialog({
    labelledBy: headingId,
    content: [h('h2', {class: 'heading-m', id: headingId}, title), content, errors, h('div', {class: 'button-group'}, ok, no)],
  });
  dialog.addEventListener('cancel', (ev) => {
    if (busy) ev.preventDefault();
  });
  no.addEventListener('click', () => {
    if (!busy) dialog.close();
  });
  // Enter confirms wherever the focus is in the dialog (the heading has it at first), except on the
  // cancel button, where Enter means cancel: a decision by keyboard stays two keys.
  if (enterConfirms) {
    dialog.addEventListener('keydown', (ev) => {
      if (ev.key !== 'Enter' || ev.target === no || ev.repeat) return;
      ev.preventDefault();
      ok.click();
    });
  }
  ok.addEventListener('click', async () => {
    if (busy) return;
    busy = true;
    ok.disabled = true;
    let close = false;
    try {
      close = await onConfirm({errors, confirm: ok, cancel: no});
    } finally {
      busy = false;
      ok.disabled = false; // left open (a problem shown): it may be confirmed again once corrected
    }
    if (close) dialog.close();
  });
  return dialog;
}

/**
 * A live countdown to a deadline by the server's clock ("label 1天 3小时 05分 09秒"); calls onEnd
 * once when it passes. Returns {box, stop}: stop() ends the timer (call it when the page changes).
 */
export function liveCountdown(deadlineIso, label, onEnd) {
  const deadline = Date.parse(deadlineIso);
  const value = h('span', {class: 'countdown__value'});
  const box = h('p', {class: 'countdown', role: 'timer', 'aria-live': 'off'}, label, value);
  let timer = null;
  const stop = () => clearInterval(timer);
  const tick = () => {
    const left = deadline - serverNow();
    if (left <= 0) {
      stop();
      if (onEnd) onEnd();
      return;
    }
    value.textContent = duration(left);
  };
  timer = setInterval(tick, 1000);
  tick();
  return {box, stop};
}

/** The page's heading (focusable, for focus after a route change), with a caption above it. */
export function heading(text, caption) {
  return [caption ? h('span', {class: 'caption'}, caption) : null, h('h1', {class: 'heading-l', tabindex: '-1'}, text)];
}

export function button(text, attrs = {}) {
  return h('button', {type: 'button', class: 'button', ...attrs}, text);
}

/** Shows a one-time message ({text, kind}) in slot, or clears it: warnings as alerts, others as status. */
export function showFlash(slot, message) {
  clear(slot);
  if (message) {
    slot.append(h('div', {class: `banner banner--${message.kind}`, role: message.kind === 'warning' ? 'alert' : 'status'},
      h('p', {class: 'banner__text'}, message.text)));
  }
}
