// The web admin's figures: the bundle's size (gzip), and in Chromium the time until the dashboard
// and a 10,000-staff list are usable, beside the time the same API calls take bare from Node.
// A tool to run by hand (bench/admin/run.sh), not a test: nothing is asserted.
//   node admin_bench.mjs <build folder> <tests/browser folder>
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const [build, browserTests] = process.argv.slice(2).map((folder) => path.resolve(folder));
const { chromium } = createRequire(path.join(browserTests, 'package.json'))('playwright-core');
const rounds = 5;
const staffCount = 10000;
const bikeCount = 1000;

async function bundleSize() {
  const assets = path.join(build, 'backend', 'admin', 'site', 'assets');
  const sizes = {};
  for (const name of await readdir(assets)) {
    if (!/\.(js|css)$/.test(name)) continue;
    const bytes = await readFile(path.join(assets, name));
    sizes[path.extname(name).slice(1)] = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  }
  return sizes;
}

async function startServer(folder) {
  const portFile = path.join(folder, 'port');
  const server = spawn(path.join(build, 'backend', 'pedalpower-server'),
    ['--db', path.join(folder, 'bench.sqlite'), '--port', '0', '--port-file', portFile, '--demo', '--log-level', 'warn', '--synchronous', 'normal'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  server.stdout.on('data', (chunk) => (log += chunk));
  server.stderr.on('data', (chunk) => (log += chunk));
  for (let tries = 0; tries < 600; tries += 1) {
    const port = Number((await readFile(portFile, 'utf8').catch(() => '')).trim());
    const password = log.match(/password (\S+)/)?.[1];
    if (port && password) return { server, port, password };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the server did not start:\n${log}`);
}

/// Calls the API as the admin does: a read answered 503 busy is asked again after its Retry-After,
/// up to four times, so the bare calls wait for the slow-route pool as the page does.
function client(port, cookie = '', csrf = '') {
  let n = 0;
  return async (method, route, body, type = 'application/json') => {
    n += 1;
    for (let attempt = 0; ; attempt += 1) {
      const answer = await fetch(`http://127.0.0.1:${port}/api/v1${route}`, {
        method,
        headers: { Cookie: cookie, 'X-CSRF-Token': csrf, 'Idempotency-Key': `bench-${Date.now()}-${n}`, ...(body ? { 'Content-Type': type } : {}) },
        body: body === undefined ? undefined : type === 'application/json' ? JSON.stringify(body) : body,
      });
      if (answer.status === 503 && method === 'GET' && attempt < 4) {
        await answer.arrayBuffer();
        await new Promise((resolve) => setTimeout(resolve, Number(answer.headers.get('retry-after') || 1) * 1000));
        continue;
      }
      if (answer.status >= 400) throw new Error(`${method} ${route}: ${answer.status} ${await answer.text()}`);
      return { answer, json: answer.status === 204 ? null : await answer.json() };
    }
  };
}

async function signIn(port, password) {
  const { answer, json } = await client(port)('POST', '/auth/login', { username: 'coordinator', password });
  return { cookie: answer.headers.get('set-cookie').split(';')[0], csrf: json.csrf_token };
}

/// The benchmark's scheme: 10,000 staff by CSV import and 1,000 bikes, beside the demo data.
async function growScheme(call) {
  const bands = ['2', '3', '4', '5', '6', '7', '8a', '9', 'other'];
  const lines = ['Staff number,Name,Band,Department'];
  for (let i = 0; i < staffCount; i += 1) lines.push(`B${String(i).padStart(6, '0')},Bench Person ${i},${bands[i % bands.length]},Bench ward ${i % 40}`);
  await call('POST', '/staff/import/apply?mode=update_only', `${lines.join('\r\n')}\r\n`, 'text/csv');
  const site = (await call('GET', '/sites')).json;
  const siteId = (site.data || site.sites)[0].id;
  for (let i = 0; i < bikeCount; i += 1) {
    await call('POST', '/bikes', { asset_tag: `BENCH-${String(i).padStart(4, '0')}`, frame_number: `BENCH-F${String(i).padStart(4, '0')}`, make: 'Bench', model: 'One', site_id: siteId });
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timeScreen(browser, port, session, where, ready) {
  const times = [];
  for (let round = 0; round < rounds; round += 1) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    await context.addCookies([{ name: session.cookie.split('=')[0], value: session.cookie.split('=').slice(1).join('='), url: `http://127.0.0.1:${port}` }]);
    const page = await context.newPage();
    const started = Date.now();
    await page.goto(`http://127.0.0.1:${port}/admin${where}`);
    await page.waitForFunction(ready, null, { timeout: 60000 });
    times.push(Date.now() - started);
    await context.close();
  }
  return median(times);
}

async function timeBare(call, routes) {
  const times = [];
  for (let round = 0; round < rounds; round += 1) {
    const started = Date.now();
    await Promise.all(routes.map((route) => call('GET', route)));
    times.push(Date.now() - started);
  }
  return median(times);
}

const folder = await mkdtemp(path.join(tmpdir(), 'pedalpower-admin-bench-'));
const { server, port, password } = await startServer(folder);
try {
  const session = await signIn(port, password);
  const call = client(port, session.cookie, session.csrf);
  const seeding = Date.now();
  await growScheme(call);
  console.log(`scheme: ${staffCount} more staff and ${bikeCount} more bikes in ${((Date.now() - seeding) / 1000).toFixed(1)} s`);
  const sizes = await bundleSize();
  console.log(`bundle: script ${sizes.js.raw} B (${sizes.js.gzip} B gzip), styles ${sizes.css.raw} B (${sizes.css.gzip} B gzip)`);

  const browser = await chromium.launch({ executablePath: process.env.PEDALPOWER_CHROMIUM || '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const dashboardReady = () => document.querySelector('#equity-chart-title') && document.querySelector('#fleet-chart-title') && document.querySelector('#km-chart-title') && !/(Loading|Reading)[^.]*…/.test(document.querySelector('main').innerText);
  const staffReady = () => document.querySelectorAll('table.app-table tbody tr').length === 50;
  const dashboard = await timeScreen(browser, port, session, '/', dashboardReady);
  const staff = await timeScreen(browser, port, session, '/staff?q=Bench&sort=name', staffReady);
  // A screen that reads nothing but who is signed in: what any first load costs before its data.
  const shell = await timeScreen(browser, port, session, '/password', () => document.querySelector('#new-password, input[type="password"]'));
  await browser.close();

  const today = new Date();
  const monthBack = (back) => new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - back, 1)).toISOString().slice(0, 7);
  const months = [];
  for (let back = 5; back >= 0; back -= 1) {
    const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - back, 1));
    const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0));
    months.push(`/reports/distance?from=${start.toISOString().slice(0, 10)}&to=${(end > today ? today : end).toISOString().slice(0, 10)}`);
  }
  const bareDashboard = await timeBare(call, [
    '/sites', ...Array.from({ length: Math.ceil((bikeCount + 60) / 200) }, (_, i) => `/bikes?page=${i + 1}&page_size=200`),
    '/loans?status=active&page=1&page_size=200', '/waitlist?site_id=1', '/waitlist?site_id=2', '/waitlist?site_id=3',
    ...months, `/reports/equity?from=${monthBack(11)}&to=${monthBack(0)}`,
  ]);
  const bareStaff = await timeBare(call, ['/staff?q=Bench&sort=name&page=1&page_size=50', '/sites']);
  console.log(`dashboard usable: ${dashboard} ms in Chromium; its API calls bare: ${bareDashboard} ms (ratio ${(dashboard / bareDashboard).toFixed(1)})`);
  console.log(`10,000-staff list usable: ${staff} ms in Chromium; its API calls bare: ${bareStaff} ms (ratio ${(staff / bareStaff).toFixed(1)})`);
  console.log(`a screen with no data of its own (change password) usable: ${shell} ms: the cost of any first load; the list over it: ${staff - shell} ms`);
  console.log(`(medians of ${rounds} runs; each browser run is a fresh page load with nothing cached)`);
} finally {
  server.kill('SIGTERM');
  await rm(folder, { recursive: true, force: true });
}
