// Point 9: the payment systems' webhook subscriptions: list, create (the secret shown once, with a copy
// button), rotate the secret (shown once), disable / enable, change URL and channels; each one's
// deliveries with the attempt log, and replay. At most one enabled subscription covers a channel.
import {query} from '../../shared/api.js';
import {h, field, showErrors, tag, confirmDialog, heading, button} from '../../shared/dom.js';
import {dateTime} from '../../shared/format.js';
import {session, route, go, flash, claims, loadError, pagination, pageParam, dataTable, select, render} from '../app.js';
import {CHANNELS, DELIVERY_STATUS, WEBHOOKS as T, COMMON, deliveryError, forbiddenMessage, genericMessage} from '../copy.js';

const API = '/api/v1/admin/webhook-subscriptions';
const ZONE = 'Asia/Shanghai';
const PAGE_SIZE = 50;

function channelNames(list) {
  return (list || []).map((c) => CHANNELS[c] || c).join(T.channelJoin);
}

/** What a refused subscription change means, in words. */
function problemText(e, what) {
  if (e.slug === 'channel-already-subscribed') {
    const p = e.problem || {};
    const taken = channelNames(p.channels);
    return T.channelTaken(taken, p.subscriptionId ?? '—', what);
  }
  if (e.slug === 'validation-failed') {
    const fields = ((e.problem && e.problem.errors) || []).map((x) => String(x.field || '').split('.').pop());
    if (fields.includes('url')) return T.badUrl;
    if (fields.includes('channels')) return T.needChannel;
    return T.invalid;
  }
  if (e.status === 403) return forbiddenMessage(claims(), what);
  return genericMessage(e);
}

/** The secret, shown once: a read-only field to select, and a copy button (clipboard, else select + copy). */
function secretPanel(title, sub, secret) {
  const input = h('input', {class: 'input input--code', id: 'secret', readonly: true, value: secret, spellcheck: 'false', 'aria-describedby': 'secret-hint'});
  const status = h('span', {class: 'copy__status', role: 'status', 'aria-live': 'polite'});
  const copy = button(T.copySecret, {class: 'button button--secondary', id: 'copy-secret', onclick: async () => {
    try {
      await navigator.clipboard.writeText(secret);
      status.textContent = T.copied;
    } catch {
      input.focus();
      input.select();
      let copied = false;
      try {
        copied = document.execCommand('copy');
      } catch {
        copied = false;
      }
      status.textContent = copied ? T.copied : T.copyFailed;
    }
  }});
  const content = h('div', {class: 'narrow-wide'},
    h('div', {class: 'panel panel--confirmation'}, h('h1', {class: 'panel__title', tabindex: '-1'}, title),
      h('div', {class: 'panel__body'}, T.subscriptionLine(sub.id, channelNames(sub.channels), sub.url))),
    h('h2', {class: 'heading-m'}, T.secretTitle),
    h('div', {class: 'form-group'},
      h('label', {class: 'label', for: 'secret'}, T.secret),
      h('div', {class: 'hint', id: 'secret-hint'}, T.secretHint),
      input),
    h('div', {class: 'button-group'}, copy, status),
    h('p', {}, h('a', {href: '#/webhooks', id: 'secret-done'}, T.secretDone)));
  return content;
}

function showInMain(content) {
  const main = document.getElementById('main');
  main.replaceChildren(content);
  const h1 = main.querySelector('h1');
  if (h1) h1.focus();
  window.scrollTo(0, 0);
}

export async function webhooksPage() {
  const page = pageParam(route().params);
  let list;
  try {
    list = await session.get(`${API}${query({page, size: PAGE_SIZE})}`);
  } catch (e) {
    if (e.status === 401) throw e;
    return loadError(e, T.forbidden);
  }
  const errors = h('div', {});
  const act = async (sub, action) => {
    try {
      const {data} = await session.post(`${API}/${sub.id}/${action}`);
      if (action === 'rotate-secret') {
        showInMain(secretPanel(T.rotated, data, data.secret));
        return;
      }
      flash(action === 'disable' ? T.disabled(sub.id) : T.enabled(sub.id), 'success');
      render();
    } catch (e) {
      if (e.status === 401) return;
      showErrors(errors, [{text: problemText(e, action === 'enable' ? T.enableWhat : T.actWhat)}]);
    }
  };
  const rotate = (sub) => confirmDialog({
    title: T.rotateTitle(sub.id),
    content: [h('p', {}, T.rotateBody)],
    confirm: {label: T.rotate, kind: 'warning', id: 'confirm-rotate'},
    cancel: {label: COMMON.cancel, id: 'cancel-rotate'},
    onConfirm: async () => {
      await act(sub, 'rotate-secret');
      return true;
    },
  });
  const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
  const rows = list.items.map((s) => [
    T.id(s.id),
    h('span', {class: 'break-all'}, s.url),
    channelNames(s.channels),
    s.enabled ? tag(T.on, 'pass') : [tag(T.off, 'fail'), s.disabledReason ? h('span', {class: 'precheck__detail'}, s.disabledReason) : null],
    s.previousSecretExpiresAt ? T.previousExpires(dateTime(s.previousSecretExpiresAt, ZONE)) : null,
    dateTime(s.createdAt, ZONE),
    h('div', {class: 'table__actions'},
      h('a', {href: `#/webhooks/deliveries${query({id: s.id})}`, 'aria-label': T.deliveriesLabel(s.id)}, T.deliveries),
      h('a', {href: `#/webhooks/edit${query({id: s.id})}`, 'aria-label': T.editLabel(s.id)}, T.edit),
      button(T.rotate, {class: 'button button--secondary button--small', 'aria-label': T.rotateLabel(s.id), onclick: () => rotate(s)}),
      button(s.enabled ? T.disable : T.enable, {class: `button button--small ${s.enabled ? 'button--warning' : 'button--secondary'}`,
        'aria-label': T.toggleLabel(s.enabled, s.id), onclick: () => act(s, s.enabled ? 'disable' : 'enable')})),
  ]);
  return h('div', {},
    heading(T.title),
    h('p', {}, T.intro),
    h('p', {}, h('a', {class: 'button', href: '#/webhooks/new', id: 'new-subscription'}, T.newSubscription)),
    errors,
    list.items.length ? dataTable({
      caption: T.caption(list.total), cls: 'table--webhooks',
      columns: T.columns.map((label) => ({label})),
      rows,
    }) : h('p', {}, T.none),
    pagination(page, pages, (n) => `#/webhooks${query({page: n})}`));
}

/** #/webhooks/new and #/webhooks/edit?id=…: the URL and the channels. */
export async function subscriptionFormPage() {
  const {path, params} = route();
  let sub = null;
  if (path === '/webhooks/edit') {
    const id = Number(params.get('id'));
    try {
      const list = await session.get(`${API}${query({size: 500})}`);
      sub = list.items.find((s) => s.id === id);
    } catch (e) {
      if (e.status === 401) throw e;
      return loadError(e, T.editForbidden);
    }
    if (!sub) return h('div', {}, heading(T.notFound), h('p', {}, h('a', {href: '#/webhooks'}, T.back)));
  }
  const errors = h('div', {});
  const url = h('input', {class: 'input', name: 'url', type: 'url', value: sub ? sub.url : '', spellcheck: 'false', autocomplete: 'off'});
  const urlGroup = field({id: 'sub-url', label: T.url, hint: T.urlHint, input: url});
  const boxes = Object.entries(CHANNELS).map(([k, name]) => {
    const input = h('input', {class: 'checkboxes__input', type: 'checkbox', name: 'channels', value: k, id: `sub-channel-${k}`,
      checked: sub && sub.channels.includes(k) ? true : null});
    return h('div', {class: 'checkboxes__item'}, input, h('label', {class: 'checkboxes__label', for: `sub-channel-${k}`}, name));
  });
  const channelGroup = h('div', {class: 'form-group'}, h('fieldset', {class: 'fieldset', 'aria-describedby': 'sub-channels-hint'},
    h('legend', {class: 'label'}, T.channels),
    h('div', {class: 'hint', id: 'sub-channels-hint'}, T.channelsHint),
    h('div', {class: 'checkboxes'}, boxes)));
  const submit = h('button', {type: 'submit', class: 'button', id: 'sub-submit'}, sub ? T.save : T.create);
  const form = h('form', {novalidate: true}, errors, urlGroup, channelGroup,
    h('div', {class: 'button-group'}, submit, h('a', {class: 'button button--secondary', href: '#/webhooks'}, COMMON.cancel)));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const channels = [...form.querySelectorAll('input[name="channels"]:checked')].map((i) => i.value);
    const problems = [];
    if (!url.value.trim()) problems.push({field: 'sub-url', text: T.needUrl});
    if (!channels.length) problems.push({field: `sub-channel-${Object.keys(CHANNELS)[0]}`, text: T.needChannels});
    urlGroup.classList.toggle('form-group--error', problems.some((p) => p.field === 'sub-url'));
    channelGroup.classList.toggle('form-group--error', problems.some((p) => p.field !== 'sub-url'));
    if (problems.length) {
      showErrors(errors, problems);
      return;
    }
    submit.disabled = true;
    try {
      if (sub) {
        await session.patch(`${API}/${sub.id}`, {url: url.value.trim(), channels});
        flash(T.saved(sub.id, channelNames(channels), url.value.trim()), 'success');
        go('/webhooks');
      } else {
        const {data} = await session.post(API, {url: url.value.trim(), channels});
        showInMain(secretPanel(T.created, data, data.secret));
      }
    } catch (e) {
      if (e.status === 401) return;
      showErrors(errors, [{field: e.slug === 'validation-failed' ? 'sub-url' : null, text: problemText(e, sub ? T.editWhat : T.createWhat)}]);
    } finally {
      submit.disabled = false;
    }
  });
  return h('div', {class: 'narrow-wide'}, heading(sub ? T.editTitle(sub.id) : T.newSubscription, T.title), form);
}

function attemptLog(d) {
  if (!d.attemptLog || !d.attemptLog.length) return h('span', {class: 'secondary'}, T.notSent);
  return h('details', {class: 'details'}, h('summary', {class: 'details__summary'}, T.attemptsSummary(d.attemptLog.length)),
    h('ol', {class: 'attempts'}, d.attemptLog.map((a) => h('li', {},
      T.attempt(a, dateTime(a.startedAt, ZONE)),
      deliveryError(a.error, a.statusCode) || (a.statusCode ? T.httpOk(a.statusCode) : T.noResponse),
      a.durationMs != null ? T.duration(a.durationMs) : ''))));
}

export async function deliveriesPage() {
  const {params} = route();
  const id = Number(params.get('id'));
  const status = DELIVERY_STATUS[params.get('status')] ? params.get('status') : '';
  const page = pageParam(params);
  let list;
  try {
    list = await session.get(`${API}/${id}/deliveries${query({status, page, size: PAGE_SIZE})}`);
  } catch (e) {
    if (e.status === 401) throw e;
    return loadError(e, T.deliveriesForbidden);
  }
  const errors = h('div', {});
  const replay = (d) => confirmDialog({
    title: T.replayTitle(d.webhookId),
    content: h('p', {}, T.replayBody(d.refundId)),
    confirm: {label: T.replay, id: 'confirm-replay'},
    cancel: {label: COMMON.cancel, id: 'cancel-replay'},
    onConfirm: async ({errors: dialogErrors}) => {
      try {
        await session.post(`/api/v1/admin/webhook-deliveries/${d.id}/replay`);
        flash(T.replayed(d), 'success');
        setTimeout(() => render(), 0);
        return true;
      } catch (e) {
        if (e.status === 401) return true;
        const text = e.slug === 'refund-not-allowed' ? T.settled : problemText(e, T.replayWhat);
        showErrors(dialogErrors, [{text}]);
        return false;
      }
    },
  });
  const statusSelect = select('status', DELIVERY_STATUS, status);
  const filters = h('form', {class: 'filters filters--row', 'aria-label': T.filterForm},
    field({id: 'filter-status', label: T.status, input: statusSelect}),
    h('button', {type: 'submit', class: 'button button--secondary'}, COMMON.filter));
  filters.addEventListener('submit', (ev) => {
    ev.preventDefault();
    location.hash = `/webhooks/deliveries${query({id, status: statusSelect.value})}`;
  });
  const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
  const rows = list.items.map((d) => [
    String(d.id), `#${d.refundId}`, h('code', {class: 'break-all'}, d.webhookId),
    tag(DELIVERY_STATUS[d.status] || d.status, d.status === 'DELIVERED' ? 'pass' : d.status === 'FAILED' ? 'fail' : 'pending'),
    String(d.attempts), d.status === 'PENDING' && d.nextAttemptAt ? dateTime(d.nextAttemptAt, ZONE) : null,
    deliveryError(d.lastError, d.lastStatusCode) || (d.lastStatusCode ? T.httpOk(d.lastStatusCode) : null), attemptLog(d),
    button(T.replay, {class: 'button button--secondary button--small', 'aria-label': T.replayLabel(d.id), onclick: () => replay(d)}),
  ]);
  return h('div', {},
    heading(T.deliveriesTitle(id), T.title),
    h('p', {}, h('a', {href: '#/webhooks'}, T.back)),
    filters, errors,
    list.items.length ? dataTable({
      caption: T.deliveriesCaption(list.total, status ? DELIVERY_STATUS[status] : ''), cls: 'table--deliveries',
      columns: T.deliveryColumns.map((label) => ({label})),
      rows,
    }) : h('p', {}, T.noDeliveries),
    pagination(page, pages, (n) => `#/webhooks/deliveries${query({id, status, page: n})}`));
}
