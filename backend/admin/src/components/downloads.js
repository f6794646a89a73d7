// Links that download what a list shows, every page of it with the same filters and order, as CSV
// or as an Excel workbook. Plain links: the browser saves the file the server names.
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

export function Downloads({ path, params = {}, what }) {
  return html`<ul class="app-downloads" aria-label=${`Download ${what}`}>
    <li><a class="nhsuk-link" href=${fileAddress(path, params, 'csv')} download>Download CSV<span class="nhsuk-u-visually-hidden"> of ${what}</span></a></li>
    <li><a class="nhsuk-link" href=${fileAddress(path, params, 'xlsx')} download>Download XLSX<span class="nhsuk-u-visually-hidden"> of ${what}</span></a></li>
  </ul>`;
}
