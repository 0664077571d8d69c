// The applicant's 职位改报 journey: landing → sign-in → 我的改报 → options → confirm → confirmation,
// or → decline → refund. One thing per page, one module per page (pages/); routes live in the hash
// (no personal data in them). This shell owns the route table and the chrome (the sign-out button,
// the one-time message); app.js holds what the pages share.
import {showFlash} from '../shared/dom.js';
import {startRouter, go} from '../shared/router.js';
import {session, state, flash, loadError} from './app.js';
import {TITLES, COMMON} from './copy.js';
import {landingPage, examsPage} from './pages/landing.js';
import {signInPage} from './pages/sign-in.js';
import {statusPage} from './pages/status.js';
import {optionsPage} from './pages/options.js';
import {switchedPage} from './pages/switched.js';
import {declinePage, declinedPage} from './pages/decline.js';
import {receiptPage} from './pages/receipt.js';

const main = document.getElementById('main');
const flashSlot = document.getElementById('flash');
const signOutButton = document.getElementById('sign-out');

session.onExpired = () => {
  state.me = null;
  flash(COMMON.expired, 'warning');
  go('/sign-in');
};

signOutButton.addEventListener('click', () => {
  session.token = null;
  state.me = null;
  state.keys = {};
  flash(COMMON.signedOut, 'success');
  go('/');
});

const ROUTES = {
  '/': {page: landingPage, title: TITLES.landing},
  '/exams': {page: examsPage, title: TITLES.exams},
  '/sign-in': {page: signInPage, title: TITLES.signIn},
  '/me': {page: statusPage, token: true, title: TITLES.status},
  '/options': {page: optionsPage, token: true, title: TITLES.options},
  '/switched': {page: switchedPage, token: true, title: TITLES.switched},
  '/decline': {page: declinePage, token: true, title: TITLES.decline},
  '/declined': {page: declinedPage, token: true, title: TITLES.declined},
  '/receipt': {page: receiptPage, token: true, title: TITLES.receipt},
};

startRouter({
  main,
  routes: ROUTES,
  signedIn: () => session.signedIn,
  // an unknown path shows the landing (the default); a page that needs a token sends to the sign-in
  signedOut: () => {
    flash(COMMON.signInFirst, 'info');
    go('/sign-in');
    return null;
  },
  chrome: () => {
    signOutButton.hidden = !session.signedIn;
  },
  beforeShow: () => {
    showFlash(flashSlot, state.flash);
    state.flash = null;
  },
  failed: loadError,
  title: TITLES.page,
});
