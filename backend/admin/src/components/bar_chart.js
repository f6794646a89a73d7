// A horizontal bar chart drawn as SVG, with the same figures in a table beside it: the table is
// what a screen reader reads and what a person copies, the picture is for a glance. SVG needs no
// library and no inline style, and prints as it shows.
import { html } from '../core/html.js';

const barHeight = 14;
const gap = 4;
const groupGap = 12;
const chartWidth = 460;

/// A value of null is a figure hidden (too few people to show): no bar, and "—" for its figure.
export function BarChart({ id, title, categories, series, format = (v) => String(v), note }) {
  const shown = (value, one) => (value === null || value === undefined ? '—' : format(value, one));
  const labelWidth = Math.min(200, 12 + 6.2 * Math.max(...categories.map((category) => category.length)));
  const most = Math.max(1, ...series.flatMap((one) => one.values.map((v) => Math.abs(v || 0))));
  const groupHeight = series.length * (barHeight + gap) + groupGap;
  const height = Math.max(groupHeight * categories.length, 30);
  const scale = (value) => ((chartWidth - labelWidth - 70) * Math.abs(value || 0)) / most;
  return html`<figure class="app-chart" aria-labelledby=${`${id}-title`}>
    <h3 class="nhsuk-heading-s" id=${`${id}-title`}>${title}</h3>
    ${note && html`<p class="nhsuk-body-s">${note}</p>`}
    <div class="app-chart__body">
      <svg class="app-chart__picture" viewBox=${`0 0 ${chartWidth} ${height}`} width=${chartWidth} height=${height} role="img" aria-labelledby=${`${id}-title`} focusable="false">
        ${categories.map((category, row) => html`<g key=${category} transform=${`translate(0 ${row * groupHeight})`}>
          <text class="app-chart__label" x=${labelWidth - 6} y=${(series.length * (barHeight + gap)) / 2 + 4} text-anchor="end">${category}</text>
          ${series.map((one, index) => html`<g key=${one.name}>
            ${one.values[row] !== null && one.values[row] !== undefined && html`<rect class=${`app-chart__bar app-chart__bar--${index}`} x=${labelWidth} y=${index * (barHeight + gap)} width=${Math.max(scale(one.values[row]), 1)} height=${barHeight} />`}
            <text class="app-chart__value" x=${labelWidth + scale(one.values[row]) + 4} y=${index * (barHeight + gap) + barHeight - 3}>${shown(one.values[row], one)}</text>
          </g>`)}
        </g>`)}
      </svg>
      <table class="nhsuk-table app-chart__table">
        <caption class="nhsuk-table__caption nhsuk-table__caption--s">${title}: figures</caption>
        <thead class="nhsuk-table__head"><tr class="nhsuk-table__row">
          <th scope="col" class="nhsuk-table__header"><span class="nhsuk-u-visually-hidden">Category</span></th>
          ${series.map((one, index) => html`<th scope="col" class="nhsuk-table__header app-numeric" key=${one.name}>
            <span class=${`app-chart__key app-chart__key--${index}`} aria-hidden="true"></span>${one.name}</th>`)}
        </tr></thead>
        <tbody class="nhsuk-table__body">
          ${categories.map((category, row) => html`<tr class="nhsuk-table__row" key=${category}>
            <th scope="row" class="nhsuk-table__cell">${category}</th>
            ${series.map((one) => html`<td class="nhsuk-table__cell app-numeric" key=${one.name}>${shown(one.values[row], one)}</td>`)}
          </tr>`)}
        </tbody>
      </table>
    </div>
  </figure>`;
}
