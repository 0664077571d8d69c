// Issue 29: an exam's applicants' personal data purged once its refunds are settled and the retention
// period after its review deadline has passed. The page is the dry run (what would go, what stays,
// and why not yet); the purge is confirmed in a dialog and names the dry run's count.
import {h, summaryList, tag, confirmDialog, showErrors} from '../../shared/dom.js';
import {dateTime} from '../../shared/format.js';
import {session, route, flash, loadError, pageTop, chooseExam, render, examApi} from '../app.js';
import {RETENTION as T, COMMON, genericMessage} from '../copy.js';

export async function retentionPage() {
  const {params} = route();
  const exam = await chooseExam(params.get('exam'));
  if (!exam) return h('div', {}, h('h1', {class: 'heading-l'}, T.title), h('p', {}, COMMON.noExams));
  let r;
  try {
    r = await session.get(examApi(exam, '/personal-data'));
  } catch (e) {
    if (e.status === 401) throw e;
    return loadError(e, T.forbidden);
  }
  const at = (iso) => (iso ? dateTime(iso, exam.timeZone) : null);
  const state = r.personalDataPurgedAt
    ? tag(T.purgedTag, 'pass')
    : r.blocker ? tag(T.blockedTag, 'pending') : tag(T.readyTag, 'fail');
  const facts = summaryList([
    [T.state, state],
    [T.reviewDeadline, at(r.reviewDeadline)],
    [T.purgeableFrom, at(r.purgeableFrom)],
    [T.refunds, r.refundsSettled ? T.refundsSettled : T.refundsOpen(r.unsettledRefunds)],
    [T.purgedAt, r.personalDataPurgedAt ? T.purgedBy(at(r.personalDataPurgedAt), r.personalDataPurgedBy) : null],
  ]);
  const would = r.wouldPurge;
  const goes = h('section', {'aria-labelledby': 'retention-goes'},
    h('h2', {class: 'heading-m', id: 'retention-goes'}, T.goesTitle),
    summaryList([
      [T.applicants, T.count(would.applicants)],
      [T.mobileNumbers, T.count(would.mobileNumbers)],
      [T.signInRecords, T.count(would.signInRecords)],
    ]),
    h('p', {}, T.goesBody));
  const stays = h('section', {'aria-labelledby': 'retention-stays'},
    h('h2', {class: 'heading-m', id: 'retention-stays'}, T.staysTitle),
    h('ul', {class: 'list list--bullet'}, T.stays.map((s) => h('li', {}, s))));
  let action = null;
  if (r.blocker) {
    action = h('div', {class: 'inset-text'}, T.blocker[r.blocker](at(r.purgeableFrom), r.unsettledRefunds));
  } else {
    const purge = () => confirmDialog({
      title: T.confirmTitle(exam.name),
      content: [h('div', {class: 'warning-text'}, h('span', {class: 'warning-text__icon', 'aria-hidden': 'true'}, '!'),
        h('strong', {class: 'warning-text__text'}, T.confirmWarning)),
      h('p', {}, T.confirmBody(would.applicants))],
      confirm: {label: T.confirm, id: 'confirm-purge', kind: 'warning'},
      cancel: {label: COMMON.cancel, id: 'cancel-purge'},
      onConfirm: async ({errors}) => {
        try {
          const {data: done} = await session.post(examApi(exam, '/personal-data/purge'), {expectedApplicants: would.applicants});
          flash(T.purged(done.purged.applicants), 'success');
          setTimeout(() => render(), 0);
          return true;
        } catch (e) {
          if (e.status === 401) return true;
          showErrors(errors, [{text: T.refused[e.slug] || genericMessage(e)}]);
          return false;
        }
      },
    });
    action = h('div', {},
      h('div', {class: 'warning-text'}, h('span', {class: 'warning-text__icon', 'aria-hidden': 'true'}, '!'),
        h('strong', {class: 'warning-text__text'}, T.readyWarning)),
      h('button', {type: 'button', class: 'button button--warning', id: 'purge', onclick: purge}, T.purge));
  }
  return h('div', {},
    pageTop(T.title, exam.name, exam, '/retention'),
    h('p', {class: 'body-l'}, T.lead),
    // Why not yet comes first; the purge itself after what it removes and what it keeps.
    facts, r.blocker ? action : null, r.personalDataPurgedAt ? null : goes, stays, r.blocker ? null : action);
}
