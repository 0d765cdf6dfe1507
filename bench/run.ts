/**
 * `npm run bench -- [--scale city|province] [--db pglite|postgres] [--skip-load] [--keep] …`
 *
 * Builds a fresh database, loads the generated tree and roster, then runs every section of
 * bench/sections in two phases (in-process app, then real server processes) and writes
 * bench/reports/<scale>-<db>-<date>.{json,md}. See docs/benchmarks.md.
 */
import { execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { shanghaiDate } from '../src/domain/calendar';
import type { Database } from '../src/server/db/database';
import { IdCardCipher } from '../src/server/features/members/id-card.crypto';
import { type BenchApp, inProcessApp, login } from './lib/app';
import type { AppPhase, BenchOptions, BenchSection, ServerPhase } from './lib/context';
import {
  ACCOUNTS,
  type AccountKey,
  createAccounts,
  databaseSize,
  findFixtures,
  loadData,
  prepareSchema,
  type Scale,
} from './lib/load';
import { log, Report, type SectionRecorder } from './lib/report';
import {
  createPgliteTarget,
  createPostgresTarget,
  DEFAULT_POSTGRES_URL,
  reusePgliteTarget,
  reusePostgresTarget,
  type Target,
} from './lib/target';
import { SECTIONS } from './sections';

/** Fixed, so a kept database stays readable by a later --skip-load run. Bench data only. */
const BENCH_SECRET_KEY = Buffer.alloc(32, 0x5b);

function parseOptions(): BenchOptions {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'city' },
      db: { type: 'string' },
      'skip-load': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      reuse: { type: 'string' },
      only: { type: 'string' },
      batch: { type: 'string' },
      iterations: { type: 'string', default: '30' },
      connections: { type: 'string', default: '32' },
      seconds: { type: 'string', default: '10' },
      rounds: { type: 'string', default: '3' },
      label: { type: 'string' },
      'wait-quiet': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(`npm run bench -- [options]
  --scale city|province     tree and roster size (default city)
  --db pglite|postgres      default: postgres when DATABASE_URL is set, else pglite
  --keep                    keep the bench database (or PGlite folder) afterwards
  --skip-load               measure a kept database instead of loading a fresh one
  --reuse NAME|DIR          with --skip-load: which kept database/folder (default: the newest)
  --only a,b                run only these sections (${SECTIONS.map((s) => s.id).join(', ')})
  --batch N                 members per insert statement (default 5000 city, 10000 province)
  --iterations N            timed runs per latency measure (default 30)
  --connections N           concurrent keep-alive connections for throughput (default 32)
  --seconds N               seconds per throughput run (default 10)
  --rounds N                alternating server/floor rounds, each with a cold start (default 3)
  --label TEXT              appended to the report file name
  --wait-quiet MINUTES      first wait (at most this long) until the 1-min load average is below the CPU count`);
    process.exit(0);
  }
  const scale = values.scale as Scale;
  if (scale !== 'city' && scale !== 'province') throw new Error('--scale must be city or province');
  const db = (values.db ?? (process.env.DATABASE_URL ? 'postgres' : 'pglite')) as BenchOptions['db'];
  if (db !== 'pglite' && db !== 'postgres') throw new Error('--db must be pglite or postgres');
  const positive = (v: string | undefined, name: string, fallback: number) => {
    const n = v === undefined ? fallback : Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer`);
    return n;
  };
  return {
    scale,
    db,
    skipLoad: values['skip-load'],
    keep: values.keep || values['skip-load'],
    reuse: values.reuse,
    only: selectedSections(values.only),
    batchSize: positive(values.batch, 'batch', scale === 'province' ? 10_000 : 5_000),
    iterations: positive(values.iterations, 'iterations', 30),
    connections: positive(values.connections, 'connections', 32),
    seconds: positive(values.seconds, 'seconds', 10),
    rounds: positive(values.rounds, 'rounds', 3),
    waitQuietMinutes:
      values['wait-quiet'] === undefined ? 0 : positive(values['wait-quiet'], 'wait-quiet', 10),
    label: values.label?.replace(/[^\w.-]+/g, '-'),
  };
}

/** Servers must not spend the measures catching up on daily jobs: `server` brings `jobs` along. */
function selectedSections(only: string | undefined): string[] | undefined {
  if (!only) return undefined;
  const ids = only.split(',').map((s) => s.trim());
  const unknown = ids.filter((id) => !SECTIONS.some((s) => s.id === id));
  if (unknown.length > 0) throw new Error(`unknown section(s) ${unknown.join(', ')}`);
  if (ids.includes('server') && !ids.includes('jobs')) ids.push('jobs');
  return ids;
}

async function openTarget(options: BenchOptions): Promise<Target> {
  if (options.db === 'postgres') {
    const base = process.env.DATABASE_URL || DEFAULT_POSTGRES_URL;
    return options.skipLoad
      ? reusePostgresTarget(base, options.scale, options.reuse)
      : createPostgresTarget(base, options.scale);
  }
  return options.skipLoad
    ? reusePgliteTarget(options.scale, options.reuse)
    : createPgliteTarget(options.scale);
}

function git(args: string): string | null {
  try {
    return execSync(`git ${args}`, { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return null;
  }
}

/** What was measured: the commit, and how far the working tree had moved from it. */
function sourceState(): string {
  const changed = (git('status --porcelain -- src migrations') ?? '').split('\n').filter(Boolean).length;
  return changed === 0 ? 'clean' : `${changed} files under src/ and migrations/ differ from the commit`;
}

/** The project's formatter over the written reports, so `biome check bench` stays clean; best effort. */
function formatReports(files: string[]): void {
  try {
    execFileSync(path.resolve('node_modules/.bin/biome'), ['format', '--write', ...files], {
      stdio: 'ignore',
    });
  } catch {
    log('reports left unformatted (biome not available)');
  }
}

/** bench/reports/<scale>-<db>-<date>[-label], never overwriting an earlier report. */
function reportBase(options: BenchOptions, date: string): string {
  const dir = path.resolve('bench/reports');
  mkdirSync(dir, { recursive: true });
  const stem = path.join(
    dir,
    `${options.scale}-${options.db}-${date}${options.label ? `-${options.label}` : ''}`,
  );
  let base = stem;
  for (let n = 2; existsSync(`${base}.json`) || existsSync(`${base}.md`); n++) base = `${stem}-${n}`;
  return base;
}

async function loginAll(bench: BenchApp): Promise<Record<AccountKey, string>> {
  const sessions = {} as Record<AccountKey, string>;
  for (const key of Object.keys(ACCOUNTS) as AccountKey[]) sessions[key] = await login(bench.app, key);
  return sessions;
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const details = (error as Error & { errors?: unknown[] }).errors;
  const extra = Array.isArray(details) && details.length > 0 ? ` ${JSON.stringify(details.slice(0, 5))}` : '';
  return `${error.message}${extra}`;
}

async function runSection(
  report: Report,
  recorders: Map<string, SectionRecorder>,
  section: BenchSection,
  run: (rec: SectionRecorder) => Promise<void>,
) {
  let rec = recorders.get(section.id);
  if (!rec) {
    rec = report.section(section.id, section.title);
    recorders.set(section.id, rec);
  } else log(`\n## ${section.title} (server phase)`);
  const t0 = performance.now();
  try {
    await run(rec);
  } catch (error) {
    rec.result.error = describeError(error);
    log(`  FAILED: ${rec.result.error}`);
  }
  rec.result.seconds += (performance.now() - t0) / 1000;
}

/** On a shared machine, other work skews every figure: optionally wait for a quieter moment. */
async function waitQuiet(minutes: number): Promise<void> {
  const deadline = Date.now() + minutes * 60_000;
  const limit = os.cpus().length;
  while (os.loadavg()[0]! >= limit && Date.now() < deadline) {
    log(
      `load average ${os.loadavg()[0]!.toFixed(1)} ≥ ${limit} CPUs: waiting (until ${new Date(deadline).toISOString()})`,
    );
    await new Promise((resolve) => setTimeout(resolve, 30_000));
  }
}

async function main() {
  const options = parseOptions();
  if (options.waitQuietMinutes > 0) await waitQuiet(options.waitQuietMinutes);
  const startedAt = new Date();
  const report = new Report({
    scale: options.scale,
    db: options.db,
    startedAt: startedAt.toISOString(),
    commit: git('rev-parse HEAD'),
    workingTree: sourceState(),
    node: process.versions.node,
    cpus: os.cpus()[0]?.model ?? 'unknown',
    cpuCount: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    server: '',
  });
  // Other work on the machine skews every figure: the report says how busy it was.
  const loads: number[] = [os.loadavg()[0]!];
  const sampler = setInterval(() => loads.push(os.loadavg()[0]!), 5000);
  sampler.unref();
  const target = await openTarget(options);
  log(`bench ${options.scale} on ${options.db}: ${target.name}`);
  let database: Database | null = null;
  let bench: BenchApp | null = null;
  const cleanup = async () => {
    await bench?.app.close().catch(() => {});
    await database?.close().catch(() => {});
    if (!options.keep) await target.drop();
    else log(`kept ${target.kind === 'postgres' ? 'database' : 'folder'} ${target.name}`);
  };
  process.once('SIGINT', () => {
    log('interrupted: cleaning up');
    void cleanup().finally(() => process.exit(130));
  });
  try {
    database = await target.open(10);
    report.meta.server = await target.describe(database);
    const load = report.section('load', 'Load — fresh database, generated tree and roster');
    if (!options.skipLoad) {
      await load.once('migrate + default dictionaries', () => prepareSchema(database!));
      const loaded = await loadData(
        database,
        options.scale,
        {
          batchSize: options.batchSize,
          cipher: new IdCardCipher(BENCH_SECRET_KEY),
          today: shanghaiDate(new Date()),
        },
        load,
      );
      load.figure('load total (orgs + members, without analyze)', loaded.seconds, 's');
    } else {
      load.note(`--skip-load: measuring the kept ${target.name} (migrated to the current schema)`);
      await prepareSchema(database);
    }
    const fixtures = await findFixtures(database.db);
    await createAccounts(database.db, fixtures);
    load.figure('database size', (await databaseSize(database.db)) / 1024 ** 2, 'MB');
    Object.assign(report.meta, {
      orgs: fixtures.totals.orgs,
      members: fixtures.totals.members,
      memberEvents: fixtures.totals.memberEvents,
      levels: `root “${fixtures.root.name}” (${fixtures.root.members} members), middle “${fixtures.middle.name}” (${fixtures.middle.type}, ${fixtures.middle.members}), leaf “${fixtures.leaf.name}” (${fixtures.leaf.members})`,
    });

    const shared = new Map<string, unknown>();
    const common = { options, target, fixtures, secretKey: BENCH_SECRET_KEY, shared };
    const selected = SECTIONS.filter((s) => !options.only || options.only.includes(s.id));
    const recorders = new Map<string, SectionRecorder>();

    bench = await inProcessApp(database, BENCH_SECRET_KEY);
    const appPhase: AppPhase = { ...common, database, bench, sessions: await loginAll(bench) };
    for (const section of selected)
      if (section.app) await runSection(report, recorders, section, (rec) => section.app!(appPhase, rec));

    // Fresh sessions for the servers; then let go of the database (PGlite: one process per folder).
    const serverPhase: ServerPhase = { ...common, sessions: await loginAll(bench) };
    await bench.app.close();
    bench = null;
    await database.close();
    database = null;
    for (const section of selected)
      if (section.server)
        await runSection(report, recorders, section, (rec) => section.server!(serverPhase, rec));
  } finally {
    await cleanup();
  }

  clearInterval(sampler);
  report.meta.finishedAt = new Date().toISOString();
  report.meta.loadAverage = `1-min load average at start ${loads[0]!.toFixed(1)}, mean ${(loads.reduce((a, b) => a + b, 0) / loads.length).toFixed(1)}, max ${Math.max(...loads).toFixed(1)} (on ${os.cpus().length} CPUs)`;
  const base = reportBase(options, report.meta.startedAt.slice(0, 10));
  const markdown = report.toMarkdown();
  writeFileSync(`${base}.json`, `${JSON.stringify(report.toJSON(), null, 2)}\n`);
  writeFileSync(`${base}.md`, markdown);
  formatReports([`${base}.json`, `${base}.md`]);
  console.log(readFileSync(`${base}.md`, 'utf8'));
  log(`written ${path.relative(process.cwd(), base)}.{json,md}`);
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
