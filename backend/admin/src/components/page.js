// The frame of every screen: its heading (the app focuses it when the screen opens, so a screen
// reader starts there) and the browser tab's title.
import { useEffect } from 'preact/hooks';
import { html } from '../core/html.js';

export function Page({ title, caption, children, actions }) {
  useEffect(() => {
    document.title = `${title} – Pedal Power Fleet admin`;
  }, [title]);
  return html`<div class="app-page">
    <div class="app-page__head">
      <h1 class="nhsuk-heading-l" id="page-title" tabindex="-1">
        ${caption && html`<span class="nhsuk-caption-l">${caption}<span class="nhsuk-u-visually-hidden"> – </span></span>`}
        ${title}
      </h1>
      ${actions && html`<div class="app-page__actions">${actions}</div>`}
    </div>
    ${children}
  </div>`;
}

export function Summary({ rows }) {
  return html`<dl class="nhsuk-summary-list">
    ${rows.filter(Boolean).map(([key, value]) => html`<div class="nhsuk-summary-list__row" key=${key}>
      <dt class="nhsuk-summary-list__key">${key}</dt>
      <dd class="nhsuk-summary-list__value">${value ?? '—'}</dd>
    </div>`)}
  </dl>`;
}

export function Tabs({ label, current, tabs }) {
  return html`<nav class="app-tabs" aria-label=${label}><ul class="app-tabs__list">
    ${tabs.map((tab) => html`<li key=${tab.href} class="app-tabs__item">
      <a class="app-tabs__link" href=${tab.href} aria-current=${tab.id === current ? 'page' : undefined}>${tab.label}</a></li>`)}
  </ul></nav>`;
}
