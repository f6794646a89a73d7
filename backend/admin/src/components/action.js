// A button that changes something on the server: one Idempotency-Key per press, the button busy
// until the answer comes, a refusal's reason shown in plain words beside it.
import { useRef, useState } from 'preact/hooks';
import { html } from '../core/html.js';
import { newKey } from '../core/keys.js';

export function useAction(perform) {
  const [state, setState] = useState({ busy: false, error: null, result: null });
  const key = useRef(null);
  async function run(...args) {
    if (key.current) return;  // already in flight: the second press is the same action
    key.current = newKey();
    setState({ busy: true, error: null, result: null });
    try {
      const result = await perform(key.current, ...args);
      setState({ busy: false, error: null, result });
    } catch (error) {
      setState({ busy: false, error: error.status === 401 ? null : error, result: null });
    } finally {
      key.current = null;
    }
  }
  return { ...state, run };
}

export function ActionButton({ action, children, secondary = true, warning = false, args = [], label }) {
  const kind = warning ? ' nhsuk-button--warning' : secondary ? ' nhsuk-button--secondary' : '';
  return html`<button type="button" class=${`nhsuk-button nhsuk-button--small${kind} app-action`} aria-label=${label}
    disabled=${action.busy} onClick=${() => action.run(...args)}>${action.busy ? 'Please wait…' : children}</button>`;
}

export function ActionError({ action }) {
  if (!action.error) return null;
  return html`<p class="nhsuk-error-message" role="alert"><span class="nhsuk-u-visually-hidden">Error:</span> ${action.error.message}</p>`;
}
