import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SESSION_COOKIE } from '../../src/server/http/auth-hook';
import { getJson } from '../lib/app';
import { captureSql } from '../lib/capture';
import type { BenchSection, ServerPhase } from '../lib/context';
import { type LoadResult, runLoad } from '../lib/http-load';
import type { SectionRecorder } from '../lib/report';
import { freePort, request, type Spawned, spawnNode, waitFor200 } from '../lib/server';

const WARMUP_SECONDS = 2;
const FIRST_PAGE = '/api/v1/members?pageSize=20';
const WEB_INDEX = path.resolve('dist/web/index.html');

interface FloorStatement {
  text: string;
  params: unknown[];
  data: boolean;
}

function throughputPath(ctx: Pick<ServerPhase, 'fixtures'>): string {
  return `/api/v1/members?orgId=${ctx.fixtures.middle.id}&pageSize=20`;
}

const cookie = (session: string) => ({ cookie: `${SESSION_COOKIE}=${session}` });

/** The web bundle is needed for the GET / part of the cold start; build it once if it is missing. */
function ensureWebBuild(rec: SectionRecorder): boolean {
  if (existsSync(WEB_INDEX)) return true;
  try {
    execSync('npm run build:web', { stdio: ['ignore', 'inherit', 'inherit'] });
  } catch {
    rec.note(
      'dist/web is missing and `npm run build:web` failed: cold start measured to the health check instead of GET /',
    );
    return false;
  }
  return existsSync(WEB_INDEX);
}

/**
 * The real server as users meet it, in a child process on loopback: time from spawn to the first page, then
 * throughput of an authenticated read under concurrent keep-alive load, and its memory. Against it, the
 * floor: the same data statements behind a bare Fastify route. Rounds alternate server and floor, so a
 * change in what else the machine is doing touches both sides alike; figures are medians over rounds.
 */
export const serverSection: BenchSection = {
  id: 'server',
  title: 'Real server over HTTP — cold start, throughput against a floor, memory',
  async app(ctx, rec) {
    const captured = await captureSql(ctx.database, () =>
      getJson(ctx.bench.app, ctx.sessions.middleSupervisor, throughputPath(ctx)),
    );
    const reads = captured.filter((q) => /^\s*(select|with)\b/i.test(q.text));
    const floor = reads.map(
      ({ text, params, table }): FloorStatement => ({ text, params, data: table === 'members' }),
    );
    ctx.shared.set('floorStatements', floor);
    rec.note(
      `the throughput request sends ${captured.length} statements (${captured.map((q) => q.table).join(', ')}); /floor replays the ${floor.filter((f) => f.data).length} on members, /floor-all all ${floor.length} reads`,
    );
  },

  async server(ctx, rec) {
    let web = ensureWebBuild(rec);
    const statements = ctx.shared.get('floorStatements') as FloorStatement[] | undefined;
    const apiOnlyCwd = mkdtempSync(path.join(os.tmpdir(), 'zhibu-api-only-'));
    const floorDir = mkdtempSync(path.join(os.tmpdir(), 'zhibu-floor-'));
    const floorFile = path.join(floorDir, 'statements.json');
    writeFileSync(floorFile, JSON.stringify(statements ?? []));
    const cold = {
      toPage: [] as number[],
      toFirstRoster: [] as number[],
      self: [] as number[],
      root: [] as number[],
    };
    const app = { rps: [] as number[], latencies: [] as number[], errors: 0, rssStart: [] as number[] };
    const floor = { rps: [] as number[], latencies: [] as number[], errors: 0, rss: [] as number[] };
    const floorAll = { rps: [] as number[], latencies: [] as number[], errors: 0 };
    let rssAfterLoad = { rssMb: 0, peakMb: 0 };
    let server: Spawned | null = null;
    try {
      for (let round = 0; round < ctx.options.rounds; round++) {
        // The real server, from spawn to its first pages, then under load.
        server = await startServer(ctx, web ? process.cwd() : apiOnlyCwd);
        try {
          cold.toPage.push(
            await waitFor200(`${server.baseUrl}${web ? '/' : '/api/v1/health'}`, server.spawnedAt, {
              alive: server.alive,
            }),
          );
        } catch (error) {
          if (!web || server.alive()) throw error;
          const output = server.output().trim().split('\n').slice(-3).join(' ');
          rec.note(
            `the server exits at start-up when dist/web exists (“${output}”): cold start measured without the web bundle, to GET /api/v1/health`,
          );
          web = false;
          round--;
          continue;
        }
        cold.toFirstRoster.push(
          await waitFor200(`${server.baseUrl}${FIRST_PAGE}`, server.spawnedAt, {
            alive: server.alive,
            headers: cookie(ctx.sessions.leafSecretary),
          }),
        );
        const t0 = performance.now();
        const root = await request(`${server.baseUrl}${FIRST_PAGE}`, {
          headers: cookie(ctx.sessions.rootSupervisor),
        });
        if (root.status !== 200) throw new Error(`root roster after start → ${root.status}`);
        cold.root.push(performance.now() - t0);
        const m = /（(\d+) ms）/.exec(server.output());
        if (m) cold.self.push(Number(m[1]));
        app.rssStart.push(server.rss().rssMb);
        const a = await load(
          ctx,
          `${server.baseUrl}${throughputPath(ctx)}`,
          cookie(ctx.sessions.middleSupervisor),
        );
        app.rps.push(a.rps);
        append(app.latencies, a.latencies);
        app.errors += a.errors;
        if (a.firstError)
          rec.note(`real app, round ${round + 1}: ${a.errors} failed (first: ${a.firstError})`);
        rssAfterLoad = server.rss();
        await server.stop();
        server = null;

        // The floor, right after, on the same database.
        if (!statements || statements.length === 0) continue;
        const f = await runFloor(ctx, floorFile);
        floor.rps.push(f.data.rps);
        append(floor.latencies, f.data.latencies);
        floor.errors += f.data.errors;
        floorAll.rps.push(f.all.rps);
        append(floorAll.latencies, f.all.latencies);
        floorAll.errors += f.all.errors;
        floor.rss.push(f.rssMb);
        for (const [label, r] of [
          ['floor', f.data],
          ['floor-all', f.all],
        ] as const)
          if (r.firstError)
            rec.note(`${label}, round ${round + 1}: ${r.errors} failed (first: ${r.firstError})`);
      }
    } catch (error) {
      const tail = server?.output().slice(-1500);
      throw tail ? new Error(`${(error as Error).message}\nserver output: ${tail}`) : error;
    } finally {
      await server?.stop();
      rmSync(apiOnlyCwd, { recursive: true, force: true });
      rmSync(floorDir, { recursive: true, force: true });
    }

    const command = 'node --import tsx src/server/main.ts';
    rec.timing(
      web ? 'spawn → GET / answers 200 (web page)' : 'spawn → GET /api/v1/health answers 200 (no web bundle)',
      cold.toPage,
      command,
    );
    rec.timing('spawn → first authenticated roster page (secretary) answers 200', cold.toFirstRoster);
    if (cold.self.length > 0)
      rec.timing('server’s own start-up time (config → listening, as it logs it)', cold.self);
    rec.timing('first root-scope roster page right after start', cold.root);
    rec.figure('server RSS after start', median(app.rssStart), 'MB');
    rec.figure('server RSS after the throughput run', rssAfterLoad.rssMb, 'MB');
    rec.figure('server peak RSS (VmHWM)', rssAfterLoad.peakMb, 'MB');

    const { connections, seconds, rounds } = ctx.options;
    const how = `${connections} keep-alive connections, ${rounds} × ${seconds} s, median`;
    const appRps = median(app.rps);
    rec.figure(
      'real app: throughput',
      appRps,
      'req/s',
      `${how}; rounds ${app.rps.map((r) => r.toFixed(0)).join(' / ')}`,
    );
    rec.timing('real app: latency under load', app.latencies);
    if (floor.rps.length === 0) {
      rec.note('no captured statements: floor skipped');
      return;
    }
    const floorRps = median(floor.rps);
    const floorAllRps = median(floorAll.rps);
    rec.figure(
      'floor (bare Fastify, the data statements): throughput',
      floorRps,
      'req/s',
      `${how}; rounds ${floor.rps.map((r) => r.toFixed(0)).join(' / ')}`,
    );
    rec.timing('floor: latency under load', floor.latencies);
    rec.figure(
      'floor-all (bare Fastify, every read the request sends): throughput',
      floorAllRps,
      'req/s',
      `${how}; rounds ${floorAll.rps.map((r) => r.toFixed(0)).join(' / ')}`,
    );
    rec.timing('floor-all: latency under load', floorAll.latencies);
    rec.figure('floor server RSS after its runs', median(floor.rss), 'MB');
    rec.figure(
      'real app ÷ floor',
      appRps / floorRps,
      '×',
      'share of the bare route’s throughput the app keeps',
    );
    rec.figure('real app ÷ floor-all', appRps / floorAllRps, '×');
    rec.figure(
      'per request above the floor: the extra SQL (session, account, grants, org)',
      1000 / floorAllRps - 1000 / floorRps,
      'ms',
      '1/rps of floor-all minus floor',
    );
    rec.figure(
      'per request above the floor: Node-side layers (hooks, validation, ORM mapping, serialization)',
      1000 / appRps - 1000 / floorAllRps,
      'ms',
      '1/rps of the app minus floor-all',
    );
  },
};

/** Push without spreading: a fast server yields more samples than a call may take arguments. */
function append(target: number[], source: readonly number[]): void {
  for (const value of source) target.push(value);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
}

async function startServer(ctx: ServerPhase, cwd: string): Promise<Spawned> {
  const port = await freePort();
  return spawnNode(
    'src/server/main.ts',
    [],
    {
      ...ctx.target.serverEnv,
      HOST: '127.0.0.1',
      PORT: String(port),
      SEED_DEMO: 'false',
      SECRET_KEY: ctx.secretKey.toString('hex'),
      LOG_LEVEL: 'warn',
    },
    port,
    cwd,
  );
}

/** A short warm-up at the same concurrency, then the measured run. */
async function load(ctx: ServerPhase, url: string, headers: Record<string, string>): Promise<LoadResult> {
  const { connections, seconds } = ctx.options;
  await runLoad({ url, headers, connections, seconds: WARMUP_SECONDS, maxRequests: 100_000 });
  return runLoad({ url, headers, connections, seconds, maxRequests: 1_000_000 });
}

async function runFloor(
  ctx: ServerPhase,
  file: string,
): Promise<{ data: LoadResult; all: LoadResult; rssMb: number }> {
  const port = await freePort();
  const args = ['--port', String(port), '--queries', file];
  if (ctx.target.url) args.push('--database-url', ctx.target.url);
  else args.push('--data-dir', ctx.target.name);
  const floor = await spawnNode('bench/floor-server.ts', args, {}, port);
  try {
    await waitFor200(`${floor.baseUrl}/floor`, floor.spawnedAt, { alive: floor.alive });
    const data = await load(ctx, `${floor.baseUrl}/floor`, {});
    const all = await load(ctx, `${floor.baseUrl}/floor-all`, {});
    return { data, all, rssMb: floor.rss().rssMb };
  } catch (error) {
    throw new Error(`${(error as Error).message}\nfloor output: ${floor.output().slice(-2000)}`);
  } finally {
    await floor.stop();
  }
}
