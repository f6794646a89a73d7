// The distance report: kilometres and CO2e by site and pay band for any run of days. Its answer is
// totals by site and band; the page adds each site's subtotal and the total, and says how the
// figures were made from the factors and completeness the answer carries.
import { html } from '../core/html.js';
import { chartValue, reportBandWord, siteWordFor } from '../core/report_words.js';
import { day, number } from '../core/words.js';
import { BarChart } from '../components/bar_chart.js';
import { scopeWords } from '../components/report_filters.js';
import { ReportFrame } from '../components/report_frame.js';
import { ReportTable } from '../components/report_table.js';

// The columns of the file the API writes for this report, in its order.
const sheet = {
  title: 'Distance by site and band',
  columns: [
    { key: 'site_code', title: 'Site', kind: 'text' },
    { key: 'pay_band', title: 'Pay band', kind: 'text' },
    { key: 'trips', title: 'Trips', kind: 'integer' },
    { key: 'riders', title: 'Riders', kind: 'integer' },
    { key: 'distance_km', title: 'Distance (km)', kind: 'decimal', decimals: 1 },
    { key: 'unknown_mode_km', title: 'Of which previous mode unknown (km)', kind: 'decimal', decimals: 1 },
    { key: 'vehicle_km', title: 'In a vehicle, not counted (km)', kind: 'decimal', decimals: 1 },
    { key: 'unobserved_km', title: 'Not observed, not counted (km)', kind: 'decimal', decimals: 1 },
    { key: 'avoided_kg', title: 'CO2e avoided (kg)', kind: 'decimal', decimals: 2 },
    { key: 'ebike_kg', title: 'E-bike charging CO2e (kg)', kind: 'decimal', decimals: 2 },
    { key: 'net_kg', title: 'Net CO2e avoided (kg)', kind: 'decimal', decimals: 2 },
  ],
};
const summed = ['trips', 'distance_km', 'unknown_mode_km', 'vehicle_km', 'unobserved_km', 'avoided_kg', 'ebike_kg', 'net_kg'];

/// The rows summed; a figure left out of any row (its riders too few to show) is left out of the sum,
/// which would otherwise read as the whole and give the hidden row back beside the others.
function add(rows, fields) {
  const sum = { ...fields };
  for (const key of summed) {
    sum[key] = rows.some((row) => typeof row[key] !== 'number') ? null : rows.reduce((total, row) => total + row[key], 0);
  }
  return sum;
}

/// A site's riders: one person has one pay band, so they add up across its bands, unless a band's
/// count is too small to show ("<5"): the sum would give it back, so the subtotal stays empty.
function ridersOf(rows) {
  return rows.some((row) => typeof row.riders !== 'number') ? null : rows.reduce((total, row) => total + row.riders, 0);
}

/// Each site's subtotal, then the total. Someone may ride from two sites, so riders are not added
/// across sites.
function totalsOf(rows) {
  const codes = [...new Set(rows.map((row) => row.site_code))];
  const bySite = codes.map((code) => {
    const mine = rows.filter((row) => row.site_code === code);
    return add(mine, { level: 'subtotal', site_code: code, pay_band: 'all bands', riders: ridersOf(mine) });
  });
  return [...bySite, add(rows, { level: 'total', site_code: 'all sites', pay_band: 'all bands', riders: null })];
}

// The factor set named, or with trips of several years each set and the trip years it served.
function factorsText(f) {
  const scope = (scopeWords[f.scope] || f.scope).toLowerCase();
  if (f.sets.length <= 1) return `DESNZ ${f.year}, ${scope}: ${f.source}`;
  const sets = f.sets.map((set) => `DESNZ ${set.year} for trips of ${set.trip_years.join(', ')}`).join('; ');
  return `${sets}; ${scope}; each trip uses its own year's set, or the nearest year's`;
}

function method(report) {
  const f = report.factors;
  const done = report.data_completeness;
  return [
    { label: 'Period', value: `${day(report.from)} to ${day(report.to)}, both included (UTC days, trips by their start)` },
    { label: 'Counted', value: 'trips on loans, under the loan\'s site and the borrower\'s pay band' },
    { label: 'Emission factors', value: factorsText(f) },
    { label: 'E-bike energy', value: `${number(f.ebike_wh_per_km)} Wh/km at the wall` },
    { label: 'Avoided emissions', value: 'what the riders\' previous modes would have emitted: reported beside any emissions inventory, never subtracted from it; net is avoided less the e-bikes\' charging' },
    { label: 'Data completeness', value: done ? `${number(done.cycling_km)} km of cycling counted; ${number(done.vehicle_km)} km carried in a car or on a train and ${number(done.unobserved_km)} km not observed were left out (${number(100 * done.unobserved_share)}% not observed)` : 'left out: only one site and band had riders, too few to show, and these sums would be their figures' },
    { label: 'Small numbers', value: `a site × pay band count of fewer than ${report.suppress_below} riders shows as "<${report.suppress_below}", with its trips, km and CO2e left empty; where the sums would give such a row back, another row is hidden too, as "[c]"; a subtotal or total with a hidden row in it is left empty` },
    { label: 'Outside loans', value: `${number(report.outside_loans.trips)} trips, ${number(report.outside_loans.distance_km)} km moving bikes between loans (workshop runs, recovery): nobody's commute, not counted` },
  ];
}

function render(report, sites) {
  const siteWord = siteWordFor(sites);
  const words = { site_code: siteWord, pay_band: reportBandWord };
  if (report.totals.length === 0) return html`<p class="nhsuk-body">No trips on loans in this period.</p>`;
  const totals = totalsOf(report.totals);
  const bySite = totals.filter((row) => row.level === 'subtotal');
  return html`
    <section class="app-report-section" aria-labelledby="distance-sites-title">
      <h2 class="nhsuk-heading-m" id="distance-sites-title">By site</h2>
      <div class="app-two">
        <${BarChart} id="distance-km-chart" title="Kilometres ridden by site" categories=${bySite.map((row) => siteWord(row.site_code))} format=${number}
          series=${[{ name: 'km', values: bySite.map((row) => chartValue(row.distance_km)) }]} />
        <${BarChart} id="distance-co2-chart" title="CO2e avoided, and the e-bikes' charging, by site (kg)" format=${number}
          note="Avoided is reported beside the trust's own emissions, never subtracted from them."
          categories=${bySite.map((row) => siteWord(row.site_code))}
          series=${[{ name: 'avoided kg', values: bySite.map((row) => chartValue(row.avoided_kg)) }, { name: 'e-bike charging kg', values: bySite.map((row) => chartValue(row.ebike_kg)) }]} />
      </div>
      <p class="nhsuk-body-s">Riders are not added across sites: one person may ride from two.</p>
      <${ReportTable} id="distance-totals" sheet=${sheet} rows=${totals} words=${words} caption="Subtotals by site, and the total" />
    </section>
    <section class="app-report-section" aria-labelledby="distance-rows-title">
      <h2 class="nhsuk-heading-m" id="distance-rows-title">By site and pay band</h2>
      <${ReportTable} id="distance-table" sheet=${sheet} rows=${report.totals} words=${words} />
    </section>`;
}

export function DistanceReport() {
  return html`<${ReportFrame} id="distance" title="Distance" path="/reports/distance" kind="date"
    intro="Kilometres ridden and CO2e by site and pay band for any run of days, each trip with the emission factors of its own year."
    fileNote="The CSV file holds the rows by site and pay band; the XLSX and ODS workbooks add the Method. The subtotals and total are sums of those rows."
    method=${method} render=${render} />`;
}
