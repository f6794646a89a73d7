// The period and filters of a report page. Applying them puts them in the address, so the link
// shows the same report; the report is read again from there.
import { useState } from 'preact/hooks';
import { html } from '../core/html.js';

export const scopeWords = { direct: 'Direct only', with_well_to_tank: 'With well-to-tank' };

/// `kind` is "month" (whole months) or "date" (days); `sites` and `scopes` show those filters.
export function ReportFilters({ id, kind, period, sites, scopes = false, onApply }) {
  const [draft, setDraft] = useState(period);
  const set = (name) => (event) => setDraft({ ...draft, [name]: event.currentTarget.value });
  const hint = kind === 'month' ? 'Whole months, both included (typed as 2026-01 where there is no calendar)' : 'Days, both included (typed as 2026-01-31 where there is no calendar)';
  return html`<form class="app-filters" role="search" aria-label="Period and filters" onSubmit=${(event) => { event.preventDefault(); onApply(draft); }}>
    <p class="nhsuk-hint app-filters__hint" id=${`${id}-period-hint`}>${hint}</p>
    <div class="nhsuk-form-group">
      <label class="nhsuk-label" for=${`${id}-from`}>From</label>
      <input class=${`nhsuk-input ${kind === 'month' ? 'app-filters__month' : 'app-filters__text'}`} id=${`${id}-from`} type=${kind} required value=${draft.from} onInput=${set('from')}
        aria-describedby=${`${id}-period-hint`} />
    </div>
    <div class="nhsuk-form-group">
      <label class="nhsuk-label" for=${`${id}-to`}>To</label>
      <input class=${`nhsuk-input ${kind === 'month' ? 'app-filters__month' : 'app-filters__text'}`} id=${`${id}-to`} type=${kind} required value=${draft.to} onInput=${set('to')}
        aria-describedby=${`${id}-period-hint`} />
    </div>
    ${sites && html`<div class="nhsuk-form-group">
      <label class="nhsuk-label" for=${`${id}-site`}>Site</label>
      <select class="nhsuk-select" id=${`${id}-site`} onChange=${set('site_id')}>
        <option value="" selected=${!draft.site_id}>Every site</option>
        ${sites.map((site) => html`<option key=${site.id} value=${site.id} selected=${String(draft.site_id || '') === String(site.id)}>${site.name}</option>`)}
      </select>
    </div>`}
    ${scopes && html`<div class="nhsuk-form-group">
      <label class="nhsuk-label" for=${`${id}-scope`}>Emission factors</label>
      <select class="nhsuk-select" id=${`${id}-scope`} onChange=${set('scope')}>
        ${Object.entries(scopeWords).map(([value, label]) => html`<option key=${value} value=${value} selected=${(draft.scope || 'direct') === value}>${label}</option>`)}
      </select>
    </div>`}
    <div class="nhsuk-form-group app-filters__apply"><button class="nhsuk-button nhsuk-button--secondary" type="submit">Show the report</button></div>
  </form>`;
}
