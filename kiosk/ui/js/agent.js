// The only network the page uses: the kiosk agent on this machine. The agent wrote its secret into
// the page it served; it answers no request without it.
import { state } from './state.js';

const secret = document.querySelector('meta[name="kiosk-secret"]').content;

export async function call(method, path, body) {
  const headers = { 'Content-Type': 'application/json', 'X-Kiosk-Secret': secret };
  if (state.session) headers['X-Kiosk-Session'] = state.session;
  try {
    const response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = await response.json().catch(() => ({}));
    return { ok: response.ok, status: response.status, data };
  } catch {
    return {
      ok: false,
      status: 0,
      data: { error: { code: 'agent_unreachable', message: 'This kiosk is not working right now. Please tell a coordinator.' } },
    };
  }
}

export function problemOf(result, fallback) {
  const error = result.data && result.data.error;
  return {
    code: (error && error.code) || 'unknown',
    message: (error && error.message) || fallback,
    detail: error || {},
  };
}
