// Issue 23 point 5: the registry of recruiting agencies (one code names one organisation in every exam).
// Positions imports add new codes; an administrator adds agencies and corrects their names here.
import {query} from '../../shared/api.js';
import {h, field, showErrors, heading, button, confirmDialog} from '../../shared/dom.js';
import {dateTime} from '../../shared/format.js';
import {session, route, flash, claims, loadError, pagination, pageParam, dataTable, render} from '../app.js';
import {AGENCY_COPY, COMMON, forbiddenMessage, genericMessage} from '../copy.js';

const PAGE_SIZE = 50;

function problemText(e) {
  if (e.slug === 'already-exists') return AGENCY_COPY.exists;
  if (e.slug === 'validation-failed') {
    const fields = ((e.problem && e.problem.errors) || []).map((x) => x.field);
    return fields.includes('code') ? AGENCY_COPY.badCode : AGENCY_COPY.badName;
  }
  if (e.status === 403) return forbiddenMessage(claims(), AGENCY_COPY.forbidden);
  return genericMessage(e);
}

function addForm() {
  const errors = h('div', {});
  const code = h('input', {class: 'input input--width-10', name: 'agency-code', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'characters'});
  const name = h('input', {class: 'input input--width-20', name: 'agency-name', autocomplete: 'off'});
  const groups = {
    code: field({id: 'agency-code', label: AGENCY_COPY.code, hint: AGENCY_COPY.codeHint, input: code}),
    name: field({id: 'agency-name', label: AGENCY_COPY.name, hint: AGENCY_COPY.nameHint, input: name}),
  };
  const submit = h('button', {type: 'submit', class: 'button'}, AGENCY_COPY.add);
  const form = h('form', {class: 'staff-form', novalidate: true, 'aria-labelledby': 'agency-form-heading'},
    h('h2', {class: 'heading-m', id: 'agency-form-heading'}, AGENCY_COPY.addTitle), errors,
    h('div', {class: 'filters--row'}, groups.code, groups.name), submit);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const problems = [];
    if (!code.value.trim()) problems.push({field: 'agency-code', text: AGENCY_COPY.needCode});
    if (!name.value.trim()) problems.push({field: 'agency-name', text: AGENCY_COPY.needName});
    if (!problems.length) {
      submit.disabled = true;
      try {
        const {data} = await session.post('/api/v1/admin/agencies', {code: code.value.trim(), name: name.value.trim()});
        flash(AGENCY_COPY.added(data), 'success');
        render();
        return;
      } catch (e) {
        if (e.status === 401) return;
        problems.push({field: e.slug === 'validation-failed' || e.slug === 'already-exists' ? 'agency-code' : null, text: problemText(e)});
      } finally {
        submit.disabled = false;
      }
    }
    groups.code.classList.toggle('form-group--error', problems.some((p) => p.field === 'agency-code'));
    groups.name.classList.toggle('form-group--error', problems.some((p) => p.field === 'agency-name'));
    showErrors(errors, problems);
  });
  return form;
}

function rename(agency) {
  const input = h('input', {class: 'input', name: 'agency-new-name', value: agency.name, autocomplete: 'off'});
  confirmDialog({
    title: AGENCY_COPY.renameTitle(agency),
    content: [field({id: 'agency-new-name', label: AGENCY_COPY.name, hint: AGENCY_COPY.renameHint, input})],
    confirm: {label: AGENCY_COPY.save, id: 'confirm-rename'},
    cancel: {label: COMMON.cancel, id: 'cancel-rename'},
    onConfirm: async ({errors}) => {
      if (!input.value.trim()) {
        showErrors(errors, [{field: 'agency-new-name', text: AGENCY_COPY.needName}]);
        return false;
      }
      try {
        await session.put(`/api/v1/admin/agencies/${encodeURIComponent(agency.code)}`, {name: input.value.trim()});
        flash(AGENCY_COPY.renamed(agency.code, input.value.trim()), 'success');
        setTimeout(() => render(), 0);
        return true;
      } catch (e) {
        if (e.status === 401) return true;
        showErrors(errors, [{text: problemText(e)}]);
        return false;
      }
    },
  });
}

export async function agenciesPage() {
  const {params} = route();
  const q = (params.get('q') || '').trim().slice(0, 100);
  const page = pageParam(params);
  let list;
  try {
    list = await session.get(`/api/v1/admin/agencies${query({q, page, size: PAGE_SIZE})}`);
  } catch (e) {
    if (e.status === 401) throw e;
    return loadError(e, AGENCY_COPY.forbidden);
  }
  const search = h('input', {class: 'input', name: 'q', value: q, autocomplete: 'off'});
  const filters = h('form', {class: 'filters filters--row', 'aria-label': AGENCY_COPY.searchForm},
    field({id: 'agency-q', label: AGENCY_COPY.search, input: search}),
    h('button', {type: 'submit', class: 'button button--secondary'}, COMMON.filter));
  filters.addEventListener('submit', (ev) => {
    ev.preventDefault();
    location.hash = `/agencies${query({q: search.value.trim()})}`;
  });
  const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
  return h('div', {},
    heading(AGENCY_COPY.title),
    h('p', {}, AGENCY_COPY.intro),
    addForm(),
    h('h2', {class: 'heading-m'}, AGENCY_COPY.listTitle),
    filters,
    list.items.length ? dataTable({
      caption: AGENCY_COPY.caption(list.total, !!q), cls: 'table--agencies',
      columns: [AGENCY_COPY.code, AGENCY_COPY.name, AGENCY_COPY.updatedAt, AGENCY_COPY.actions].map((label) => ({label})),
      rows: list.items.map((a) => [h('code', {}, a.code), a.name, dateTime(a.updatedAt, 'Asia/Shanghai'),
        button(AGENCY_COPY.rename, {class: 'button button--secondary button--small', 'aria-label': AGENCY_COPY.renameTitle(a), onclick: () => rename(a)})]),
    }) : h('p', {}, AGENCY_COPY.none),
    pagination(page, pages, (n) => `#/agencies${query({q, page: n})}`));
}
