import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { type Database, openEmbedded, openPostgres, queryRows } from '../../src/server/db/database';

/**
 * The database a run measures: a fresh PostgreSQL database on the server of DATABASE_URL, or a fresh
 * PGlite data folder. Dropped at the end unless kept; a kept one can be measured again with --skip-load.
 */
export interface Target {
  kind: 'pglite' | 'postgres';
  /** Database name (postgres) or data folder (pglite). */
  name: string;
  /** What the spawned server is given: DATABASE_URL or DATA_DIR. */
  serverEnv: Record<string, string>;
  /** Connection string of the bench database (postgres only). */
  url: string | null;
  open(poolSize?: number): Promise<Database>;
  /** Removes the database or folder. */
  drop(): Promise<void>;
  /** A one-line description of the database for the report. */
  describe(database: Database): Promise<string>;
}

export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const PGLITE_PREFIX = 'zhibu-bench-';

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(baseUrl: string, text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

function stamp(): string {
  return new Date().toISOString().replace(/[-:T]/g, '').replace(/\..*$/, '').toLowerCase();
}

export async function createPostgresTarget(baseUrl: string, scale: string): Promise<Target> {
  const name = `zhibu_bench_${scale}_${stamp()}`;
  await adminQuery(baseUrl, `create database ${name}`);
  return postgresTarget(baseUrl, name);
}

/** A kept bench database: the newest of the scale unless named. */
export async function reusePostgresTarget(baseUrl: string, scale: string, name?: string): Promise<Target> {
  const rows = (
    await adminQuery(baseUrl, `select datname from pg_database where datname like $1 order by datname desc`, [
      name ?? `zhibu_bench_${scale}_%`,
    ])
  ).rows as { datname: string }[];
  const found = rows[0]?.datname;
  if (!found)
    throw new Error(`no kept bench database ${name ?? `zhibu_bench_${scale}_*`} (run once with --keep)`);
  return postgresTarget(baseUrl, found);
}

function postgresTarget(baseUrl: string, name: string): Target {
  const url = withDatabase(baseUrl, name);
  return {
    kind: 'postgres',
    name,
    url,
    serverEnv: { DATABASE_URL: url },
    open: (poolSize = 10) => openPostgres(url, poolSize),
    async drop() {
      await adminQuery(baseUrl, `drop database if exists ${name} with (force)`);
    },
    describe: async (database) => `${await serverVersion(database)}, database ${name}`,
  };
}

export function createPgliteTarget(scale: string): Target {
  const dir = mkdtempSync(path.join(os.tmpdir(), `${PGLITE_PREFIX}${scale}-`));
  return pgliteTarget(dir);
}

export function reusePgliteTarget(scale: string, dir?: string): Target {
  if (dir) {
    if (!existsSync(path.join(dir, 'pg'))) throw new Error(`${dir} holds no PGlite data`);
    return pgliteTarget(path.resolve(dir));
  }
  const candidates = readdirSync(os.tmpdir())
    .filter((d) => d.startsWith(`${PGLITE_PREFIX}${scale}-`))
    .map((d) => path.join(os.tmpdir(), d))
    .filter((d) => existsSync(path.join(d, 'pg')))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (!candidates[0]) throw new Error(`no kept PGlite bench folder for ${scale} (run once with --keep)`);
  return pgliteTarget(candidates[0]);
}

function pgliteTarget(dir: string): Target {
  return {
    kind: 'pglite',
    name: dir,
    url: null,
    serverEnv: { DATA_DIR: dir },
    open: () => openEmbedded(dir),
    async drop() {
      rmSync(dir, { recursive: true, force: true });
    },
    describe: async (database) => `${await serverVersion(database)}, embedded, data folder ${dir}`,
  };
}

async function serverVersion(database: Database): Promise<string> {
  const [row] = await queryRows<{ v: string; sb: string }>(
    database.db,
    sql`select version() as v, current_setting('shared_buffers') as sb`,
  );
  return `${row!.v.split(' on ')[0]!.replace(/,.*$/, '')} (shared_buffers ${row!.sb})`;
}
