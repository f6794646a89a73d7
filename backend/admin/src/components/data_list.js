// A list paged, sorted and filtered by the server, with its state in the address (page, sort, q
// and each filter) so a link shows the same list. Sortable headers are buttons and carry aria-sort.
import { useState } from 'preact/hooks';
import { api } from '../core/api.js';
import { html } from '../core/html.js';
import { navigate, useLocation, withQuery } from '../core/router.js';
import { useApi } from '../core/use_api.js';
import { Downloads } from './downloads.js';
import { Failure, Loading } from './notice.js';

const pageSize = 50;

/// The list's state in the address: only what this list takes, so that an address edited by hand
/// or kept from another list cannot send the API a parameter it refuses.
function stateFrom(query, names) {
  const state = {};
  for (const name of ['page', ...names]) {
    const value = query.get(name);
    if (value !== null && value !== '') state[name] = value;
  }
  return state;
}

function SortHeader({ column, sort, onSort }) {
  const field = column.sort === true ? column.key : column.sort;
  if (!field) return html`<th scope="col" class=${column.numeric ? 'app-numeric' : undefined}>${column.label}</th>`;
  const direction = sort === field ? 'ascending' : sort === `-${field}` ? 'descending' : 'none';
  const next = direction === 'ascending' ? `-${field}` : field;
  return html`<th scope="col" aria-sort=${direction} class=${column.numeric ? 'app-numeric' : undefined}>
    <button type="button" class="app-sort" onClick=${() => onSort(next)}>
      ${column.label}<span class="app-sort__arrow" aria-hidden="true">${direction === 'ascending' ? ' ▲' : direction === 'descending' ? ' ▼' : ' ⇅'}</span>
    </button>
  </th>`;
}

function FilterForm({ id, filters, search, state, onApply }) {
  const [draft, setDraft] = useState(state);
  const field = (name) => `${id}-${name}`;
  const set = (name) => (event) => setDraft({ ...draft, [name]: event.currentTarget.value });
  const apply = (event) => {
    event.preventDefault();
    onApply(draft);
  };
  return html`<form class="app-filters" role="search" aria-label=${`Filter ${id}`} onSubmit=${apply}>
    ${search && html`<div class="nhsuk-form-group app-filters__search">
      <label class="nhsuk-label" for=${field('q')}>${search}</label>
      <input class="nhsuk-input" id=${field('q')} type="search" value=${draft.q || ''} onInput=${set('q')} autocomplete="off" />
    </div>`}
    ${filters.map((filter) => filter.type ? html`<div class="nhsuk-form-group" key=${filter.name}>
      <label class="nhsuk-label" for=${field(filter.name)}>${filter.label}</label>
      <input class="nhsuk-input app-filters__text" id=${field(filter.name)} type=${filter.type} value=${draft[filter.name] || ''} onInput=${set(filter.name)} autocomplete="off" />
    </div>` : html`<div class="nhsuk-form-group" key=${filter.name}>
      <label class="nhsuk-label" for=${field(filter.name)}>${filter.label}</label>
      <select class="nhsuk-select" id=${field(filter.name)} onChange=${set(filter.name)}>
        <option value="" selected=${!draft[filter.name]}>Any</option>
        ${filter.options.map((option) => html`<option key=${option.value} value=${option.value} selected=${String(draft[filter.name] || '') === String(option.value)}>${option.label}</option>`)}
      </select>
    </div>`)}
    <div class="nhsuk-form-group app-filters__apply"><button class="nhsuk-button nhsuk-button--secondary" type="submit">Apply</button></div>
  </form>`;
}

function Pages({ page, total, size, go }) {
  const last = Math.max(1, Math.ceil(total / size));
  if (last <= 1) return null;
  return html`<nav class="nhsuk-pagination" role="navigation" aria-label="Pages">
    <ul class="nhsuk-list nhsuk-pagination__list">
      ${page > 1 && html`<li class="nhsuk-pagination-item--previous">
        <a class="nhsuk-pagination__link nhsuk-pagination__link--prev" href=${go(page - 1)}>
          <span class="nhsuk-pagination__title">Previous</span><span class="nhsuk-u-visually-hidden">:</span>
          <span class="nhsuk-pagination__page">Page ${page - 1} of ${last}</span></a></li>`}
      ${page < last && html`<li class="nhsuk-pagination-item--next">
        <a class="nhsuk-pagination__link nhsuk-pagination__link--next" href=${go(page + 1)}>
          <span class="nhsuk-pagination__title">Next</span><span class="nhsuk-u-visually-hidden">:</span>
          <span class="nhsuk-pagination__page">Page ${page + 1} of ${last}</span></a></li>`}
    </ul>
  </nav>`;
}

/// The API names a filter by its parameter ("Q holds …"); the list says it as its form does.
function inFormWords(error, search, filters) {
  const label = error?.field === 'q' ? search : filters.find((filter) => filter.name === error?.field)?.label;
  if (!label || error.message.slice(0, error.field.length).toLowerCase() !== error.field.toLowerCase()) return error;
  return { message: `${label}${error.message.slice(error.field.length)}` };
}

/// `inUrl` lists keep their state in the address; lists inside a page (a bike's loans) keep it here.
/// `downloads` offers the whole list, as filtered and sorted, as CSV and XLSX files.
export function DataList({ id, path, columns, filters = [], search, fixed = {}, caption, inUrl = true, empty = 'Nothing to show.', defaultSort, downloads = false }) {
  const where = useLocation();
  const [local, setLocal] = useState({});
  const names = filters.map((filter) => filter.name);
  const taken = [...(search ? ['q'] : []), ...(columns.some((column) => column.sort) ? ['sort'] : []), ...names];
  const state = inUrl ? stateFrom(where.query, taken) : local;
  const page = Number(state.page) || 1;
  const params = { ...fixed, ...state, sort: state.sort || defaultSort, page, page_size: pageSize };
  const { data, error, loading } = useApi(() => api.get(path, params), [path, JSON.stringify(params)]);

  const change = (changes) => {
    if (inUrl) navigate(withQuery(changes, where.query));
    else setLocal((previous) => Object.fromEntries(Object.entries({ ...previous, ...changes }).filter(([, v]) => v !== '' && v !== null)));
  };
  const go = (to) => (inUrl ? `/admin${withQuery({ page: to }, where.query)}` : '#');
  const from = data ? (page - 1) * pageSize + 1 : 0;
  const to = data ? from + data.data.length - 1 : 0;

  return html`<div class="app-list">
    ${(filters.length > 0 || search) && html`<${FilterForm} id=${id} filters=${filters} search=${search} state=${state}
      key=${JSON.stringify(state)} onApply=${(draft) => change({ ...Object.fromEntries(['q', ...names].map((n) => [n, draft[n] || ''])), page: '' })} />`}
    <${Failure} error=${inFormWords(error, search, filters)} />
    ${loading && !data && html`<${Loading} />`}
    <p class="nhsuk-body-s app-count" role="status" aria-live="polite">
      ${data ? (data.total === 0 ? empty : `Showing ${from} to ${to} of ${data.total}`) : ''}
    </p>
    ${downloads && data && data.total > 0 && html`<${Downloads} path=${path} params=${params} what=${caption} />`}
    ${data && data.data.length > 0 && html`<div class="app-table-wrap">
      <table class="nhsuk-table app-table" aria-busy=${loading ? 'true' : 'false'}>
        <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">${caption}</caption>
        <thead class="nhsuk-table__head"><tr class="nhsuk-table__row">
          ${columns.map((column) => html`<${SortHeader} key=${column.key} column=${column} sort=${params.sort} onSort=${(sort) => change({ sort, page: '' })} />`)}
        </tr></thead>
        <tbody class="nhsuk-table__body">
          ${data.data.map((row, index) => html`<tr class="nhsuk-table__row" key=${row.id ?? index}>
            ${columns.map((column, at) => {
              const content = column.render ? column.render(row) : row[column.key] ?? '—';
              const numeric = column.numeric ? 'app-numeric ' : '';
              return at === 0 ? html`<th scope="row" class=${`${numeric}nhsuk-table__cell`} key=${column.key}>${content}</th>`
                : html`<td class=${`${numeric}nhsuk-table__cell`} key=${column.key}>${content}</td>`;
            })}
          </tr>`)}
        </tbody>
      </table>
    </div>`}
    ${data && inUrl && html`<${Pages} page=${page} total=${data.total} size=${pageSize} go=${go} />`}
    ${data && !inUrl && data.total > pageSize && html`<div class="app-local-pages">
      <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" disabled=${page <= 1} onClick=${() => change({ page: page - 1 })}>Previous page</button>
      <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" disabled=${to >= data.total} onClick=${() => change({ page: page + 1 })}>Next page</button>
    </div>`}
  </div>`;
}
