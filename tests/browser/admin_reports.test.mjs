// The web admin's report pages in Debian's Chromium against the real server with the demo data: a
// report author opens each report, changes its period by keyboard, finds the API's figures in its
// tables and downloads the same report as CSV and XLSX; a technician cannot reach them.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { launchBrowser, makeWorld } from './harness.mjs';
import { adminPage, apiSession, assertAccessible, demoCoordinatorPassword, settled, signIn, tablet } from './admin_steps.mjs';

const run = promisify(execFile);
const people = {};
let world;
let browser;

before(async () => {
  world = await makeWorld();
  await world.startBackend({ demo: true });
  browser = await launchBrowser();
  const coordinator = await apiSession(world, 'coordinator', await demoCoordinatorPassword(world));
  for (const role of ['technician', 'reporter']) {
    people[role] = { username: `reports-${role}`, password: `a long ${role} password` };
    const made = await coordinator.post('/users', { ...people[role], display_name: `Reports ${role}`, role });
    assert.equal(made.status, 201, JSON.stringify(made.body));
  }
});

after(async () => {
  if (browser) await browser.close();
  if (world) await world.close();
});

async function done(page) {
  assert.deepEqual(page.blockedRequests, [], 'the admin asked for something beyond its own server');
  assert.deepEqual(page.pageErrors, [], 'the page had script errors or content-security refusals');
  await page.context().close();
}

/// A figure as the page shows it ("1,503.141", "27.3%", "<5", "—") against the API's value: equal
/// to the places the page shows.
function assertSameFigure(shown, value, what) {
  if (value === null || value === undefined || value === '') return assert.equal(shown, '—', what);
  if (typeof value === 'string') return assert.equal(shown, value, what);
  const percent = shown.endsWith('%');
  const number = Number(shown.replace(/[,%]/g, '')) / (percent ? 100 : 1);
  const places = percent ? 3 : (shown.split('.')[1] || '').replace('%', '').length;
  assert.ok(Math.abs(number - value) <= 0.5 * 10 ** -places + 1e-9, `${what}: the page shows ${shown}, the API ${value}`);
}

/// Every numeric cell of the table `id` against the API's rows, column by column (the page's
/// columns are the sheet's, in its order).
async function assertTableMatches(page, id, columns, rows) {
  const table = page.locator(`#${id}`);
  const shown = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.innerText.trim())));
  assert.equal(shown.length, rows.length, `${id}: a row on the page for each row of the report`);
  rows.forEach((row, at) => {
    columns.forEach((column, index) => {
      if (column.kind === 'integer' || column.kind === 'decimal') assertSameFigure(shown[at][index], row[column.key], `${id} row ${at + 1} ${column.key}`);
    });
  });
  return shown;
}

/// A CSV file as rows of fields (RFC 4180: quotes, doubled quotes, CRLF).
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\r') continue;
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; } else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

/// Clicks a download link; answers the file's name and bytes, and the type the server gave it.
async function download(page, name) {
  const link = page.getByRole('link', { name });
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const answer = await page.request.get(new URL(await link.getAttribute('href'), page.url()).href);
  assert.equal(answer.status(), 200);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()), type: answer.headers()['content-type'] };
}

// The sheets of a workbook as an independent reader finds them: openpyxl for XLSX, odfpy for ODS.
const sheetReaders = {
  xlsx: 'import openpyxl, sys\nprint("\\n".join(openpyxl.load_workbook(sys.argv[1], read_only=True).sheetnames))',
  ods: 'import sys\nfrom odf.opendocument import load\nfrom odf.table import Table\n'
    + 'print("\\n".join(t.getAttribute("name") for t in load(sys.argv[1]).spreadsheet.getElementsByType(Table)))',
};

async function sheetNames(bytes, folder, ending) {
  const file = `${folder}/report.${ending}`;
  await writeFile(file, bytes);
  const { stdout } = await run('/usr/bin/python3', ['-c', sheetReaders[ending], file]);
  return stdout.trim().split('\n');
}

// Each report: its link's name, its address, the input type of its period, and where its figures are.
const reports = [
  { name: 'Activity', path: '/reports/activity', kind: 'month', tables: [['commuting-table', 0], ['between-table', 1], ['modes-table', 2]] },
  { name: 'Equity', path: '/reports/equity', kind: 'month', tables: [['shares-table', 0]] },
  { name: 'Fleet use', path: '/reports/fleet-use', kind: 'month', tables: [['use-table', 0]] },
  { name: 'Distance', path: '/reports/distance', kind: 'date', tables: [['distance-table', null]] },
];

// The distance report answers totals rather than sheets: its file's columns, as the page shows them.
const distanceColumns = ['site_code', 'pay_band', 'trips', 'riders', 'distance_km', 'unknown_mode_km', 'vehicle_km', 'unobserved_km', 'avoided_kg', 'ebike_kg', 'net_kg'];

test('a report author opens each report, changes its period by keyboard, sees the API\'s figures and downloads them as CSV, XLSX and ODS', async (t) => {
  const reporter = await apiSession(world, people.reporter.username, people.reporter.password);
  const page = await adminPage(browser, world, t.name);
  await signIn(page, people.reporter.username, people.reporter.password);
  await settled(page, 'Reports');
  assert.deepEqual(await page.locator('.app-nav__link').allInnerTexts(), ['Dashboard', 'Reports']);
  await assertAccessible(page, 'reports');
  await page.snap('reports');

  for (const report of reports) {
    await page.getByRole('link', { name: 'Reports', exact: true }).click();
    await settled(page, 'Reports');
    await page.getByRole('link', { name: report.name, exact: true }).click();
    await settled(page, report.name);
    await page.locator('.app-count', { hasText: 'Showing' }).waitFor();
    const before = await page.getByLabel('From', { exact: true }).inputValue();

    // One step later by the arrow key on the first part of the date (the month, or the day), then
    // Enter, as a keyboard user would.
    await page.getByLabel('From', { exact: true }).focus();
    await page.keyboard.press('ArrowUp');
    const from = await page.getByLabel('From', { exact: true }).inputValue();
    assert.notEqual(from, before, `${report.name}: the arrow key changed the period`);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('from') === from);
    await settled(page, report.name);
    await page.locator('.app-count', { hasText: 'Showing' }).waitFor();
    const query = new URL(page.url()).search;
    const answer = await reporter.get(`${report.path}${query}`);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const json = answer.body;

    for (const [id, sheet] of report.tables) {
      if (sheet === null) {
        const columns = distanceColumns.map((key) => ({ key, kind: ['site_code', 'pay_band'].includes(key) ? 'text' : 'decimal' }));
        await assertTableMatches(page, id, columns, json.totals);
      } else {
        await assertTableMatches(page, id, json.sheets[sheet].columns, json.sheets[sheet].rows);
      }
    }
    if (report.name === 'Activity') {
      const suppressed = json.sheets[0].rows.filter((row) => row.riders === '<5').length;
      assert.ok(suppressed > 0, 'the demo has small counts in a band at a site');
      assert.equal(await page.locator('#commuting-table td[data-key="riders"]', { hasText: '<5' }).count(), suppressed);
      assert.ok(await page.locator('#commuting-table tr.app-report-table__subtotal').count() > 0, 'subtotals stand out');
      assert.equal(await page.locator('#commuting-table tr.app-report-table__total').count(), json.sheets[0].rows.filter((row) => row.level === 'total').length);
      await page.locator('h2', { hasText: 'Scope 3 category 7' }).waitFor();
      await page.locator('h2', { hasText: 'Scope 3 category 6' }).waitFor();
    }
    const method = page.locator('.app-report-method');
    await method.locator('dt', { hasText: 'Period' }).waitFor();
    if (report.name !== 'Fleet use' && report.name !== 'Equity') {
      assert.match(await method.innerText(), /Data completeness/);
      assert.match(await method.innerText(), /never subtracted/);
    }
    for (const figure of await page.locator('figure.app-chart').all()) {
      assert.ok((await figure.locator('table tbody tr').count()) > 0, `${report.name}: each chart has its figures in a table`);
    }

    const csv = await download(page, 'Download CSV');
    assert.match(csv.name, /\.csv$/);
    assert.match(csv.type, /^text\/csv/);
    assert.equal(csv.bytes.subarray(0, 3).toString('hex'), 'efbbbf', 'a byte-order mark for Excel');
    const [header, ...lines] = parseCsv(csv.bytes.subarray(3).toString('utf8'));
    const rows = report.tables[0][1] === null ? json.totals : json.sheets[0].rows;
    const keys = report.tables[0][1] === null ? distanceColumns : json.sheets[0].columns.map((column) => column.key);
    assert.deepEqual(header, keys);
    assert.equal(lines.length, rows.length, `${report.name}: the CSV has the table's rows`);
    lines.forEach((line, at) => keys.forEach((key, index) => {
      const value = rows[at][key];
      if (typeof value === 'number') assert.ok(Math.abs(Number(line[index]) - value) < 1e-6, `${report.name} CSV row ${at + 1} ${key}: ${line[index]} against ${value}`);
      else assert.equal(line[index], value === null ? '' : value, `${report.name} CSV row ${at + 1} ${key}`);
    }));
    const xlsx = await download(page, 'Download XLSX');
    assert.match(xlsx.name, /\.xlsx$/);
    assert.equal(xlsx.type, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.equal(xlsx.bytes.subarray(0, 2).toString(), 'PK', 'a workbook is a zip file');
    const names = await sheetNames(xlsx.bytes, world.folder, 'xlsx');
    assert.ok(names.includes('Method'), `${report.name}: the workbook has its Method sheet`);
    if (json.sheets) assert.deepEqual(names.filter((one) => one !== 'Method'), json.sheets.map((sheet) => sheet.title.slice(0, 31)));
    const ods = await download(page, 'Download ODS');
    assert.match(ods.name, /\.ods$/);
    assert.equal(ods.type, 'application/vnd.oasis.opendocument.spreadsheet');
    assert.equal(ods.bytes.subarray(30, 38).toString(), 'mimetype', 'an OpenDocument package starts with its mimetype');
    assert.deepEqual(await sheetNames(ods.bytes, world.folder, 'ods'), names, `${report.name}: the ODS has the workbook's sheets`);

    const slug = report.path.split('/').pop();
    await assertAccessible(page, report.path);
    await page.snap(`${slug}-1366x768`);
    await page.setViewportSize(tablet);
    await settled(page, report.name);
    await assertAccessible(page, `${report.path} on a tablet`);
    await page.snap(`${slug}-tablet`);
    await page.setViewportSize({ width: 1366, height: 768 });
  }
  await done(page);
});

test('a report author finds last month\'s pack, made at start, and downloads the workbook the list describes', async (t) => {
  const reporter = await apiSession(world, people.reporter.username, people.reporter.password);
  const listed = await reporter.get('/reports/packs');
  assert.equal(listed.status, 200, JSON.stringify(listed.body));
  assert.equal(listed.body.total, 1, 'the demo start makes last month\'s pack');
  const pack = listed.body.data[0];
  const page = await adminPage(browser, world, t.name);
  await signIn(page, people.reporter.username, people.reporter.password);
  await settled(page, 'Reports');
  await page.getByRole('link', { name: 'Monthly report packs', exact: true }).click();
  await settled(page, 'Monthly report packs');
  await page.locator('.app-count', { hasText: 'Showing 1 to 1 of 1' }).waitFor();
  const rows = await page.locator('main table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.innerText.trim())));
  assert.equal(rows.length, 1);
  const [year, month] = pack.month.split('-').map(Number);
  const monthShown = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, 1)));
  assert.equal(rows[0][0], monthShown);
  assert.equal(rows[0][4], pack.sha256);
  await assertAccessible(page, 'monthly report packs');
  await page.snap('packs');

  const file = await download(page, `Download XLSX of the ${monthShown} pack`);
  assert.equal(file.name, `report-pack-${pack.month}.xlsx`);
  assert.equal(file.type, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal(file.bytes.length, pack.size_bytes);
  assert.equal(createHash('sha256').update(file.bytes).digest('hex'), pack.sha256, 'the file is the one the list describes');
  const names = await sheetNames(file.bytes, world.folder, 'xlsx');
  assert.equal(names.at(-1), 'Method');
  assert.ok(names.includes('Distance by site and band'), names.join(', '));
  await done(page);
});

test('the dashboard\'s equity view shows loans, riders and km by pay band beside the workforce, as the equity report gives them', async (t) => {
  const reporter = await apiSession(world, people.reporter.username, people.reporter.password);
  const page = await adminPage(browser, world, t.name);
  await signIn(page, people.reporter.username, people.reporter.password);
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await settled(page, 'Dashboard');
  const figure = page.locator('figure:has(#equity-chart-title)');
  await figure.locator('svg[role="img"]').waitFor();
  const heads = (await figure.locator('thead th').allInnerTexts()).slice(1).map((text) => text.trim());
  assert.deepEqual(heads, ['workforce %', 'loans %', 'riders %', 'km %']);
  const now = new Date();
  const month = (back) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 7);
  const equity = await reporter.get(`/reports/equity?from=${month(11)}&to=${month(0)}`);
  assert.equal(equity.status, 200, JSON.stringify(equity.body));
  const bands = equity.body.sheets[0].rows.filter((row) => row.pay_band !== 'all bands');
  const shown = await figure.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())));
  assert.equal(shown.length, bands.length);
  assert.ok(bands.some((row) => row.loans > 0), 'the demo has loans');
  bands.forEach((row, at) => ['staff_share', 'loans_share', 'riders_share', 'distance_share'].forEach((key, index) => {
    assertSameFigure(shown[at][index], row[key], `band ${row.pay_band} ${key}`);
  }));
  await assertAccessible(page, 'dashboard as a report author');
  await page.snap('dashboard');
  await done(page);
});

test('a coordinator\'s navigation fits one line at 1366 px, with one entry for the reports', async (t) => {
  const page = await adminPage(browser, world, t.name);
  await signIn(page, 'coordinator', await demoCoordinatorPassword(world));
  await settled(page, 'Dashboard');
  const links = page.locator('.app-nav__link');
  assert.ok((await links.allInnerTexts()).includes('Reports'));
  const tops = await links.evaluateAll((all) => all.map((link) => Math.round(link.getBoundingClientRect().top)));
  assert.equal(new Set(tops).size, 1, `every entry on one line: ${tops.join(', ')}`);
  await page.getByRole('link', { name: 'Reports', exact: true }).click();
  await settled(page, 'Reports');
  assert.equal(await page.locator('main h2 a').count(), 6, 'four reports, the monthly packs and the fleet figures');
  await page.snap('reports');
  await done(page);
});

test('a technician finds no reports in the navigation and cannot open a report page', async (t) => {
  const page = await adminPage(browser, world, t.name);
  await signIn(page, people.technician.username, people.technician.password);
  await settled(page, 'Workshop queue');
  const links = await page.locator('.app-nav__link').allInnerTexts();
  assert.ok(!links.includes('Reports'), `no Reports entry: ${links.join(', ')}`);
  for (const report of [{ path: '/reports' }, ...reports, { path: '/reports/packs' }, { path: '/fleet-figures' }]) {
    await page.goto(page.admin(report.path));
    await settled(page, 'You cannot open this page');
  }
  await assertAccessible(page, 'report refused');
  await page.snap('refused');
  const technician = await apiSession(world, people.technician.username, people.technician.password);
  assert.equal((await technician.get('/reports/activity?from=2026-01&to=2026-12')).status, 403, 'the API refuses too');
  await done(page);
});
