/**
 * Browser tests: starts the built app on a free port with a fresh embedded database and the demo data,
 * drives Debian's Chromium through playwright-core, and runs the scenarios that the suites in e2e/suites/
 * register. Each scenario has a browser context of its own and creates what it needs, so any one runs
 * alone and the order does not matter. Prints one line per scenario and "N passed, M failed" at the end
 * (exit code 1 if anything failed). Run `npm run build:web` first.
 *
 *   node e2e/run.mjs                     every scenario, in suite order
 *   node e2e/run.mjs dues                only the suites whose file name contains "dues"
 *   node e2e/run.mjs --grep '计划'        only the scenarios whose name matches
 *   node e2e/run.mjs --shuffle 7         every scenario, in an order drawn from seed 7
 *   node e2e/run.mjs --json out.json     also write the results as JSON
 *   node e2e/run.mjs --artifacts DIR     where failed scenarios leave their evidence (default e2e/artifacts)
 *   node e2e/run.mjs --cpu-throttle 4    every page runs on a CPU slowed 4 times (Chromium's emulation)
 *
 * Screenshots that scenarios take land in e2e/screenshots/. A failed scenario leaves, in its own folder
 * under the artifacts folder, a screenshot, the console and network errors of its pages and a Playwright
 * trace (open it with `npx playwright-core show-trace trace.zip`).
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { app, CHROMIUM, ROOT, SHOTS, scenarios, setSuite, slug, startServer } from './lib.mjs';

const SUITES = path.join(ROOT, 'e2e', 'suites');
const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    grep: { type: 'string' },
    shuffle: { type: 'string' },
    json: { type: 'string' },
    artifacts: { type: 'string' },
    'cpu-throttle': { type: 'string' },
  },
});
const only = positionals[0];
const ARTIFACTS = path.resolve(args.artifacts ?? path.join(ROOT, 'e2e', 'artifacts'));

/** A small seeded generator (mulberry32), so a shuffled order can be replayed from its seed. */
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled(list, seed) {
  const random = seeded(seed);
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

async function collect() {
  const files = readdirSync(SUITES)
    .filter((f) => f.endsWith('.mjs') && (!only || f.includes(only)))
    .sort();
  for (const file of files) {
    const suite = await import(pathToFileURL(path.join(SUITES, file)).href);
    setSuite(file);
    await suite.scenarios(null);
  }
  const grep = args.grep ? new RegExp(args.grep) : null;
  const chosen = scenarios.filter((s) => !grep || grep.test(s.name));
  return args.shuffle === undefined ? chosen : shuffled(chosen, Number(args.shuffle));
}

/** One scenario in a fresh context; on failure its evidence goes to ARTIFACTS/<suite>--<name>/. */
async function runScenario(browser, scenario) {
  const context = await browser.newContext({
    viewport: scenario.viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  // The page's clock is the server's: the same "today" on both sides of every request.
  await context.clock.install({ time: app.now() });
  await context.tracing.start({ screenshots: true, snapshots: true });
  const consoleLines = [];
  const networkLines = [];
  const pageErrors = [];
  context.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') consoleLines.push(`[${m.type()}] ${m.text()}`);
  });
  context.on('weberror', (e) => pageErrors.push(e.error().message));
  context.on('requestfailed', (r) =>
    networkLines.push(`失败 ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`),
  );
  context.on('response', (r) => {
    if (r.status() >= 400) networkLines.push(`${r.status()} ${r.request().method()} ${r.url()}`);
  });
  const throttle = Number(args['cpu-throttle'] ?? 1);
  if (throttle > 1) {
    context.on('page', (p) => {
      void context
        .newCDPSession(p)
        .then((cdp) => cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle }))
        .catch(() => {});
    });
  }
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const started = Date.now();
  const result = {
    suite: scenario.suite,
    name: scenario.name,
    ok: false,
    ms: 0,
    error: null,
    artifacts: null,
  };
  try {
    await scenario.body(page, context);
    if (pageErrors.length > 0) throw new Error(`页面脚本错误：${pageErrors.join('；')}`);
    result.ok = true;
    await context.tracing.stop();
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
    const dir = path.join(ARTIFACTS, `${slug(scenario.suite.replace(/\.mjs$/, ''))}--${slug(scenario.name)}`);
    mkdirSync(dir, { recursive: true });
    result.artifacts = path.relative(ROOT, dir);
    await page.screenshot({ path: path.join(dir, 'failure.png'), fullPage: true }).catch(() => {});
    await context.tracing.stop({ path: path.join(dir, 'trace.zip') }).catch(() => {});
    writeFileSync(
      path.join(dir, 'errors.txt'),
      [
        `场景：${scenario.suite} ${scenario.name}`,
        `错误：${result.error}`,
        `页面地址：${page.url()}`,
        '',
        '— 页面脚本错误',
        ...pageErrors,
        '',
        '— 控制台错误与警告',
        ...consoleLines,
        '',
        '— 网络错误（失败的请求、4xx/5xx 响应）',
        ...networkLines,
        '',
      ].join('\n'),
    );
  } finally {
    result.ms = Date.now() - started;
    await context.close();
  }
  return result;
}

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
  rmSync(ARTIFACTS, { recursive: true, force: true });

  const chosen = await collect();
  if (chosen.length === 0) {
    console.log('没有匹配的场景');
    console.log('0 passed, 1 failed');
    return 1;
  }
  if (args.shuffle !== undefined) console.log(`场景顺序由种子 ${args.shuffle} 打乱`);

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

  const results = [];
  try {
    server = await startServer();
    app.base = server.base;
    app.clockOffsetMs = server.clockOffsetMs;
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
    let suite = '';
    for (const scenario of chosen) {
      if (scenario.suite !== suite && args.shuffle === undefined) console.log(`— ${scenario.suite}`);
      suite = scenario.suite;
      const r = await runScenario(browser, scenario);
      results.push(r);
      const where = args.shuffle === undefined ? '' : `[${r.suite}] `;
      console.log(r.ok ? `✓ PASS ${where}${r.name} (${r.ms} ms)` : `✗ FAIL ${where}${r.name}: ${r.error}`);
    }
  } catch (error) {
    console.log(`✗ FAIL setup: ${error instanceof Error ? error.message : error}`);
    results.push({ suite: 'setup', name: 'setup', ok: false, error: String(error), artifacts: null });
  } finally {
    await cleanup();
  }
  if (args.json) writeFileSync(args.json, JSON.stringify(results, null, 2));
  const failed = results.filter((r) => !r.ok);
  if (failed.some((r) => r.artifacts)) {
    console.log('失败场景的截图、控制台与网络错误、trace：');
    for (const r of failed) if (r.artifacts) console.log(`  ${r.artifacts}/`);
  }
  console.log(`${results.length - failed.length} passed, ${failed.length} failed`);
  return failed.length > 0 ? 1 : 0;
}

process.exitCode = await main();
