// Point 11: the audit log, filtered by actor, action, subject, exam and time range (Beijing time), paged
// from the server, newest first; the filtered log exported as CSV.
import {query} from '../../shared/api.js';
import {h, field, heading} from '../../shared/dom.js';
import {dateTime, toLocalInput, fromLocalInput} from '../../shared/format.js';
import {LABELS, label} from '../../shared/labels.js';
import {AUDIT as T, COMMON} from '../copy.js';
import {session, route, loadError, pagination, pageParam, dataTable, exportButton, select} from '../app.js';

const ZONE = 'Asia/Shanghai';
const PAGE_SIZE = 50;
const FILTERS = ['actor', 'action', 'subject', 'examCode', 'from', 'to'];

function states(e) {
  const text = (v) => (v == null ? null : JSON.stringify(v));
  const before = text(e.before);
  const after = text(e.after);
  if (!before && !after) return null;
  return h('details', {class: 'details'}, h('summary', {class: 'details__summary'}, T.changes),
    before ? h('p', {class: 'audit__state'}, h('strong', {}, T.before), h('code', {class: 'break-all'}, before)) : null,
    after ? h('p', {class: 'audit__state'}, h('strong', {}, T.after), h('code', {class: 'break-all'}, after)) : null);
}

export async function auditPage() {
  const {params} = route();
  const filter = Object.fromEntries(FILTERS.map((k) => [k, (params.get(k) || '').trim().slice(0, 200)]));
  const page = pageParam(params);
  let list;
  try {
    list = await session.get(`/api/v1/admin/audit-events${query({...filter, page, size: PAGE_SIZE})}`);
  } catch (e) {
    if (e.status === 401) throw e;
    if (e.slug === 'validation-failed' || e.slug === 'malformed-request') {
      return h('div', {}, heading(T.title), h('p', {}, T.badFilter), h('p', {}, h('a', {href: '#/audit'}, COMMON.clearFilters)));
    }
    return loadError(e, T.forbidden);
  }
  const input = (name, attrs = {}) => h('input', {class: 'input', name, value: filter[name], spellcheck: 'false', autocomplete: 'off', ...attrs});
  const inputs = {
    actor: input('actor'), action: select('action', LABELS.AuditAction, filter.action), subject: input('subject'), examCode: input('examCode'),
    from: input('from', {type: 'datetime-local', value: toLocalInput(filter.from, ZONE)}),
    to: input('to', {type: 'datetime-local', value: toLocalInput(filter.to, ZONE)}),
  };
  const form = h('form', {class: 'filters filters--grid', 'aria-label': T.filterForm},
    field({id: 'audit-actor', label: T.actor, hint: T.actorHint, input: inputs.actor}),
    field({id: 'audit-action', label: T.action, input: inputs.action}),
    field({id: 'audit-subject', label: T.subject, hint: T.subjectHint, input: inputs.subject}),
    field({id: 'audit-exam', label: T.exam, input: inputs.examCode}),
    field({id: 'audit-from', label: T.from, input: inputs.from}),
    field({id: 'audit-to', label: T.to, input: inputs.to}),
    h('div', {class: 'filters__actions'}, h('button', {type: 'submit', class: 'button button--secondary'}, COMMON.filter),
      h('a', {href: '#/audit', class: 'filters__clear'}, COMMON.clearFilters)));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const next = {};
    for (const k of FILTERS) {
      const v = inputs[k].value.trim();
      next[k] = k === 'from' || k === 'to' ? fromLocalInput(v, ZONE) : v;
    }
    location.hash = `/audit${query(next)}`;
  });
  const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
  const rows = list.items.map((e) => [
    dateTime(e.occurredAt, ZONE),
    // an applicant's label says 考生 already; staff get their role after the username
    e.actorRole && e.actorRole !== 'APPLICANT' ? T.actorWithRole(e.actorLabel || e.actor, label('Role', e.actorRole)) : (e.actorLabel || e.actor),
    h('span', {title: e.action}, label('AuditAction', e.action)),
    `${e.subjectType}:${e.subjectId}`, e.examCode, states(e), e.requestId ? h('code', {class: 'break-all'}, e.requestId) : null,
  ]);
  const filtered = FILTERS.some((k) => filter[k]);
  return h('div', {},
    heading(T.title),
    form,
    exportButton(T.export, `/api/v1/admin/audit-events${query(filter)}`, 'audit-events.csv'),
    list.items.length ? dataTable({
      caption: T.caption(list.total, filtered), cls: 'table--audit',
      columns: T.columns.map((label) => ({label})),
      rows,
    }) : h('p', {}, COMMON.noRecords),
    pagination(page, pages, (n) => `#/audit${query({...filter, page: n})}`));
}
