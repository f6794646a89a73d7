// The fleet-use report: days on loan over days lendable, by site and month, with each site's and
// the fleet's totals over the period (days add up, so these are sums of the rows shown).
import { html } from '../core/html.js';
import { chartValue, monthWord, siteWordFor } from '../core/report_words.js';
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
  const byMonth = totals(sheet.rows, (row) => row.month).map((sum) => ({ ...sum, month: sum.site, site: 'all sites' }));
  const bySite = totals(sheet.rows, (row) => row.site).map((sum) => ({ ...sum, level: 'subtotal' }));
  const whole = totals(sheet.rows, () => 'all sites').map((sum) => ({ ...sum, level: 'total' }));
  const totalsSheet = { ...sheet, rows: [...bySite, ...whole] };
  if (sheet.rows.length === 0) return html`<p class="nhsuk-body">No bike was lent or lendable in this period.</p>`;
  return html`
    <section class="app-report-section" aria-labelledby="use-title">
      <h2 class="nhsuk-heading-m" id="use-title">Days on loan as a share of days lendable</h2>
      <div class="app-two">
        <${BarChart} id="use-months-chart" title="Fleet use by month, every site shown" categories=${byMonth.map((row) => monthWord(row.month))}
          note="A month with no lendable day recorded has no share." format=${percent}
          series=${[{ name: 'on loan ÷ lendable %', values: byMonth.map((row) => 100 * chartValue(row.use)) }]} />
        <${BarChart} id="use-sites-chart" title="Fleet use by site, whole period" categories=${bySite.map((row) => siteWord(row.site))} format=${percent}
          series=${[{ name: 'on loan ÷ lendable %', values: bySite.map((row) => 100 * chartValue(row.use)) }]} />
      </div>
      <${ReportTable} id="use-table" sheet=${sheet} percent=${['use']} words=${words} />
      <${ReportTable} id="use-totals" sheet=${totalsSheet} percent=${['use']} words=${words} caption="Totals by site and for the whole period (sums of the rows above)" />
    </section>`;
}

export function FleetUseReport() {
  return html`<${ReportFrame} id="fleet-use" title="Fleet use" path="/reports/fleet-use" withSite
    intro="How much of the time bikes could be lent they were out on loan: days on loan over days lendable, by site and month. Each bike counts at the end of each day, under the site it belongs to now."
    fileNote="The files hold the rows by site and month (use as a fraction: 0.18 is 18%); the totals are sums of those rows."
    method=${(report) => report.method} render=${render} />`;
}
