// Who is signed in, and which screens their role may open. The server still checks every request.
import { useEffect, useState } from 'preact/hooks';
import { api, setCsrfToken } from './api.js';
import { forgetAllDrafts, keepDraftsForSignIn, setDraftOwner } from './drafts.js';

let current = { checked: false, user: null };
const listeners = new Set();

function publish(next) {
  setDraftOwner(next.user?.id ?? null);
  current = next;
  for (const listener of listeners) listener(current);
}

const listsBySite = ['/workshop', '/servicing'];

/// Where a screen opens for this person: a technician who serves one site sees the workshop queue
/// and the services due at that site first, and may choose another.
export function openingOf(user, path) {
  if (user?.role !== 'technician' || !user.site_id || !listsBySite.includes(path)) return path;
  return `${path}?site_id=${encodeURIComponent(user.site_id)}`;
}

/// Where a person starts: technicians at the workshop queue (of their own site), report authors at
/// the reports, coordinators at the dashboard.
export function homeOf(user) {
  if (user?.role === 'reporter') return '/reports';
  if (user?.role !== 'technician') return '/';
  return openingOf(user, '/workshop');
}

export function currentUser() {
  return current.user;
}

export function useSession() {
  const [session, setSession] = useState(current);
  useEffect(() => {
    listeners.add(setSession);
    setSession(current);
    return () => listeners.delete(setSession);
  }, []);
  return session;
}

export async function loadSession() {
  try {
    const me = await api.get('/auth/me', undefined, { quiet: true });  // not signed in yet is no expiry
    setCsrfToken(me.csrf_token);
    publish({ checked: true, user: me.user });
  } catch {
    publish({ checked: true, user: null });
  }
}

export async function signIn(username, password, key) {
  const answer = await api.post('/auth/login', { username, password }, { key });
  setCsrfToken(answer.csrf_token);
  publish({ checked: true, user: answer.user });
}

export async function signOut() {
  try {
    await api.post('/auth/logout');
  } finally {
    setCsrfToken('');
    forgetAllDrafts();
    publish({ checked: true, user: null });
  }
}

/// The session ended on the server (expired, or signed out elsewhere).
export function sessionLost() {
  setCsrfToken('');
  keepDraftsForSignIn();
  publish({ checked: true, user: null, expired: true });
}
