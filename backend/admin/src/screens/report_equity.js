// The equity report: who the scheme reaches. Loans, riders and km by pay band beside the band mix
// of the workforce; how long people waited for a bike, by band and site; refusals recorded.
import { html } from '../core/html.js';
import { chartValue, reportBandWord, shareSeries, siteWordFor } from '../core/report_words.js';
import { number } from '../core/words.js';
import { BarChart } from '../components/bar_chart.js';
import { ReportFrame } from '../components/report_frame.js';
import { ReportTable } from '../components/report_table.js';

const percent = (value) => `${number(value)}%`;
const shareColumns = ['staff_share', 'loans_share', 'riders_share', 'distance_share'];

function render(report, sites) {
  const [shares, waits, refusals] = report.sheets;
  const bands = shares.rows.filter((row) => row.pay_band !== 'all bands');
  const words = { pay_band: reportBandWord, site: siteWordFor(sites) };
  const waited = waits.rows.filter((row) => typeof row.median_days === 'number');
  return html`
    <section class="app-report-section" aria-labelledby="shares-title">
      <h2 class="nhsuk-heading-m" id="shares-title">Loans, riders and kilometres by pay band, beside the workforce</h2>
      <${BarChart} id="shares-chart" title="Share of the workforce, of loans, of riders and of kilometres, by pay band"
        note="The scheme's aim is that lower bands take a larger share of loans, riders and kilometres than they make up of the workforce."
        categories=${bands.map((row) => reportBandWord(row.pay_band))} format=${percent} series=${shareSeries(bands)} />
      <${ReportTable} id="shares-table" sheet=${shares} percent=${shareColumns} words=${words}
        rows=${shares.rows.map((row) => (row.pay_band === 'all bands' ? { ...row, level: 'total' } : row))} />
    </section>
    <section class="app-report-section" aria-labelledby="waits-title">
      <h2 class="nhsuk-heading-m" id="waits-title">Waiting list to bike</h2>
      ${waited.length > 0 && html`<${BarChart} id="waits-chart" title="Median days from joining the waiting list to a loan"
        categories=${waited.map((row) => `${words.site(row.site)}, ${reportBandWord(row.pay_band)}`)} format=${number}
        series=${[{ name: 'median days', values: waited.map((row) => row.median_days) }]} />`}
      ${waits.rows.length === 0 ? html`<p class="nhsuk-body">Nobody was given a bike from a waiting list in this period.</p>`
        : html`<${ReportTable} id="waits-table" sheet=${waits} words=${words} />`}
    </section>
    <section class="app-report-section" aria-labelledby="refusals-title">
      <h2 class="nhsuk-heading-m" id="refusals-title">Refusals recorded</h2>
      ${refusals.rows.length === 0 ? html`<p class="nhsuk-body">No refusal was recorded in this period.</p>`
        : html`<${BarChart} id="refusals-chart" title="Refusals recorded, by reason and band"
            categories=${refusals.rows.map((row) => `${row.reason}, ${reportBandWord(row.pay_band)}`)} format=${number}
            series=${[{ name: 'times', values: refusals.rows.map((row) => chartValue(row.count)) }]} />
          <${ReportTable} id="refusals-table" sheet=${refusals} words=${words} />`}
    </section>`;
}

export function EquityReport() {
  return html`<${ReportFrame} id="equity" title="Equity" path="/reports/equity" withSite
    intro="Who the scheme reaches: loans, riders and kilometres by pay band beside the workforce's band mix, how long people waited for a bike, and refusals recorded. Shares are of the period's totals."
    fileNote="The CSV file holds the shares by pay band (as fractions: 0.273 is 27.3%); the XLSX and ODS workbooks hold every table and the Method."
    method=${(report) => report.method} render=${render} />`;
}
