// The touch kiosk's flows in Debian's Chromium, against a real backend and a real kiosk agent.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { landscape, launchBrowser, makeWorld, portrait, sql, waitFor } from './harness.mjs';
import {
  borrowFirstBike, expectFocusOnHeading, openKiosk, reportBattery, signIn, typeOnKeypad, writeSql,
} from './kiosk_steps.mjs';

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
  const page = await openKiosk(browser, world, t.name, portrait);
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
  const page = await openKiosk(browser, world, t.name, landscape);
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
  const page = await openKiosk(browser, world, t.name);
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
  const page = await openKiosk(browser, world, t.name);
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
  const page = await openKiosk(browser, world, t.name);
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
  const page = await openKiosk(browser, world, t.name);
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

const orientations = [['portrait', portrait], ['landscape', landscape]];

// The free bikes at the demo site with their trackers, as the backend stores them.
async function freeBikes() {
  return sql(world.database, `SELECT b.id, b.asset_tag FROM bikes b
                              WHERE b.site_id = ${world.site.id} AND b.status = 'available' ORDER BY b.asset_tag`);
}

async function tilesOf(page) {
  return page.locator('#offer-bikes .bike').evaluateAll((tiles) =>
    tiles.map((tile) => ({
      tag: tile.dataset.tag,
      charge: tile.dataset.charge,
      button: tile.tagName === 'BUTTON',
      percent: tile.dataset.percent === '' ? -1 : Number(tile.dataset.percent),
      text: tile.textContent,
    })));
}

for (const [orientation, viewport] of orientations) {
  test(`each bike shows its charge, best-charged first; charging bikes are marked and not lent (${orientation})`, async (t) => {
    const bikes = await freeBikes();
    const [full, low] = [bikes[0], bikes[1]];
    await reportBattery(world, full.asset_tag, 100);
    await reportBattery(world, low.asset_tag, 8);
    const person = world.people('rider')[0];
    const page = await openKiosk(browser, world, t.name, viewport);
    await expectFocusOnHeading(page, 'start-title');
    await page.snap('start');
    await signIn(page, person);
    await page.locator('#screen-offer').waitFor();
    await expectFocusOnHeading(page, 'offer-title');
    await page.snap('offer');

    const tiles = await tilesOf(page);
    assert.equal(tiles.length, bikes.length);
    assert.equal(tiles[0].percent, 100);
    const groups = tiles.map((tile) => tile.charge);
    assert.deepEqual(groups, [...groups].sort((a, b) => ['charged', 'unknown', 'charging'].indexOf(a) - ['charged', 'unknown', 'charging'].indexOf(b)));
    const charged = tiles.filter((tile) => tile.charge === 'charged').map((tile) => tile.percent);
    assert.deepEqual(charged, [...charged].sort((a, b) => b - a));
    assert.ok(tiles.some((tile) => tile.charge === 'unknown' && /No charge reading/.test(tile.text)));
    const charging = tiles.find((tile) => tile.tag === low.asset_tag);
    assert.equal(charging.charge, 'charging');
    assert.equal(charging.button, false);
    assert.equal(charging.percent, 8);
    assert.match(charging.text, /8% charged.*Charging, not ready to lend/);
    assert.ok(tiles.filter((tile) => tile.charge === 'charged').every((tile) => tile.button && /\d+% charged.*about \d+ km/.test(tile.text)));
    // A scan of the charging bike's tag chooses nothing.
    await page.keyboard.type(low.asset_tag);
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('#screen-offer').isVisible(), true);
    // Someone who can borrow now is not offered the waiting list.
    assert.equal(await page.locator('#offer-waitlist').innerText(), '');

    const box = async (selector) => page.locator(selector).boundingBox();
    if (orientation === 'landscape') {
      const [terms, side] = [await box('#offer-allowance'), await box('.offer-bikes')];
      assert.ok(terms.x + terms.width <= side.x, 'the loan terms stand beside the bikes');
      assert.ok(Math.abs(terms.y - side.y) < 80, 'both start at the top');
      for (const tile of await page.locator('#offer-bikes .bike').all()) {
        const place = await tile.boundingBox();
        assert.ok(place.y + place.height <= viewport.height, `${await tile.getAttribute('data-tag')} is in view without scrolling`);
      }
      assert.ok(bikes.length >= 12);
    }
    await page.context().close();
  });
}

test('the start screen fills a portrait screen, and says how it works', async (t) => {
  const page = await openKiosk(browser, world, t.name, portrait);
  await page.snap('start');
  const choices = await page.locator('#screen-start .choices').boundingBox();
  const steps = await page.locator('#screen-start .steps').boundingBox();
  assert.ok(choices.height > portrait.height * 0.4, 'the two choices take most of the screen');
  assert.ok(steps.y + steps.height > portrait.height * 0.8, 'nothing is left empty below');
  assert.ok(steps.y + steps.height <= portrait.height, 'and nothing falls below the screen');
  await page.context().close();
});

test('when every bike is charging the waiting list is offered, and joining holds a bike for the person', async (t) => {
  const bikes = await freeBikes();
  for (const bike of bikes) await reportBattery(world, bike.asset_tag, 5);
  const person = world.people('rider')[1];
  try {
    for (const [orientation, viewport] of orientations) {
      const page = await openKiosk(browser, world, `${t.name} ${orientation}`, viewport);
      await signIn(page, person);
      await page.locator('#offer-refusal').waitFor();
      assert.match(await page.locator('#offer-refusal').innerText(), /charging/);
      assert.equal(await page.locator('#offer-bikes button').count(), 0);
      if (orientation === 'portrait') {
        assert.equal(await page.locator('#offer-bikes .bike.charging').count(), bikes.length);
        await page.locator('#waitlist-join').waitFor();
        await page.snap('offered-the-waiting-list');
        await page.locator('#waitlist-join').click();
      }
      await page.locator('#waitlist-held').waitFor();
      assert.match(await page.locator('#waitlist-held').innerText(), /EB-\d+ is held for you until/);
      assert.equal(await page.locator('#offer-bikes .bike').count(), 1);
      await page.snap('a-bike-held');
      await page.context().close();
    }
    // Another bike charged meanwhile is offered in place of the held one, which is still charging.
    const [{ bike_id: heldId }] = await sql(world.database, `SELECT bike_id FROM reservations WHERE staff_id = ${person.id} AND status = 'held'`);
    const charged = bikes.find((bike) => bike.id !== heldId);
    await reportBattery(world, charged.asset_tag, 95);
    const page = await openKiosk(browser, world, `${t.name} then one charged`, portrait);
    await signIn(page, person);
    await page.locator('#offer-bikes-title', { hasText: 'Take a charged bike instead' }).waitFor();
    assert.deepEqual(await page.locator('#offer-bikes button').allInnerTexts().then((texts) => texts.map((text) => text.includes(charged.asset_tag))), [true]);
    await page.snap('a-charged-bike-instead');
    await page.context().close();
  } finally {
    for (const bike of bikes) await reportBattery(world, bike.asset_tag, 90);
  }
});

test('with no bike free the person joins the waiting list and sees their place, then leaves it', async (t) => {
  const bikes = await freeBikes();
  const ids = bikes.map((bike) => bike.id).join(',');
  await writeSql(world.database, `UPDATE bikes SET status = 'maintenance' WHERE id IN (${ids})`);
  const person = world.people('rider')[4];
  try {
    for (const [orientation, viewport] of orientations) {
      const page = await openKiosk(browser, world, `${t.name} ${orientation}`, viewport);
      await signIn(page, person);
      await page.locator('#offer-refusal').waitFor();
      assert.match(await page.locator('#offer-refusal').innerText(), /No bike is free at this site just now/);
      if (orientation === 'portrait') {
        await page.locator('#waitlist-join').waitFor();
        await page.snap('offered-the-waiting-list');
        await page.locator('#waitlist-join').click();
      }
      await page.locator('#waitlist-place').waitFor();
      assert.match(await page.locator('#waitlist-place').innerText(), /You are number \d+ in the queue/);
      await page.snap('place-in-the-queue');
      const [entry] = await sql(world.database, `SELECT status FROM waitlist_entries WHERE staff_id = ${person.id}`);
      assert.equal(entry.status, 'waiting');
      if (orientation === 'landscape') {
        await page.getByRole('button', { name: 'Leave the waiting list' }).click();
        await page.locator('#waitlist-join').waitFor();
        await page.snap('left-the-queue');
      }
      await page.context().close();
    }
    const [entry] = await sql(world.database, `SELECT status FROM waitlist_entries WHERE staff_id = ${person.id}`);
    assert.equal(entry.status, 'left');
  } finally {
    await writeSql(world.database, `UPDATE bikes SET status = 'available' WHERE id IN (${ids})`);
  }
});

for (const [orientation, viewport] of orientations) {
  test(`a return starts with what was handed out ticked, and tells the rider what the loan did (${orientation})`, async (t) => {
    const rider = world.people('rider')[orientation === 'portrait' ? 2 : 3];
    const page = await openKiosk(browser, world, t.name, viewport);
    await signIn(page, rider);
    const tag = await borrowFirstBike(page);
    await page.locator('#done-finish').click();
    await page.locator('#screen-start').waitFor();
    await expectFocusOnHeading(page, 'start-title');

    const [loan] = await sql(world.database, `SELECT l.id, l.bike_id FROM loans l JOIN bikes b ON b.id = l.bike_id
                                              WHERE b.asset_tag = '${tag}' AND l.status = 'active'`);
    const ridden = Date.now() - 3600 * 1000;
    await writeSql(world.database, `UPDATE staff SET commute_mode = 'car_petrol', commute_car_occupancy = 1 WHERE id = ${rider.id};
      INSERT INTO trip_summaries(bike_id, loan_id, started_ms, ended_ms, distance_m, distance_source, from_gpx, moving_s, position_count, summarised_at)
      VALUES (${loan.bike_id}, ${loan.id}, ${ridden}, ${ridden + 1500000}, 6200, 'gps_track', 0, 1400, 280, 0),
             (${loan.bike_id}, ${loan.id}, ${ridden + 2000000}, ${ridden + 3400000}, 6100, 'gps_track', 0, 1350, 270, 0);`);

    // Someone else bringing the bike back sees what went out with it, and nothing of the rider.
    const other = world.people('rider')[1];
    if (orientation === 'portrait') {
      await signIn(page, other, { mode: 'return' });
    } else {
      await page.locator('#start-return').click();
      await page.locator('#return-without-sign-in').click();
    }
    await page.locator('#screen-return').waitFor();
    await expectFocusOnHeading(page, 'return-title');
    await page.keyboard.type(tag);
    await page.keyboard.press('Enter');
    await page.locator('#return-details').waitFor();
    await expectFocusOnHeading(page, 'return-details-title');
    const listed = await page.locator('#return-accessories input').evaluateAll((boxes) => boxes.map((box) => [box.value, box.checked]));
    assert.deepEqual(listed, [['helmet', true], ['lock', true]]);
    await page.snap('accessories-ticked');
    await page.locator('#cancel').click();
    await page.locator('#screen-start').waitFor();

    // The rider's own return tells them what their loan did.
    await signIn(page, rider, { mode: 'return' });
    await page.locator('#screen-return').waitFor();
    await page.snap('own-loans');
    await page.locator(`#return-loans button[data-tag="${tag}"]`).click();
    await page.locator('#return-details').waitFor();
    const ticked = await page.locator('#return-accessories input').evaluateAll((boxes) => boxes.map((box) => [box.value, box.checked]));
    assert.deepEqual(ticked, [['helmet', true], ['lock', true]]);
    await page.locator('#return-confirm').click();
    await page.locator('#screen-done').waitFor();
    await expectFocusOnHeading(page, 'done-title');
    const words = await page.locator('#done-ride').innerText();
    assert.match(words, /On this loan you rode 12\.3 km, on 2 trips\./);
    assert.match(words, /avoided about \d+\.\d kg of carbon emissions \(CO2e\)/);
    await page.snap('what-the-loan-did');
    const [returned] = await sql(world.database, `SELECT status FROM loans WHERE id = ${loan.id}`);
    assert.equal(returned.status, 'returned');

    await page.locator('#done-finish').click();
    await page.locator('#screen-start').waitFor();
    assert.doesNotMatch(await page.content(), /12\.3 km|CO2e\)|carbon emissions/);
    assert.equal(await page.locator('#done-ride').isHidden(), true);
    await page.snap('after-reset');
    await page.context().close();
  });
}

test('offline: checkouts and returns are journalled, survive a kiosk restart, and arrive exactly once', async (t) => {
  const borrower = world.people('low_band')[3];
  const returner = world.people('high_band')[0];
  const page = await openKiosk(browser, world, t.name);

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
  // The checks are the server's, kept by the agent for when the server is away; one fails.
  const checks = await page.locator('#return-checks label').allInnerTexts();
  assert.deepEqual(checks.map((label) => label.trim()), ['Brakes work', 'Tyres are pumped up', 'Lights work', 'No new damage']);
  await page.getByLabel('Tyres are pumped up').uncheck();
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
  // The failed check reached the server with the return: a tyre fault, which keeps the bike in the workshop.
  const tyres = await sql(world.database, `SELECT f.category, f.safety, b.status FROM fault_reports f JOIN bikes b ON b.id = f.bike_id
                                           WHERE b.asset_tag = '${lent.high}' AND f.reported_at >= ${since}`);
  assert.deepEqual(tyres, [{ category: 'tyre', safety: 1, status: 'maintenance' }]);
  await page.reload();
  await page.locator('#offline-banner').waitFor({ state: 'hidden' });
  await page.snap('back-online');
  await page.context().close();
});
