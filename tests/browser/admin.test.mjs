// The web admin in Debian's Chromium against the real server on loopback: each role's screens, a
// coordinator's main jobs end to end, an expired session, axe-core on every screen, a screenshot
// of every screen.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { changeDatabase, launchBrowser, makeWorld, outputRoot, sql, waitFor } from './harness.mjs';
import { adminPage, apiQuiet, apiSession, asDevice, assertAccessible, demoCoordinatorPassword, settled, signIn, tablet } from './admin_steps.mjs';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const people = {};
let world;
let browser;

before(async () => {
  world = await makeWorld();
  await world.startBackend({ demo: true, mail: await world.startMailSink() });
  browser = await launchBrowser();
  people.coordinator = { username: 'coordinator', password: await demoCoordinatorPassword(world) };
  const coordinator = await apiSession(world, people.coordinator.username, people.coordinator.password);
  for (const role of ['technician', 'reporter']) {
    people[role] = { username: `test-${role}`, password: `a long ${role} password` };
    const made = await coordinator.post('/users', { ...people[role], display_name: `Test ${role}`, role });
    assert.equal(made.status, 201, JSON.stringify(made.body));
  }
});

after(async () => {
  if (browser) await browser.close();
  if (world) await world.close();
});

async function coordinatorPage(t, viewport) {
  const page = await adminPage(browser, world, t.name, viewport);
  await signIn(page, people.coordinator.username, people.coordinator.password);
  return page;
}

async function done(page) {
  assert.deepEqual(page.blockedRequests, [], 'the admin asked for something beyond its own server');
  assert.deepEqual(page.pageErrors, [], 'the page had script errors or content-security refusals');
  await page.context().close();
}

async function firstBikeId() {
  return (await sql(world.database, 'SELECT id FROM bikes ORDER BY id LIMIT 1'))[0].id;
}

async function firstStaffId() {
  return (await sql(world.database, 'SELECT id FROM staff ORDER BY id LIMIT 1'))[0].id;
}

/// Lends `person` a charged bike of the test site through the API, and opens the loan's page.
async function loanPageOf(t, person) {
  const coordinator = await apiSession(world, people.coordinator.username, people.coordinator.password);
  const offer = await coordinator.get(`/kiosk/offer?staff_id=${person.id}&site_id=${world.site.id}`);
  assert.equal(offer.status, 200, JSON.stringify(offer.body));
  const bike = offer.body.bikes.find((candidate) => !candidate.charging);
  const lent = await coordinator.post('/loans', { staff_id: person.id, bike_id: bike.id, terms_version: offer.body.terms.version, accessories: ['helmet'] });
  assert.equal(lent.status, 201, JSON.stringify(lent.body));
  const page = await coordinatorPage(t);
  await page.goto(page.admin(`/loans/${lent.body.id}`));
  await settled(page, `Loan ${lent.body.id}`);
  return { page, bike, loan: lent.body };
}

test('the address of the admin answers its page under a strict content security policy', async () => {
  const page = await fetch(`http://127.0.0.1:${world.backendPort}/admin/fleet?status=available`);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type'), /text\/html/);
  const policy = page.headers.get('content-security-policy');
  assert.match(policy, /default-src 'self'/);
  assert.match(policy, /frame-ancestors 'none'/);
  assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval/);
  const html = await page.text();
  assert.doesNotMatch(html, /<script>|<style|style=/, 'no inline script or style');
  const script = html.match(/src="(\/admin\/assets\/[^"]+\.js)"/)[1];
  const asset = await fetch(`http://127.0.0.1:${world.backendPort}${script}`);
  assert.match(asset.headers.get('content-type'), /text\/javascript/);
  assert.match(asset.headers.get('cache-control'), /immutable/);
  assert.equal((await fetch(`http://127.0.0.1:${world.backendPort}/admin/assets/..%2F..%2Fetc%2Fpasswd`)).status, 404);
  const front = await fetch(`http://127.0.0.1:${world.backendPort}/`, { redirect: 'manual' });
  assert.equal(front.headers.get('location'), '/admin/');
});

test('a coordinator sees every screen filled with the demo data, each accessible', async (t) => {
  const page = await coordinatorPage(t);
  const bike = await firstBikeId();
  const person = await firstStaffId();
  const loan = (await sql(world.database, 'SELECT id FROM loans ORDER BY id LIMIT 1'))[0].id;
  const campaign = (await sql(world.database, 'SELECT id, title FROM campaigns ORDER BY id LIMIT 1'))[0];
  const screens = [
    ['/', 'Dashboard', 'dashboard', '#fleet-chart-title'],
    ['/fleet', 'Fleet', 'fleet', 'table.app-table tbody tr'],
    ['/fleet?status=available&sort=-odometer_m', 'Fleet', 'fleet-filtered', 'th[aria-sort="descending"]'],
    [`/fleet/${bike}`, 'Bike', 'bike', 'dl.nhsuk-summary-list'],
    ['/fleet/new', 'Add a bike', 'bike-new', 'form'],
    ['/loans?view=active', 'Loans', 'loans-active', 'table.app-table tbody tr'],
    ['/loans?view=overdue', 'Loans', 'loans-overdue', 'table.app-table .nhsuk-tag--red'],
    ['/loans?view=history', 'Loans', 'loans-history', 'table.app-table tbody tr'],
    [`/loans/${loan}`, `Loan ${loan}`, 'loan', 'dl.nhsuk-summary-list'],
    ['/loans/new', 'Check out a bike for someone', 'checkout', '#borrower-q'],
    ['/staff', 'Staff', 'staff', 'table.app-table tbody tr'],
    ['/staff?pay_band=3&active=true', 'Staff', 'staff-filtered', 'table.app-table tbody tr'],
    [`/staff/${person}`, '', 'person', 'dl.nhsuk-summary-list'],
    ['/staff/import', 'Import a staff list', 'staff-import', '#import-file'],
    ['/waitlist', 'Waiting list', 'waitlist', '.app-count'],
    ['/policy', 'Loan policy', 'policy', 'table.app-table'],
    ['/policy/new', 'Publish a new policy version', 'policy-new', '.app-policy-table'],
    ['/exceptions', 'Kiosk exceptions', 'exceptions', '.app-count'],
    ['/devices', 'Devices and trackers', 'devices', 'table.app-table tbody tr'],
    ['/users', 'Users', 'users', 'table.app-table tbody tr'],
    ['/audit', 'Audit log', 'audit', 'table.app-table tbody tr'],
    ['/workshop', 'Workshop queue', 'workshop-queue', '.app-count'],
    ['/workshop/orders?status=active', 'Work orders', 'work-orders', '.app-count'],
    ['/workshop/orders/new', 'Open a work order', 'work-order-new', 'form'],
    ['/servicing', 'Servicing due', 'servicing-due', '.app-count'],
    ['/servicing/schedules', 'Service schedules', 'service-schedules', 'table.app-table tbody tr'],
    ['/servicing/components', 'Batteries and chargers', 'components', '.app-count'],
    ['/campaigns', 'Campaigns', 'campaigns', '.app-count'],
    ['/campaigns/new', 'Start a campaign', 'campaign-new', 'form'],
    [`/campaigns/${campaign.id}`, campaign.title, 'campaign', 'table.app-table tbody tr'],
    ['/outbox', 'Outbox', 'outbox', 'table.app-table tbody tr'],
    ['/outbox?status=pending&kind=service_due_soon', 'Outbox', 'outbox-filtered', '.app-count'],
    ['/password', 'Change your password', 'password', 'form'],
  ];
  for (const [where, heading, name, filled] of screens) {
    await page.goto(page.admin(where));
    await settled(page, heading);
    await page.locator(filled).first().waitFor();
    await assertAccessible(page, where);
    await page.snap(name);
    if (where === '/workshop') {
      const queue = await page.locator('main').innerText();
      assert.doesNotMatch(queue, /(^|[^\d.])0 (km|days|charge cycles)\b[^\n]*past due/, 'a count just reached reads as due, not as 0 past due');
    }
  }
  await done(page);
});

test('the dashboard gives every chart its figures in a table', async (t) => {
  const page = await coordinatorPage(t);
  await settled(page, 'Dashboard');
  const active = Number((await sql(world.database, "SELECT count(*) AS n FROM loans WHERE status = 'active'"))[0].n);
  assert.equal(await page.locator('.app-figures__number').first().innerText(), String(active));
  for (const chart of ['fleet-chart', 'km-chart', 'co2-chart', 'equity-chart']) {
    const figure = page.locator(`figure:has(#${chart}-title)`);
    await figure.locator('svg[role="img"]').first().waitFor();
    assert.ok(await figure.locator('svg[role="img"]').count(), `${chart} has a picture`);
    assert.ok((await figure.locator('table tbody tr').count()) > 0, `${chart} has its figures in a table`);
  }
  const bikes = Number((await sql(world.database, 'SELECT count(*) AS n FROM bikes'))[0].n);
  const counted = await page.locator('figure:has(#fleet-chart-title) table tbody td').allInnerTexts();
  assert.equal(counted.reduce((sum, cell) => sum + Number(cell), 0), bikes);
  // Each loan figure opens the list it counts.
  for (const label of ['overdue', 'due back in the next 7 days']) {
    await settled(page, 'Dashboard');
    const figure = page.locator('.app-figures__link', { hasText: label });
    const counted = await figure.locator('.app-figures__number').innerText();
    await figure.click();
    await settled(page, 'Loans');
    await page.locator('.app-count', { hasText: /Showing|No loans here/ }).waitFor();
    const shown = await page.locator('main').innerText();
    assert.match(shown, Number(counted) === 0 ? /No loans here/ : new RegExp(`of ${counted}\\b`), `${label}: ${counted}`);
    await page.goBack();
  }
  await done(page);
});

test('a technician signs in to the workshop queue and sees only the fleet and the workshop', async (t) => {
  const page = await adminPage(browser, world, t.name);
  await page.goto(page.admin('/sign-in'));
  await page.getByLabel('Username').fill(people.technician.username);
  await page.getByLabel('Password', { exact: true }).fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.nhsuk-error-summary', { hasText: 'the username or password is wrong' }).waitFor();
  await signIn(page, people.technician.username, people.technician.password);
  await settled(page, 'Workshop queue');
  assert.deepEqual(await page.locator('.app-nav__link').allInnerTexts(), ['Fleet', 'Workshop', 'Servicing', 'Campaigns']);
  await page.goto(page.admin('/'));  // the admin's own address opens the technician's first screen
  await settled(page, 'Workshop queue');
  await assertAccessible(page, 'technician queue');
  await page.snap('queue');
  for (const where of ['/outbox', '/campaigns/new', '/loans']) {
    await page.goto(page.admin(where));
    await settled(page, 'You cannot open this page');
  }
  await page.goto(page.admin('/staff'));
  await settled(page, 'You cannot open this page');
  await page.snap('staff-refused');
  await done(page);
});

test('a technician made a report author while signed in gets the report author\'s menu at their next click', async (t) => {
  const coordinator = await apiSession(world, people.coordinator.username, people.coordinator.password);
  const made = await coordinator.post('/users', { username: 'moving-on', display_name: 'Mo Moving', role: 'technician', password: 'from spanners to spreadsheets' });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const page = await adminPage(browser, world, t.name);
  await signIn(page, 'moving-on', 'from spanners to spreadsheets');
  await settled(page, 'Workshop queue');
  await apiQuiet(page);
  assert.equal((await coordinator.patch(`/users/${made.body.id}`, { role: 'reporter' })).status, 200);
  await page.getByRole('link', { name: 'Servicing', exact: true }).click();
  await page.locator('.app-nav__link', { hasText: 'Reports' }).waitFor();
  assert.deepEqual(await page.locator('.app-nav__link').allInnerTexts(), ['Dashboard', 'Reports']);
  await done(page);
});

test('a report author sees the reports and cannot reach a coordinator screen', async (t) => {
  const page = await adminPage(browser, world, t.name);
  await signIn(page, people.reporter.username, people.reporter.password);
  await settled(page, 'Reports');
  assert.deepEqual(await page.locator('.app-nav__link').allInnerTexts(), ['Dashboard', 'Reports']);
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await settled(page, 'Dashboard');
  assert.equal(await page.locator('#fleet-chart-title').count(), 0);
  await page.locator('#equity-chart-title').waitFor();
  await assertAccessible(page, 'reporter reports');
  await page.snap('reports');
  for (const where of ['/staff', '/loans', '/users', '/policy/new', '/fleet']) {
    await page.goto(page.admin(where));
    await settled(page, 'You cannot open this page');
  }
  await page.snap('users-refused');
  const reporter = await apiSession(world, people.reporter.username, people.reporter.password);
  assert.equal((await reporter.get('/staff')).status, 403, 'the API refuses too');
  await done(page);
});

test('a coordinator adds a bike, and a double click adds it once', async (t) => {
  const page = await coordinatorPage(t);
  await page.goto(page.admin('/fleet/new'));
  await settled(page, 'Add a bike');
  // Passing over an empty field leaves the cursor where the person put it; the form says what is
  // missing when it is sent.
  await page.getByLabel('Asset tag').focus();
  await page.keyboard.press('Tab');
  await page.keyboard.type('FR777');
  assert.equal(await page.getByLabel('Frame number').inputValue(), 'FR777');
  assert.equal(await page.locator('.nhsuk-error-summary').count(), 0);
  await page.getByLabel('Frame number').fill('');
  await page.getByRole('button', { name: 'Add the bike' }).click();
  await page.locator('.nhsuk-error-summary').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.className), 'nhsuk-error-summary');
  await page.snap('errors');
  const taken = (await sql(world.database, 'SELECT asset_tag FROM bikes LIMIT 1'))[0].asset_tag;
  await page.getByLabel('Asset tag').fill(taken);
  await page.getByLabel('Frame number').fill('WBK-TEST-0001');
  await page.getByLabel('Make').fill('Raleigh');
  await page.getByLabel('Model').fill('Motus Grand Tour');
  await page.getByLabel('Site').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Add the bike' }).click();
  await page.locator('.nhsuk-error-summary', { hasText: /tag/i }).waitFor();
  // The taken tag is marked on its own field, where it is corrected.
  await page.locator('.nhsuk-form-group--error', { has: page.getByLabel('Asset tag') }).locator('.nhsuk-error-message', { hasText: taken }).waitFor();
  await page.snap('server-refusal');
  await page.getByLabel('Asset tag').fill('PP-9901');
  await page.getByRole('button', { name: 'Add the bike' }).dblclick();
  await settled(page, 'Bike PP-9901');
  await page.snap('added');
  const rows = await sql(world.database, "SELECT make, status FROM bikes WHERE asset_tag = 'PP-9901'");
  assert.deepEqual(rows, [{ make: 'Raleigh', status: 'available' }]);
  await page.getByLabel('New status').selectOption('maintenance');
  await page.getByLabel('Reason').fill('Brakes to check');
  await page.getByRole('button', { name: 'Change status' }).click();
  await page.locator('.app-done', { hasText: 'In maintenance' }).waitFor();
  assert.equal((await sql(world.database, "SELECT status FROM bikes WHERE asset_tag = 'PP-9901'"))[0].status, 'maintenance');
  await done(page);
});

test('a coordinator imports a messy staff list: every bad line shown, then the corrected file applied', async (t) => {
  const page = await coordinatorPage(t);
  await page.goto(page.admin('/staff/import'));
  await settled(page, 'Import a staff list');
  await page.setInputFiles('#import-file', path.join(fixtures, 'staff-messy.csv'));
  await page.getByRole('button', { name: 'Preview the import' }).click();
  const errors = page.locator('#import-errors tbody tr');
  await errors.first().waitFor();
  const lines = await errors.allInnerTexts();
  // Lines are the file's lines: the quoted line break makes the second person's record lines 3 and 4.
  assert.ok(lines.some((line) => /^5\b/.test(line) && /pay band/i.test(line)), `line 5's unknown band is named: ${lines.join(' | ')}`);
  assert.ok(lines.some((line) => /^6\b/.test(line) && /pay band/i.test(line)), `line 6's unknown band is named: ${lines.join(' | ')}`);
  assert.ok(lines.some((line) => /^7\b/.test(line) && /T90001/.test(line)), `the repeated staff number is named: ${lines.join(' | ')}`);
  assert.equal(lines.length, 3);
  assert.equal(await page.getByRole('button', { name: 'Apply the import' }).count(), 0);
  await assertAccessible(page, 'import preview with errors');
  await page.snap('preview-errors');
  await page.setInputFiles('#import-file', path.join(fixtures, 'staff-corrected.csv'));
  await page.getByRole('button', { name: 'Preview the import' }).click();
  await page.getByRole('button', { name: 'Apply the import' }).click();
  await page.locator('.app-done', { hasText: 'has been imported' }).waitFor();
  await page.snap('applied');
  const stored = await sql(world.database, "SELECT staff_number, name, department, pay_band FROM staff WHERE staff_number LIKE 'T9000%' ORDER BY staff_number");
  assert.equal(stored.length, 5);
  assert.equal(stored[0].name, 'Okafor, Ngozi');
  assert.equal(stored[0].department, 'Estates, Portering');
  assert.match(stored[1].department, /^Ward 7\r?\nNights$/);
  assert.equal(stored[3].pay_band, 'other');
  // The list finds them by name; a search the server refuses is named as the form names it.
  await page.goto(page.admin('/staff'));
  await settled(page, 'Staff');
  await page.getByLabel('Search by name or staff number').fill('Okafor');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.locator('table.app-table tbody tr', { hasText: 'T90001' }).waitFor();
  await page.getByLabel('Search by name or staff number').fill('\u202EOkafor');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.locator('.nhsuk-error-summary', { hasText: 'Search by name or staff number holds a text-direction control character' }).waitFor();
  await done(page);
});

test('a coordinator adds a coordinator who reads the monthly report pack by email, then stops it', async (t) => {
  const page = await coordinatorPage(t);
  await page.goto(page.admin('/users'));
  await settled(page, 'Users');
  await page.getByLabel('Username').fill('pack-reader');
  await page.getByLabel('Full name').fill('Priya Reader');
  await page.getByLabel('Role').selectOption('coordinator');
  await page.getByLabel('Also email them each monthly report pack').check();
  await page.getByLabel('Email address (optional)').fill('not an address');
  await page.getByLabel('First password').fill('a pack of figures a month');
  await page.getByRole('button', { name: 'Add the user' }).click();
  await page.locator('.nhsuk-error-summary', { hasText: 'name@example.nhs.uk' }).waitFor();
  await page.getByLabel('Email address (optional)').fill('priya.reader@example.nhs.uk');
  await page.getByRole('button', { name: 'Add the user' }).click();
  await page.locator('.app-done', { hasText: 'Priya Reader can now sign in as pack-reader' }).waitFor();
  const stored = () => sql(world.database, "SELECT role, email, report_packs FROM users WHERE username = 'pack-reader'");
  assert.deepEqual(await stored(), [{ role: 'coordinator', email: 'priya.reader@example.nhs.uk', report_packs: 1 }]);

  const row = page.locator('table.app-table tbody tr', { hasText: 'pack-reader' });
  await row.waitFor();
  assert.match(await row.innerText(), /priya\.reader@example\.nhs\.uk/);
  await assertAccessible(page, 'users with their report packs');
  await page.snap('users');
  await row.getByRole('button', { name: 'Stop sending the monthly report packs to pack-reader' }).click();
  await row.getByRole('button', { name: 'Send the monthly report packs to pack-reader' }).waitFor();
  assert.deepEqual(await stored(), [{ role: 'coordinator', email: 'priya.reader@example.nhs.uk', report_packs: 0 }]);

  // The coordinator gives themself an address by keyboard, after the server refuses a bad one.
  const mine = page.locator('table.app-table tbody tr', { has: page.getByRole('link', { name: people.coordinator.username, exact: true }) });
  await mine.getByRole('button', { name: `Change the email address of ${people.coordinator.username}` }).focus();
  await page.keyboard.press('Enter');
  const address = page.getByLabel(`Email address of ${people.coordinator.username}`);
  await address.fill('lead@');
  await page.keyboard.press('Enter');
  await page.locator('.nhsuk-error-message', { hasText: 'name@example.nhs.uk' }).waitFor();
  await address.fill('lead@example.nhs.uk');
  await page.keyboard.press('Enter');
  await mine.getByRole('button', { name: `Send the monthly report packs to ${people.coordinator.username}` }).waitFor();
  const own = await sql(world.database, `SELECT email FROM users WHERE username = '${people.coordinator.username}'`);
  assert.deepEqual(own, [{ email: 'lead@example.nhs.uk' }]);
  await assertAccessible(page, 'users after an address changed');
  await page.snap('address-changed');
  await done(page);
});

test('a coordinator changes a user\'s role, gives them a new password that signs them out, and deactivates them', async (t) => {
  const coordinator = await apiSession(world, people.coordinator.username, people.coordinator.password);
  const made = await coordinator.post('/users', { username: 'shift-lead', display_name: 'Sam Shift', role: 'technician', password: 'a spanner in the works' });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const theirs = await apiSession(world, 'shift-lead', 'a spanner in the works');
  assert.equal((await theirs.get('/users')).status, 403);

  const page = await coordinatorPage(t);
  await page.goto(page.admin('/users'));
  await settled(page, 'Users');
  const served = async () => {
    const table = page.locator('table.app-table');
    const column = (await table.locator('thead th').allInnerTexts()).findIndex((title) => title.trim() === 'Serves');
    return table.locator('tbody tr', { hasText: 'shift-lead' }).locator('td').nth(column - 1).innerText();
  };
  assert.equal(await served(), 'Every site');
  await page.getByRole('link', { name: 'shift-lead' }).click();
  await settled(page, 'Sam Shift');
  await page.getByLabel('The site they serve').selectOption(String(world.site.id));
  await page.getByRole('button', { name: 'Change the site' }).click();
  await page.locator('.app-done:focus', { hasText: 'Sam Shift now serves' }).waitFor();
  assert.deepEqual(await sql(world.database, "SELECT site_id FROM users WHERE username = 'shift-lead'"), [{ site_id: world.site.id }]);
  await page.goto(page.admin('/users'));
  await settled(page, 'Users');
  assert.equal(await served(), world.site.name);
  await page.getByRole('link', { name: 'shift-lead' }).click();
  await settled(page, 'Sam Shift');
  await page.getByLabel('Role').selectOption('coordinator');
  await page.getByRole('button', { name: 'Change the role' }).click();
  await page.locator('.app-done:focus', { hasText: 'Sam Shift is now a coordinator' }).waitFor();
  assert.equal((await theirs.get('/users')).status, 200, 'the new role applies to the session they already hold');

  await page.getByLabel('New password', { exact: true }).fill('short');
  await page.getByRole('button', { name: 'Set the new password' }).click();
  await page.locator('.nhsuk-error-summary', { hasText: 'Use at least 12 characters' }).waitFor();
  await page.getByLabel('New password', { exact: true }).fill('a new spanner for sam');
  await page.getByLabel('New password again').fill('a new spanner for sam');
  await assertAccessible(page, 'a user\'s account');
  await page.snap('user-account');
  await page.getByRole('button', { name: 'Set the new password' }).click();
  await page.locator('.app-done:focus', { hasText: 'Sam Shift has a new password and is signed out everywhere' }).waitFor();
  assert.equal((await theirs.get('/users')).status, 401, 'the old session ended');
  const again = await apiSession(world, 'shift-lead', 'a new spanner for sam');
  assert.equal((await again.get('/users')).status, 200);

  await page.getByRole('button', { name: 'Deactivate shift-lead' }).click();
  await page.waitForFunction(() => document.activeElement?.classList.contains('app-confirm'));
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Deactivate shift-lead');
  await page.keyboard.press('Enter');
  await page.getByRole('group', { name: 'Deactivate shift-lead' }).getByRole('button', { name: 'Yes, deactivate' }).click();
  await page.locator('.app-done:focus', { hasText: 'Sam Shift can no longer sign in' }).waitFor();
  assert.equal((await again.get('/users')).status, 401);
  await page.getByRole('button', { name: 'Reactivate shift-lead' }).click();
  await page.locator('.app-done:focus', { hasText: 'Sam Shift can sign in again' }).waitFor();
  assert.deepEqual(await sql(world.database, "SELECT role, active FROM users WHERE username = 'shift-lead'"), [{ role: 'coordinator', active: 1 }]);

  const [own] = await sql(world.database, `SELECT id FROM users WHERE username = '${people.coordinator.username}'`);
  await page.goto(page.admin(`/users/${own.id}`));
  await page.locator('p', { hasText: 'This is your own account' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Change the role' }).count(), 0);
  await done(page);
});

test('a coordinator publishes a policy version with an effective date', async (t) => {
  const page = await coordinatorPage(t);
  await page.goto(page.admin('/policy/new'));
  await settled(page, 'Publish a new policy version');
  const effective = new Date(Date.now() + 30 * 86400 * 1000).toISOString().slice(0, 10);
  await page.getByLabel('Effective from').fill(effective);
  await page.getByLabel('Note').fill('Longer loans for band 5');
  await page.getByLabel('Loan days for Band 5').fill('');
  await page.getByRole('button', { name: 'Publish this version' }).click();
  await page.locator('.nhsuk-error-summary', { hasText: 'Band 5' }).waitFor();
  await page.snap('error');
  await page.getByLabel('Loan days for Band 5').fill('75');
  await page.getByLabel('Lowest charge to lend (%)').fill('40');
  await page.getByRole('button', { name: 'Publish this version' }).click();
  await page.locator('.app-done', { hasText: 'published' }).waitFor();
  await page.locator('.nhsuk-tag', { hasText: 'Scheduled' }).waitFor();
  await page.snap('published');
  const rows = await sql(world.database, `SELECT b.max_loan_days, v.min_charge_pct FROM policy_versions v JOIN policy_bands b ON b.policy_version_id = v.id
                                          WHERE v.effective_from = '${effective}' AND b.pay_band = '5'`);
  assert.deepEqual(rows, [{ max_loan_days: 75, min_charge_pct: 40 }]);
  await done(page);
});

test('a coordinator checks a bike out for someone at the desk and takes it back', async (t) => {
  const page = await coordinatorPage(t);
  const person = world.people('low_band')[3];
  await page.goto(page.admin('/loans/new'));
  await settled(page, 'Check out a bike for someone');
  // A search that matches more people than it lists says so.
  await page.getByLabel('Name or staff number').fill('a');
  await page.getByRole('button', { name: 'Find' }).click();
  await page.locator('[role=status]', { hasText: /^\d+ found, the first 10 shown: type more of the name, or the staff number$/ }).waitFor();
  assert.equal(await page.getByRole('button', { name: /^Choose / }).count(), 10);
  await page.getByLabel('Name or staff number').fill(person.staff_number);
  await page.getByRole('button', { name: 'Find' }).click();
  await page.getByRole('button', { name: `Choose ${person.name}` }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'checkout-site');
  await page.getByLabel('Site the bike is collected from').selectOption(String(world.site.id));
  await page.getByLabel('Bike', { exact: true }).selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Check out the bike' }).click();
  await page.locator('.nhsuk-error-summary', { hasText: 'terms' }).waitFor();
  await page.getByLabel('The borrower has read and accepts these terms').check();
  await page.snap('offer');
  await page.getByRole('button', { name: 'Check out the bike' }).click();
  await page.locator('h1#page-title', { hasText: /^Loans?\s*–?\s*Loan \d+/ }).waitFor();
  await settled(page, 'Loan');
  await assertAccessible(page, 'loan page');
  await page.snap('loan');
  const [loan] = await sql(world.database, `SELECT id, status FROM loans WHERE staff_id = ${Number(person.id)} AND status = 'active'`);
  assert.ok(loan, 'the loan is stored');
  const [{ asset_tag: tag }] = await sql(world.database, `SELECT b.asset_tag FROM loans l JOIN bikes b ON b.id = l.bike_id WHERE l.id = ${loan.id}`);
  await page.goto(page.admin(`/staff/${person.id}`));
  // With the one bike their band allows out, their page says so in place of a checkout.
  await page.locator('#cannot-borrow', { hasText: 'Cannot borrow a bike now. This person already has as many bikes as their pay band allows.' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Check out a bike' }).count(), 0);
  await page.getByRole('button', { name: 'Mark as left' }).click();
  await page.locator('.app-confirm', { hasText: `They still have ${tag} out` }).getByRole('button', { name: 'Cancel' }).click();
  await page.goto(page.admin(`/loans/${loan.id}`));
  await settled(page, `Loan ${loan.id}`);
  await page.getByRole('link', { name: 'Take the bike back' }).click();
  await settled(page, `Take back the bike of loan ${loan.id}`);
  await page.getByLabel('Lock').uncheck();
  await page.getByLabel('Lights work').uncheck();
  await page.getByLabel('Odometer reading in km (optional)').fill('twelve');
  await page.getByLabel('What the borrower says (optional)').fill('The back brake rubs');
  await page.getByRole('button', { name: 'Take the bike back' }).click();
  await page.locator('.nhsuk-error-summary', { hasText: 'Choose what is wrong' }).waitFor();
  await page.locator('.nhsuk-error-summary', { hasText: 'Enter the reading in km' }).waitFor();
  const [{ start_odometer_m: startMetres }] = await sql(world.database, `SELECT start_odometer_m FROM loans WHERE id = ${loan.id}`);
  const endKm = (Number(startMetres) + 12345) / 1000;
  await page.getByLabel('Odometer reading in km (optional)').fill(String(endKm));
  await page.getByLabel('What is wrong').selectOption({ label: 'Brakes' });
  await assertAccessible(page, 'return form');
  await page.snap('return-form');
  await page.getByRole('button', { name: 'Take the bike back' }).click();
  await page.locator('.app-done', { hasText: 'what is wrong with it is reported' }).waitFor();
  const [{ end_odometer_m: endMetres }] = await sql(world.database, `SELECT end_odometer_m FROM loans WHERE id = ${loan.id}`);
  assert.equal(Number(endMetres), Number(startMetres) + 12345, 'the odometer typed in km is kept in metres');
  assert.ok(await page.evaluate(() => document.activeElement?.classList.contains('app-done')), 'the confirmation takes the focus');
  await page.locator('dd', { hasText: 'lock (not back)' }).waitFor();
  await page.snap('returned');
  for (const where of [`/staff/${person.id}`, '/loans?view=history&sort=-id']) {
    await page.goto(page.admin(where));
    const row = page.locator('table.app-table tbody tr', { hasText: `Loan ${loan.id}` });
    await row.waitFor();
    assert.match(await row.innerText(), /\block\b/, `${where} shows the lock that did not come back`);
  }
  await page.goto(page.admin(`/staff/${person.id}`));
  await page.getByRole('link', { name: 'Check out a bike' }).waitFor();
  assert.equal((await sql(world.database, `SELECT status FROM loans WHERE id = ${loan.id}`))[0].status, 'returned');
  assert.deepEqual(await sql(world.database, `SELECT kind, returned FROM loan_accessories WHERE loan_id = ${loan.id} ORDER BY kind`),
    [{ kind: 'charger', returned: 1 }, { kind: 'helmet', returned: 1 }, { kind: 'lights', returned: 1 }, { kind: 'lock', returned: 0 }]);
  // The unticked lights check is filed beside the brakes fault the borrower told of.
  assert.deepEqual(await sql(world.database, `SELECT category, note FROM fault_reports WHERE loan_id = ${loan.id} ORDER BY id`),
    [{ category: 'brakes', note: 'The back brake rubs' }, { category: 'lights', note: 'Returned with "Lights work" not confirmed' }]);
  await done(page);
});

test('a coordinator renews a loan only in its last week, and a refused second press does not stand under the first\'s success', async (t) => {
  const { page, loan } = await loanPageOf(t, world.people('rider')[1]);
  await page.getByRole('button', { name: 'Renew' }).click();
  await page.locator('.nhsuk-error-message', { hasText: 'can be renewed from' }).waitFor();
  assert.equal((await sql(world.database, `SELECT renewals FROM loans WHERE id = ${loan.id}`))[0].renewals, 0);

  await changeDatabase(world.database, `UPDATE loans SET due_at = unixepoch() + 3 * 86400 WHERE id = ${loan.id}`);
  await page.reload();
  await settled(page, `Loan ${loan.id}`);
  await page.getByRole('button', { name: 'Renew' }).click();
  const renewed = page.locator('.app-done', { hasText: 'Renewed: now due back' });
  await renewed.waitFor();
  assert.equal((await sql(world.database, `SELECT renewals FROM loans WHERE id = ${loan.id}`))[0].renewals, 1);
  await page.getByRole('button', { name: 'Renew' }).click();
  await page.locator('.nhsuk-error-message', { hasText: 'can be renewed from' }).waitFor();
  assert.equal(await renewed.count(), 0, 'the success of the first press is gone once the second is refused');
  await assertAccessible(page, 'a renewal refused');
  await page.snap('renewal-refused');
  await done(page);
});

test('a coordinator marks a bike lost only after saying what is known, and the audit log reads it back', async (t) => {
  const { page, bike, loan } = await loanPageOf(t, world.people('rider')[0]);
  await page.getByRole('link', { name: 'Mark lost' }).click();
  await settled(page, `Mark the bike of loan ${loan.id} lost`);
  await page.getByRole('button', { name: 'Mark the bike lost' }).click();
  await page.locator('.nhsuk-error-summary', { hasText: 'Say what is known' }).waitFor();
  assert.equal((await sql(world.database, `SELECT status FROM loans WHERE id = ${loan.id}`))[0].status, 'active');
  await assertAccessible(page, 'mark lost');
  await page.snap('confirm');
  await page.getByLabel('What is known').fill('Taken from the shed on Tuesday');
  await page.getByRole('button', { name: 'Mark the bike lost' }).click();
  await page.locator('.app-done', { hasText: 'listed as lost' }).waitFor();
  assert.deepEqual(await sql(world.database, `SELECT status, status_note FROM bikes WHERE id = ${bike.id}`),
    [{ status: 'lost', status_note: 'Taken from the shed on Tuesday' }]);
  await page.goto(page.admin(`/audit?entity=loan&entity_id=${loan.id}`));
  await settled(page, 'Audit log');
  const lostRow = page.locator('table.app-table tbody tr', { hasText: 'Loan lost' });
  await lostRow.waitFor();
  await lostRow.locator('th', { hasText: 'Status' }).waitFor();
  assert.match(await lostRow.innerText(), /Active\s+Lost/);
  // Each entry leads to the record it changed.
  assert.match(await lostRow.getByRole('link', { name: String(loan.id), exact: true }).getAttribute('href'), new RegExp(`/loans/${loan.id}$`));
  const checkout = page.locator('table.app-table tbody tr', { hasText: 'Check out' });
  await checkout.locator('td', { hasText: 'Kind: helmet' }).first().waitFor();
  // A site is named, as on every other screen, not given by its number.
  await checkout.locator('tr', { has: page.locator('th', { hasText: /^Site$/ }) }).locator('td', { hasText: world.site.name }).waitFor();
  await assertAccessible(page, 'audit log of one loan');
  await page.snap('audit');
  // The bike's own history is found by its asset tag, typed as people write it.
  const [{ asset_tag: tag }] = await sql(world.database, `SELECT asset_tag FROM bikes WHERE id = ${bike.id}`);
  await page.goto(page.admin('/audit'));
  await settled(page, 'Audit log');
  await page.getByLabel('What').selectOption('bike');
  await page.getByLabel('Asset tag or staff number').fill(tag.toLowerCase());
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.waitForURL(/record=/);
  await page.locator('table.app-table > tbody > tr', { hasText: 'Lost' }).first().waitFor();
  const bikeRows = await page.locator('table.app-table > tbody > tr').all();
  assert.ok(bikeRows.length > 0);
  for (const row of bikeRows) assert.match(await row.innerText(), new RegExp(`Bike\\s+${tag}`));
  await done(page);
});

test('a coordinator adds a site and a member of staff by hand, and puts them on the waiting list once inducted', async (t) => {
  const page = await coordinatorPage(t);
  await page.goto(page.admin('/fleet'));
  await settled(page, 'Fleet');
  await page.getByRole('link', { name: 'Sites' }).click();
  await settled(page, 'Sites');
  await page.getByLabel('Code').fill('c');
  await page.getByRole('button', { name: 'Add the site' }).click();
  await page.locator('.nhsuk-error-summary', { hasText: 'Enter the name of the site' }).waitFor();
  await page.getByLabel('Code').fill('bas');
  await page.getByLabel('Name').fill('A second Basildon');
  await page.getByRole('button', { name: 'Add the site' }).click();
  await page.locator('.nhsuk-error-message', { hasText: 'already uses the code BAS' }).waitFor();
  await page.getByLabel('Code').fill('col');
  await page.getByLabel('Name').fill('Colchester Hospital');
  await page.getByRole('button', { name: 'Add the site' }).click();
  await page.locator('.app-done', { hasText: 'Colchester Hospital (COL) is added' }).waitFor();
  await page.getByRole('cell', { name: 'Colchester Hospital', exact: true }).waitFor();
  await assertAccessible(page, 'sites');
  await page.snap('sites');
  await page.getByRole('link', { name: 'Change Colchester Hospital' }).click();
  await settled(page, 'Change Colchester Hospital');
  await page.getByLabel('Code').fill('bas');
  await page.getByRole('button', { name: 'Save the changes' }).click();
  await page.locator('.nhsuk-error-message', { hasText: 'already uses the code BAS' }).waitFor();
  await page.getByLabel('Code').fill('cgh');
  await page.getByLabel('Address').fill('Turner Road, Colchester');
  await assertAccessible(page, 'change a site');
  await page.getByRole('button', { name: 'Save the changes' }).click();
  await settled(page, 'Sites');
  await page.locator('.app-done', { hasText: 'The changes to Colchester Hospital are saved' }).waitFor();
  assert.deepEqual(await sql(world.database, "SELECT code, address FROM sites WHERE name = 'Colchester Hospital'"), [{ code: 'CGH', address: 'Turner Road, Colchester' }]);

  await page.goto(page.admin('/staff/new'));
  await settled(page, 'Add a member of staff');
  await page.getByLabel('Staff number').fill('N9001');
  await page.getByLabel('Full name').fill('Nia Okafor');
  await page.getByLabel('Pay band').selectOption('2');
  await page.getByLabel('Home site').selectOption({ label: 'Colchester Hospital' });
  await page.getByLabel('How they travelled to work before').selectOption({ label: 'Car, diesel' });
  await page.getByLabel('One-way commute (km)').fill('9.5');
  await page.getByLabel('People in the car').fill('2');
  await assertAccessible(page, 'add a member of staff');
  await page.snap('new-person');
  await page.getByRole('button', { name: 'Add the member of staff' }).click();
  await page.locator('.app-done', { hasText: 'Nia Okafor is added' }).waitFor();
  await page.locator('dd', { hasText: 'Car, diesel, 9.5 km' }).waitFor();
  const [stored] = await sql(world.database, "SELECT id, pay_band, commute_mode, commute_car_occupancy FROM staff WHERE staff_number = 'N9001'");
  assert.deepEqual({ ...stored, id: undefined }, { id: undefined, pay_band: '2', commute_mode: 'car_diesel', commute_car_occupancy: 2 });

  await page.getByRole('button', { name: 'Add to the waiting list' }).click();
  await page.locator('.nhsuk-error-summary', { hasText: 'induction' }).waitFor();
  const coordinator = await apiSession(world, people.coordinator.username, people.coordinator.password);
  assert.equal((await coordinator.patch(`/staff/${stored.id}`, { induction_date: '2025-01-01' })).status, 200);
  await page.getByRole('button', { name: 'Add to the waiting list' }).click();
  await page.locator('li', { hasText: 'Colchester Hospital: position 1' }).waitFor();
  assert.deepEqual(await sql(world.database, `SELECT status FROM waitlist_entries WHERE staff_id = ${stored.id}`), [{ status: 'waiting' }]);
  await assertAccessible(page, 'a person on the waiting list');
  await page.snap('waiting');
  await page.getByRole('button', { name: 'Remove from this waiting list at Colchester Hospital' }).click();
  const question = page.locator('.app-confirm', { hasText: 'Remove Nia Okafor from the waiting list at Colchester Hospital?' });
  await question.waitFor();
  await page.waitForFunction(() => document.activeElement.className === 'app-confirm');
  await assertAccessible(page, 'the question before removing someone from a waiting list');
  await page.snap('remove-question');
  await question.getByRole('button', { name: 'Cancel' }).click();
  await page.waitForFunction(() => document.activeElement.getAttribute('aria-label') === 'Remove from this waiting list at Colchester Hospital');
  assert.deepEqual(await sql(world.database, `SELECT status FROM waitlist_entries WHERE staff_id = ${stored.id}`), [{ status: 'waiting' }]);
  await page.getByRole('button', { name: 'Remove from this waiting list at Colchester Hospital' }).click();
  await question.getByRole('button', { name: 'Yes, remove them' }).click();
  await page.locator('.app-done:focus', { hasText: 'Nia Okafor is off the waiting list at Colchester Hospital' }).waitFor();
  await page.locator('p', { hasText: 'Not on any waiting list.' }).waitFor();
  assert.deepEqual(await sql(world.database, `SELECT status FROM waitlist_entries WHERE staff_id = ${stored.id}`), [{ status: 'left' }]);

  // Someone who leaves the scheme leaves the waiting lists too.
  await page.getByRole('button', { name: 'Add to the waiting list' }).click();
  await page.locator('.app-done:focus', { hasText: 'Nia Okafor is on the waiting list at Colchester Hospital' }).waitFor();
  await page.getByRole('button', { name: 'Mark as left' }).click();
  await page.locator('.app-confirm', { hasText: 'Mark Nia Okafor as having left?' }).getByRole('button', { name: 'Yes, they have left' }).click();
  await page.locator('.app-done:focus', { hasText: 'Nia Okafor is marked as having left' }).waitFor();
  await page.getByRole('button', { name: 'Mark as active again' }).waitFor();
  assert.deepEqual(await sql(world.database, `SELECT status FROM waitlist_entries WHERE staff_id = ${stored.id} ORDER BY id`), [{ status: 'left' }, { status: 'left' }]);
  await page.getByRole('button', { name: 'Mark as active again' }).click();
  await page.locator('.app-done:focus', { hasText: 'Nia Okafor is active again' }).waitFor();

  await page.getByRole('link', { name: 'Change details' }).click();
  await settled(page, "Change Nia Okafor's details");
  assert.equal(await page.getByLabel('One-way commute (km)').inputValue(), '9.5');
  await page.getByLabel('Department').fill('Estates');
  await page.getByLabel('How they travelled to work before').selectOption('');
  // A colleague changes another field meanwhile: saving this form keeps their change.
  assert.equal((await coordinator.patch(`/staff/${stored.id}`, { email: 'nia.okafor@example.nhs.uk' })).status, 200);
  await page.getByRole('button', { name: 'Save the changes' }).click();
  await page.locator('.app-done', { hasText: "Nia Okafor's details are saved" }).waitFor();
  assert.deepEqual(await sql(world.database, `SELECT department, commute_mode, email FROM staff WHERE id = ${stored.id}`),
    [{ department: 'Estates', commute_mode: null, email: 'nia.okafor@example.nhs.uk' }]);

  // The audit log tells the place given up from the place taken away on leaving, in words.
  const [givenUp, takenAway] = await sql(world.database, `SELECT id FROM waitlist_entries WHERE staff_id = ${stored.id} ORDER BY id`);
  for (const [entry, action] of [[givenUp, 'Waitlist left'], [takenAway, 'Waitlist left on leaving scheme']]) {
    await page.goto(page.admin(`/audit?entity=waitlist_entry&entity_id=${entry.id}`));
    await settled(page, 'Audit log');
    const row = page.locator('table.app-table tbody tr', { has: page.locator('td', { hasText: new RegExp(`^${action}$`) }) });
    await row.waitFor();
    assert.match(await row.innerText(), /Waiting\s+Left the list/);
  }
  await assertAccessible(page, 'audit log of a waiting-list place');
  await done(page);
});

test('a coordinator sets a rider\'s privacy zone at their request, moves it and removes it, and the audit log keeps no point', async (t) => {
  const [person] = await sql(world.database, 'SELECT id, name FROM staff WHERE active = 1 AND id NOT IN (SELECT staff_id FROM staff_privacy_zones) ORDER BY id LIMIT 1');
  const zoneOf = () => sql(world.database, `SELECT lat_udeg, lon_udeg, radius_m FROM staff_privacy_zones WHERE staff_id = ${person.id}`);
  const page = await coordinatorPage(t);
  await page.goto(page.admin(`/staff/${person.id}`));
  await settled(page, person.name);
  await page.locator('p', { hasText: 'No privacy zone set' }).waitFor();

  await page.getByLabel('Latitude').fill('95');
  await page.getByLabel('Longitude').fill('0.4563');
  await page.getByLabel('Radius in metres').fill('300');
  await page.getByRole('button', { name: 'Set a privacy zone' }).click();
  const summary = page.locator('.nhsuk-error-summary');
  await summary.locator('a', { hasText: 'Enter a latitude from -90 to 90' }).waitFor();
  await summary.locator('a', { hasText: 'Enter a whole number of metres from 400 to 1600' }).waitFor();
  assert.deepEqual(await zoneOf(), []);
  // The server's own refusal is shown beside the field it names.
  await page.getByLabel('Latitude').fill('0');
  await page.getByLabel('Longitude').fill('0');
  await page.getByLabel('Radius in metres').fill('800');
  await page.getByRole('button', { name: 'Set a privacy zone' }).click();
  await page.locator('.nhsuk-error-message', { hasText: 'not a home' }).waitFor();
  assert.deepEqual(await zoneOf(), []);

  await page.getByLabel('Latitude').fill('51.5688');
  await page.getByLabel('Longitude').fill('0.4563');
  await page.getByLabel('Radius in metres').fill('1000');
  await page.getByRole('button', { name: 'Set a privacy zone' }).click();
  await page.locator('.app-done:focus', { hasText: `${person.name}'s privacy zone is set` }).waitFor();
  await page.locator('p', { hasText: 'within 1000 m of their home point are hidden' }).waitFor();
  assert.deepEqual(await zoneOf(), [{ lat_udeg: 51568800, lon_udeg: 456300, radius_m: 1000 }]);
  await assertAccessible(page, 'a person with a privacy zone');
  await page.snap('privacy-zone');

  assert.equal(await page.getByLabel('Latitude').inputValue(), '51.5688');
  await page.getByLabel('Radius in metres').fill('1200');
  await page.getByRole('button', { name: 'Change the privacy zone' }).click();
  await page.locator('.app-done:focus', { hasText: `${person.name}'s privacy zone is changed` }).waitFor();
  assert.deepEqual(await zoneOf(), [{ lat_udeg: 51568800, lon_udeg: 456300, radius_m: 1200 }]);

  await page.getByRole('button', { name: 'Remove the privacy zone' }).click();
  await page.locator('.app-confirm', { hasText: `Remove ${person.name}'s privacy zone?` }).getByRole('button', { name: 'Yes, remove it' }).click();
  await page.locator('.app-done:focus', { hasText: `${person.name}'s privacy zone is removed` }).waitFor();
  await page.locator('p', { hasText: 'No privacy zone set' }).waitFor();
  assert.deepEqual(await zoneOf(), []);

  const audited = await sql(world.database, `SELECT before, after FROM audit_log WHERE action = 'staff.privacy_zone' AND entity_id = '${person.id}' ORDER BY id`);
  assert.equal(audited.length, 3);
  assert.ok(audited.every((row) => !`${row.before}${row.after}`.includes('51.5688') && !`${row.before}${row.after}`.includes('51568800')), JSON.stringify(audited));
  await done(page);
});

test('a coordinator adds a kiosk whose name the form checks first, and its token, shown once, works', async (t) => {
  const page = await coordinatorPage(t);
  await page.goto(page.admin('/devices'));
  await settled(page, 'Devices and trackers');
  await page.getByLabel('Name', { exact: true }).fill('Colchester bike store kiosk');
  await page.getByLabel('Site', { exact: true }).selectOption(String(world.site.id));
  await page.getByRole('button', { name: 'Add the device' }).click();
  await page.locator('.nhsuk-error-summary', { hasText: 'without spaces' }).waitFor();
  assert.deepEqual(await sql(world.database, "SELECT id FROM devices WHERE name LIKE 'Colchester%'"), []);
  await page.getByLabel('Name', { exact: true }).fill('kiosk-colchester');
  await page.getByRole('button', { name: 'Add the device' }).click();
  const token = await page.locator('.app-token').innerText();
  await page.locator('table.app-table tbody tr', { hasText: 'kiosk-colchester' }).waitFor();
  assert.equal((await asDevice(world, token, 'GET', '/choices')).status, 200);
  await assertAccessible(page, 'devices');
  await page.snap('kiosk-added');
  await done(page);
});

test('a list opened at an address edited by hand sends the API only what that list takes', async (t) => {
  const page = await coordinatorPage(t);
  const asked = [];
  page.on('request', (request) => { if (request.url().includes('/api/v1/outbox?')) asked.push(new URL(request.url()).searchParams); });
  // The outbox has no search and no site filter: its address's q and site_id are not its own.
  await page.goto(page.admin('/outbox?q=brakes&site_id=1&sort=-created_at&status=sent'));
  await settled(page, 'Outbox');
  await page.locator('.app-count', { hasText: /Showing|No / }).waitFor();
  assert.equal(await page.locator('.nhsuk-error-summary').count(), 0);
  assert.ok(asked.length > 0);
  for (const params of asked) {
    assert.equal(params.get('q'), null);
    assert.equal(params.get('site_id'), null);
    assert.equal(params.get('sort'), '-created_at');
    assert.equal(params.get('status'), 'sent');
  }
  await done(page);
});

test('a coordinator looks into a kiosk exception and resolves it', async (t) => {
  const token = (await readFile(world.tokenFile, 'utf8')).trim();
  const person = world.people('high_band')[0];
  const reported = await asDevice(world, token, 'POST', '/kiosk/exceptions', {
    idempotency_key: `offline-${Date.now()}`, kind: 'checkout', bike_tag: 'PP-0001', staff_id: person.id,
    recorded_at: Math.floor(Date.now() / 1000) - 3600,
    payload: { bike_id: 1, accessories: ['helmet'] },
    // As a kiosk passes the server's refusal on: its whole answer.
    refusal: { error: { code: 'bike_unavailable', message: 'This bike has just been lent to someone else.', field: 'bike_id' } },
  });
  assert.equal(reported.status, 201, JSON.stringify(reported.body));
  const page = await coordinatorPage(t);
  await page.goto(page.admin('/exceptions'));
  await settled(page, 'Kiosk exceptions');
  await page.locator('td', { hasText: 'This bike has just been lent to someone else.' }).waitFor();
  await assertAccessible(page, 'open exceptions');
  await page.snap('open');
  const id = reported.body.id;
  await page.getByLabel('What was done').first().fill('Phoned the rider; lent another bike');
  await page.getByRole('button', { name: `Resolve exception ${id}` }).click();
  await page.locator('.app-done', { hasText: `Exception ${id} is resolved` }).waitFor();
  await page.snap('resolved');
  assert.equal((await sql(world.database, `SELECT status FROM kiosk_exceptions WHERE id = ${id}`))[0].status, 'resolved');
  // A record's address with a word for its number is no record: not found, never a page stuck loading.
  for (const where of ['/loans/overdue', '/staff/someone', '/fleet/0']) {
    await page.goto(page.admin(where));
    await settled(page, 'Page not found');
  }
  await done(page);
});

test('when the session expires mid-form the person signs in again and finds the form as they left it', async (t) => {
  const page = await coordinatorPage(t);
  await page.goto(page.admin('/fleet/new'));
  await settled(page, 'Add a bike');
  await page.getByLabel('Asset tag').fill('PP-9902');
  await page.getByLabel('Frame number').fill('WBK-TEST-0002');
  await page.getByLabel('Make').fill('Trek');
  await page.getByLabel('Model').fill('Allant+ 7');
  await page.getByLabel('Site').selectOption({ index: 1 });
  // The session ends on the server, as when it times out.
  const cookie = (await page.context().cookies()).find((c) => c.httpOnly);
  const me = await (await fetch(`http://127.0.0.1:${world.backendPort}/api/v1/auth/me`, { headers: { Cookie: `${cookie.name}=${cookie.value}` } })).json();
  const ended = await fetch(`http://127.0.0.1:${world.backendPort}/api/v1/auth/logout`, {
    method: 'POST', headers: { Cookie: `${cookie.name}=${cookie.value}`, 'X-CSRF-Token': me.csrf_token, 'Idempotency-Key': 'end-it' },
  });
  assert.equal(ended.status, 204);
  await page.getByRole('button', { name: 'Add the bike' }).click();
  await settled(page, 'Sign in');
  await page.locator('.nhsuk-warning-callout', { hasText: 'Your session has ended' }).waitFor();
  await assertAccessible(page, 'sign in after expiry');
  await page.snap('signed-out');
  await page.getByLabel('Username').fill(people.coordinator.username);
  await page.getByLabel('Password', { exact: true }).fill(people.coordinator.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await settled(page, 'Add a bike');
  assert.equal(await page.getByLabel('Asset tag').inputValue(), 'PP-9902');
  assert.equal(await page.getByLabel('Model').inputValue(), 'Allant+ 7');
  await page.snap('restored');
  await page.getByRole('button', { name: 'Add the bike' }).click();
  await settled(page, 'Bike PP-9902');
  await done(page);
});

test('on a tablet held upright every list shows all its columns, long email addresses and all', async (t) => {
  const coordinator = await apiSession(world, people.coordinator.username, people.coordinator.password);
  const made = await coordinator.post('/users', {
    username: 'upright-reader', display_name: 'Alexandria Featherstonehaugh-Whitworth', role: 'reporter',
    email: 'alexandria.featherstonehaugh-whitworth@mid-and-south-essex.nhs.uk', password: 'portrait orientation',
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const page = await coordinatorPage(t, { width: 768, height: 1024 });
  for (const [where, heading] of [['/users', 'Users'], ['/audit', 'Audit log'], ['/outbox', 'Outbox'], ['/staff', 'Staff'], ['/fleet', 'Fleet'], ['/loans', 'Loans'], ['/workshop', 'Workshop queue']]) {
    await page.goto(page.admin(where));
    await settled(page, heading);
    await page.locator('table.app-table').first().waitFor();
    const hidden = await page.evaluate(() => [...document.querySelectorAll('.app-table-wrap')].map((wrap) => wrap.scrollWidth - wrap.clientWidth));
    assert.ok(hidden.every((pixels) => pixels <= 0), `${where} hides ${hidden.join(', ')} px of its table to the right`);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 768, `${where} scrolls the page sideways`);
  }
  await page.goto(page.admin('/users'));
  await settled(page, 'Users');
  await page.snap('users-upright');
  await done(page);
});

test('the fleet list works by keyboard alone on a tablet', async (t) => {
  const page = await coordinatorPage(t, tablet);
  await page.goto(page.admin('/fleet'));
  await settled(page, 'Fleet');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Skip to main content');
  await page.locator('th[aria-sort] button', { hasText: 'Odometer' }).focus();
  await page.keyboard.press('Enter');
  await page.locator('th[aria-sort="ascending"]', { hasText: 'Odometer' }).waitFor();
  assert.match(page.url(), /sort=odometer_m/);
  await page.keyboard.press('Enter');
  await page.locator('th[aria-sort="descending"]', { hasText: 'Odometer' }).waitFor();
  await page.getByLabel('Search by asset tag, frame or battery serial').focus();
  await page.keyboard.type('PP-99');
  await page.keyboard.press('Enter');
  await page.waitForURL(/q=PP-99/);
  await page.locator('.app-count', { hasText: /of 2$/ }).waitFor();
  await assertAccessible(page, 'fleet on a tablet');
  await page.snap('tablet-search');
  await done(page);
});

test('a technician\'s day: a safety fault from the kiosk is diagnosed, repaired, signed off and the bike lent again', async (t) => {
  const coordinator = await apiSession(world, people.coordinator.username, people.coordinator.password);
  // A technician of the kiosk's site whose mailbox refuses mail, so the fault's email fails for the outbox test.
  const technician = { username: 'day-technician', password: 'a long day in the workshop' };
  const made = await coordinator.post('/users', {
    ...technician, display_name: 'Dana Wrench', role: 'technician', email: 'refuse.dana@example.nhs.uk', site_id: world.site.id,
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const [bike] = await sql(world.database, `SELECT id, asset_tag FROM bikes WHERE site_id = ${Number(world.site.id)} AND status = 'available' ORDER BY id DESC LIMIT 1`);
  const token = (await readFile(world.tokenFile, 'utf8')).trim();
  const fault = await asDevice(world, token, 'POST', `/bikes/${bike.id}/faults`, { category: 'brakes', note: 'Rear brake lever pulls to the bar' });
  assert.equal(fault.status, 201, JSON.stringify(fault.body));
  const job = fault.body.work_order_id;
  assert.equal((await sql(world.database, `SELECT status FROM bikes WHERE id = ${bike.id}`))[0].status, 'maintenance');

  const page = await adminPage(browser, world, t.name);
  await signIn(page, technician.username, technician.password);
  await settled(page, 'Workshop queue');
  // A technician of one site starts at that site's queue, the filter already set and changeable.
  await page.waitForURL(new RegExp(`/workshop\\?site_id=${world.site.id}$`));
  assert.equal(await page.getByLabel('Site').inputValue(), String(world.site.id));
  const row = page.locator('table.app-table tbody tr', { has: page.locator(`a[href$="/workshop/orders/${job}"]`) });
  await row.waitFor();
  assert.match(await row.innerText(), /Safety job/);
  assert.match(await row.innerText(), new RegExp(bike.asset_tag));
  await assertAccessible(page, 'technician queue at one site');
  await page.snap('queue');
  // The other list kept by site, the services due, opens at that site too; so does the way back.
  const screens = page.getByRole('navigation', { name: 'Screens' });
  await screens.getByRole('link', { name: 'Servicing' }).click();
  await settled(page, 'Servicing due');
  await page.waitForURL(new RegExp(`/servicing\\?site_id=${world.site.id}$`));
  assert.equal(await page.getByLabel('Site').inputValue(), String(world.site.id));
  await screens.getByRole('link', { name: 'Workshop' }).click();
  await settled(page, 'Workshop queue');
  await page.waitForURL(new RegExp(`/workshop\\?site_id=${world.site.id}$`));

  await row.getByRole('link', { name: new RegExp(`Work order ${job}`) }).click();
  await settled(page, `Work order ${job}`);
  await page.locator('.nhsuk-warning-callout', { hasText: 'Safety job' }).waitFor();
  await page.getByLabel('New status').selectOption('in_progress');
  await page.getByRole('button', { name: 'Change status' }).click();
  await page.locator('.app-done', { hasText: 'in progress' }).waitFor();
  await page.locator('dl .nhsuk-tag', { hasText: 'In progress' }).waitFor();
  await page.getByLabel('Diagnosis and notes').fill('Rear pads worn to the backing plate; cable stretched.');
  await page.getByRole('button', { name: 'Save the diagnosis' }).click();
  await page.locator('.app-done', { hasText: 'Diagnosis saved' }).waitFor();
  await page.getByLabel('Minutes worked').fill('abc');
  await page.getByRole('button', { name: 'Add labour' }).click();
  await page.locator('.nhsuk-error-summary', { hasText: 'whole number' }).waitFor();
  for (const _mistake of [1, 2]) {
    await page.getByLabel('Minutes worked').fill('350');
    await page.getByRole('button', { name: 'Add labour' }).click();
    await page.getByRole('button', { name: 'Remove 350 minutes of labour' }).click();
    await page.locator('.app-done:focus', { hasText: 'of labour by day-technician removed' }).waitFor();
  }
  await page.getByLabel('Minutes worked').fill('35');
  await page.getByRole('button', { name: 'Add labour' }).click();
  await page.locator('caption', { hasText: 'Labour: 35 min in all' }).waitFor();
  await page.getByLabel('Part', { exact: true }).fill('Brake pads, rear');
  await page.getByLabel('Part number').fill('BP-220');
  await page.getByLabel('Cost of one (£)').fill('8.50');
  await page.getByRole('button', { name: 'Add the part' }).click();
  await page.locator('caption', { hasText: 'Parts: £8.50 in all' }).waitFor();
  await page.getByLabel('New status').selectOption('ready_for_check');
  await page.getByRole('button', { name: 'Change status' }).click();
  await page.locator('.app-done', { hasText: 'ready for check' }).waitFor();
  await assertAccessible(page, 'work order ready for check');
  await page.snap('ready-for-check');
  assert.equal((await sql(world.database, `SELECT status FROM bikes WHERE id = ${bike.id}`))[0].status, 'maintenance', 'not lendable before the sign-off');

  // The sign-off by keyboard alone.
  await page.getByLabel('What was checked').focus();
  await page.keyboard.type('Brakes bled and tested; test ride');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Sign off the safety check');
  await page.keyboard.press('Enter');
  await page.locator('.app-done', { hasText: 'Safety check signed off' }).waitFor();
  await page.locator('.nhsuk-tag', { hasText: 'Closed (fixed)' }).first().waitFor();
  await assertAccessible(page, 'work order signed off');
  await page.snap('signed-off');
  const [stored] = await sql(world.database, `SELECT status, signed_off_by, notes FROM work_orders WHERE id = ${job}`);
  assert.equal(stored.status, 'closed');
  assert.match(stored.signed_off_by, /day-technician/);
  assert.match(stored.notes, /pads worn/);
  assert.deepEqual(await sql(world.database, `SELECT minutes FROM work_order_labour WHERE work_order_id = ${job}`), [{ minutes: 35 }]);
  assert.deepEqual(await sql(world.database, `SELECT part_number, unit_cost_pence FROM work_order_parts WHERE work_order_id = ${job}`), [{ part_number: 'BP-220', unit_cost_pence: 850 }]);

  // The bike is lendable again: the bike page says so, with the job and the safety check in its history.
  await page.getByRole('link', { name: bike.asset_tag }).first().click();
  await settled(page, `Bike ${bike.asset_tag}`);
  await page.locator('dl .nhsuk-tag', { hasText: 'Available' }).waitFor();
  await page.getByRole('table', { name: 'Faults and work orders on this bike' }).getByRole('row', { name: new RegExp(`Work order ${job}\\b.*Closed`) }).waitFor();
  await page.getByRole('table', { name: 'Services done on this bike' }).getByRole('cell', { name: 'Safety check' }).first().waitFor();
  await assertAccessible(page, 'bike with its workshop history');
  await page.snap('bike-lendable');
  const lendable = await coordinator.get(`/bikes?status=available&q=${encodeURIComponent(bike.asset_tag)}`);
  assert.deepEqual(lendable.body.data.map((b) => b.id), [bike.id]);
  await done(page);
});

test('a job closed with only a note shows that note where its diagnosis would be', async (t) => {
  const coordinator = await apiSession(world, people.coordinator.username, people.coordinator.password);
  const [bike] = await sql(world.database, "SELECT id FROM bikes WHERE status = 'available' ORDER BY id LIMIT 1");
  const opened = await coordinator.post('/work-orders', { bike_id: bike.id, category: 'other', description: 'Bell missing' });
  assert.equal(opened.status, 201, JSON.stringify(opened.body));
  const page = await coordinatorPage(t);
  await page.goto(page.admin(`/workshop/orders/${opened.body.id}`));
  await settled(page, `Work order ${opened.body.id}`);
  await page.getByLabel('New status').selectOption('closed');
  await page.getByLabel('Note', { exact: true }).fill('New bell fitted');
  await page.getByRole('button', { name: 'Change status' }).click();
  await page.locator('.app-done', { hasText: 'closed' }).waitFor();
  await page.locator('p', { hasText: 'No diagnosis was saved. Closing note: New bell fitted' }).waitFor();
  await done(page);
});

test('a coordinator reads the outbox, opens a failed message and sends it again', async (t) => {
  const [failed] = await waitFor(async () => {
    const rows = await sql(world.database, "SELECT id FROM outbox WHERE status = 'failed' AND recipient = 'refuse.dana@example.nhs.uk'");
    return rows.length ? rows : undefined;
  }, { what: 'the refused safety-fault email to fail', timeoutMs: 30000 });
  const page = await coordinatorPage(t);
  await page.goto(page.admin('/outbox'));
  await settled(page, 'Outbox');
  await page.getByLabel('Status').selectOption('failed');
  await page.getByLabel('Kind').selectOption('safety_fault');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.waitForURL(/status=failed/);
  assert.match(page.url(), /kind=safety_fault/);
  const row = page.locator('table.app-table tbody tr', { hasText: 'refuse.dana@example.nhs.uk' });
  await row.waitFor();
  assert.match(await row.innerText(), /Failed/);
  assert.match(await row.innerText(), /550/);
  await assertAccessible(page, 'failed messages');
  await page.snap('failed');
  await row.getByRole('link', { name: `Message ${failed.id}`, exact: true }).click();
  await settled(page, `Message ${failed.id}`);
  await page.locator('pre.app-message', { hasText: 'Rear brake lever pulls to the bar' }).waitFor();
  await assertAccessible(page, 'a failed message');
  await page.snap('message');
  await page.getByRole('button', { name: 'Send it again' }).click();
  await page.locator('.app-done', { hasText: 'sent again' }).waitFor();
  await page.snap('resent');
  const audit = await sql(world.database, `SELECT actor FROM audit_log WHERE entity = 'outbox' AND entity_id = '${failed.id}' AND action = 'resend'`);
  assert.equal(audit.length, 1);
  await done(page);
});

test('a coordinator turns a person\'s email reminders off and sees the loans list name each borrower and policy version', async (t) => {
  const person = await firstStaffId();
  const page = await coordinatorPage(t);
  await page.goto(page.admin(`/staff/${person}`));
  await settled(page, '');
  await page.getByRole('button', { name: 'Turn reminders off' }).click();
  await page.locator('.app-done', { hasText: 'Reminders are off' }).waitFor();
  assert.equal((await sql(world.database, `SELECT email_reminders FROM staff WHERE id = ${person}`))[0].email_reminders, 0);
  await page.getByRole('button', { name: 'Turn reminders on' }).click();
  await page.locator('.app-done', { hasText: 'Reminders are on again' }).waitFor();
  await page.snap('reminders');
  await page.goto(page.admin('/loans?view=active'));
  await settled(page, 'Loans');
  const [loan] = await sql(world.database, "SELECT l.id, s.name, s.staff_number, l.policy_version_id FROM loans l JOIN staff s ON s.id = l.staff_id WHERE l.status = 'active' ORDER BY l.due_at, l.id LIMIT 1");
  const row = page.locator('table.app-table tbody tr', { has: page.locator(`a[href$="/loans/${loan.id}"]`) });
  await row.waitFor();
  assert.match(await row.innerText(), new RegExp(`${loan.name} \\(${loan.staff_number}\\).*Version ${loan.policy_version_id}`, 's'));
  await page.snap('loans');
  await done(page);
});

test('a coordinator reads the fleet figures, changes the period and site by keyboard, and sees the figures the API gives', async (t) => {
  const coordinator = await apiSession(world, people.coordinator.username, people.coordinator.password);
  const percent = (share) => `${new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }).format(share * 100)}%`;
  const page = await coordinatorPage(t);
  await page.getByRole('link', { name: 'Reports', exact: true }).click();
  await settled(page, 'Reports');
  await page.getByRole('link', { name: 'Fleet figures' }).click();
  await settled(page, 'Fleet figures');
  assert.equal(await page.locator('.app-nav__link[aria-current="page"]').innerText(), 'Reports');
  const from = await page.getByLabel('From').inputValue();
  const to = await page.getByLabel('To').inputValue();
  const whole = await coordinator.get(`/maintenance/figures?from=${from}&to=${to}`);
  assert.equal(whole.status, 200, JSON.stringify(whole.body));
  assert.ok(whole.body.total.bikes > 0, 'the demo fleet has bikes');
  const summary = page.locator('.nhsuk-summary-list__row', { hasText: 'Lendable share' });
  assert.match(await summary.innerText(), new RegExp(`${percent(whole.body.total.lendable_share).replace('.', '\\.')} \\(${whole.body.total.lendable_days.toLocaleString('en-GB')} of ${whole.body.total.bike_days.toLocaleString('en-GB')} bike-days\\)`));
  const bikeRows = page.locator('#figures-by-bike tbody tr');
  assert.equal(await bikeRows.count(), whole.body.by_bike.length);
  assert.equal(await page.locator('#figures-by-group tbody tr').count(), whole.body.by_site_and_model.length);
  const chart = page.locator('figure:has(#lendable-chart-title)');
  assert.ok(await chart.locator('svg[role="img"]').count(), 'the lendable share has a picture');
  const daysWithBikes = whole.body.by_day.filter((one) => one.bikes > 0);
  assert.equal(await chart.locator('table tbody tr').count(), daysWithBikes.length, 'a bar and a row a day for a month');
  const lastDay = daysWithBikes[daysWithBikes.length - 1];
  assert.equal(await chart.locator('table tbody tr td').last().innerText(), percent(lastDay.lendable / lastDay.bikes));
  await assertAccessible(page, 'fleet figures');
  await page.snap('fleet-figures');
  await page.screenshot({ path: path.join(outputRoot, 'admin-fleet-figures-1366x768.png') });

  // A longer period at one site, chosen by keyboard alone.
  const [site] = await sql(world.database, 'SELECT id, name FROM sites WHERE id IN (SELECT site_id FROM bikes) ORDER BY id DESC LIMIT 1');
  const earlier = new Date(Date.parse(`${to}T00:00:00Z`) - 89 * 86400 * 1000).toISOString().slice(0, 10);
  // (How a date is typed follows the browser's own locale, so the date is filled in; the rest is keys.)
  await page.getByLabel('From').fill(earlier);
  // Tab steps through the day, month and year of each date before it reaches the site.
  for (let presses = 0; presses < 8 && (await page.evaluate(() => document.activeElement.id)) !== 'figures-site'; presses += 1) await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'figures-site');
  await page.getByLabel('Site', { exact: true }).selectOption(String(site.id));
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForURL(new RegExp(`site_id=${site.id}`));
  assert.match(page.url(), new RegExp(`from=${earlier}`));
  const atSite = await coordinator.get(`/maintenance/figures?from=${earlier}&to=${to}&site_id=${site.id}`);
  assert.equal(atSite.status, 200, JSON.stringify(atSite.body));
  assert.ok(atSite.body.by_bike.length < whole.body.by_bike.length, 'one site has fewer bikes than the fleet');
  await page.locator('.app-count', { hasText: site.name }).waitFor();
  await settled(page, 'Fleet figures');
  assert.equal(await bikeRows.count(), atSite.body.by_bike.length);
  for (const row of await page.locator('#figures-by-group tbody tr th').allInnerTexts()) assert.equal(row, site.name);
  const first = atSite.body.by_bike[0];
  const km = `${new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }).format(first.km)} km`;
  assert.match(await bikeRows.filter({ hasText: first.asset_tag }).innerText(), new RegExp(`${km.replace('.', '\\.')}`));
  assert.match(await chart.locator('h3').innerText(), /by week/);
  await assertAccessible(page, 'fleet figures at one site');
  await page.snap('fleet-figures-site');
  await done(page);
});
