/**
 * What every browser-test suite shares: the server under test (the built app on a free port, a fresh
 * embedded database with the demo data), a tiny runner that prints one line per scenario, and page helpers.
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

/** The running app's base URL, set by run.mjs before any suite starts. */
export const app = { base: '' };

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
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SEED_DEMO: 'true',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (d) => {
    log += d;
  });
  child.stderr.on('data', (d) => {
    log += d;
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  let early = null;
  void exited.then((e) => {
    early = e;
  });
  for (;;) {
    if (early) throw new Error(`服务器启动失败（退出码 ${early.code ?? early.signal}）：\n${log}`);
    try {
      const res = await fetch(`${base}/api/v1/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`服务器 90 秒内未就绪：\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 300));
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
  return { base, stop, log: () => log };
}

// ---------------------------------------------------------------------------------------------------------
// Tiny test runner

export const results = [];

export async function test(name, browser, viewport, body) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.setDefaultTimeout(15_000);
  const started = Date.now();
  try {
    await body(page, context);
    if (pageErrors.length > 0) throw new Error(`页面脚本错误：${pageErrors.join('；')}`);
    results.push({ name, ok: true });
    console.log(`✓ PASS ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`✗ FAIL ${name}: ${error instanceof Error ? error.message : error}`);
    await page
      .screenshot({ path: path.join(SHOTS, `fail-${slug(name)}.png`), fullPage: true })
      .catch(() => {});
  } finally {
    await context.close();
  }
}

const slug = (name) =>
  name
    .replace(/[^a-zA-Z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40) || 'test';

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
