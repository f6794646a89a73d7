// The fleet-use report: days on loan over days lendable, by site and month, with each site's and
// the fleet's totals over the period (days add up, so these are sums of the rows shown). A row with
// no lendable day recorded (before a bike's status history begins) has no share, and is left out
// of the totals rather than counting loan days against no lendable days.
import { html } from '../core/html.js';
import { monthWord, percentOf, siteWordFor } from '../core/report_words.js';
import { number } from '../core/words.js';
import { BarChart } from '../components/bar_chart.js';
import { ReportFrame } from '../components/report_frame.js';
import { ReportTable } from '../components/report_table.js';

const percent = (value) => `${number(value)}%`;

/// Sums of the rows by `key` (site, or "all sites" for the whole fleet), with their use.
function totals(rows, keyOf) {
  const groups = new Map();
  for (const row of rows) {
    const key = keyOf(row);
    const sum = groups.get(key) || { month: 'all months', site: key, on_loan_days: 0, lendable_days: 0 };
    sum.on_loan_days += row.on_loan_days;
    sum.lendable_days += row.lendable_days;
    groups.set(key, sum);
  }
  return [...groups.values()].map((sum) => ({ ...sum, use: sum.lendable_days > 0 ? sum.on_loan_days / sum.lendable_days : null }));
}

function render(report, sites) {
  const [sheet] = report.sheets;
  const siteWord = siteWordFor(sites);
  const words = { site: siteWord };
  const known = sheet.rows.filter((row) => row.lendable_days > 0);
  const byMonth = totals(known, (row) => row.month).map((sum) => ({ ...sum, month: sum.site, site: 'all sites' }));
  const bySite = totals(known, (row) => row.site).map((sum) => ({ ...sum, level: 'subtotal' }));
  const whole = totals(known, () => 'all sites').map((sum) => ({ ...sum, level: 'total' }));
  const totalsSheet = { ...sheet, rows: [...bySite, ...whole] };
  if (known.length === 0) return html`<p class="nhsuk-body">No bike was lendable in this period.</p>
    <${ReportTable} id="use-table" sheet=${sheet} percent=${['use']} words=${words} />`;
  return html`
    <section class="app-report-section" aria-labelledby="use-title">
      <h2 class="nhsuk-heading-m" id="use-title">Days on loan as a share of days lendable</h2>
      <div class="app-two">
        <${BarChart} id="use-months-chart" title="Fleet use by month, every site shown" categories=${byMonth.map((row) => monthWord(row.month))}
          note="Months with no lendable day recorded have no share and are left out." format=${percent}
          series=${[{ name: 'on loan ÷ lendable %', values: byMonth.map((row) => percentOf(row.use)) }]} />
        <${BarChart} id="use-sites-chart" title="Fleet use by site, whole period" categories=${bySite.map((row) => siteWord(row.site))} format=${percent}
          series=${[{ name: 'on loan ÷ lendable %', values: bySite.map((row) => percentOf(row.use)) }]} />
      </div>
      <${ReportTable} id="use-table" sheet=${sheet} percent=${['use']} words=${words} />
      <${ReportTable} id="use-totals" sheet=${totalsSheet} percent=${['use']} words=${words} caption="Totals by site and for the whole period" />
      <p class="nhsuk-body-s">The totals add up the rows above that have days lendable recorded.</p>
    </section>`;
}

export function FleetUseReport() {
  return html`<${ReportFrame} id="fleet-use" title="Fleet use" path="/reports/fleet-use" withSite
    intro="How much of the time bikes could be lent they were out on loan: days on loan over days lendable, by site and month. Each bike counts at the end of each day, under the site it belongs to now."
    fileNote="The files hold the rows by site and month (use as a fraction: 0.18 is 18%); the totals are sums of those rows."
    method=${(report) => report.method} render=${render} />`;
}
