// 系统管理: the pages an administrator sets up once or opens now and then (payment systems, the SMS
// gateway, the registry, accounts, the log, retention), gathered behind one menu item so that the
// menu holds the phase's daily work on one line. Each of them shows a way back here.
import {h, heading} from '../../shared/dom.js';
import {SETTINGS_COPY, SHELL} from '../copy.js';

/** The pages under 系统管理, in the order the hub lists them. */
export const SETTINGS_PAGES = ['/webhooks', '/notifications', '/agencies', '/staff', '/audit', '/retention'];

/** Whether a route belongs under 系统管理 (a page of it, or one of its sub-pages such as a form). */
export function underSettings(path) {
  return path === '/settings' || SETTINGS_PAGES.some((p) => path === p || path.startsWith(`${p}/`));
}

export async function settingsPage() {
  return h('div', {},
    ...heading(SHELL.titles['/settings']),
    h('p', {class: 'body'}, SETTINGS_COPY.intro),
    h('ul', {class: 'task-links'},
      ...SETTINGS_PAGES.map((path) => h('li', {class: 'task-links__item'},
        h('a', {class: 'link task-links__link', href: `#${path}`}, SHELL.nav[path]),
        h('p', {class: 'hint task-links__hint'}, SETTINGS_COPY.about[path])))));
}
