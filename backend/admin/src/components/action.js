// A button that changes something on the server: one Idempotency-Key per press, the button busy
// until the answer comes, a refusal's reason shown in plain words beside it.
import { useEffect, useRef, useState } from 'preact/hooks';
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

/// Stays focusable while busy (aria-disabled, the press ignored) so the keyboard keeps its place.
export function ActionButton({ action, children, secondary = true, warning = false, args = [], label }) {
  const kind = warning ? ' nhsuk-button--warning' : secondary ? ' nhsuk-button--secondary' : '';
  return html`<button type="button" class=${`nhsuk-button nhsuk-button--small${kind} app-action`} aria-label=${label}
    aria-disabled=${action.busy ? 'true' : undefined} onClick=${() => !action.busy && action.run(...args)}>${action.busy ? 'Please wait…' : children}</button>`;
}

let questions = 0;

/// A button for a change that is hard to take back: the first press asks `question` and moves the
/// focus to it; only the `confirm` button changes anything. Cancel or Escape returns to the button,
/// which keeps the focus while the change is made.
export function ConfirmedButton({ action, children, question, confirm, label }) {
  const [asking, setAsking] = useState(false);
  const [questionId] = useState(() => `question-${++questions}`);
  const box = useRef(null);
  const opener = useRef(null);
  const answered = useRef(false);
  useEffect(() => {
    if (asking) box.current?.focus();
    else if (answered.current) opener.current?.querySelector('button')?.focus();
  }, [asking]);
  const close = () => {
    answered.current = true;
    setAsking(false);
  };
  if (!asking) {
    return html`<span ref=${opener}><${ActionButton} action=${{ busy: action.busy, run: () => setAsking(true) }} label=${label}>${children}</${ActionButton}></span>`;
  }
  return html`<div class="app-confirm" role="group" aria-label=${label || children} aria-describedby=${questionId} tabindex="-1" ref=${box}
    onKeyDown=${(event) => event.key === 'Escape' && close()}>
    <p class="nhsuk-body" id=${questionId}>${question}</p>
    <div class="app-button-row">
      <button type="button" class="nhsuk-button nhsuk-button--small nhsuk-button--warning app-action" onClick=${() => { close(); action.run(); }}>${confirm}</button>
      <button type="button" class="nhsuk-button nhsuk-button--small nhsuk-button--secondary app-action" onClick=${close}>Cancel</button>
    </div>
  </div>`;
}

export function ActionError({ action }) {
  if (!action.error) return null;
  return html`<p class="nhsuk-error-message" role="alert"><span class="nhsuk-u-visually-hidden">Error:</span> ${action.error.message}</p>`;
}
