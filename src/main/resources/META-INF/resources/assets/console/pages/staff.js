// Point 10: staff accounts.
import {query} from '../../shared/api.js';
import {h, field, showErrors, tag, heading, button, confirmDialog} from '../../shared/dom.js';
import {dateTime} from '../../shared/format.js';
import {session, route, flash, claims, loadError, pagination, render} from '../app.js';
import {ROLE_NAMES, STAFF_PASSWORD_RULE, STAFF_FIELD_PROBLEMS, AGENCY_COPY, STAFF as T, COMMON, forbiddenMessage, genericMessage} from '../copy.js';


const STAFF_PAGE_SIZE = 50;

function staffForm(onCreated) {
  const errors = h('div', {});
  const username = h('input', {class: 'input', name: 'username', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'none'});
  const agency = h('input', {class: 'input', name: 'agencyCode', autocomplete: 'off', spellcheck: 'false'});
  const password = h('input', {class: 'input', name: 'new-password', type: 'password', autocomplete: 'new-password'});
  const groups = {
    username: field({id: 'new-username', label: T.username, hint: T.usernameHint, input: username}),
    agencyCode: field({id: 'new-agency', label: T.agencyCode, hint: T.agencyCodeHint, input: agency}),
    password: field({id: 'new-password', label: T.password, hint: STAFF_PASSWORD_RULE, input: password}),
  };
  const submit = h('button', {type: 'submit', class: 'button'}, T.create);
  const form = h('form', {class: 'staff-form', novalidate: true, 'aria-labelledby': 'staff-form-heading'},
    h('h2', {class: 'heading-m', id: 'staff-form-heading'}, T.formTitle), errors,
    h('div', {class: 'filters--row'}, groups.username, groups.agencyCode, groups.password), submit);
  const mark = (problems) => {
    for (const [name, group] of Object.entries(groups)) {
      const bad = problems.some((p) => p.name === name);
      group.classList.toggle('form-group--error', bad);
      group.querySelector('input').setAttribute('aria-invalid', bad ? 'true' : 'false');
    }
  };
  const ids = {username: 'new-username', agencyCode: 'new-agency', password: 'new-password'};
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const problems = [];
    if (!username.value.trim()) problems.push({name: 'username', text: T.needUsername});
    if (!agency.value.trim()) problems.push({name: 'agencyCode', text: T.needAgency});
    if (!password.value) problems.push({name: 'password', text: T.needPassword});
    if (!problems.length) {
      submit.disabled = true;
      try {
        const {data} = await session.post('/api/v1/admin/staff',
          {username: username.value.trim(), password: password.value, role: 'REVIEWER', agencyCode: agency.value.trim()});
        onCreated(data);
        return;
      } catch (e) {
        if (e.status === 401) return;
        password.value = '';
        if (e.slug === 'already-exists') problems.push({name: 'username', text: T.taken});
        else if (e.slug === 'validation-failed') {
          const fields = ((e.problem && e.problem.errors) || []).map((x) => String(x.field || '').split('.').pop());
          for (const name of ['username', 'agencyCode', 'password']) {
            if (fields.includes(name)) {
              problems.push({name, text: name === 'agencyCode' ? AGENCY_COPY.unknownAgency(agency.value.trim()) : STAFF_FIELD_PROBLEMS[name]});
            }
          }
          if (!problems.length) problems.push({text: STAFF_FIELD_PROBLEMS.other});
        } else problems.push({text: e.status === 403 ? forbiddenMessage(claims(), T.forbiddenWhat) : genericMessage(e)});
      } finally {
        submit.disabled = false;
      }
    }
    mark(problems);
    showErrors(errors, problems.map((p) => ({field: ids[p.name], text: p.text})));
  });
  return form;
}

export async function staffPage() {
  const page = Math.max(0, Number(route().params.get('page')) || 0);
  let list;
  try {
    list = await session.get(`/api/v1/admin/staff${query({page, size: STAFF_PAGE_SIZE})}`);
  } catch (e) {
    if (e.status === 401) throw e;
    return loadError(e, T.forbidden);
  }
  const live = h('div', {class: 'queue-status', role: 'status', 'aria-live': 'polite'});
  const errors = h('div', {});
  const toggle = async (account) => {
    const action = account.enabled ? 'disable' : 'enable';
    try {
      await session.post(`/api/v1/admin/staff/${encodeURIComponent(account.username)}/${action}`);
      flash(account.enabled ? T.disabled(account.username) : T.enabled(account.username), 'success');
      render();
    } catch (e) {
      if (e.status === 401) return;
      showErrors(errors, [{text: e.status === 403 ? forbiddenMessage(claims(), T.forbiddenWhat) : genericMessage(e)}]);
    }
  };
  // a reviewer's agency is edited in a dialog (a registry code; the account signs in again)
  const changeAgency = (account) => {
    const input = h('input', {class: 'input input--width-10', name: 'agency-change', value: account.agencyCode || '', autocomplete: 'off', spellcheck: 'false'});
    confirmDialog({
      title: AGENCY_COPY.changeTitle(account.username),
      content: [field({id: 'agency-change', label: T.agencyCode, hint: AGENCY_COPY.changeHint, input})],
      confirm: {label: T.save, id: 'confirm-agency'},
      cancel: {label: COMMON.cancel, id: 'cancel-agency'},
      onConfirm: async ({errors: dialogErrors}) => {
        const code = input.value.trim();
        if (!code) {
          showErrors(dialogErrors, [{field: 'agency-change', text: T.needAgency}]);
          return false;
        }
        try {
          const {data} = await session.patch(`/api/v1/admin/staff/${encodeURIComponent(account.username)}`, {agencyCode: code});
          flash(AGENCY_COPY.changed(account.username, data.agencyCode), 'success');
          setTimeout(() => render(), 0);
          return true;
        } catch (e) {
          if (e.status === 401) return true;
          showErrors(dialogErrors, [{field: 'agency-change', text: e.slug === 'validation-failed' ? AGENCY_COPY.unknownAgency(code) : genericMessage(e)}]);
          return false;
        }
      },
    });
  };
  const pages = Math.max(1, Math.ceil(list.total / STAFF_PAGE_SIZE));
  const table = h('table', {class: 'table table--responsive table--staff'},
    h('caption', {class: 'table__caption'}, T.caption(list.total)),
    h('thead', {}, h('tr', {}, Object.values(T.columns).map((t) => h('th', {class: 'table__header', scope: 'col'}, t)))),
    h('tbody', {}, list.items.map((a) => h('tr', {},
      h('td', {class: 'table__cell', 'data-label': T.columns.username}, a.username),
      h('td', {class: 'table__cell', 'data-label': T.columns.role}, ROLE_NAMES[a.role] || a.role),
      h('td', {class: 'table__cell', 'data-label': T.columns.agency}, a.agencyCode || '—'),
      h('td', {class: 'table__cell', 'data-label': T.columns.status}, a.enabled ? tag(T.on, 'pass') : tag(T.off, 'fail')),
      h('td', {class: 'table__cell', 'data-label': T.columns.createdAt}, a.createdAt ? dateTime(a.createdAt, 'Asia/Shanghai') : '—'),
      h('td', {class: 'table__cell', 'data-label': T.columns.actions}, a.username === claims().upn ? h('span', {class: 'secondary'}, T.current)
        : h('div', {class: 'button-group button-group--tight'},
          a.role === 'REVIEWER' ? button(AGENCY_COPY.changeAgency, {class: 'button button--small button--secondary',
            'aria-label': T.changeAgencyLabel(a.username), onclick: () => changeAgency(a)}) : null,
          button(a.enabled ? T.disable : T.enable, {class: `button button--small ${a.enabled ? 'button--warning' : 'button--secondary'}`,
            'aria-label': T.toggleLabel(a.enabled, a.username), onclick: () => toggle(a)})))))));
  return h('div', {},
    heading(T.title),
    staffForm((created) => {
      flash(T.created(created), 'success');
      render();
    }),
    h('h2', {class: 'heading-m'}, T.all), errors, live, table,
    pagination(page, pages, (n) => `#/staff${query({page: n})}`));
}
