// Links that download what a list shows, every page of it with the same filters and order, as CSV,
// as an Excel workbook or as an OpenDocument spreadsheet. Plain links: the browser saves the file
// the server names.
import { html } from '../core/html.js';

const base = '/api/v1';

function fileAddress(path, params, ending) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (name !== 'page' && name !== 'page_size' && value !== undefined && value !== null && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return `${base}${path}.${ending}${text ? `?${text}` : ''}`;
}

const formats = [
  { ending: 'csv', label: 'CSV' },
  { ending: 'xlsx', label: 'XLSX' },
  { ending: 'ods', label: 'ODS' },
];

export function Downloads({ path, params = {}, what }) {
  return html`<ul class="app-downloads" aria-label=${`Download ${what}`}>
    ${formats.map(({ ending, label }) => html`<li><a class="nhsuk-link" href=${fileAddress(path, params, ending)} download>Download ${label}<span class="nhsuk-u-visually-hidden"> of ${what}</span></a></li>`)}
  </ul>`;
}
