// One sheet of a report as a table: the same columns, in the same order, and the same rows as the
// sheet in the downloaded file, so what the page shows is what the file holds. Subtotal and total
// rows stand out; a count too small to show stays "<5".
import { html } from '../core/html.js';
import { cellText } from '../core/report_words.js';

const levelWords = { detail: 'Detail', subtotal: 'Subtotal', total: 'Total' };

/// `percent` names the columns that hold shares; `words` maps a column key to a function that says
/// its text values in plain words (a band, a site); `rows` defaults to the sheet's own.
export function ReportTable({ id, sheet, percent = [], words = {}, rows = sheet.rows, caption = sheet.title }) {
  const numeric = (column) => column.kind === 'integer' || column.kind === 'decimal';
  const text = (column, row) => {
    if (column.key === 'level') return levelWords[row.level] ?? row.level;
    return cellText(column, row[column.key], { percent: percent.includes(column.key), words: words[column.key] });
  };
  return html`<div class="app-table-wrap" role="region" aria-labelledby=${`${id}-caption`} tabindex="0">
    <table class="nhsuk-table app-table app-report-table" id=${id}>
      <caption class="nhsuk-table__caption nhsuk-table__caption--s" id=${`${id}-caption`}>${caption}</caption>
      <thead class="nhsuk-table__head"><tr class="nhsuk-table__row">
        ${sheet.columns.map((column) => html`<th scope="col" key=${column.key} data-key=${column.key} class=${numeric(column) ? 'app-numeric' : undefined}>${column.title}</th>`)}
      </tr></thead>
      <tbody class="nhsuk-table__body">
        ${rows.map((row, index) => html`<tr class=${`nhsuk-table__row${row.level && row.level !== 'detail' ? ` app-report-table__${row.level}` : ''}`} key=${index}>
          ${sheet.columns.map((column, at) => {
            const kind = `${numeric(column) ? 'app-numeric app-nowrap ' : ''}nhsuk-table__cell`;
            return at === 0 ? html`<th scope="row" class=${kind} key=${column.key}>${text(column, row)}</th>`
              : html`<td class=${kind} key=${column.key} data-key=${column.key}>${text(column, row)}</td>`;
          })}
        </tr>`)}
      </tbody>
    </table>
  </div>`;
}
