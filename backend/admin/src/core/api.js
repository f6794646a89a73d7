// The one way the pages talk to the server: same origin, the session cookie, the CSRF token on
// every change, an Idempotency-Key on every change, and a 401 sends the person to sign in.
import { newKey } from './keys.js';

const base = '/api/v1';
// A long read (a report) answered 503 "busy" is asked again after the server's Retry-After, a few
// times: a dashboard's several reports at once should not fail a report page opened next.
const busyRetries = 4;
const longestWaitSeconds = 5;
let csrfToken = '';
let onSignedOut = () => {};
let onForbidden = () => {};

export function setCsrfToken(token) {
  csrfToken = token || '';
}

/// Called when the server says the session is gone (401): the app keeps the page and asks to sign in.
export function whenSignedOut(handler) {
  onSignedOut = handler;
}

/// Called when the server refuses the caller (403): their role may have changed since the page loaded.
export function whenForbidden(handler) {
  onForbidden = handler;
}

// The API's messages are phrases ("the username or password is wrong"); a screen shows sentences.
const sentence = (text) => text.charAt(0).toUpperCase() + text.slice(1);

/// A refusal or failure the server answered, with its {"error": {code, message, field}}.
export class ApiError extends Error {
  constructor(status, error = {}) {
    super(error.message ? sentence(error.message) : `The server answered ${status}.`);
    this.status = status;
    this.code = error.code || 'unknown';
    this.field = error.field || '';
    this.retryAfter = error.retry_after_seconds || 0;
  }
}

function query(params = {}) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

const pause = (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

async function send(method, path, options = {}) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await sendOnce(method, path, options);
    } catch (failure) {
      if (method !== 'GET' || failure.status !== 503 || failure.code !== 'busy' || attempt >= busyRetries) throw failure;
      await pause(Math.min(failure.retryAfter || 1, longestWaitSeconds));
    }
  }
}

async function sendOnce(method, path, { params, body, key, contentType, signal, quiet = false } = {}) {
  const headers = { Accept: 'application/json' };
  const changes = method !== 'GET';
  if (changes) {
    headers['X-CSRF-Token'] = csrfToken;
    headers['Idempotency-Key'] = key || newKey();
  }
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = contentType || 'application/json';
    payload = contentType ? body : JSON.stringify(body);
  }
  let answer;
  try {
    answer = await fetch(base + path + query(params), { method, headers, body: payload, credentials: 'same-origin', signal });
  } catch (failure) {
    if (failure.name === 'AbortError') throw failure;
    throw new ApiError(0, { code: 'network', message: 'The server could not be reached. Check the connection and try again.' });
  }
  const text = answer.status === 204 ? '' : await answer.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!answer.ok) {
    const error = new ApiError(answer.status, data?.error);
    if (answer.status === 401 && !quiet && path !== '/auth/login') onSignedOut(error);
    if (answer.status === 403 && !quiet) onForbidden(error);
    throw error;
  }
  return data;
}

export const api = {
  get: (path, params, options = {}) => send('GET', path, { ...options, params }),
  post: (path, body, options = {}) => send('POST', path, { ...options, body }),
  patch: (path, body, options = {}) => send('PATCH', path, { ...options, body }),
  put: (path, body, options = {}) => send('PUT', path, { ...options, body }),
  delete: (path, options = {}) => send('DELETE', path, options),
  /// A CSV upload, sent as the text it is.
  postText: (path, text, contentType, options = {}) => send('POST', path, { ...options, body: text, contentType }),
};

/// Every item of a list, page by page (for totals the dashboard counts itself).
export async function listAll(path, params = {}, pageSize = 200) {
  const items = [];
  for (let page = 1; ; page += 1) {
    const answer = await api.get(path, { ...params, page, page_size: pageSize });
    items.push(...answer.data);
    if (answer.data.length < pageSize || items.length >= answer.total) return items;
  }
}
