// What every report page shares: the period and filters from the address, the report read from
// the API with them, links to the same report as CSV and XLSX, and its Method. The page itself
// draws the charts and tables (`render`).
import { api } from '../core/api.js';
import { html } from '../core/html.js';
import { siteName, useSites } from '../core/names.js';
import { navigate, useLocation, withQuery } from '../core/router.js';
import { defaultMonths, monthBefore, monthWord } from '../core/report_words.js';
import { useApi } from '../core/use_api.js';
import { day, isoDay } from '../core/words.js';
import { Downloads } from './downloads.js';
import { Failure, Loading } from './notice.js';
import { Page } from './page.js';
import { ReportFilters, scopeWords } from './report_filters.js';
import { ReportMethod } from './report_method.js';

function defaultPeriod(kind, now = new Date()) {
  return kind === 'month' ? defaultMonths(now) : { from: `${monthBefore(now, 11)}-01`, to: isoDay(now) };
}

/// `kind`: the API's period is whole months ("month") or days ("date"). `withSite`, `withScope`:
/// the filters it takes. `method(report)` gives the report's Method lines; `render(report, sites)`
/// draws its charts and tables. `fileNote` says what each file holds when that is less than the page.
export function ReportFrame({ id, title, intro, path, kind = 'month', withSite = false, withScope = false, method, fileNote, render }) {
  const where = useLocation();
  const sites = useSites();
  const fallback = defaultPeriod(kind);
  const period = {
    from: where.query.get('from') || fallback.from,
    to: where.query.get('to') || fallback.to,
    site_id: withSite ? where.query.get('site_id') || '' : '',
    scope: withScope ? where.query.get('scope') || '' : '',
  };
  const params = { from: period.from, to: period.to, ...(period.site_id ? { site_id: period.site_id } : {}), ...(period.scope ? { scope: period.scope } : {}) };
  const { data, error, loading } = useApi(() => api.get(path, params), [path, JSON.stringify(params)]);
  const when = kind === 'month' ? monthWord : day;
  const described = [
    `${when(period.from)} to ${when(period.to)}`,
    withSite ? (period.site_id ? siteName(sites, Number(period.site_id)) : 'every site') : '',
    withScope ? scopeWords[period.scope || 'direct'].toLowerCase() : '',
  ].filter(Boolean).join(', ');

  // The count line names the period in the address, so it waits for that period's figures.
  return html`<${Page} title=${title} caption="Reports">
    <p class="nhsuk-body">${intro}</p>
    <${ReportFilters} id=${id} kind=${kind} period=${period} sites=${withSite ? sites : null} scopes=${withScope} key=${JSON.stringify(period)}
      onApply=${(draft) => navigate(withQuery({ from: draft.from, to: draft.to, site_id: draft.site_id || '', scope: draft.scope && draft.scope !== 'direct' ? draft.scope : '' }, where.query))} />
    <${Failure} error=${error} />
    ${loading && !data && html`<${Loading} what="Reading the report" />`}
    <p class="nhsuk-body-s app-count" role="status" aria-live="polite">${data && !loading ? `Showing ${described}.` : ''}</p>
    ${data && html`<div aria-busy=${loading ? 'true' : 'false'}>
      <${Downloads} path=${path} params=${params} what=${`the ${title.toLowerCase()} report`} />
      ${fileNote && html`<p class="nhsuk-body-s app-quiet">${fileNote}</p>`}
      ${render(data, sites)}
      <${ReportMethod} id=${`${id}-method`} lines=${method(data)} />
    </div>`}
  </${Page}>`;
}
