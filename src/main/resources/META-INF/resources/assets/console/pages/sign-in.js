// Staff sign-in; a page that needs a token shows this in its place and itself once signed in.
import {h, field, showErrors, heading} from '../../shared/dom.js';
import {session, state, route, go, render} from '../app.js';
import {SIGN_IN as T, signInMessage} from '../copy.js';

export function signInPage() {
  const errors = h('div', {});
  const username = h('input', {class: 'input input--width-20', name: 'username', autocomplete: 'username', spellcheck: 'false', autocapitalize: 'none'});
  const password = h('input', {class: 'input input--width-20', name: 'password', type: 'password', autocomplete: 'current-password'});
  const submit = h('button', {type: 'submit', class: 'button'}, T.submit);
  const userGroup = field({id: 'username', label: T.username, input: username});
  const passGroup = field({id: 'password', label: T.password, input: password});
  const form = h('form', {novalidate: true}, userGroup, passGroup, submit);
  const mark = (input, group, message) => {
    input.setAttribute('aria-invalid', message ? 'true' : 'false');
    group.classList.toggle('form-group--error', !!message);
  };
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const problems = [];
    if (!username.value.trim()) problems.push({field: 'username', text: T.needUsername});
    if (!password.value) problems.push({field: 'password', text: T.needPassword});
    mark(username, userGroup, problems.some((p) => p.field === 'username'));
    mark(password, passGroup, problems.some((p) => p.field === 'password'));
    if (problems.length) {
      showErrors(errors, problems);
      return;
    }
    submit.disabled = true;
    try {
      const {data} = await session.post('/api/v1/auth/staff-token', {username: username.value.trim(), password: password.value}, {auth: false});
      session.token = data.accessToken;
      state.exams = null;
      if (route().path === '/sign-in') go('/queue');
      else render();
    } catch (e) {
      showErrors(errors, [{field: e.slug === 'invalid-credentials' ? 'password' : null, text: signInMessage(e)}]);
      password.value = '';
    } finally {
      submit.disabled = false;
    }
  });
  return h('div', {class: 'narrow'},
    heading(T.title, T.caption),
    h('p', {}, T.intro),
    errors, form);
}
