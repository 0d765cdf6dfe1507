import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';

// Calendar dates stay ISO strings, never shifted through a JS Date in the server's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));

// No relational schema is given to Drizzle: repositories use the query builder and SQL, never db.query, so
// the driver needs no table list, and the database layer depends on no module.
export type Db = PgDatabase<PgQueryResultHKT>;
export type Tx = PgTransaction<PgQueryResultHKT>;
/** What repositories take: the database or a transaction on it. */
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../../migrations');

export class DataDirLockedError extends Error {}

/**
 * PGlite has no cross-process lock: two processes on one folder silently lose writes. A lock file with the
 * owner's pid makes a second start fail loudly; a stale lock (its process gone) is taken over.
 */
function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const lockFile = path.join(dir, 'zhibu.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(lockFile, 'utf8').trim());
      if (owner && processAlive(owner))
        throw new DataDirLockedError(
          `数据目录 ${dir} 已被另一个 Zhibu 进程（pid ${owner}）使用。嵌入式数据库只能由一个进程打开：请先停止该进程，或用 DATA_DIR 指定其他目录。`,
        );
      rmSync(lockFile, { force: true });
    }
  }
  throw new DataDirLockedError(`无法锁定数据目录 ${dir}`);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function openEmbedded(dataDir: string): Promise<Database> {
  const unlock = lockDataDir(dataDir);
  try {
    const client = await PGlite.create({ dataDir: path.join(dataDir, 'pg') });
    return wrapPglite(client, unlock);
  } catch (error) {
    unlock();
    throw error;
  }
}

/** An in-memory or cloned PGlite (tests). */
export function wrapPglite(client: PGlite, onClose: () => void = () => {}): Database {
  const db = drizzlePglite(client) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    async close() {
      await client.close();
      onClose();
    },
  };
}

export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', () => {});
  const db = drizzlePg(pool) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    async close() {
      await pool.end();
    },
  };
}

export async function migrate(database: Database): Promise<void> {
  if (database.kind === 'pglite')
    // biome-ignore lint/suspicious/noExplicitAny: the two drivers' database types differ only nominally
    await migratePglite(database.db as any, { migrationsFolder: MIGRATIONS_DIR });
  // biome-ignore lint/suspicious/noExplicitAny: as above
  else await migratePg(database.db as any, { migrationsFolder: MIGRATIONS_DIR });
}

/** Raw SQL returning rows, the same on both drivers (each result carries `rows`). */
export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
