// Loading, failure and success messages, announced to screen readers.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../core/html.js';

export function Loading({ what = 'Loading' }) {
  return html`<p class="nhsuk-body" role="status">${what}…</p>`;
}

export function Failure({ error }) {
  if (!error) return null;
  return html`<div class="nhsuk-error-summary" role="alert" tabindex="-1">
    <h2 class="nhsuk-error-summary__title">There is a problem</h2>
    <div class="nhsuk-error-summary__body"><p>${error.message}</p></div>
  </div>`;
}

/// Takes the focus when it appears, so it is seen (the page may be scrolled far below it) and read
/// out, and the keyboard carries on from where the change was confirmed. `round` (from useSaid)
/// makes the same words said again a new confirmation.
export function Done({ children, round = 0 }) {
  const box = useRef(null);
  const text = [].concat(children).join('');
  useEffect(() => {
    box.current?.focus();
  }, [text, round]);
  return html`<div class="nhsuk-inset-text app-done" role="status" tabindex="-1" ref=${box}><p>${children}</p></div>`;
}

/// What a screen last confirmed, a way to say the next thing, and the round Done takes.
export function useSaid(initial = '') {
  const [said, setSaid] = useState({ text: initial, round: 0 });
  const say = (text) => setSaid((previous) => ({ text, round: previous.round + 1 }));
  return [said.text, say, said.round];
}

export function Tag({ colour, children }) {
  return html`<strong class=${`nhsuk-tag nhsuk-tag--${colour}`}>${children}</strong>`;
}
