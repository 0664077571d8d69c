// 登录: ID number and password for the exam being shown; how to get a forgotten password reset.
import {h, field, showErrors, heading} from '../../shared/dom.js';
import * as idNumber from '../../shared/idnumber.js';
import {session, state, go, chooseExam, useExam, backLink, helpSection} from '../app.js';
import {NOT_ALLOWED_RULE, SIGN_IN, FORGOT_PASSWORD, signInMessage} from '../copy.js';

export async function signInPage() {
  if (session.signedIn) {
    go('/me');
    return null;
  }
  const exam = await chooseExam();
  if (!exam) {
    go('/');
    return null;
  }
  await useExam(exam.code);
  const e = state.exam;
  const errors = h('div', {});
  const idInput = h('input', {class: 'input input--width-20', type: 'text', name: 'idNumber', autocomplete: 'username',
    spellcheck: 'false', autocapitalize: 'characters', maxlength: '22', inputmode: 'text'});
  const pwInput = h('input', {class: 'input input--width-20', type: 'password', name: 'password', autocomplete: 'current-password'});
  const submit = h('button', {type: 'submit', class: 'button'}, SIGN_IN.submit);
  const fields = h('div', {});
  const drawFields = (idError, pwError) => {
    fields.replaceChildren(
      field({id: 'id-number', label: SIGN_IN.idNumber, hint: SIGN_IN.idNumberHint, input: idInput, error: idError}),
      field({id: 'password', label: SIGN_IN.password, hint: SIGN_IN.passwordHint, input: pwInput, error: pwError}));
  };
  drawFields();
  const form = h('form', {novalidate: true, onsubmit: async (ev) => {
    ev.preventDefault();
    const idProblem = idNumber.problem(idInput.value);
    const v = idNumber.normalise(idInput.value);
    const idError = idProblem ? SIGN_IN.idProblems[idProblem](v.length) : null;
    const pwError = pwInput.value ? null : SIGN_IN.noPassword;
    drawFields(idError, pwError);
    const list = [];
    if (idError) list.push({field: 'id-number', text: idError});
    if (pwError) list.push({field: 'password', text: pwError});
    if (list.length) {
      showErrors(errors, list);
      return;
    }
    submit.disabled = true;
    submit.textContent = SIGN_IN.submitting;
    try {
      const res = await session.post('/api/v1/auth/applicant-token',
        {examCode: e.code, idNumber: v, password: pwInput.value}, {auth: false});
      session.token = res.data.accessToken;
      pwInput.value = '';
      go('/me');
    } catch (err) {
      const text = signInMessage(err, e);
      showErrors(errors, [{field: err.slug === 'invalid-credentials' ? 'id-number' : null, text}],
        err.slug === 'sign-in-not-allowed' ? SIGN_IN.notAllowed : SIGN_IN.failed);
      submit.disabled = false;
      submit.textContent = SIGN_IN.submit;
    }
  }}, fields, submit);
  const forgot = h('details', {class: 'details', id: 'forgot-password'},
    h('summary', {class: 'details__summary'}, FORGOT_PASSWORD.summary),
    h('div', {class: 'details__text'}, FORGOT_PASSWORD.lines(e.helpContact).map((t) => h('p', {}, t))));
  return h('div', {}, backLink('/', SIGN_IN.back), errors, heading(SIGN_IN.heading, e.name),
    h('p', {}, NOT_ALLOWED_RULE), form, forgot, helpSection(e.helpContact));
}
