// Point 9: the payment systems' webhook subscriptions: list, create (the secret shown once, with a copy
// button), rotate the secret (shown once), disable / enable, change URL and channels; each one's
// deliveries with the attempt log, and replay. At most one enabled subscription covers a channel.
import {query} from '../../shared/api.js';
import {h, field, showErrors, tag, confirmDialog, heading, button} from '../../shared/dom.js';
import {dateTime} from '../../shared/format.js';
import {session, route, go, flash, claims, loadError, pagination, pageParam, dataTable, select, render} from '../app.js';
import {CHANNELS, DELIVERY_STATUS, deliveryError, forbiddenMessage, genericMessage} from '../copy.js';

const API = '/api/v1/admin/webhook-subscriptions';
const ZONE = 'Asia/Shanghai';
const PAGE_SIZE = 50;

function channelNames(list) {
  return (list || []).map((c) => CHANNELS[c] || c).join('、');
}

/** What a refused subscription change means, in words. */
function problemText(e, what) {
  if (e.slug === 'channel-already-subscribed') {
    const p = e.problem || {};
    const taken = channelNames(p.channels);
    return `${taken ? `${taken}渠道` : '所选渠道'}已由订阅 #${p.subscriptionId ?? '—'} 接收：每个支付渠道只能有一个启用的订阅。`
      + `请先停用订阅 #${p.subscriptionId ?? '—'}，或修改它的渠道，再${what}。`;
  }
  if (e.slug === 'validation-failed') {
    const fields = ((e.problem && e.problem.errors) || []).map((x) => String(x.field || '').split('.').pop());
    if (fields.includes('url')) return '接收地址不可用：须为 https 或 http 的公网地址，不能是内网、本机或带用户名密码的地址。';
    if (fields.includes('channels')) return '请至少选择一个支付渠道。';
    return '填写的内容不符合要求，请检查后重试。';
  }
  if (e.status === 403) return forbiddenMessage(claims(), what);
  return genericMessage(e);
}

/** The secret, shown once: a read-only field to select, and a copy button (clipboard, else select + copy). */
function secretPanel(title, sub, secret) {
  const input = h('input', {class: 'input input--code', id: 'secret', readonly: true, value: secret, spellcheck: 'false', 'aria-describedby': 'secret-hint'});
  const status = h('span', {class: 'copy__status', role: 'status', 'aria-live': 'polite'});
  const copy = button('复制密钥', {class: 'button button--secondary', id: 'copy-secret', onclick: async () => {
    try {
      await navigator.clipboard.writeText(secret);
      status.textContent = '已复制到剪贴板。';
    } catch {
      input.focus();
      input.select();
      let copied = false;
      try {
        copied = document.execCommand('copy');
      } catch {
        copied = false;
      }
      status.textContent = copied ? '已复制到剪贴板。' : '无法自动复制：密钥已选中，请按 Ctrl+C 复制。';
    }
  }});
  const content = h('div', {class: 'narrow-wide'},
    h('div', {class: 'panel panel--confirmation'}, h('h1', {class: 'panel__title', tabindex: '-1'}, title),
      h('div', {class: 'panel__body'}, `订阅 #${sub.id}：${channelNames(sub.channels)} → ${sub.url}`)),
    h('h2', {class: 'heading-m'}, '签名密钥（只显示这一次）'),
    h('div', {class: 'form-group'},
      h('label', {class: 'label', for: 'secret'}, '签名密钥'),
      h('div', {class: 'hint', id: 'secret-hint'}, '请立即复制并交给支付系统的技术人员，用于校验回调和通知的签名。离开本页后无法再次查看；遗失时只能更换密钥。'),
      input),
    h('div', {class: 'button-group'}, copy, status),
    h('p', {}, h('a', {href: '#/webhooks', id: 'secret-done'}, '我已保存密钥，返回订阅列表')));
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
    return loadError(e, '管理支付系统的通知订阅（仅考试机构管理员可以操作）');
  }
  const errors = h('div', {});
  const act = async (sub, action) => {
    try {
      const {data} = await session.post(`${API}/${sub.id}/${action}`);
      if (action === 'rotate-secret') {
        showInMain(secretPanel('已更换签名密钥', data, data.secret));
        return;
      }
      flash(action === 'disable' ? `已停用订阅 #${sub.id}，不再向它发送退费通知。` : `已启用订阅 #${sub.id}，待发送的通知会立即发送。`, 'success');
      render();
    } catch (e) {
      if (e.status === 401) return;
      showErrors(errors, [{text: problemText(e, action === 'enable' ? '启用这个订阅' : '操作')}]);
    }
  };
  const rotate = (sub) => confirmDialog({
    title: `更换订阅 #${sub.id} 的签名密钥？`,
    content: [h('p', {}, '将生成新的签名密钥并只显示一次。原密钥在 24 小时内仍然有效（通知同时带新旧两个签名），请在此期间让支付系统换用新密钥。')],
    confirm: {label: '更换密钥', kind: 'warning', id: 'confirm-rotate'},
    cancel: {label: '取消', id: 'cancel-rotate'},
    onConfirm: async () => {
      await act(sub, 'rotate-secret');
      return true;
    },
  });
  const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
  const rows = list.items.map((s) => [
    `#${s.id}`,
    h('span', {class: 'break-all'}, s.url),
    channelNames(s.channels),
    s.enabled ? tag('启用', 'pass') : [tag('已停用', 'fail'), s.disabledReason ? h('span', {class: 'precheck__detail'}, s.disabledReason) : null],
    s.previousSecretExpiresAt ? `原密钥 ${dateTime(s.previousSecretExpiresAt, ZONE)} 失效` : null,
    dateTime(s.createdAt, ZONE),
    h('div', {class: 'table__actions'},
      h('a', {href: `#/webhooks/deliveries${query({id: s.id})}`, 'aria-label': `订阅 #${s.id} 的投递记录`}, '投递记录'),
      h('a', {href: `#/webhooks/edit${query({id: s.id})}`, 'aria-label': `修改订阅 #${s.id}`}, '修改'),
      button('更换密钥', {class: 'button button--secondary button--small', 'aria-label': `更换订阅 #${s.id} 的密钥`, onclick: () => rotate(s)}),
      button(s.enabled ? '停用' : '启用', {class: `button button--small ${s.enabled ? 'button--warning' : 'button--secondary'}`,
        'aria-label': `${s.enabled ? '停用' : '启用'}订阅 #${s.id}`, onclick: () => act(s, s.enabled ? 'disable' : 'enable')})),
  ]);
  return h('div', {},
    heading('支付系统通知'),
    h('p', {}, '退费指令以签名通知（Standard Webhooks）发给各支付渠道的支付系统。每个支付渠道只能有一个启用的订阅。'),
    h('p', {}, h('a', {class: 'button', href: '#/webhooks/new', id: 'new-subscription'}, '新建订阅')),
    errors,
    list.items.length ? dataTable({
      caption: `共 ${list.total} 个订阅`, cls: 'table--webhooks',
      columns: ['编号', '接收地址', '支付渠道', '状态', '密钥', '创建时间', '操作'].map((label) => ({label})),
      rows,
    }) : h('p', {}, '还没有订阅。退费通知会等到有订阅接收对应渠道时再发送。'),
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
      return loadError(e, '修改通知订阅');
    }
    if (!sub) return h('div', {}, heading('没有找到这个订阅'), h('p', {}, h('a', {href: '#/webhooks'}, '返回订阅列表')));
  }
  const errors = h('div', {});
  const url = h('input', {class: 'input', name: 'url', type: 'url', value: sub ? sub.url : '', spellcheck: 'false', autocomplete: 'off'});
  const urlGroup = field({id: 'sub-url', label: '接收地址（URL）', hint: '支付系统接收退费通知的 https 地址，如 https://pay.example.cn/hooks/refunds', input: url});
  const boxes = Object.entries(CHANNELS).map(([k, name]) => {
    const input = h('input', {class: 'checkboxes__input', type: 'checkbox', name: 'channels', value: k, id: `sub-channel-${k}`,
      checked: sub && sub.channels.includes(k) ? true : null});
    return h('div', {class: 'checkboxes__item'}, input, h('label', {class: 'checkboxes__label', for: `sub-channel-${k}`}, name));
  });
  const channelGroup = h('div', {class: 'form-group'}, h('fieldset', {class: 'fieldset', 'aria-describedby': 'sub-channels-hint'},
    h('legend', {class: 'label'}, '支付渠道'),
    h('div', {class: 'hint', id: 'sub-channels-hint'}, '这个支付系统接收哪些渠道的退费'),
    h('div', {class: 'checkboxes'}, boxes)));
  const submit = h('button', {type: 'submit', class: 'button', id: 'sub-submit'}, sub ? '保存修改' : '创建订阅');
  const form = h('form', {novalidate: true}, errors, urlGroup, channelGroup,
    h('div', {class: 'button-group'}, submit, h('a', {class: 'button button--secondary', href: '#/webhooks'}, '取消')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const channels = [...form.querySelectorAll('input[name="channels"]:checked')].map((i) => i.value);
    const problems = [];
    if (!url.value.trim()) problems.push({field: 'sub-url', text: '请输入接收地址'});
    if (!channels.length) problems.push({field: `sub-channel-${Object.keys(CHANNELS)[0]}`, text: '请至少选择一个支付渠道'});
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
        flash(`已保存订阅 #${sub.id}：${channelNames(channels)} → ${url.value.trim()}。密钥不变。`, 'success');
        go('/webhooks');
      } else {
        const {data} = await session.post(API, {url: url.value.trim(), channels});
        showInMain(secretPanel('订阅已创建', data, data.secret));
      }
    } catch (e) {
      if (e.status === 401) return;
      showErrors(errors, [{field: e.slug === 'validation-failed' ? 'sub-url' : null, text: problemText(e, sub ? '修改这个订阅' : '创建订阅')}]);
    } finally {
      submit.disabled = false;
    }
  });
  return h('div', {class: 'narrow-wide'}, heading(sub ? `修改订阅 #${sub.id}` : '新建订阅', '支付系统通知'), form);
}

function attemptLog(d) {
  if (!d.attemptLog || !d.attemptLog.length) return h('span', {class: 'secondary'}, '尚未发送');
  return h('details', {class: 'details'}, h('summary', {class: 'details__summary'}, `${d.attemptLog.length} 次发送记录`),
    h('ol', {class: 'attempts'}, d.attemptLog.map((a) => h('li', {},
      `第 ${a.attempt} 次 · ${dateTime(a.startedAt, ZONE)} · 订阅 #${a.subscriptionId} · `,
      deliveryError(a.error, a.statusCode) || (a.statusCode ? `HTTP ${a.statusCode}（成功）` : '无响应'),
      a.durationMs != null ? ` · ${a.durationMs} 毫秒` : ''))));
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
    return loadError(e, '查看投递记录（仅考试机构管理员可以查看）');
  }
  const errors = h('div', {});
  const replay = (d) => confirmDialog({
    title: `重新发送通知 ${d.webhookId}？`,
    content: h('p', {}, `退费 #${d.refundId} 的通知将从头按重试计划重新发送，webhook-id 不变（支付系统据此去重）。`),
    confirm: {label: '重新发送', id: 'confirm-replay'},
    cancel: {label: '取消', id: 'cancel-replay'},
    onConfirm: async ({errors: dialogErrors}) => {
      try {
        await session.post(`/api/v1/admin/webhook-deliveries/${d.id}/replay`);
        flash(`已安排重新发送通知 ${d.webhookId}（退费 #${d.refundId}）。`, 'success');
        setTimeout(() => render(), 0);
        return true;
      } catch (e) {
        if (e.status === 401) return true;
        const text = e.slug === 'refund-not-allowed' ? '这笔退费已经有了结果（已退款或退费失败），不再重新发送通知。' : problemText(e, '重新发送通知');
        showErrors(dialogErrors, [{text}]);
        return false;
      }
    },
  });
  const statusSelect = select('status', DELIVERY_STATUS, status);
  const filters = h('form', {class: 'filters filters--row', 'aria-label': '筛选投递记录'},
    field({id: 'filter-status', label: '投递状态', input: statusSelect}),
    h('button', {type: 'submit', class: 'button button--secondary'}, '筛选'));
  filters.addEventListener('submit', (ev) => {
    ev.preventDefault();
    location.hash = `/webhooks/deliveries${query({id, status: statusSelect.value})}`;
  });
  const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
  const rows = list.items.map((d) => [
    String(d.id), `#${d.refundId}`, h('code', {class: 'break-all'}, d.webhookId),
    tag(DELIVERY_STATUS[d.status] || d.status, d.status === 'DELIVERED' ? 'pass' : d.status === 'FAILED' ? 'fail' : 'pending'),
    String(d.attempts), d.status === 'PENDING' && d.nextAttemptAt ? dateTime(d.nextAttemptAt, ZONE) : null,
    deliveryError(d.lastError, d.lastStatusCode) || (d.lastStatusCode ? `HTTP ${d.lastStatusCode}（成功）` : null), attemptLog(d),
    button('重新发送', {class: 'button button--secondary button--small', 'aria-label': `重新发送通知 ${d.id}`, onclick: () => replay(d)}),
  ]);
  return h('div', {},
    heading(`订阅 #${id} 的投递记录`, '支付系统通知'),
    h('p', {}, h('a', {href: '#/webhooks'}, '返回订阅列表')),
    filters, errors,
    list.items.length ? dataTable({
      caption: `共 ${list.total} 条通知${status ? `（${DELIVERY_STATUS[status]}）` : ''}`, cls: 'table--deliveries',
      columns: ['编号', '退费', 'webhook-id', '状态', '发送次数', '下次发送', '最近结果', '发送记录', '操作'].map((label) => ({label})),
      rows,
    }) : h('p', {}, '没有投递记录。'),
    pagination(page, pages, (n) => `#/webhooks/deliveries${query({id, status, page: n})}`));
}
