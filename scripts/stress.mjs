/**
 * Stress mode for the test suites: finds the tests whose answer depends on timing or machine load.
 *
 * While a bounded CPU load runs beside them (busy worker threads, two by default: on a 2-core machine the
 * suites get about half of it), runs the unit and integration suites R times and the browser suites N times,
 * the browser scenarios in a different seeded order each time, and reports every test that failed at least
 * once with how often. Exit code 1 if any did.
 *
 *   npm run test:stress                          N = 5 browser runs, R = 3 unit/integration runs
 *   npm run test:stress -- --runs 10 --unit-runs 1 --load 1
 *   npm run test:stress -- --only e2e            only the browser suites (or --only unit)
 *
 * With TEST_DATABASE_URL set, the unit and integration runs alternate between the embedded database and
 * that PostgreSQL server (odd runs embedded, even runs PostgreSQL). The web is built once, first.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'e2e', 'artifacts', 'stress');

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    'unit-runs': { type: 'string', default: '3' },
    load: { type: 'string', default: '2' },
    only: { type: 'string' },
  },
});
const browserRuns = positiveInt(args.runs, '--runs');
const unitRuns = positiveInt(args['unit-runs'], '--unit-runs');
const loadThreads = Number(args.load);
if (!Number.isInteger(loadThreads) || loadThreads < 0) fail('--load 应为 0 或正整数');
if (args.only && !['unit', 'e2e'].includes(args.only)) fail('--only 应为 unit 或 e2e');
const pgUrl = process.env.TEST_DATABASE_URL || '';

function positiveInt(value, flag) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) fail(`${flag} 应为正整数`);
  return n;
}

function fail(message) {
  console.error(message);
  process.exit(2);
}

/** Busy threads, each spinning until terminated: on 2 cores, two of them take about half the machine. */
function startLoad(threads) {
  const source = 'for (;;) Math.sqrt(Math.random());';
  const workers = Array.from({ length: threads }, () => new Worker(source, { eval: true }));
  return () => Promise.all(workers.map((w) => w.terminate()));
}

/** Runs a command, echoing its output with a prefix; resolves to its exit code. */
function run(label, command, argv, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, argv, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const echo = (chunk) => {
      for (const line of String(chunk).split('\n')) if (line.trim()) console.log(`[${label}] ${line}`);
    };
    child.stdout.on('data', echo);
    child.stderr.on('data', echo);
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

/** Failed test names from a vitest JSON report (a missing or unreadable report counts as the run failing). */
function vitestFailures(file, label) {
  try {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    const failed = [];
    for (const suite of report.testResults ?? []) {
      const where = path.relative(ROOT, suite.name);
      const tests = suite.assertionResults ?? [];
      for (const t of tests) if (t.status === 'failed') failed.push(`${where} › ${t.fullName}`);
      if (suite.status === 'failed' && !tests.some((t) => t.status === 'failed'))
        failed.push(`${where} › (文件加载或钩子失败：${(suite.message ?? '').split('\n')[0]})`);
    }
    return failed;
  } catch {
    return [`${label}：没有生成测试报告`];
  }
}

function e2eFailures(file, label) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
      .filter((r) => !r.ok)
      .map((r) => `${r.suite} › ${r.name}`);
  } catch {
    return [`${label}：没有生成测试报告`];
  }
}

async function main() {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  /** test name → labels of the runs in which it failed */
  const failures = new Map();
  const note = (names, label) => {
    for (const name of names) failures.set(name, [...(failures.get(name) ?? []), label]);
  };
  const totals = { unit: 0, e2e: 0 };

  if (args.only !== 'unit') {
    console.log('==> 构建前端');
    if ((await run('build', 'npx', ['vite', 'build', '--logLevel', 'warn'])) !== 0) fail('前端构建失败');
  }
  console.log(`==> 背景负载：${loadThreads} 个忙碌线程`);
  const stopLoad = startLoad(loadThreads);
  const started = Date.now();
  try {
    if (args.only !== 'e2e') {
      for (let i = 1; i <= unitRuns; i++) {
        const onPg = pgUrl !== '' && i % 2 === 0;
        const label = `unit#${i}${onPg ? '(PostgreSQL)' : '(PGlite)'}`;
        const report = path.join(OUT, `unit-${i}.json`);
        console.log(`==> ${label}`);
        await run(
          label,
          'npx',
          ['vitest', 'run', '--reporter=dot', '--reporter=json', `--outputFile.json=${report}`],
          { TEST_DATABASE_URL: onPg ? pgUrl : '' },
        );
        note(vitestFailures(report, label), label);
        totals.unit++;
      }
    }
    if (args.only !== 'unit') {
      for (let i = 1; i <= browserRuns; i++) {
        const label = `e2e#${i}`;
        const report = path.join(OUT, `e2e-${i}.json`);
        console.log(`==> ${label}（场景顺序种子 ${i}）`);
        await run(label, process.execPath, [
          'e2e/run.mjs',
          '--shuffle',
          String(i),
          '--json',
          report,
          '--artifacts',
          path.join(OUT, `e2e-${i}`),
        ]);
        note(e2eFailures(report, label), label);
        totals.e2e++;
      }
    }
  } finally {
    await stopLoad();
  }

  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  console.log(
    `\n==> 压力测试结束：单元与集成 ${totals.unit} 轮、浏览器 ${totals.e2e} 轮，负载 ${loadThreads} 线程，用时 ${minutes} 分钟`,
  );
  if (failures.size === 0) {
    console.log('没有任何测试失败过。');
    return 0;
  }
  console.log(`${failures.size} 个测试至少失败过一次：`);
  for (const [name, runs] of failures) console.log(`  ✗ ${name} — ${runs.length} 次（${runs.join('、')}）`);
  console.log(`失败场景的截图、控制台与网络错误、trace 在 ${path.relative(ROOT, OUT)}/ 下`);
  return 1;
}

process.exitCode = await main();
