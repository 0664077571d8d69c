// Issue 23 point 2: an administrator resets the password of an applicant who forgot it (audited;
// the applicant's earlier tokens stop working); the new password is shown once.
import {h, field, showErrors, confirmDialog, button, heading} from '../../shared/dom.js';
import * as idNumber from '../../shared/idnumber.js';
import {session, route, loadError, pageTop, chooseExam, examApi} from '../app.js';
import {APPLICANT_RESET as T, COMMON, genericMessage} from '../copy.js';

export async function applicantsPage() {
  const {params} = route();
  let exam;
  try {
    exam = await chooseExam(params.get('exam'));
  } catch (e) {
    if (e.status === 401) throw e;
    return loadError(e, T.title);
  }
  if (!exam) return h('div', {}, heading(T.title), h('p', {}, COMMON.noExams));
  const errors = h('div', {});
  const result = h('div', {id: 'reset-result', 'aria-live': 'polite'});
  const input = h('input', {class: 'input input--width-20', name: 'idNumber', autocomplete: 'off', spellcheck: 'false',
    autocapitalize: 'characters', maxlength: '22'});
  const group = field({id: 'reset-id-number', label: T.idLabel, hint: T.idHint, input});
  const submit = button(T.submit, {type: 'submit', id: 'reset-password'});
  const form = h('form', {class: 'staff-form', novalidate: true}, errors, group, submit);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    result.replaceChildren();
    const problem = idNumber.problem(input.value);
    group.classList.toggle('form-group--error', !!problem);
    if (problem) {
      showErrors(errors, [{field: 'reset-id-number', text: T.idProblems[problem]}]);
      return;
    }
    showErrors(errors, []);
    const id = idNumber.normalise(input.value);
    confirmDialog({
      title: T.confirmTitle,
      content: h('p', {}, T.confirmBody(COMMON.withCode(exam.name, exam.code), idNumber.mask(id))),
      confirm: {label: T.confirm, id: 'confirm-reset', kind: 'warning'},
      cancel: {label: T.cancel, id: 'cancel-reset'},
      onConfirm: async ({errors: dialogErrors, confirm}) => {
        try {
          const res = await session.post(examApi(exam, `/applicants/${encodeURIComponent(id)}/password-reset`));
          input.value = '';
          result.replaceChildren(h('div', {class: 'panel panel--confirmation panel--inline'},
            h('h2', {class: 'panel__title'}, T.done),
            h('div', {class: 'panel__body'}, T.newPasswordLine(res.data.idNumberMasked),
              h('strong', {id: 'temporary-password', class: 'input--code'}, res.data.temporaryPassword))),
          h('p', {}, T.tell));
          return true;
        } catch (e) {
          if (e.status === 401) return true;
          confirm.disabled = false;
          showErrors(dialogErrors, [{text: e.status === 404 ? T.notFound : genericMessage(e)}]);
          return false;
        }
      },
    });
  });
  return h('div', {}, pageTop(T.title, exam.name, exam, '/applicants'),
    h('p', {}, T.intro), h('p', {}, T.effect), form, result);
}
