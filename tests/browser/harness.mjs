// Starts the real backend and the real kiosk agent on loopback, and Debian's Chromium, for the tests.
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const build = path.resolve(here, process.env.PEDALPOWER_BUILD || '../../build/ci');
const run = promisify(execFile);

export const binaries = {
  server: path.join(build, 'backend', 'pedalpower-server'),
  kiosk: path.join(build, 'kiosk', 'pedalpower-kiosk'),
  demoSetup: path.join(build, 'backend', 'pedalpower-demo-kiosk-setup'),
};

export const outputRoot = path.join(here, 'output');

export async function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor(check, { timeoutMs = 20000, everyMs = 200, what = 'a condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

// One long-running program; its output is kept for when a test fails.
class program {
  constructor(name, file, args) {
    this.name = name;
    this.log = '';
    this.child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.exited = new Promise((resolve) => this.child.on('exit', resolve));
    for (const stream of [this.child.stdout, this.child.stderr]) stream.on('data', (chunk) => (this.log += chunk));
  }

  async stop() {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const stopped = await Promise.race([this.exited.then(() => true), sleep(15000).then(() => false)]);
    if (!stopped) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }
}

async function portFrom(file, started) {
  return waitFor(
    async () => {
      if (started.child.exitCode !== null) throw new Error(`${started.name} exited early:\n${started.log}`);
      return Number((await readFile(file, 'utf8')).trim()) || undefined;
    },
    { what: `${started.name} to listen` },
  ).catch((error) => {
    throw new Error(`${error.message}\n${started.log}`);
  });
}

/// Changes the database beside the running server, as a stand-in for weeks passing; waits its turn
/// behind the server's own writes.
export async function changeDatabase(database, statement) {
  await run('sqlite3', ['-cmd', '.timeout 5000', database, statement]);
}

export async function sql(database, query) {
  const { stdout } = await run('sqlite3', ['-json', `file:${database}?mode=ro`, query]);
  return stdout.trim() ? JSON.parse(stdout) : [];
}

// A temporary world: a backend database with demo data, the demo kiosk's token, and known people.
export async function makeWorld() {
  const folder = await mkdtemp(path.join(tmpdir(), 'pedalpower-browser-'));
  const database = path.join(folder, 'backend.sqlite');
  const tokenFile = path.join(folder, 'kiosk-token');
  const { stdout } = await run(binaries.demoSetup, [database, tokenFile]);
  const demo = JSON.parse(stdout);
  const world = {
    folder,
    database,
    tokenFile,
    site: demo.site,
    people: (role) => demo.people.filter((person) => person.role === role),
    journal: path.join(folder, 'kiosk-journal.sqlite'),
    backendPort: await freePort(),
    backend: null,
    kiosk: null,
    kioskPort: 0,
  };

  // `demo` also gives the demo coordinator a fresh password, printed in the backend's log.
  // `mail` sends the outbox through a real SMTP server on loopback (see startMailSink).
  world.startBackend = async ({ demo = false, mail = null } = {}) => {
    const portFile = path.join(folder, `backend-port-${Date.now()}`);
    world.backend = new program('backend', binaries.server, [
      '--db', database, '--listen', '127.0.0.1', '--port', String(world.backendPort), '--port-file', portFile, '--log-level', 'warn',
      ...(demo ? ['--demo'] : []),
      ...(mail ? ['--smtp-host', '127.0.0.1', '--smtp-port', String(mail.port), '--smtp-security', 'none', '--mail-from', 'bikes@example.nhs.uk', '--mail-poll', '1s'] : []),
    ]);
    await portFrom(portFile, world.backend);
  };
  world.stopBackend = async () => world.backend && world.backend.stop();

  world.startKiosk = async () => {
    const portFile = path.join(folder, `kiosk-port-${Date.now()}`);
    world.kiosk = new program('kiosk', binaries.kiosk, [
      '--backend-url', `http://127.0.0.1:${world.backendPort}`,
      '--device-token-file', tokenFile,
      '--journal', world.journal,
      '--port', String(world.kioskPort),
      '--port-file', portFile,
      '--site', demo.site.name,
      '--retry-max-seconds', '2',
      '--health-seconds', '1',
    ]);
    world.kioskPort = await portFrom(portFile, world.kiosk);
    world.url = `http://127.0.0.1:${world.kioskPort}/`;
  };
  world.stopKiosk = async () => world.kiosk && world.kiosk.stop();

  // The agent answers its local API only with the secret it writes into the page it serves.
  world.kioskSecret = async () => {
    const page = await (await fetch(world.url)).text();
    return page.match(/<meta name="kiosk-secret" content="([^"]+)">/)[1];
  };
  world.kioskStatus = async () =>
    (await fetch(`${world.url}local/status`, { headers: { 'X-Kiosk-Secret': await world.kioskSecret() } })).json();

  // The tests' SMTP server (Debian's python3-aiosmtpd): it takes every message but refuses, with
  // 550, any recipient whose address starts with "refuse".
  world.startMailSink = async () => {
    const inbox = path.join(folder, 'mail');
    await mkdir(inbox, { recursive: true });
    world.mailSink = new program('smtp sink', '/usr/bin/python3', [path.join(here, '..', 'support', 'smtp_sink.py'), inbox]);
    return { port: await portFrom(path.join(inbox, 'port'), world.mailSink), inbox };
  };

  world.close = async () => {
    if (world.mailSink) await world.mailSink.stop();
    await world.stopKiosk();
    await world.stopBackend();
    await rm(folder, { recursive: true, force: true });
  };
  return world;
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.PEDALPOWER_CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export const portrait = { width: 1080, height: 1920 };
export const landscape = { width: 1920, height: 1080 };

// The one page of `context`, which may reach only 127.0.0.1:<port> (the fence is the context's:
// every other request is aborted and kept in page.blockedRequests), with a camera, page.snap(name),
// that saves each screen under output/<folder>/ in order.
export async function cameraPage(context, folder, port) {
  const page = await context.newPage();
  const shots = path.join(outputRoot, folder.replace(/[^a-z0-9]+/gi, '-').toLowerCase());
  await mkdir(shots, { recursive: true });
  let shot = 0;
  page.snap = async (name) => {
    shot += 1;
    await page.screenshot({ path: path.join(shots, `${String(shot).padStart(2, '0')}-${name}.png`), fullPage: true });
  };
  page.blockedRequests = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' && Number(url.port) === port) return route.continue();
    page.blockedRequests.push(url.href);
    return route.abort();
  });
  return page;
}

// A page at the kiosk, with its camera.
export async function kioskPage(browser, world, testName, viewport = portrait) {
  const context = await browser.newContext({ viewport, hasTouch: true, locale: 'en-GB' });
  const page = await cameraPage(context, testName, world.kioskPort);
  await page.goto(world.url);
  await page.locator('#screen-start').waitFor();
  return page;
}
