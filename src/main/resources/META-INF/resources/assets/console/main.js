// The staff console (/console/): sign-in, then what the token's role may do. Reviewers (REVIEWER, one
// agency) work through their agency's queue; administrators (ADMIN) see every agency's. Routes live in
// the hash; no personal data in them. Built on the shared API client, DOM helpers and styles.
import {h, clear, showFlash} from '../shared/dom.js';
import {startRouter, render} from '../shared/router.js';
import {session, state, route, go, flash, claims, isAdmin, loadError} from './app.js';
import {ROLE_NAMES} from './copy.js';
import {signInPage} from './pages/sign-in.js';
import {queuePage} from './pages/queue.js';
import {summaryPage} from './pages/summary.js';
import {ratioPage} from './pages/ratio.js';
import {refundsPage} from './pages/refunds.js';
import {staffPage} from './pages/staff.js';
import {examsPage, examFormPage} from './pages/exams.js';
import {importsPage} from './pages/imports.js';
import {reviewsPage, switchesPage} from './pages/reviews.js';
import {webhooksPage, subscriptionFormPage, deliveriesPage} from './pages/webhooks.js';
import {auditPage} from './pages/audit.js';
import {applicantsPage} from './pages/applicants.js';
import {agenciesPage} from './pages/agencies.js';

const main = document.getElementById('main');
const flashSlot = document.getElementById('flash');
const signOutButton = document.getElementById('sign-out');
const who = document.getElementById('who');
const nav = document.getElementById('nav');
const navList = document.getElementById('nav-list');

// Signing in again returns to the page the staff member was on (the hash is kept).
session.onExpired = () => {
  state.queue = null;
  flash('您的登录已过期，请重新登录。未提交的审查意见没有保存。', 'warning');
  render();
};

signOutButton.addEventListener('click', () => {
  session.token = null;
  state.queue = null;
  flash('您已安全退出登录。', 'success');
  go('/');
});

function showState() {
  showFlash(flashSlot, state.flash);
  state.flash = null;
}

const NAV = [
  {path: '/exams', label: '考试', roles: ['ADMIN']},
  {path: '/imports', label: '导入数据', roles: ['ADMIN']},
  {path: '/ratio', label: '开考比例核查', roles: ['ADMIN']},
  {path: '/queue', label: '资格审查', roles: ['ADMIN', 'REVIEWER']},
  {path: '/reviews', label: '审查情况', roles: ['ADMIN']},
  {path: '/switches', label: '改报结果', roles: ['ADMIN']},
  {path: '/summary', label: '数据概览', roles: ['ADMIN']},
  {path: '/refunds', label: '退费', roles: ['ADMIN']},
  {path: '/webhooks', label: '支付系统通知', roles: ['ADMIN']},
  {path: '/audit', label: '操作日志', roles: ['ADMIN']},
  {path: '/agencies', label: '招录单位', roles: ['ADMIN']},
  {path: '/staff', label: '工作人员账号', roles: ['ADMIN']},
  {path: '/applicants', label: '考生密码重置', roles: ['ADMIN']},
];

function showChrome() {
  const signedIn = session.signedIn;
  signOutButton.hidden = !signedIn;
  who.hidden = !signedIn;
  nav.hidden = !signedIn;
  clear(navList);
  if (!signedIn) return;
  const c = claims();
  const role = isAdmin() ? 'ADMIN' : 'REVIEWER';
  who.textContent = `${c.upn || ''}（${ROLE_NAMES[role]}${c.agency ? ` · 单位 ${c.agency}` : ''}）`;
  const current = route().path;
  for (const item of NAV.filter((n) => n.roles.includes(role))) {
    navList.append(h('li', {class: 'console-nav__item'},
      h('a', {class: 'console-nav__link', href: `#${item.path}`, 'aria-current': current.startsWith(item.path) ? 'page' : null}, item.label)));
  }
}

// ---------------------------------------------------------------------------------------------
// routes

const ROUTES = {
  '/sign-in': {page: signInPage, title: '工作人员登录'},
  '/queue': {page: queuePage, token: true, title: '资格审查'},
  '/summary': {page: summaryPage, token: true, title: '数据概览'},
  '/ratio': {page: ratioPage, token: true, title: '开考比例核查'},
  '/refunds': {page: refundsPage, token: true, title: '退费'},
  '/staff': {page: staffPage, token: true, title: '工作人员账号'},
  '/exams': {page: examsPage, token: true, title: '考试'},
  '/exams/new': {page: examFormPage, token: true, title: '新建考试'},
  '/exams/edit': {page: examFormPage, token: true, title: '修改考试时间安排'},
  '/imports': {page: importsPage, token: true, title: '导入数据'},
  '/reviews': {page: reviewsPage, token: true, title: '审查情况'},
  '/switches': {page: switchesPage, token: true, title: '改报结果'},
  '/webhooks': {page: webhooksPage, token: true, title: '支付系统通知'},
  '/webhooks/new': {page: subscriptionFormPage, token: true, title: '新建订阅'},
  '/webhooks/edit': {page: subscriptionFormPage, token: true, title: '修改订阅'},
  '/webhooks/deliveries': {page: deliveriesPage, token: true, title: '投递记录'},
  '/audit': {page: auditPage, token: true, title: '操作日志'},
  '/applicants': {page: applicantsPage, token: true, title: '考生密码重置'},
  '/agencies': {page: agenciesPage, token: true, title: '招录单位'},
};

startRouter({
  main,
  routes: ROUTES,
  signedIn: () => session.signedIn,
  // '/' (and an unknown path) is the queue once signed in, else the sign-in; signed in, the sign-in is the queue
  resolve: (path) => {
    const shown = path === '/' || !ROUTES[path] ? (session.signedIn ? '/queue' : '/sign-in') : path;
    if (shown === '/sign-in' && session.signedIn) {
      go('/queue');
      return null;
    }
    return shown;
  },
  // a page that needs a token shows the sign-in in its place, and itself once signed in
  signedOut: () => '/sign-in',
  chrome: showChrome,
  beforeShow: showState,
  failed: (e) => loadError(e, '查看这一页'),
  title: (t) => `${t} - 职位改报工作人员控制台`,
});
