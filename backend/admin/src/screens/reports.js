// The reports a coordinator or report author can open, each with its period in its address and
// its figures downloadable as CSV and XLSX.
import { html } from '../core/html.js';
import { href } from '../core/router.js';
import { Page } from '../components/page.js';

const reports = [
  { path: '/reports/activity', name: 'Activity', about: 'Kilometres, trips, riders, loans and CO2e by month, site and pay band; commuting (Scope 3 category 7) apart from trips between sites (category 6); commuting by previous mode.' },
  { path: '/reports/equity', name: 'Equity', about: 'Loans, riders and kilometres by pay band beside the workforce; days waited for a bike by band and site; refusals recorded.' },
  { path: '/reports/fleet-use', name: 'Fleet use', about: 'Days on loan over days lendable, by site and month.' },
  { path: '/reports/distance', name: 'Distance', about: 'Kilometres and CO2e by site and pay band for any run of days.' },
  { path: '/reports/packs', name: 'Monthly report packs', about: 'Each month\'s activity, equity, fleet-use and distance reports in one workbook, made on the first of the next month and kept as made.' },
  { path: '/fleet-figures', name: 'Fleet figures', about: 'Lendable share by day, downtime, kilometres between faults and repair costs, by site, model and bike.' },
];

export function Reports() {
  return html`<${Page} title="Reports">
    <p class="nhsuk-body">Each report shows its figures in tables beside its charts, says how they were made, and downloads as CSV or as an Excel workbook with a Method sheet. In the activity, equity and distance reports, counts of fewer than 5 people in a pay band at a site show as ${'<5'}, and a subtotal that would give such a count back is hidden as ${'[c]'} or left empty.</p>
    <ul class="nhsuk-list app-report-list">
      ${reports.map((report) => html`<li key=${report.path}>
        <h2 class="nhsuk-heading-s nhsuk-u-margin-bottom-1"><a href=${href(report.path)}>${report.name}</a></h2>
        <p class="nhsuk-body-s">${report.about}</p>
      </li>`)}
    </ul>
  </${Page}>`;
}
