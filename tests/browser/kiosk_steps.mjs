// What a person does at the kiosk, step by step, as the tests drive it, and what every screen must be.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { kioskPage, waitFor } from './harness.mjs';

const run = promisify(execFile);
const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/// axe-core's WCAG 2.0, 2.1 and 2.2 A and AA rules on the screen as it is now. The one rule left out:
/// the kiosk turns pinch-zoom off, as a fixed touch screen in a store may.
export async function expectAccessible(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(await axeSource);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      rules: { 'meta-viewport': { enabled: false } },
    });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  assert.deepEqual(violations, []);
}

/// A kiosk page whose every screenshot is also checked with axe.
export async function openKiosk(browser, world, testName, viewport) {
  const page = await kioskPage(browser, world, testName, viewport);
  // Every PIN is checked with scrypt at full cost, by the agent and the backend, on a busy machine.
  page.setDefaultTimeout(60000);
  const snap = page.snap;
  page.snap = async (name) => {
    await snap(name);
    await expectAccessible(page);
  };
  return page;
}

/// A screen reader announces a new screen because focus moves to its heading.
export async function expectFocusOnHeading(page, headingId) {
  await waitFor(() => page.evaluate((id) => document.activeElement && document.activeElement.id === id, headingId), {
    what: `focus on #${headingId}`,
  });
  assert.equal(await page.locator(`#${headingId}`).getAttribute('tabindex'), '-1');
}

let fixSequence = 0;

// The secret the bikes' trackers are given here: only a fix carrying its tracker's secret counts.
const trackerSecret = 'browser-test-tracker-secret';

/// A tracker's OsmAnd report of the bike's battery, as the device sends it with the secret in its server URL.
export async function reportBattery(world, tag, percent) {
  fixSequence += 1;
  const at = Date.now() - 2000 + fixSequence;
  const digest = createHash('sha256').update(trackerSecret).digest('hex');
  await writeSql(world.database, `UPDATE trackers SET secret_digest = '${digest}' WHERE device_id = 'TRK-${tag}'`);
  const url = `http://127.0.0.1:${world.backendPort}/osmand?id=TRK-${tag}&timestamp=${at}&lat=51.5581&lon=0.4672&accuracy=5&batt=${percent}&secret=${trackerSecret}`;
  assert.equal((await fetch(url)).status, 200);
}

/// Setup the API has no route for: rows a test stages beside the running server.
export async function writeSql(database, query) {
  await run('sqlite3', ['-cmd', '.timeout 5000', database, query]);
}

export async function typeOnKeypad(page, keypadId, digits) {
  for (const digit of digits) await page.locator(`#${keypadId} button[aria-label="${digit}"]`).click();
}

export async function signIn(page, person, { mode = 'borrow' } = {}) {
  await page.locator(mode === 'borrow' ? '#start-borrow' : '#start-return').click();
  await page.locator('#screen-number').waitFor();
  await expectFocusOnHeading(page, 'number-title');
  await typeOnKeypad(page, 'number-keypad', person.staff_number);
  await page.snap('staff-number');
  await page.locator('#number-next').click();
  await page.locator('#screen-pin').waitFor();
  await expectFocusOnHeading(page, 'pin-title');
  await typeOnKeypad(page, 'pin-keypad', person.pin);
  await page.snap('pin');
  await page.locator('#pin-ok').click();
}

export async function borrowFirstBike(page) {
  await page.locator('#screen-offer').waitFor();
  await expectFocusOnHeading(page, 'offer-title');
  await page.snap('offer');
  const tile = page.locator('#offer-bikes button').first();
  const tag = await tile.getAttribute('data-tag');
  await tile.click();
  await page.locator('#screen-terms').waitFor();
  await expectFocusOnHeading(page, 'terms-title');
  await page.locator('#terms-accessories input[value="helmet"]').check();
  await page.locator('#terms-accessories input[value="lock"]').check();
  await page.locator('#terms-accept').check();
  await page.snap('accessories-and-terms');
  await page.locator('#terms-confirm').click();
  await page.locator('#screen-done').waitFor();
  await expectFocusOnHeading(page, 'done-title');
  await page.snap('confirmation');
  return tag;
}
