// The activity report: kilometres, trips, riders, loans and CO2e by month, site and pay band, with
// commuting (GHG Protocol Scope 3 category 7) and trips between sites (category 6) kept apart, and
// commuting by the rider's previous mode. Avoided emissions are shown as avoided, beside the
// e-bikes' own charging: never netted into an inventory.
import { html } from '../core/html.js';
import { chartValue, modeWord, monthWord, reportBandWord, siteWordFor } from '../core/report_words.js';
import { number } from '../core/words.js';
import { BarChart } from '../components/bar_chart.js';
import { ReportFrame } from '../components/report_frame.js';
import { ReportTable } from '../components/report_table.js';

const kg = (value) => `${number(value)} kg`;
const km = (value) => `${number(value)} km`;
const avoidedNote = 'Avoided is what the riders would have emitted travelling as they did before; it is reported beside the trust\'s own emissions, never subtracted from them. The e-bikes\' charging is shown apart.';

function sheetOf(report, title) {
  return report.sheets.find((sheet) => sheet.title.startsWith(title));
}

/// The rows of one level: each month's totals, or the whole period's subtotals by site or by band.
const monthTotals = (sheet) => sheet.rows.filter((row) => row.level === 'total' && row.month !== 'all months');
const periodBySite = (sheet) => sheet.rows.filter((row) => row.level === 'subtotal' && row.month === 'all months' && row.site !== 'all sites');
const periodByBand = (sheet) => sheet.rows.filter((row) => row.level === 'subtotal' && row.month === 'all months' && row.site === 'all sites');

function Journeys({ id, sheet, sites, words }) {
  const months = monthTotals(sheet);
  const bySite = periodBySite(sheet);
  const byBand = periodByBand(sheet);
  const siteWord = siteWordFor(sites);
  if (months.length === 0) {
    return html`<p class="nhsuk-body">No trips of this kind in this period.</p>
      <${ReportTable} id=${`${id}-table`} sheet=${sheet} words=${words} />`;
  }
  return html`<div class="app-two">
      <${BarChart} id=${`${id}-km`} title="Kilometres ridden, by month" categories=${months.map((row) => monthWord(row.month))}
        series=${[{ name: 'km', values: months.map((row) => chartValue(row.distance_km)) }]} format=${number} />
      <${BarChart} id=${`${id}-co2`} title="CO2e avoided, and the e-bikes' charging, by month (kg)" note=${avoidedNote}
        categories=${months.map((row) => monthWord(row.month))} format=${number}
        series=${[{ name: 'avoided kg', values: months.map((row) => chartValue(row.avoided_kg)) }, { name: 'e-bike charging kg', values: months.map((row) => chartValue(row.ebike_kg)) }]} />
      <${BarChart} id=${`${id}-sites`} title="Kilometres by site, whole period" categories=${bySite.map((row) => siteWord(row.site))}
        series=${[{ name: 'km', values: bySite.map((row) => chartValue(row.distance_km)) }]} format=${number} />
      <${BarChart} id=${`${id}-bands`} title="Kilometres by pay band, whole period" categories=${byBand.map((row) => reportBandWord(row.pay_band))}
        series=${[{ name: 'km', values: byBand.map((row) => chartValue(row.distance_km)) }]} format=${number} />
    </div>
    <${ReportTable} id=${`${id}-table`} sheet=${sheet} words=${words} />`;
}

function Totals({ sheet }) {
  const all = sheet.rows.find((row) => row.level === 'total' && row.month === 'all months');
  if (!all) return null;
  return html`<ul class="app-figures" aria-label="Commuting in the whole period">
    <li class="app-figures__item"><span class="app-figures__number">${km(all.distance_km)}</span><span class="app-figures__label">ridden to and from work</span></li>
    <li class="app-figures__item"><span class="app-figures__number">${number(all.riders)}</span><span class="app-figures__label">riders</span></li>
    <li class="app-figures__item"><span class="app-figures__number">${number(all.loans)}</span><span class="app-figures__label">loans</span></li>
    <li class="app-figures__item"><span class="app-figures__number">${kg(all.avoided_kg)}</span><span class="app-figures__label">CO2e avoided</span></li>
    <li class="app-figures__item"><span class="app-figures__number">${kg(all.ebike_kg)}</span><span class="app-figures__label">CO2e of the e-bikes' charging</span></li>
  </ul>`;
}

function render(report, sites) {
  const words = { site: siteWordFor(sites), pay_band: reportBandWord };
  const commuting = sheetOf(report, 'Commuting (');
  const between = sheetOf(report, 'Between sites');
  const byMode = sheetOf(report, 'Commuting by previous mode');
  const modes = byMode.rows.filter((row) => row.month === 'all months');
  return html`
    <section class="app-report-section" aria-labelledby="commuting-title">
      <h2 class="nhsuk-heading-m" id="commuting-title">Commuting: GHG Protocol Scope 3 category 7</h2>
      <p class="nhsuk-body">Trips between home and work, by month, site and pay band, with a subtotal for each site in each month, a total for each month, and subtotals by site and by band and a total for the whole period at the end.</p>
      <${Totals} sheet=${commuting} />
      <${Journeys} id="commuting" sheet=${commuting} sites=${sites} words=${words} />
    </section>
    <section class="app-report-section" aria-labelledby="between-title">
      <h2 class="nhsuk-heading-m" id="between-title">Between sites: GHG Protocol Scope 3 category 6</h2>
      <p class="nhsuk-body">Trips that start and end at two different scheme sites are business travel, kept apart from commuting.</p>
      <${Journeys} id="between" sheet=${between} sites=${sites} words=${words} />
    </section>
    <section class="app-report-section" aria-labelledby="modes-title">
      <h2 class="nhsuk-heading-m" id="modes-title">Commuting by previous mode</h2>
      <p class="nhsuk-body">How the riders travelled to work before the scheme, from their commute record: this is what the avoided emissions are reckoned from.</p>
      ${modes.length > 0 && html`<${BarChart} id="modes-chart" title="Kilometres and CO2e avoided by previous mode, whole period" note=${avoidedNote}
        categories=${modes.map((row) => modeWord(row.previous_mode))} format=${number}
        series=${[{ name: 'km', values: modes.map((row) => chartValue(row.distance_km)) }, { name: 'avoided kg', values: modes.map((row) => chartValue(row.avoided_kg)) }]} />`}
      <${ReportTable} id="modes-table" sheet=${byMode} words=${{ previous_mode: modeWord }} />
    </section>`;
}

export function ActivityReport() {
  return html`<${ReportFrame} id="activity" title="Activity" path="/reports/activity" withSite withScope
    intro="Kilometres, trips, riders, loans and CO2e by month, site and pay band, from the trips ridden on loan bikes."
    fileNote="The CSV file holds the commuting table; the XLSX and ODS workbooks hold every table and the Method."
    method=${(report) => report.method} render=${render} />`;
}
