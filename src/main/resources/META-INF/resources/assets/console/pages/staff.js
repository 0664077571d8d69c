// Point 10: staff accounts.
import {query} from '../../shared/api.js';
import {h, field, showErrors, tag, heading, button, confirmDialog} from '../../shared/dom.js';
import {dateTime} from '../../shared/format.js';
import {session, route, flash, claims, loadError, pagination, render} from '../app.js';
import {ROLE_NAMES, STAFF_PASSWORD_RULE, STAFF_FIELD_PROBLEMS, AGENCY_COPY, forbiddenMessage, genericMessage} from '../copy.js';


const STAFF_PAGE_SIZE = 50;

function staffForm(onCreated) {
  const errors = h('div', {});
  const username = h('input', {class: 'input', name: 'username', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'none'});
  const agency = h('input', {class: 'input', name: 'agencyCode', autocomplete: 'off', spellcheck: 'false'});
  const password = h('input', {class: 'input', name: 'new-password', type: 'password', autocomplete: 'new-password'});
  const groups = {
    username: field({id: 'new-username', label: '用户名', hint: '3–64 位字母、数字、点、横线或下划线', input: username}),
    agencyCode: field({id: 'new-agency', label: '招录单位代码', hint: '招录单位名录中的代码，如 A07（不区分大小写）；审查人员只能审查本单位职位的申请', input: agency}),
    password: field({id: 'new-password', label: '初始密码', hint: STAFF_PASSWORD_RULE, input: password}),
  };
  const submit = h('button', {type: 'submit', class: 'button'}, '创建审查人员账号');
  const form = h('form', {class: 'staff-form', novalidate: true, 'aria-labelledby': 'staff-form-heading'},
    h('h2', {class: 'heading-m', id: 'staff-form-heading'}, '新建招录单位审查人员'), errors,
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
    if (!username.value.trim()) problems.push({name: 'username', text: '请输入用户名'});
    if (!agency.value.trim()) problems.push({name: 'agencyCode', text: '请输入招录单位代码'});
    if (!password.value) problems.push({name: 'password', text: '请输入初始密码'});
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
        if (e.slug === 'already-exists') problems.push({name: 'username', text: '这个用户名已被使用（不区分大小写），请换一个'});
        else if (e.slug === 'validation-failed') {
          const fields = ((e.problem && e.problem.errors) || []).map((x) => String(x.field || '').split('.').pop());
          for (const name of ['username', 'agencyCode', 'password']) {
            if (fields.includes(name)) {
              problems.push({name, text: name === 'agencyCode' ? AGENCY_COPY.unknownAgency(agency.value.trim()) : STAFF_FIELD_PROBLEMS[name]});
            }
          }
          if (!problems.length) problems.push({text: STAFF_FIELD_PROBLEMS.other});
        } else problems.push({text: e.status === 403 ? forbiddenMessage(claims(), '管理工作人员账号') : genericMessage(e)});
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
    return loadError(e, '管理工作人员账号（仅考试机构管理员可以操作）');
  }
  const live = h('div', {class: 'queue-status', role: 'status', 'aria-live': 'polite'});
  const errors = h('div', {});
  const toggle = async (account) => {
    const action = account.enabled ? 'disable' : 'enable';
    try {
      await session.post(`/api/v1/admin/staff/${encodeURIComponent(account.username)}/${action}`);
      flash(account.enabled ? `已停用账号 ${account.username}，它的登录立即失效。` : `已启用账号 ${account.username}，需要重新登录。`, 'success');
      render();
    } catch (e) {
      if (e.status === 401) return;
      showErrors(errors, [{text: e.status === 403 ? forbiddenMessage(claims(), '管理工作人员账号') : genericMessage(e)}]);
    }
  };
  // a reviewer's agency is edited in a dialog (a registry code; the account signs in again)
  const changeAgency = (account) => {
    const input = h('input', {class: 'input input--width-10', name: 'agency-change', value: account.agencyCode || '', autocomplete: 'off', spellcheck: 'false'});
    confirmDialog({
      title: AGENCY_COPY.changeTitle(account.username),
      content: [field({id: 'agency-change', label: '招录单位代码', hint: AGENCY_COPY.changeHint, input})],
      confirm: {label: '保存', id: 'confirm-agency'},
      cancel: {label: '取消', id: 'cancel-agency'},
      onConfirm: async ({errors: dialogErrors}) => {
        const code = input.value.trim();
        if (!code) {
          showErrors(dialogErrors, [{field: 'agency-change', text: '请输入招录单位代码'}]);
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
    h('caption', {class: 'table__caption'}, `共 ${list.total} 个账号`),
    h('thead', {}, h('tr', {}, ['用户名', '角色', '招录单位', '状态', '创建时间', '操作'].map((t) => h('th', {class: 'table__header', scope: 'col'}, t)))),
    h('tbody', {}, list.items.map((a) => h('tr', {},
      h('td', {class: 'table__cell', 'data-label': '用户名'}, a.username),
      h('td', {class: 'table__cell', 'data-label': '角色'}, ROLE_NAMES[a.role] || a.role),
      h('td', {class: 'table__cell', 'data-label': '招录单位'}, a.agencyCode || '—'),
      h('td', {class: 'table__cell', 'data-label': '状态'}, a.enabled ? tag('启用', 'pass') : tag('已停用', 'fail')),
      h('td', {class: 'table__cell', 'data-label': '创建时间'}, a.createdAt ? dateTime(a.createdAt, 'Asia/Shanghai') : '—'),
      h('td', {class: 'table__cell', 'data-label': '操作'}, a.username === claims().upn ? h('span', {class: 'secondary'}, '当前账号')
        : h('div', {class: 'button-group button-group--tight'},
          a.role === 'REVIEWER' ? button(AGENCY_COPY.changeAgency, {class: 'button button--small button--secondary',
            'aria-label': `修改账号 ${a.username} 的所属单位`, onclick: () => changeAgency(a)}) : null,
          button(a.enabled ? '停用' : '启用', {class: `button button--small ${a.enabled ? 'button--warning' : 'button--secondary'}`,
            'aria-label': `${a.enabled ? '停用' : '启用'}账号 ${a.username}`, onclick: () => toggle(a)})))))));
  return h('div', {},
    heading('工作人员账号'),
    staffForm((created) => {
      flash(`已创建审查人员账号 ${created.username}（单位 ${created.agencyCode}）。请把用户名和初始密码分开告知本人。`, 'success');
      render();
    }),
    h('h2', {class: 'heading-m'}, '全部账号'), errors, live, table,
    pagination(page, pages, (n) => `#/staff${query({page: n})}`));
}
