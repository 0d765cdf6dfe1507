/**
 * What every browser-test suite shares: the server under test (the built app on a free port, a fresh
 * embedded database with the demo data, its clock started at a fixed instant), the scenario registry, and
 * page helpers.
 *
 * Every scenario runs in a browser context of its own whose clock is the server's, and starts from state
 * it creates itself: the demo data, plus whatever it makes. So scenarios run alone, in any order, with the
 * same result on any day.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SHOTS = path.join(ROOT, 'e2e', 'screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const PASSWORD = 'zhibu2026';
export const DESK = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };

/**
 * The instant the server's clock starts at: a Friday morning in the middle of a quarter, so a run that
 * happens at midnight, at a month's end or on a holiday sees the same calendar as any other.
 */
export const CLOCK_START = '2026-11-20T10:00:00+08:00';

/**
 * The running app: its base URL, and the offset between the real clock and the server's (set when the
 * server starts). `app.now()` is the server's "now" in the test's own code.
 */
export const app = {
  base: '',
  clockOffsetMs: Date.parse(CLOCK_START) - Date.now(),
  now: () => new Date(Date.now() + app.clockOffsetMs),
};

/** The server's date and minutes since midnight on the Asia/Shanghai clock, whatever the machine's zone. */
export function shanghaiNow() {
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const p = Object.fromEntries(f.formatToParts(app.now()).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, minutes: Number(p.hour) * 60 + Number(p.minute) };
}

/** The server's date `days` from today (Asia/Shanghai), as YYYY-MM-DD. */
export function shanghaiDay(days = 0) {
  const today = shanghaiNow().date;
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------------------
// Server

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export async function startServer() {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'zhibu-e2e-'));
  // The server fixes its offset when it reads its config, a moment after this: the two agree to within
  // the start-up time, far below anything a scenario compares (minutes and days).
  const clockOffsetMs = Date.parse(CLOCK_START) - Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SEED_DEMO: 'true',
      LOG_LEVEL: 'warn',
      CLOCK_START,
      // Scenarios make their records as other users, so a run logs in far more often than any person; the
      // limit itself is tested against the API (auth.routes.test.ts).
      LOGINS_PER_MINUTE: '10000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  let early = null;
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  void exited.then((e) => {
    early = e;
  });
  // Ready is a line the server prints once it listens (src/server/main.ts), not a poll on a timer; the
  // timer below is only a hang guard.
  const ready = new Promise((resolve, reject) => {
    const guard = setTimeout(() => reject(new Error('服务器 180 秒内未就绪')), 180_000);
    const onOutput = (d) => {
      log += d;
      if (log.includes('智慧支部 Zhibu 已启动')) {
        clearTimeout(guard);
        resolve();
      }
    };
    child.stdout.on('data', onOutput);
    child.stderr.on('data', onOutput);
    void exited.then((e) => {
      clearTimeout(guard);
      reject(new Error(`服务器启动失败（退出码 ${e.code ?? e.signal}）`));
    });
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await ready;
    const health = await fetch(`${base}/api/v1/health`);
    if (!health.ok) throw new Error(`健康检查返回 ${health.status}`);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${error instanceof Error ? error.message : error}\n${log}`);
  }
  const stop = async () => {
    if (!early) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { base, clockOffsetMs, stop, log: () => log };
}

// ---------------------------------------------------------------------------------------------------------
// Scenario registry: suites register scenarios with test(); run.mjs decides which run, in what order.

export const scenarios = [];
let currentSuite = '';

export function setSuite(name) {
  currentSuite = name;
}

/**
 * Registers a scenario. `browser` is accepted for the suites' sake and ignored: the runner passes its own.
 * The body gets a fresh page and context whose clock is the server's.
 */
export async function test(name, _browser, viewport, body) {
  scenarios.push({ suite: currentSuite, name, viewport, body });
}

export const slug = (name) =>
  name
    .replace(/[^a-zA-Z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'test';

export function expect(condition, message) {
  if (!condition) throw new Error(message);
}

// ---------------------------------------------------------------------------------------------------------
// Page helpers

export async function login(page, loginName, password = PASSWORD) {
  await page.goto(`${app.base}/login`);
  await page.getByLabel('用户名').fill(loginName);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

export const shot = (page, name, fullPage = false) =>
  page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
