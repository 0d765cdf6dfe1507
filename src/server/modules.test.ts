import { readdirSync } from 'node:fs';
import path from 'node:path';
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../domain/access';
import { TABLES } from './db/schema';
import { MODULES } from './modules';

/** What drizzle-kit generates migrations from: every pgTable exported by a *.table.ts file (drizzle.config.ts). */
async function tableFileTables(): Promise<string[]> {
  const root = import.meta.dirname;
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.table.ts'),
  );
  const names: string[] = [];
  for (const file of files) {
    const exports: Record<string, unknown> = await import(path.join(root, file));
    for (const value of Object.values(exports))
      if (is(value, PgTable)) names.push(getTableConfig(value).name);
  }
  return names.sort();
}

describe('the module list', () => {
  it('declares every table of the schema once, so none escapes the org-move rewrite', async () => {
    const declared = TABLES.map((t) => getTableConfig(t).name).sort();
    expect(declared).toEqual(await tableFileTables());
    expect(new Set(declared).size).toBe(declared.length);
  });

  it('gives every permission to exactly one module', () => {
    const claimed = MODULES.modules.flatMap((m) => m.permissions ?? []);
    expect([...claimed].sort()).toEqual([...PERMISSIONS].sort());
  });

  it('names each module once', () => {
    const names = MODULES.modules.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
