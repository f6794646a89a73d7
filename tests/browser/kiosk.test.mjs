// The touch kiosk's flows in Debian's Chromium, against a real backend and a real kiosk agent.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { kioskPage, landscape, launchBrowser, makeWorld, portrait, sql, waitFor } from './harness.mjs';
import { borrowFirstBike, signIn, typeOnKeypad } from './kiosk_steps.mjs';

let world;
let browser;
const lent = {};

before(async () => {
  world = await makeWorld();
  await world.startBackend();
  await world.startKiosk();
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close();
  if (world) await world.close();
});

async function activeLoans(staffId) {
  return sql(world.database, `SELECT l.id, b.asset_tag, l.due_at - l.checked_out_at AS seconds, l.terms_version
                              FROM loans l JOIN bikes b ON b.id = l.bike_id
                              WHERE l.staff_id = ${Number(staffId)} AND l.status = 'active'`);
}

test('a low-band person borrows a bike and is shown the longer loan', async (t) => {
  const person = world.people('low_band')[0];
  const page = await kioskPage(browser, world, t.name, portrait);
  await page.snap('start');
  await signIn(page, person);
  await page.locator('#screen-offer').waitFor();
  assert.match(await page.locator('#offer-allowance').innerText(), /Loan length: 90 days/);
  lent.low = await borrowFirstBike(page);
  assert.match(await page.locator('#done-title').innerText(), new RegExp(`${lent.low} is yours`));
  assert.match(await page.locator('#done-detail').innerText(), /bring it back by/);
  const loans = await activeLoans(person.id);
  assert.equal(loans.length, 1);
  assert.equal(loans[0].asset_tag, lent.low);
  assert.equal(loans[0].seconds, 90 * 86400);
  assert.ok(loans[0].terms_version);
  assert.deepEqual(page.blockedRequests, []);
  await page.context().close();
});

test('a high-band person borrows a bike and is shown the shorter loan', async (t) => {
  const person = world.people('high_band')[0];
  const page = await kioskPage(browser, world, t.name, landscape);
  await signIn(page, person);
  await page.locator('#screen-offer').waitFor();
  assert.match(await page.locator('#offer-allowance').innerText(), /Loan length: 28 days/);
  lent.high = await borrowFirstBike(page);
  const loans = await activeLoans(person.id);
  assert.equal(loans.length, 1);
  assert.equal(loans[0].seconds, 28 * 86400);
  await page.context().close();
});

test('a person without the safety induction is refused, with the reason in plain words', async (t) => {
  const person = world.people('not_inducted')[0];
  const page = await kioskPage(browser, world, t.name);
  await signIn(page, person);
  await page.locator('#offer-refusal').waitFor();
  await page.snap('refusal');
  assert.match(await page.locator('#offer-refusal').innerText(), /induction/i);
  assert.equal(await page.locator('#offer-bikes button').count(), 0);
  assert.deepEqual(await activeLoans(person.id), []);
  await page.context().close();
});

test('a return with a safety fault makes the bike unavailable at once', async (t) => {
  const person = world.people('low_band')[0];
  const page = await kioskPage(browser, world, t.name);
  await signIn(page, person, { mode: 'return' });
  await page.locator('#screen-return').waitFor();
  await page.snap('pick-bike');
  await page.locator('#return-loans button').first().click();
  await page.locator('#return-details').waitFor();
  const offered = await page.locator('#return-fault-categories button').evaluateAll((buttons) => buttons.map((b) => b.dataset.category));
  assert.deepEqual(offered, ['', 'brakes', 'battery', 'tyre', 'lights', 'frame', 'gears', 'other']);
  await page.locator('#return-fault-categories button[data-category="brakes"]').click();
  await page.locator('#return-fault-unsafe').check();
  await page.locator('#return-fault-note').fill('Front brake does not bite');
  await page.snap('checklist-and-fault');
  await page.locator('#return-confirm').click();
  await page.locator('#screen-done').waitFor();
  await page.snap('confirmation');
  assert.match(await page.locator('#done-title').innerText(), /is back/);
  const [bike] = await sql(world.database, `SELECT id, status FROM bikes WHERE asset_tag = '${lent.low}'`);
  assert.equal(bike.status, 'maintenance');
  const faults = await sql(world.database, `SELECT category, safety FROM fault_reports WHERE bike_id = ${bike.id} AND resolved_at IS NULL`);
  assert.deepEqual(faults, [{ category: 'brakes', safety: 1 }]);
  await page.context().close();
});

test('after a minute without a touch the screen starts again and the person is gone from the page', async (t) => {
  const person = world.people('low_band')[1];
  const page = await kioskPage(browser, world, t.name);
  await page.clock.install();
  await page.reload();
  await signIn(page, person);
  await page.locator('#screen-offer').waitFor();
  assert.match(await page.content(), new RegExp(person.name));
  await page.clock.fastForward('01:01');
  await page.locator('#screen-start').waitFor();
  await page.snap('after-idle');
  assert.doesNotMatch(await page.content(), new RegExp(person.name));
  assert.equal(await page.locator('#offer-bikes button').count(), 0);
  await page.context().close();
});

test('wrong PINs lock the PIN at this kiosk, and the screen never tells a lock from a wrong PIN', async (t) => {
  const person = world.people('low_band')[2];
  const page = await kioskPage(browser, world, t.name);
  await page.locator('#start-borrow').click();
  await typeOnKeypad(page, 'number-keypad', person.staff_number);
  await page.locator('#number-next').click();
  const messages = [];
  for (const pin of ['1111', '1111', '1111', '1111', '1111', person.pin]) {
    await typeOnKeypad(page, 'pin-keypad', pin);
    await page.locator('#pin-ok').click();
    messages.push(await waitFor(async () => (await page.locator('#pin-message').innerText()) || null, { what: 'a PIN answer' }));
  }
  await page.snap('locked');
  assert.equal(new Set(messages).size, 1);
  assert.match(messages[0], /do not match/);
  assert.equal(await page.locator('#screen-pin').isVisible(), true);
  const [lock] = await sql(world.database, `SELECT locked_until FROM pin_lockouts WHERE staff_id = ${Number(person.id)}`);
  assert.ok(lock.locked_until > Date.now() / 1000);
  await page.context().close();
});

test('offline: checkouts and returns are journalled, survive a kiosk restart, and arrive exactly once', async (t) => {
  const borrower = world.people('low_band')[3];
  const returner = world.people('high_band')[0];
  const page = await kioskPage(browser, world, t.name);

  // Signing in online is what lets the kiosk recognise someone offline.
  await signIn(page, borrower);
  await page.locator('#screen-offer').waitFor();
  await page.locator('#cancel').click();
  await page.locator('#screen-start').waitFor();

  // The demo history may already hold loans of these people and bikes: only what happens from now counts.
  const since = Math.floor(Date.now() / 1000) - 1;
  await world.stopBackend();
  await page.locator('#offline-banner').waitFor({ state: 'visible', timeout: 20000 });
  await page.snap('offline-start');

  await signIn(page, borrower);
  const offlineTag = await borrowFirstBike(page);
  assert.ok(await page.locator('#done-offline').isVisible());
  await page.locator('#done-finish').click();

  await page.locator('#start-return').click();
  await page.locator('#return-without-sign-in').click();
  await page.locator('#screen-return').waitFor();
  await page.keyboard.type(`${lent.high}`);
  await page.keyboard.press('Enter');
  await page.locator('#return-details').waitFor();
  await page.snap('offline-return');
  await page.locator('#return-confirm').click();
  await page.locator('#screen-done').waitFor();
  assert.ok(await page.locator('#done-offline').isVisible());
  await page.snap('offline-return-confirmation');

  await world.stopKiosk();
  await world.startKiosk();
  assert.equal((await world.kioskStatus()).pending, 2);

  await world.startBackend();
  const settled = await waitFor(async () => {
    const status = await world.kioskStatus();
    return status.online && status.pending === 0 ? status : null;
  }, { timeoutMs: 60000, what: 'the journal to drain' });
  assert.equal(settled.exceptions, 0);

  const borrowed = await sql(world.database, `SELECT b.asset_tag, l.status FROM loans l JOIN bikes b ON b.id = l.bike_id
                                              WHERE l.staff_id = ${borrower.id} AND l.checked_out_at >= ${since}`);
  assert.deepEqual(borrowed, [{ asset_tag: offlineTag, status: 'active' }]);
  const returned = await sql(world.database, `SELECT l.status FROM loans l JOIN bikes b ON b.id = l.bike_id
                                              WHERE l.staff_id = ${returner.id} AND b.asset_tag = '${lent.high}'
                                                AND l.returned_at >= ${since}`);
  assert.deepEqual(returned, [{ status: 'returned' }]);
  await page.reload();
  await page.locator('#offline-banner').waitFor({ state: 'hidden' });
  await page.snap('back-online');
  await page.context().close();
});
