// 公告: the exam's announcement of cancelled positions, the rule of who may sign in, and the way in;
// and 选择考试 when several exams are published and none is chosen yet.
import {h, field, showErrors, heading} from '../../shared/dom.js';
import {dateTime} from '../../shared/format.js';
import {
  session, state, go, chooseExam, useExam, loadExams, rememberExam, dropExamParameter, deadlineText, linkButton,
  warningText, helpSection,
} from '../app.js';
import {SERVICE, NOT_ALLOWED_RULE, COMMON, LANDING, CANCELLED_LIST, EXAMS} from '../copy.js';

export async function landingPage() {
  const exam = await chooseExam();
  if (!exam) return examChooser();
  await useExam(exam.code);
  const e = state.exam;
  const cancelled = state.cancelled;
  const several = state.exams.length > 1;
  const signInLabel = e.phase === 'SWITCHING' ? LANDING.signInToSwitch : LANDING.signInForResults;
  const note = LANDING.phase[e.phase];
  const phaseNote = note ? note({opensAt: dateTime(e.switchWindowOpensAt, e.timeZone), deadline: deadlineText(e)}) : null;
  return h('div', {},
    heading(e.name, SERVICE),
    several ? h('p', {}, h('a', {href: '#/exams', class: 'link'}, LANDING.otherExam)) : null,
    h('div', {class: `inset ${e.phase === 'SWITCHING' ? 'inset--open' : ''}`}, h('p', {class: 'body-l', id: 'phase-note'}, phaseNote)),
    h('h2', {class: 'heading-m'}, LANDING.notice),
    h('p', {}, LANDING.cancelled(cancelled.count)),
    h('p', {}, LANDING.switchBy(h('strong', {}, deadlineText(e)), e.maxSwitches)),
    h('p', {}, LANDING.reviewBy(h('strong', {}, dateTime(e.reviewDeadline, e.timeZone)))),
    h('p', {}, LANDING.refunds),
    warningText(NOT_ALLOWED_RULE),
    linkButton('/sign-in', session.signedIn ? COMMON.toStatus : signInLabel, 'button--start'),
    cancelledList(cancelled),
    helpSection(e.helpContact));
}

function cancelledList(cancelled) {
  const c = CANCELLED_LIST;
  const columns = c.columns;
  const searchId = 'cancelled-search';
  const count = h('p', {class: 'hint', 'aria-live': 'polite', id: 'cancelled-count'});
  const body = h('tbody', {class: 'table__body'});
  const input = h('input', {class: 'input', type: 'search', autocomplete: 'off', enterkeyhint: 'search'});
  const show = () => {
    const words = input.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const rows = cancelled.positions.filter((p) => {
      const text = `${p.code} ${p.agencyName} ${p.employer} ${p.title}`.toLowerCase();
      return words.every((w) => text.includes(w));
    });
    count.textContent = words.length ? c.found(rows.length, cancelled.count) : c.all(cancelled.count);
    body.replaceChildren(...rows.map((p) => h('tr', {class: 'table__row'},
      h('td', {class: 'table__cell', 'data-label': columns.code}, p.code),
      h('td', {class: 'table__cell', 'data-label': columns.agency}, p.agencyName),
      h('td', {class: 'table__cell', 'data-label': columns.employer}, p.employer),
      h('td', {class: 'table__cell', 'data-label': columns.title}, p.title),
      h('td', {class: 'table__cell table__cell--numeric', 'data-label': columns.quota}, COMMON.people(p.originalQuota)),
      h('td', {class: 'table__cell table__cell--numeric', 'data-label': columns.applicants},
        c.applicants(p.confirmedApplicants, p.requiredApplicants)))));
  };
  input.addEventListener('input', show);
  show();
  return h('section', {class: 'section', 'aria-labelledby': 'cancelled-heading'},
    h('h2', {class: 'heading-m', id: 'cancelled-heading'}, c.heading),
    field({id: searchId, label: c.search, hint: c.searchHint, input}),
    count,
    h('table', {class: 'table table--responsive'},
      h('caption', {class: 'visually-hidden'}, c.caption),
      h('thead', {class: 'table__head'}, h('tr', {},
        Object.values(columns).map((t) => h('th', {scope: 'col', class: 'table__header'}, t)))),
      body));
}

async function examChooser() {
  const exams = await loadExams();
  const errors = h('div', {});
  if (!exams.length) return h('div', {}, heading(SERVICE), h('p', {}, EXAMS.none));
  const name = 'exam';
  const current = state.exam ? state.exam.code : null;
  const radios = exams.map((e, i) => {
    const id = `exam-${i}`;
    return h('div', {class: 'radios__item'},
      h('input', {class: 'radios__input', type: 'radio', name, id, value: e.code, checked: e.code === current}),
      h('label', {class: 'label radios__label', for: id}, e.name,
        h('span', {class: 'hint radios__hint'}, e.phase === 'SWITCHING' ? EXAMS.deadline(deadlineText(e)) : EXAMS.closed)));
  });
  const form = h('form', {novalidate: true, onsubmit: async (ev) => {
    ev.preventDefault();
    const chosen = form.querySelector('input[name=exam]:checked');
    if (!chosen) {
      showErrors(errors, [{field: 'exam-0', text: EXAMS.choose}]);
      return;
    }
    state.exam = null;
    rememberExam(chosen.value);
    dropExamParameter('/');
    go('/');
  }},
  h('fieldset', {class: 'fieldset'}, h('legend', {class: 'visually-hidden'}, EXAMS.legend), h('div', {class: 'radios'}, radios)),
  h('button', {type: 'submit', class: 'button'}, EXAMS.next));
  return h('div', {}, errors, heading(EXAMS.heading, SERVICE), form);
}

/** The chooser, even when one exam is preselected. */
export async function examsPage() {
  rememberExam(null);
  dropExamParameter('/exams');
  return examChooser();
}
