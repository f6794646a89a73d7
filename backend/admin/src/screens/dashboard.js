// What a coordinator looks at first, and what a report author comes for: the fleet, the loans, the
// waiting list, kilometres and CO2e by month, and the equity view by pay band.
import { api, listAll } from '../core/api.js';
import { html } from '../core/html.js';
import { sitesOnce } from '../core/names.js';
import { href } from '../core/router.js';
import { useApi } from '../core/use_api.js';
import { defaultMonths, reportBandWord, shareSeries } from '../core/report_words.js';
import { bikeStatusWord, bikeStatuses, isoDay, number } from '../core/words.js';
import { BarChart } from '../components/bar_chart.js';
import { Failure, Loading } from '../components/notice.js';
import { Page } from '../components/page.js';

const day = 86400 * 1000;
const months = 6;

function monthSpans(now = new Date()) {
  const spans = [];
  for (let back = months - 1; back >= 0; back -= 1) {
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
    const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0));
    const last = end > now ? now : end;
    spans.push({ label: start.toLocaleString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }), from: isoDay(start), to: isoDay(last) });
  }
  return spans;
}

function sum(rows, field) {
  return rows.reduce((total, row) => total + (row[field] || 0), 0);
}

function Figures({ items }) {
  return html`<ul class="app-figures">
    ${items.map((item) => html`<li class="app-figures__item" key=${item.label}>
      <a class="app-figures__link" href=${item.href}><span class="app-figures__number">${item.value}</span>
      <span class="app-figures__label">${item.label}</span></a></li>`)}
  </ul>`;
}

function Fleet() {
  const { data, error, loading } = useApi(async () => ({ sites: await sitesOnce(), bikes: await listAll('/bikes') }));
  if (loading) return html`<${Loading} what="Reading the fleet" />`;
  if (error) return html`<${Failure} error=${error} />`;
  const shown = bikeStatuses.filter((status) => data.bikes.some((bike) => bike.status === status));
  return html`<${BarChart} id="fleet-chart" title="Bikes by status at each site" categories=${data.sites.map((site) => site.name)}
    series=${shown.map((status) => ({ name: bikeStatusWord(status), values: data.sites.map((site) => data.bikes.filter((b) => b.site_id === site.id && b.status === status).length) }))} />`;
}

function Loans() {
  const { data, error, loading } = useApi(() => listAll('/loans', { status: 'active' }));
  if (loading) return html`<${Loading} what="Reading the loans" />`;
  if (error) return html`<${Failure} error=${error} />`;
  const now = Date.now();
  const overdue = data.filter((loan) => Date.parse(loan.due_at) < now).length;
  const dueSoon = data.filter((loan) => Date.parse(loan.due_at) >= now && Date.parse(loan.due_at) < now + 7 * day).length;
  return html`<section aria-labelledby="loans-title"><h2 class="nhsuk-heading-m" id="loans-title">Loans</h2>
    <${Figures} items=${[
      { label: 'active loans', value: data.length, href: href('/loans?view=active') },
      { label: 'overdue', value: overdue, href: href('/loans?view=overdue') },
      { label: 'due back in the next 7 days', value: dueSoon, href: href('/loans?view=due_soon') },
    ]} /></section>`;
}

function Waiting() {
  const { data, error, loading } = useApi(async () => {
    const sites = await sitesOnce();
    const queues = await Promise.all(sites.map((site) => listAll('/waitlist', { site_id: site.id })));
    return { sites, queues };
  });
  if (loading) return html`<${Loading} what="Reading the waiting lists" />`;
  if (error) return html`<${Failure} error=${error} />`;
  const tiers = [...new Set(data.queues.flat().map((entry) => entry.priority_tier))].sort((a, b) => a - b);
  if (!tiers.length) return html`<div><h3 class="nhsuk-heading-s">Waiting list</h3><p class="nhsuk-body">Nobody is waiting at any site.</p></div>`;
  return html`<${BarChart} id="waiting-chart" title="People waiting, by priority tier and site" categories=${data.sites.map((site) => site.name)}
    series=${tiers.map((tier) => ({ name: `Tier ${tier}`, values: data.queues.map((queue) => queue.filter((entry) => entry.priority_tier === tier).length) }))} />`;
}

function Distance() {
  const spans = monthSpans();
  const { data, error, loading } = useApi(() => Promise.all(spans.map((span) => api.get('/reports/distance', { from: span.from, to: span.to }))));
  if (loading) return html`<${Loading} what="Reading the distance report" />`;
  if (error) return html`<${Failure} error=${error} />`;
  const factors = data[data.length - 1]?.factors;
  const setYears = [...new Set(data.flatMap((report) => report.factors.sets.map((set) => set.year)))].sort();
  const desnz = setYears.length > 0 ? setYears.join(' and ') : factors?.year;
  return html`<div class="app-two">
    <${BarChart} id="km-chart" title="Kilometres ridden on loan bikes, by month" categories=${spans.map((s) => s.label)}
      series=${[{ name: 'km', values: data.map((report) => sum(report.totals, 'distance_km')) }]} format=${number} />
    <${BarChart} id="co2-chart" title="CO2e avoided, by month (kg)" categories=${spans.map((s) => s.label)}
      note=${factors ? `Net is after the e-bikes' own charging. DESNZ ${desnz} conversion factors, ${String(factors.scope).replace(/_/g, ' ')} scope.` : undefined}
      series=${[{ name: 'avoided kg', values: data.map((r) => sum(r.totals, 'avoided_kg')) }, { name: 'net kg', values: data.map((r) => sum(r.totals, 'net_kg')) }]} format=${number} />
  </div>`;
}

function Equity() {
  const now = new Date();
  const { data, error, loading } = useApi(() => api.get('/reports/equity', defaultMonths(now)));
  if (loading) return html`<${Loading} what="Reading the equity figures" />`;
  if (error) return html`<${Failure} error=${error} />`;
  const bands = data.sheets[0].rows.filter((row) => row.pay_band !== 'all bands');
  return html`<${BarChart} id="equity-chart" title="Equity: loans, riders and kilometres by pay band, beside the workforce (share of each, last 12 months)"
    categories=${bands.map((row) => reportBandWord(row.pay_band))} format=${(value) => `${number(value)}%`}
    note="Lower bands taking a larger share than they make up of the workforce is the scheme's aim."
    series=${shareSeries(bands)} />
  <p class="nhsuk-body-s"><a href=${href('/reports/equity')}>The equity report</a> has the figures behind these shares, waiting times and refusals.</p>`;
}

export function Dashboard({ user }) {
  const coordinator = user.role === 'coordinator';
  return html`<${Page} title="Dashboard">
    ${coordinator && html`<${Loans} />
      <section aria-labelledby="fleet-title"><h2 class="nhsuk-heading-m" id="fleet-title">Fleet and waiting list</h2>
        <div class="app-two"><${Fleet} /><${Waiting} /></div></section>`}
    <section aria-labelledby="distance-title"><h2 class="nhsuk-heading-m" id="distance-title">Distance and emissions</h2><${Distance} /></section>
    <section aria-labelledby="equity-title"><h2 class="nhsuk-heading-m" id="equity-title">Who the scheme reaches</h2><${Equity} /></section>
  </${Page}>`;
}
