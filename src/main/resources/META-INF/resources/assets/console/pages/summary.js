// Point 6: the exam summary.
import {h, heading, button} from '../../shared/dom.js';
import {session, route, loadError, figure, pageTop, chooseExam, render} from '../app.js';
import {REFUND_STATUS} from '../copy.js';


export async function summaryPage() {
  const exam = await chooseExam(route().params.get('exam'));
  if (!exam) return h('div', {}, heading('数据概览'), h('p', {}, '目前没有考试。'));
  let s;
  try {
    s = await session.get(`/api/v1/admin/exams/${encodeURIComponent(exam.code)}/summary`);
  } catch (e) {
    if (e.status === 401) throw e;
    return loadError(e, '查看考试的数据概览（仅考试机构管理员可以查看）');
  }
  const p = s.positions || {};
  const r = s.reviews || {};
  return h('div', {},
    pageTop('数据概览', exam.name, exam, '/summary'),
    h('h2', {class: 'heading-m'}, '职位'),
    h('dl', {class: 'figures'}, Object.entries(p).map(([k, v]) => figure({open: '开考职位', reduced: '其中核减计划数', cancelled: '取消职位'}[k] || k, v))),
    h('h2', {class: 'heading-m'}, '考生与改报'),
    h('dl', {class: 'figures'}, figure('被取消职位的考生', s.affectedApplicants), figure('已改报', s.switchedApplicants), figure('未改报', s.notSwitched)),
    h('h2', {class: 'heading-m'}, '资格审查'),
    h('dl', {class: 'figures'}, figure('待审查', r.pending), figure('通过', r.approved), figure('不通过', r.rejected),
      figure('逾期未审', r.overdue), figure('截止后决定', r.decidedLate)),
    h('h2', {class: 'heading-m'}, '退费'),
    h('dl', {class: 'figures'}, Object.entries(s.refunds || {}).map(([k, v]) => figure(REFUND_STATUS[k] || k, v))),
    button('刷新', {class: 'button button--secondary', onclick: () => render()}));
}
