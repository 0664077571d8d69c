// The staff console (/console/): sign-in, then what the token's role may do. Reviewers (REVIEWER, one
// agency) work through their agency's queue; administrators (ADMIN) see every agency's. Routes live in
// the hash; no personal data in them. Built on the shared API client, DOM helpers and styles.
import {h, clear, showFlash} from '../shared/dom.js';
import {startRouter, render} from '../shared/router.js';
import {session, state, route, go, flash, claims, isAdmin, loadError} from './app.js';
import {ROLE_NAMES, SHELL} from './copy.js';
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
import {receiptsPage} from './pages/receipts.js';
import {retentionPage} from './pages/retention.js';
import {notificationsPage} from './pages/notifications.js';
import {settingsPage, underSettings} from './pages/settings.js';

const main = document.getElementById('main');
const flashSlot = document.getElementById('flash');
const signOutButton = document.getElementById('sign-out');
const who = document.getElementById('who');
const nav = document.getElementById('nav');
const navList = document.getElementById('nav-list');
const crumbs = document.getElementById('crumbs');

// Signing in again returns to the page the staff member was on (the hash is kept).
session.onExpired = () => {
  state.queue = null;
  flash(SHELL.expired, 'warning');
  render();
};

signOutButton.addEventListener('click', () => {
  session.token = null;
  state.queue = null;
  flash(SHELL.signedOut, 'success');
  go('/');
});

function showState() {
  showFlash(flashSlot, state.flash);
  state.flash = null;
}

// The menu: the phase's daily work, then 系统管理 for the pages set up once or opened now and then
// (pages/settings.js), so that it stays on one line at 1366 px.
const NAV = [
  {path: '/exams', roles: ['ADMIN']},
  {path: '/imports', roles: ['ADMIN']},
  {path: '/ratio', roles: ['ADMIN']},
  {path: '/queue', roles: ['ADMIN', 'REVIEWER']},
  {path: '/reviews', roles: ['ADMIN']},
  {path: '/switches', roles: ['ADMIN']},
  {path: '/summary', roles: ['ADMIN']},
  {path: '/refunds', roles: ['ADMIN']},
  {path: '/applicants', roles: ['ADMIN']},
  {path: '/receipts', roles: ['ADMIN', 'REVIEWER']},
  {path: '/settings', roles: ['ADMIN']},
];

function isCurrent(item, current) {
  return item.path === '/settings' ? underSettings(current) : current.startsWith(item.path);
}

function showChrome() {
  const signedIn = session.signedIn;
  signOutButton.hidden = !signedIn;
  who.hidden = !signedIn;
  nav.hidden = !signedIn;
  clear(navList);
  clear(crumbs);
  if (!signedIn) return;
  const c = claims();
  const role = isAdmin() ? 'ADMIN' : 'REVIEWER';
  who.textContent = SHELL.who(c.upn || '', ROLE_NAMES[role], c.agency);
  const current = route().path;
  for (const item of NAV.filter((n) => n.roles.includes(role))) {
    navList.append(h('li', {class: 'console-nav__item'},
      h('a', {class: 'console-nav__link', href: `#${item.path}`, 'aria-current': isCurrent(item, current) ? 'page' : null},
        SHELL.nav[item.path])));
  }
  // A page under 系统管理 leads back to it (its own sub-pages, such as a form, have their back links).
  if (role === 'ADMIN' && current !== '/settings' && underSettings(current)) {
    crumbs.append(h('nav', {class: 'breadcrumbs', 'aria-label': SHELL.crumbs},
      h('ol', {class: 'breadcrumbs__list'},
        h('li', {class: 'breadcrumbs__item'}, h('a', {class: 'breadcrumbs__link', href: '#/settings'}, SHELL.nav['/settings'])))));
  }
}

// ---------------------------------------------------------------------------------------------
// routes

const ROUTES = {
  '/sign-in': {page: signInPage, title: SHELL.titles['/sign-in']},
  '/queue': {page: queuePage, token: true, title: SHELL.titles['/queue']},
  '/summary': {page: summaryPage, token: true, title: SHELL.titles['/summary']},
  '/ratio': {page: ratioPage, token: true, title: SHELL.titles['/ratio']},
  '/refunds': {page: refundsPage, token: true, title: SHELL.titles['/refunds']},
  '/retention': {page: retentionPage, token: true, title: SHELL.titles['/retention']},
  '/staff': {page: staffPage, token: true, title: SHELL.titles['/staff']},
  '/exams': {page: examsPage, token: true, title: SHELL.titles['/exams']},
  '/exams/new': {page: examFormPage, token: true, title: SHELL.titles['/exams/new']},
  '/exams/edit': {page: examFormPage, token: true, title: SHELL.titles['/exams/edit']},
  '/imports': {page: importsPage, token: true, title: SHELL.titles['/imports']},
  '/reviews': {page: reviewsPage, token: true, title: SHELL.titles['/reviews']},
  '/switches': {page: switchesPage, token: true, title: SHELL.titles['/switches']},
  '/webhooks': {page: webhooksPage, token: true, title: SHELL.titles['/webhooks']},
  '/webhooks/new': {page: subscriptionFormPage, token: true, title: SHELL.titles['/webhooks/new']},
  '/webhooks/edit': {page: subscriptionFormPage, token: true, title: SHELL.titles['/webhooks/edit']},
  '/webhooks/deliveries': {page: deliveriesPage, token: true, title: SHELL.titles['/webhooks/deliveries']},
  '/notifications': {page: notificationsPage, token: true, title: SHELL.titles['/notifications']},
  '/audit': {page: auditPage, token: true, title: SHELL.titles['/audit']},
  '/applicants': {page: applicantsPage, token: true, title: SHELL.titles['/applicants']},
  '/agencies': {page: agenciesPage, token: true, title: SHELL.titles['/agencies']},
  '/receipts': {page: receiptsPage, token: true, title: SHELL.titles['/receipts']},
  '/settings': {page: settingsPage, token: true, title: SHELL.titles['/settings']},
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
  failed: (e) => loadError(e, SHELL.thisPage),
  title: SHELL.documentTitle,
});
