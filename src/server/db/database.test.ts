import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, migrate, openEmbedded, queryRows } from './database';

describe('embedded database folder', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'zhibu-db-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a second open of the same folder while the first is open, and allows it after close', async () => {
    const dir = tempDir();
    const first = await openEmbedded(dir);
    await expect(openEmbedded(dir)).rejects.toBeInstanceOf(DataDirLockedError);
    await first.close();
    const second = await openEmbedded(dir);
    await second.close();
  });

  it('takes over a lock left behind by a process that no longer exists', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'zhibu.lock'), '999999999');
    const database = await openEmbedded(dir);
    await database.close();
  });

  it('keeps data across a close and reopen, with migrations applied once', async () => {
    const dir = tempDir();
    const a = await openEmbedded(dir);
    await migrate(a);
    await a.db.execute(sql`insert into dictionary_entries (kind, label) values ('education', '测试学历')`);
    await a.close();
    const b = await openEmbedded(dir);
    await migrate(b);
    const rows = await queryRows<{ label: string }>(b.db, sql`select label from dictionary_entries`);
    expect(rows.map((r) => r.label)).toEqual(['测试学历']);
    await b.close();
  });
});
