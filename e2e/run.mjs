/**
 * Browser tests: starts the built app on a free port with a fresh embedded database and the demo data,
 * drives Debian's Chromium through playwright-core, runs every suite in e2e/suites/ in file-name order
 * (later suites may rely on what earlier ones did), and prints one line per scenario and
 * "N passed, M failed" at the end (exit code 1 if anything failed). Run `npm run build:web` first.
 *
 *   node e2e/run.mjs             every suite
 *   node e2e/run.mjs dues        only the suites whose file name contains "dues"
 *
 * Screenshots land in e2e/screenshots/ (git-ignored); a failing scenario leaves fail-<name>.png there.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { app, CHROMIUM, ROOT, results, SHOTS, startServer } from './lib.mjs';

const SUITES = path.join(ROOT, 'e2e', 'suites');
const only = process.argv[2];
const suites = readdirSync(SUITES)
  .filter((f) => f.endsWith('.mjs') && (!only || f.includes(only)))
  .sort();

async function main() {
  if (!existsSync(CHROMIUM)) {
    console.error(
      `找不到 Chromium：${CHROMIUM}。请安装 Debian 的 chromium 包（apt-get install chromium），或用 CHROMIUM_PATH 指定。`,
    );
    console.log('0 passed, 1 failed');
    return 1;
  }
  if (!existsSync(path.join(ROOT, 'dist', 'web', 'index.html'))) {
    console.error('dist/web/index.html missing — 请先运行 npm run build:web。');
    console.log('0 passed, 1 failed');
    return 1;
  }
  mkdirSync(SHOTS, { recursive: true });

  let server = null;
  let browser = null;
  const cleanup = async () => {
    await browser?.close().catch(() => {});
    browser = null;
    await server?.stop().catch(() => {});
    server = null;
  };
  const onSignal = () => {
    void cleanup().then(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    server = await startServer();
    app.base = server.base;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    for (const file of suites) {
      const suite = await import(pathToFileURL(path.join(SUITES, file)).href);
      console.log(`— ${file}`);
      await suite.scenarios(browser);
    }
  } catch (error) {
    console.log(`✗ FAIL setup: ${error instanceof Error ? error.message : error}`);
    results.push({ name: 'setup', ok: false });
  } finally {
    await cleanup();
  }
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main();
