// Hash routing for both front-ends: the route table, one render at a time (a slower, older render
// is dropped), what a page leaves behind (timers, listeners), pages that need a token, aria-busy,
// the document's title, and focus and scroll after a navigation. Only "#/…" is a route; any other
// hash (an in-page anchor) leaves the page as it is. Each document runs one front-end, so the router
// is this module: the shell calls startRouter once, pages use route(), go(), render() and onLeave().

let config = null;
let renderSeq = 0;
let cleanups = [];
let firstRender = true;

/** The current route: its path and the query after it ("#/queue?exam=X" → /queue, exam=X). */
export function route() {
  const [path, q] = (location.hash.slice(1) || '/').split('?');
  return {path, params: new URLSearchParams(q || '')};
}

/** Shows path: sets the hash, or renders again when it is already the current one. */
export function go(path) {
  if (location.hash === `#${path}`) render();
  else location.hash = path;
}

/** Runs f when the page is left (a timer to stop, a document listener to remove, a chart to dispose). */
export function onLeave(f) {
  cleanups.push(f);
}

function leavePage() {
  const done = cleanups;
  cleanups = [];
  done.forEach((f) => f());
}

/**
 * Shows the current route. A page function returns its content (a node, which may carry an
 * afterShow() that takes the focus by returning true), or null after it has gone elsewhere; a page
 * that throws shows config.failed(e), except on a 401, when the session's onExpired has taken over.
 */
export async function render() {
  const seq = ++renderSeq;
  leavePage();
  const {main, routes, signedIn, resolve, signedOut, chrome, beforeShow, failed, title} = config;
  chrome();
  let path = resolve(route().path);
  if (path === null) return;
  if (routes[path].token && !signedIn()) {
    path = signedOut(path);
    if (path === null) return;
  }
  const entry = routes[path];
  main.setAttribute('aria-busy', 'true');
  let content;
  try {
    content = await entry.page();
  } catch (e) {
    if (e.status === 401) return;
    content = failed(e);
  }
  if (seq !== renderSeq || content === null) return;
  beforeShow();
  chrome();
  main.replaceChildren(content);
  main.removeAttribute('aria-busy');
  document.title = title(entry.title);
  const focused = content.afterShow ? content.afterShow() : false;
  // The first page keeps the browser's own start (focus on the document); later ones move focus to
  // their heading, so that a screen reader announces the new page.
  const h1 = main.querySelector('h1');
  if (!focused && !firstRender && h1) h1.focus();
  if (!focused) window.scrollTo(0, 0);
  firstRender = false;
}

/**
 * Starts routing and renders the current route. options:
 * - main: the element pages render into; routes: {path: {page, title, token}} (token: needs a session);
 * - signedIn(): whether a session is held; title(t): the document's title for a route's title;
 * - resolve(path): the route to show for the address's path (e.g. '/' or an unknown path), or null
 *   after going elsewhere; default: the path itself when it is a route, else '/';
 * - signedOut(path): for a route that needs a token when there is none, the route to show in its
 *   place, or null after going elsewhere;
 * - chrome(): updates the page's frame (sign-out button, menu) before and after a page renders;
 * - beforeShow(): runs just before new content is shown (e.g. a one-time message);
 * - failed(e): the content of a page that could not load.
 */
export function startRouter(options) {
  config = {
    resolve: (path) => (options.routes[path] ? path : '/'),
    chrome: () => {},
    beforeShow: () => {},
    ...options,
  };
  window.addEventListener('hashchange', () => {
    if (!location.hash || location.hash.startsWith('#/')) render();
  });
  // the skip link focuses main instead of changing the hash (the router owns it)
  document.getElementById('skip-link').addEventListener('click', (e) => {
    e.preventDefault();
    options.main.focus();
  });
  render();
}
