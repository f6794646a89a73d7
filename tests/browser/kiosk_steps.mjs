// What a person does at the kiosk, step by step, as the tests drive it.
export async function typeOnKeypad(page, keypadId, digits) {
  for (const digit of digits) await page.locator(`#${keypadId} button[aria-label="${digit}"]`).click();
}

export async function signIn(page, person, { mode = 'borrow' } = {}) {
  await page.locator(mode === 'borrow' ? '#start-borrow' : '#start-return').click();
  await page.locator('#screen-number').waitFor();
  await typeOnKeypad(page, 'number-keypad', person.staff_number);
  await page.snap('staff-number');
  await page.locator('#number-next').click();
  await page.locator('#screen-pin').waitFor();
  await typeOnKeypad(page, 'pin-keypad', person.pin);
  await page.snap('pin');
  await page.locator('#pin-ok').click();
}

export async function borrowFirstBike(page) {
  await page.locator('#screen-offer').waitFor();
  await page.snap('offer');
  const tile = page.locator('#offer-bikes button').first();
  const tag = await tile.getAttribute('data-tag');
  await tile.click();
  await page.locator('#screen-terms').waitFor();
  await page.locator('#terms-accessories input[value="helmet"]').check();
  await page.locator('#terms-accessories input[value="lock"]').check();
  await page.locator('#terms-accept').check();
  await page.snap('accessories-and-terms');
  await page.locator('#terms-confirm').click();
  await page.locator('#screen-done').waitFor();
  await page.snap('confirmation');
  return tag;
}
