// How the report pages show the values of a report's sheets: the same figures as the downloaded
// files, in plain words (months by name, bands as "Band 3", shares as percentages).
import { codeWords } from './code_words.js';
import { payBandWord } from './words.js';

const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/// "2026-08" as "Aug 2026"; anything else (such as "all months") as it is.
export function monthWord(value) {
  const found = /^(\d{4})-(\d{2})$/.exec(String(value));
  if (!found) return value === 'all months' ? 'All months' : String(value);
  return monthFormat.format(new Date(Date.UTC(Number(found[1]), Number(found[2]) - 1, 1)));
}

/// A pay band as a report names it ("3", "other", "all bands").
export function reportBandWord(value) {
  if (value === 'all bands') return 'All bands';
  if (value === 'not identified') return 'Not identified';
  return payBandWord(value);
}

/// "YYYY-MM" of the month `back` months before `now`'s (UTC).
export function monthBefore(now, back) {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 7);
}

/// The last day of the month "YYYY-MM", as "YYYY-MM-DD".
export function lastDayOf(month) {
  const [year, number] = month.split('-').map(Number);
  return new Date(Date.UTC(year, number, 0)).toISOString().slice(0, 10);
}

/// The twelve months up to this one: a report author's usual year.
export function defaultMonths(now = new Date()) {
  return { from: monthBefore(now, 11), to: monthBefore(now, 0) };
}

/// A cell of `column` ({key, kind, decimals}) as the page shows it; `percent` columns hold shares
/// (0.273) and show as "27.3%". A count too small to show ("<5") and other text stay as given.
export function cellText(column, value, { percent = false, words } = {}) {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') {
    if (words) return words(value);
    return column.kind === 'month' ? monthWord(value) : value;
  }
  if (percent) return `${new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value * 100)}%`;
  const places = column.kind === 'decimal' ? column.decimals : 0;
  return new Intl.NumberFormat('en-GB', { minimumFractionDigits: places, maximumFractionDigits: places }).format(value);
}

/// A figure as a number for a chart, or null for one that is hidden ("<5", "[c]" or an empty cell),
/// which the chart shows as "—" with no bar rather than as a nought.
export function chartValue(value) {
  return typeof value === 'number' ? value : null;
}

/// A rider's previous way of commuting, as a report names it.
export const { word: modeWord } = codeWords({
  car_petrol: 'Car, petrol',
  car_diesel: 'Car, diesel',
  car_hybrid: 'Car, hybrid',
  car_electric: 'Car, electric',
  bus: 'Bus',
  rail: 'Train',
  walk: 'Walking',
  cycle: 'Cycling',
  none: 'Would not have travelled',
  'not recorded': 'Not recorded',
});

/// A site code in a report as the site's name ("all sites" as "All sites").
export function siteWordFor(sites) {
  return (code) => (code === 'all sites' ? 'All sites' : sites.find((site) => site.code === code)?.name || code);
}

/// A share (0.273) as a percent for a chart (27.3), or null when it is hidden.
export function percentOf(share) {
  const value = chartValue(share);
  return value === null ? null : 100 * value;
}

/// The band rows of the equity report's shares as chart series, in percent: workforce, loans,
/// riders, km.
export function shareSeries(rows) {
  return [
    { name: 'workforce %', values: rows.map((row) => percentOf(row.staff_share)) },
    { name: 'loans %', values: rows.map((row) => percentOf(row.loans_share)) },
    { name: 'riders %', values: rows.map((row) => percentOf(row.riders_share)) },
    { name: 'km %', values: rows.map((row) => percentOf(row.distance_share)) },
  ];
}
