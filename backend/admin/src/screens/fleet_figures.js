// The fleet's maintenance figures for a period (issue 10): how much of the fleet could be lent each
// day, downtime, kilometres between faults and cost, in total, by site and model, and by bike. The
// period and site are in the address, so a link shows the same figures.
import { useState } from 'preact/hooks';
import { api } from '../core/api.js';
import { html } from '../core/html.js';
import { siteName, useSites } from '../core/names.js';
import { href, navigate, useLocation, withQuery } from '../core/router.js';
import { useApi } from '../core/use_api.js';
import { day, isoDay, number } from '../core/words.js';
import { pounds } from '../core/workshop_words.js';
import { BarChart } from '../components/bar_chart.js';
import { Failure, Loading } from '../components/notice.js';
import { Page, Summary } from '../components/page.js';

const dayMs = 86400 * 1000;
const defaultDays = 30;
// Past a month a bar a day is too tall to take in; the chart then shows weeks.
const mostDailyBars = 31;

function defaultPeriod(now = new Date()) {
  return { from: isoDay(new Date(now.getTime() - (defaultDays - 1) * dayMs)), to: isoDay(now) };
}

function share(value) {
  return value === null || value === undefined ? '—' : `${number(value * 100)}%`;
}

function days(value) {
  return value === null || value === undefined ? '—' : `${number(value)} days`;
}

/// Under a pound a kilometre reads better in pence: "0.4p" rather than "£0.00".
function perKm(pence) {
  if (pence === null || pence === undefined) return '—';
  return pence < 100 ? `${number(pence)}p` : pounds(pence);
}

function km(value) {
  return value === null || value === undefined ? '—' : `${number(value)} km`;
}

/// The lendable share of the fleet by day, or by week (from each week's first day) for long periods.
function shareBars(byDay) {
  const perWeek = byDay.length > mostDailyBars;
  const bars = [];
  byDay.forEach((one, index) => {
    if (!perWeek || index % 7 === 0) bars.push({ label: perWeek ? `Week from ${day(one.date)}` : day(one.date), bikes: 0, lendable: 0 });
    const bar = bars[bars.length - 1];
    bar.bikes += one.bikes;
    bar.lendable += one.lendable;
  });
  // A day before any of these bikes joined has no share to show.
  return { perWeek, bars: bars.filter((bar) => bar.bikes > 0) };
}

function PeriodForm({ period, sites, onApply }) {
  const [draft, setDraft] = useState(period);
  const set = (name) => (event) => setDraft({ ...draft, [name]: event.currentTarget.value });
  return html`<form class="app-filters" role="search" aria-label="Period and site" onSubmit=${(event) => { event.preventDefault(); onApply(draft); }}>
    <div class="nhsuk-form-group">
      <label class="nhsuk-label" for="figures-from">From</label>
      <input class="nhsuk-input app-filters__text" id="figures-from" type="date" required value=${draft.from} onInput=${set('from')} />
    </div>
    <div class="nhsuk-form-group">
      <label class="nhsuk-label" for="figures-to">To</label>
      <input class="nhsuk-input app-filters__text" id="figures-to" type="date" required value=${draft.to} onInput=${set('to')} />
    </div>
    <div class="nhsuk-form-group">
      <label class="nhsuk-label" for="figures-site">Site</label>
      <select class="nhsuk-select" id="figures-site" onChange=${set('site_id')}>
        <option value="" selected=${!draft.site_id}>Every site</option>
        ${sites.map((site) => html`<option key=${site.id} value=${site.id} selected=${String(draft.site_id || '') === String(site.id)}>${site.name}</option>`)}
      </select>
    </div>
    <div class="nhsuk-form-group app-filters__apply"><button class="nhsuk-button nhsuk-button--secondary" type="submit">Show figures</button></div>
  </form>`;
}

/// The columns both tables share, after the ones that name the row.
const tallyColumns = [
  { label: 'Lendable share', value: (row) => share(row.lendable_share) },
  { label: 'Downtime', value: (row) => days(row.downtime_days) },
  { label: 'Ridden', value: (row) => km(row.km) },
  { label: 'Faults', value: (row) => number(row.faults) },
  { label: 'Km between faults', value: (row) => km(row.km_between_faults) },
  { label: 'Cost', value: (row) => pounds(row.cost_pence) },
  { label: 'Cost per bike', value: (row) => pounds(row.cost_per_bike_pence) },
  { label: 'Cost per km', value: (row) => perKm(row.cost_per_km_pence) },
];

/// A table of figures: `names` are the columns that say what a row is (the first is its header).
function FiguresTable({ id, caption, names, rows, rowKey }) {
  const columns = [...names, ...tallyColumns];
  return html`<div class="app-table-wrap" role="region" aria-labelledby=${`${id}-caption`} tabindex="0">
    <table class="nhsuk-table app-table" id=${id}>
      <caption class="nhsuk-table__caption nhsuk-table__caption--s" id=${`${id}-caption`}>${caption}</caption>
      <thead class="nhsuk-table__head"><tr class="nhsuk-table__row">
        ${columns.map((column, at) => html`<th scope="col" key=${column.label} class=${at >= names.length || column.numeric ? 'app-numeric' : undefined}>${column.label}</th>`)}
      </tr></thead>
      <tbody class="nhsuk-table__body">
        ${rows.map((row) => html`<tr class="nhsuk-table__row" key=${rowKey(row)}>
          ${columns.map((column, at) => {
            const numeric = at >= names.length || column.numeric ? 'app-numeric app-nowrap ' : '';
            return at === 0 ? html`<th scope="row" class=${`${numeric}nhsuk-table__cell`} key=${column.label}>${column.value(row)}</th>`
              : html`<td class=${`${numeric}nhsuk-table__cell`} key=${column.label}>${column.value(row)}</td>`;
          })}
        </tr>`)}
      </tbody>
    </table>
  </div>`;
}

export function FleetFigures({ user }) {
  const where = useLocation();
  const sites = useSites();
  const fallback = defaultPeriod();
  const period = {
    from: where.query.get('from') || fallback.from,
    to: where.query.get('to') || fallback.to,
    site_id: where.query.get('site_id') || '',
  };
  const params = { from: period.from, to: period.to, ...(period.site_id ? { site_id: period.site_id } : {}) };
  const { data, error, loading } = useApi(() => api.get('/maintenance/figures', params), [JSON.stringify(params)]);
  const canOpenBikes = user.role === 'coordinator' || user.role === 'technician';
  const chart = data && shareBars(data.by_day);
  const place = period.site_id ? siteName(sites, Number(period.site_id)) : 'every site';

  // The count line names the place from the address, so it waits for that place's figures.
  return html`<${Page} title="Fleet figures" caption="Servicing">
    <p class="nhsuk-body">How much of the fleet could be lent, how long bikes spent in the workshop, how far they went between faults, and what repairs cost. A bike counts at the site it is at now; costs are parts and suppliers on work orders opened in the period.</p>
    <${PeriodForm} period=${period} sites=${sites} key=${JSON.stringify(period)}
      onApply=${(draft) => navigate(withQuery({ from: draft.from, to: draft.to, site_id: draft.site_id || '' }, where.query))} />
    <${Failure} error=${error} />
    ${loading && !data && html`<${Loading} what="Reading the fleet figures" />`}
    <p class="nhsuk-body-s app-count" role="status" aria-live="polite">
      ${data && !loading ? `${day(data.from)} to ${day(data.to)}, ${place}: ${data.total.bikes} ${data.total.bikes === 1 ? 'bike' : 'bikes'}` : ''}
    </p>
    ${data && html`<div aria-busy=${loading ? 'true' : 'false'}>
      <section aria-labelledby="figures-total-title">
        <h2 class="nhsuk-heading-m" id="figures-total-title">For the whole period</h2>
        <${Summary} rows=${[
          ['Bikes', number(data.total.bikes)],
          ['Lendable share', `${share(data.total.lendable_share)} (${number(data.total.lendable_days)} of ${number(data.total.bike_days)} bike-days)`],
          ['Downtime', days(data.total.downtime_days)],
          ['Ridden', km(data.total.km)],
          ['Faults reported', number(data.total.faults)],
          ['Km between faults', km(data.total.km_between_faults)],
          ['Cost', pounds(data.total.cost_pence)],
          ['Cost per bike', pounds(data.total.cost_per_bike_pence)],
          ['Cost per km', perKm(data.total.cost_per_km_pence)],
        ]} />
      </section>
      <section aria-labelledby="figures-days-title">
        <h2 class="nhsuk-heading-m" id="figures-days-title">Lendable share of the fleet</h2>
        ${chart.bars.length === 0 ? html`<p class="nhsuk-body">No bike was in the fleet in this period.</p>` : html`<${BarChart} id="lendable-chart" title=${chart.perWeek ? 'Share of the fleet lendable at the end of each day, by week' : 'Share of the fleet lendable at the end of each day'}
          note="Lendable is available, reserved or on loan; retired bikes do not count, and days before the first bike joined are left out."
          categories=${chart.bars.map((bar) => bar.label)} format=${(value) => `${number(value)}%`}
          series=${[{ name: 'lendable %', values: chart.bars.map((bar) => (100 * bar.lendable) / bar.bikes) }]} />`}
      </section>
      <section aria-labelledby="figures-groups-title">
        <h2 class="nhsuk-heading-m" id="figures-groups-title">By site and model</h2>
        ${data.by_site_and_model.length === 0 ? html`<p class="nhsuk-body">No bike matches.</p>` : html`<${FiguresTable} id="figures-by-group"
          caption="Figures by site and model" rows=${data.by_site_and_model} rowKey=${(row) => `${row.site_id}-${row.model}`}
          names=${[{ label: 'Site', value: (row) => siteName(sites, row.site_id) }, { label: 'Model', value: (row) => row.model }, { label: 'Bikes', numeric: true, value: (row) => number(row.bikes) }]} />`}
      </section>
      <section aria-labelledby="figures-bikes-title">
        <h2 class="nhsuk-heading-m" id="figures-bikes-title">By bike</h2>
        ${data.by_bike.length === 0 ? html`<p class="nhsuk-body">No bike matches.</p>` : html`<${FiguresTable} id="figures-by-bike"
          caption="Figures by bike" rows=${data.by_bike} rowKey=${(row) => row.bike_id}
          names=${[
            { label: 'Bike', value: (row) => (canOpenBikes ? html`<a class="app-nowrap" href=${href(`/fleet/${row.bike_id}`)}>${row.asset_tag}</a>` : row.asset_tag) },
            { label: 'Site', value: (row) => siteName(sites, row.site_id) },
            { label: 'Model', value: (row) => row.model },
          ]} />`}
      </section>
    </div>`}
  </${Page}>`;
}
