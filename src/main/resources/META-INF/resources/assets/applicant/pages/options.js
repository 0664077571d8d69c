// 选择改报职位: the positions the applicant may switch to, searched and filtered, a page at a time;
// choosing one opens the confirmation (switched.js).
import {query} from '../../shared/api.js';
import {h, field, showErrors, summaryList, nextId, heading} from '../../shared/dom.js';
import {requirementsInWords} from '../../shared/labels.js';
import {session, state, go, loadMe, stateOf, backLink, precheckBadge} from '../app.js';
import {COMMON, OPTIONS, POSITION, genericMessage} from '../copy.js';
import {confirmSwitch} from './switched.js';

const PAGE_SIZE = 10;

async function loadAgencies() {
  if (!state.agencies) {
    const all = await session.get(`/api/v1/me/switch-options${query({qualifiedOnly: false, size: 500})}`);
    const seen = new Map();
    for (const p of all.items) if (!seen.has(p.agencyCode)) seen.set(p.agencyCode, p.agencyName);
    state.agencies = [...seen.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  }
  return state.agencies;
}

export async function optionsPage() {
  const me = state.me || await loadMe();
  if (!stateOf(me).canSwitch) {
    go('/me');
    return null;
  }
  const agencies = await loadAgencies();
  const o = state.options;
  const errors = h('div', {});
  const q = h('input', {class: 'input', type: 'search', value: o.q, autocomplete: 'off', enterkeyhint: 'search'});
  const agency = h('select', {class: 'select'},
    h('option', {value: ''}, OPTIONS.allAgencies),
    agencies.map(([code, name]) => h('option', {value: code, selected: code === o.agency}, name)));
  const qualified = h('input', {class: 'checkboxes__input', type: 'checkbox', id: 'qualified-only', checked: o.qualifiedOnly});
  const results = h('div', {id: 'results'});
  const status = h('p', {class: 'results-count', 'aria-live': 'polite', id: 'results-count'});
  const hidden = h('p', {class: 'hint', id: 'results-hidden', hidden: true});
  const rejected = me.rejectedPositionCodes && me.rejectedPositionCodes.length
    ? h('p', {class: 'hint', id: 'results-rejected'}, OPTIONS.rejected(me.rejectedPositionCodes)) : null;

  const load = async (focusResults) => {
    status.textContent = OPTIONS.searching;
    try {
      const page = await session.get(`/api/v1/me/switch-options${query({
        q: o.q, agency: o.agency, qualifiedOnly: o.qualifiedOnly, page: o.page, size: PAGE_SIZE})}`);
      const pages = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
      status.textContent = page.total ? OPTIONS.found(page.total, o.page + 1, pages) : OPTIONS.none;
      hidden.textContent = o.qualifiedOnly && page.unqualifiedHidden ? OPTIONS.hidden(page.unqualifiedHidden) : '';
      hidden.hidden = !hidden.textContent;
      const pager = pagination(o.page, pages, (n) => {
        o.page = n;
        load(true);
      });
      results.replaceChildren(h('ul', {class: 'positions'}, page.items.map((p) => positionCard(p, me))), ...(pager ? [pager] : []));
      showErrors(errors, []);
      if (focusResults) status.focus();
    } catch (e) {
      if (e.status === 401) return;
      status.textContent = '';
      showErrors(errors, [{text: genericMessage(e)}]);
    }
  };
  status.setAttribute('tabindex', '-1');
  const form = h('form', {class: 'filters', role: 'search', novalidate: true, onsubmit: (ev) => {
    ev.preventDefault();
    o.q = q.value.trim();
    o.agency = agency.value;
    o.qualifiedOnly = qualified.checked;
    o.page = 0;
    load(true);
  }},
  field({id: 'option-q', label: OPTIONS.keywords, hint: OPTIONS.keywordsHint, input: q}),
  field({id: 'option-agency', label: OPTIONS.agency, input: agency}),
  h('div', {class: 'form-group checkboxes__item'}, qualified,
    h('label', {class: 'label checkboxes__label', for: 'qualified-only'}, OPTIONS.qualifiedOnly)),
  h('button', {type: 'submit', class: 'button button--secondary'}, OPTIONS.search));
  qualified.addEventListener('change', () => form.requestSubmit());
  agency.addEventListener('change', () => form.requestSubmit());
  load(false);
  return h('div', {}, backLink('/me', COMMON.backToStatus), errors, heading(OPTIONS.heading, state.exam.name),
    h('p', {}, OPTIONS.intro), form, status, hidden, rejected, results);
}

function pagination(page, pages, onPage) {
  if (pages <= 1) return null;
  return h('nav', {class: 'pagination', 'aria-label': OPTIONS.pages},
    page > 0 ? h('button', {type: 'button', class: 'button button--secondary pagination__prev', onclick: () => onPage(page - 1)}, OPTIONS.previous) : null,
    h('span', {class: 'pagination__info'}, OPTIONS.page(page + 1, pages)),
    page < pages - 1 ? h('button', {type: 'button', class: 'button button--secondary pagination__next', onclick: () => onPage(page + 1)}, OPTIONS.next) : null);
}

function positionCard(p, me) {
  const titleId = nextId('position');
  const failed = p.precheck && p.precheck.result === 'FAIL';
  return h('li', {class: 'position', 'aria-labelledby': titleId, 'data-code': p.code},
    h('h3', {class: 'heading-s position__title', id: titleId}, `${p.code} ${p.title}`),
    h('p', {class: 'position__org'}, p.agencyName, h('br', {}), p.employer),
    summaryList([
      [POSITION.quota, COMMON.people(p.quota)],
      [POSITION.requirements, POSITION.requirementsLine(requirementsInWords(p.requirements))],
      [POSITION.precheck, precheckBadge(p)],
    ], 'summary-list--compact'),
    failed
      ? h('p', {class: 'hint'}, POSITION.notQualified)
      : h('button', {type: 'button', class: 'button button--secondary position__choose', 'aria-describedby': titleId,
        onclick: () => confirmSwitch(p, me)}, POSITION.choose));
}
