// What the web admin's tests share: signing in through the API and in the page, a page at 1366x768
// that may reach nothing but the server, a camera, and the axe-core check of WCAG 2.2 AA.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { cameraPage, waitFor } from './harness.mjs';

export const desktop = { width: 1366, height: 768 };
export const tablet = { width: 820, height: 1180 };
const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export async function demoCoordinatorPassword(world) {
  return waitFor(async () => world.backend.log.match(/demo coordinator login: username coordinator, password (\S+)/)?.[1], {
    what: 'the demo coordinator login to be printed',
  });
}

/// A signed-in API client (cookie and CSRF token), as a script or another browser tab would hold one.
export async function apiSession(world, username, password) {
  const base = `http://127.0.0.1:${world.backendPort}/api/v1`;
  const login = await fetch(`${base}/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `login-${Date.now()}-${Math.random()}` },
    body: JSON.stringify({ username, password }),
  });
  assert.equal(login.status, 200, await login.clone().text());
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const { csrf_token: csrf } = await login.json();
  const send = async (method, route, body, headers = {}) => {
    const answer = await fetch(base + route, {
      method,
      headers: { Cookie: cookie, 'X-CSRF-Token': csrf, 'Idempotency-Key': `${method}-${Date.now()}-${Math.random()}`, ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await answer.text();
    return { status: answer.status, body: text ? JSON.parse(text) : null };
  };
  return { get: (route) => send('GET', route), post: (route, body) => send('POST', route, body), patch: (route, body) => send('PATCH', route, body), cookie };
}

/// A device's call with its bearer token.
export async function asDevice(world, token, method, route, body) {
  const answer = await fetch(`http://127.0.0.1:${world.backendPort}/api/v1${route}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': `device-${Date.now()}-${Math.random()}` },
    body: JSON.stringify(body),
  });
  return { status: answer.status, body: await answer.json() };
}

export async function adminPage(browser, world, testName, viewport = desktop) {
  const context = await browser.newContext({ viewport, locale: 'en-GB', timezoneId: 'Europe/London' });
  const page = await cameraPage(context, `admin-${testName}`, world.backendPort);
  page.pageErrors = [];
  page.on('pageerror', (error) => page.pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) page.pageErrors.push(message.text());
  });
  page.admin = (where = '/') => `http://127.0.0.1:${world.backendPort}/admin${where}`;
  page.apiRequestsOpen = 0;
  const isApi = (request) => request.url().includes('/api/');
  page.on('request', (request) => { if (isApi(request)) page.apiRequestsOpen += 1; });
  for (const end of ['requestfinished', 'requestfailed']) page.on(end, (request) => { if (isApi(request)) page.apiRequestsOpen -= 1; });
  return page;
}

/// Waits until the page has no request to the API open, so a change made behind its back is seen
/// only by the page's next request.
export async function apiQuiet(page) {
  let quietChecks = 0;
  for (let checks = 0; quietChecks < 3; checks += 1) {
    assert.ok(checks < 200, `the page still has ${page.apiRequestsOpen} API requests open`);
    await page.waitForTimeout(100);
    quietChecks = page.apiRequestsOpen === 0 ? quietChecks + 1 : 0;
  }
}

/// Waits until the screen has finished reading: its heading is there and nothing says "Loading".
export async function settled(page, heading) {
  await page.locator('h1#page-title', { hasText: heading }).waitFor();
  await page.waitForFunction(() => !/(Loading|Reading|Checking)[^.]*…/.test(document.querySelector('main')?.innerText || ''), null, { timeout: 20000 });
}

export async function signIn(page, username, password) {
  await page.goto(page.admin('/sign-in'));
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.app-header__account').waitFor();
}

/// axe-core's WCAG 2.0, 2.1 and 2.2 A and AA rules on the screen as it is now: no violation allowed.
export async function assertAccessible(page, screen) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(await axeSource);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')}`);
  });
  assert.deepEqual(violations, [], `${screen}: accessibility violations\n${violations.join('\n')}`);
}
