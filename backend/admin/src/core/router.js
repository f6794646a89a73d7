// Every screen has its own address under /admin/, with its filters in the query string, so a link
// can be shared and the browser's back button works. Links are ordinary <a href>; clicks on them are
// kept inside the page.
import { useEffect, useState } from 'preact/hooks';

export const prefix = '/admin';
const listeners = new Set();

export function href(to) {
  return prefix + to;
}

export function currentLocation() {
  const path = location.pathname.startsWith(prefix) ? location.pathname.slice(prefix.length) || '/' : '/';
  return { path, query: new URLSearchParams(location.search), full: path + location.search };
}

function notify() {
  for (const listener of listeners) listener(currentLocation());
}

/// Goes to `to` ("/fleet?status=available"); `replace` keeps the history entry (for typing in filters).
export function navigate(to, { replace = false } = {}) {
  history[replace ? 'replaceState' : 'pushState'](null, '', href(to));
  notify();
}

/// The same screen with some query parameters changed ('' or null removes one).
export function withQuery(changes, query = currentLocation().query) {
  const next = new URLSearchParams(query);
  for (const [name, value] of Object.entries(changes)) {
    if (value === '' || value === null || value === undefined) next.delete(name);
    else next.set(name, String(value));
  }
  const text = next.toString();
  return currentLocation().path + (text ? `?${text}` : '');
}

export function useLocation() {
  const [where, setWhere] = useState(currentLocation());
  useEffect(() => {
    listeners.add(setWhere);
    return () => listeners.delete(setWhere);
  }, []);
  return where;
}

/// The parameters of `pattern` ("/fleet/:id") in `path`, or null when it does not match. An `:id` is
/// a record's number, so "/loans/overdue" is no loan's page: it matches nothing and is not found,
/// rather than asked of the API as a loan.
export function match(pattern, path) {
  const want = pattern.split('/');
  const got = path.replace(/\/$/, '').split('/');
  if (pattern === '/' ) return path === '/' || path === '' ? {} : null;
  if (want.length !== got.length) return null;
  const params = {};
  for (let i = 0; i < want.length; i += 1) {
    if (want[i] === ':id' && !/^[1-9][0-9]{0,17}$/.test(got[i])) return null;
    if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(got[i]);
    else if (want[i] !== got[i]) return null;
  }
  return params;
}

window.addEventListener('popstate', notify);
document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target.closest('a[href]');
  if (!link || link.target || link.hasAttribute('download') || link.getAttribute('href').startsWith('#')) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin || !(url.pathname === prefix || url.pathname.startsWith(`${prefix}/`))) return;
  event.preventDefault();
  navigate(url.pathname.slice(prefix.length) + url.search);
});
