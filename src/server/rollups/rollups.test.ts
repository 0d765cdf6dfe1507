import { sql } from 'drizzle-orm';
import { integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Executor } from '../db/database';
import { queryRows } from '../db/database';
import { inSubtree } from '../scope';
import { freshDatabase } from '../testing/harness';
import { expectRollupConsistent } from '../testing/rollups';
import { defineRollup } from '.';

/**
 * The engine on a scratch table of its own: per org and year, own and subtree counts of facts. Random
 * histories of facts added and removed and orgs moved under other parents keep the incremental rows equal
 * to a recomputation from the facts, own counts staying on the org that holds the facts.
 */
const facts = pgTable('zz_rollup_facts', {
  tenantId: integer('tenant_id').notNull(),
  orgPath: text('org_path').notNull(),
  year: integer('year').notNull(),
  n: integer('n').notNull(),
  m: integer('m').notNull(),
});
const rollups = pgTable(
  'zz_rollups',
  {
    tenantId: integer('tenant_id').notNull(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    year: integer('year').notNull(),
    ownN: integer('own_n').notNull().default(0),
    subN: integer('sub_n').notNull().default(0),
    subM: integer('sub_m').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.orgId, t.year] })],
);

const TENANT = 1;
const rollup = defineRollup({
  table: rollups,
  keys: { year: rollups.year },
  measures: { n: rollups.subN, m: rollups.subM },
  own: { n: rollups.ownN },
  rebuild: {
    // Two sources, each with some of the measures (the others count 0), one of them not grouped.
    sources: (tenantId) => [
      {
        measures: ['n'],
        select: sql`select org_path, year, sum(n) from zz_rollup_facts where tenant_id = ${tenantId}
                    group by org_path, year`,
      },
      {
        measures: ['m'],
        select: sql`select org_path, year, m from zz_rollup_facts where tenant_id = ${tenantId}`,
      },
    ],
  },
});

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
  await database.db.execute(sql`
    create table zz_rollup_facts (tenant_id int not null, org_path text not null, year int not null,
      n int not null, m int not null)`);
  await database.db.execute(sql`
    create table zz_rollups (tenant_id int not null, org_id int not null, org_path text not null,
      year int not null, own_n int not null default 0, sub_n int not null default 0, sub_m int not null default 0,
      primary key (tenant_id, org_id, year))`);
});
afterAll(() => database.close());

/** Moves the subtree at `from` to `to`, as rewriteOrgPaths does: paths first, then the carry. */
async function move(db: Executor, from: string, to: string) {
  for (const table of ['zz_rollup_facts', 'zz_rollups'])
    await db.execute(
      sql`update ${sql.identifier(table)} set org_path = ${to} || substr(org_path, ${from.length + 1})
          where ${inSubtree(sql`org_path`, from)}`,
    );
  await rollup.carryOnMove(db, from, to);
}

const read = (db: Executor) =>
  queryRows<{ org_id: number; year: number; own_n: number; sub_n: number; sub_m: number }>(
    db,
    sql`select org_id, year, own_n, sub_n, sub_m from zz_rollups where own_n <> 0 or sub_n <> 0 or sub_m <> 0
        order by org_id, year`,
  );

describe('rollup engine', () => {
  it('adds to the org and every ancestor, own counts on the org only, merged per org and key', async () => {
    const db = database.db;
    await db.transaction(async (tx) => {
      await rollup.applyDeltas(tx, TENANT, [
        { orgPath: '/1/2/4/', year: 2026, n: 2, m: 5 },
        { orgPath: '/1/2/', year: 2026, n: 1 },
        { orgPath: '/1/3/', year: 2025, m: 7 },
        { orgPath: '/1/3/', year: 2025, n: 0, m: 0 },
      ]);
      expect(await read(tx)).toEqual([
        { org_id: 1, year: 2025, own_n: 0, sub_n: 0, sub_m: 7 },
        { org_id: 1, year: 2026, own_n: 0, sub_n: 3, sub_m: 5 },
        { org_id: 2, year: 2026, own_n: 1, sub_n: 3, sub_m: 5 },
        { org_id: 3, year: 2025, own_n: 0, sub_n: 0, sub_m: 7 },
        { org_id: 4, year: 2026, own_n: 2, sub_n: 2, sub_m: 5 },
      ]);
      // A move carries the subtree totals, never the own counts of the old or new parent.
      await move(tx, '/1/2/4/', '/1/3/4/');
      expect(await read(tx)).toEqual([
        { org_id: 1, year: 2025, own_n: 0, sub_n: 0, sub_m: 7 },
        { org_id: 1, year: 2026, own_n: 0, sub_n: 3, sub_m: 5 },
        { org_id: 2, year: 2026, own_n: 1, sub_n: 1, sub_m: 0 },
        { org_id: 3, year: 2025, own_n: 0, sub_n: 0, sub_m: 7 },
        { org_id: 3, year: 2026, own_n: 0, sub_n: 2, sub_m: 5 },
        { org_id: 4, year: 2026, own_n: 2, sub_n: 2, sub_m: 5 },
      ]);
      await tx.execute(sql`delete from zz_rollups`);
    });
  });

  it('keeps the incremental rows equal to a rebuild over random facts and moves', async () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('fact' as const),
        org: fc.integer({ min: 1, max: 8 }),
        year: fc.constantFrom(2025, 2026),
        n: fc.integer({ min: -3, max: 5 }),
        m: fc.integer({ min: 0, max: 9 }),
      }),
      fc.record({
        kind: fc.constant('move' as const),
        org: fc.integer({ min: 2, max: 8 }),
        to: fc.integer({ min: 1, max: 8 }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 25 }), async (ops) => {
        // A start tree: 1 the root, 2 and 3 below it, 4–8 below those.
        const parent = new Map<number, number>([
          [2, 1],
          [3, 1],
          [4, 2],
          [5, 2],
          [6, 3],
          [7, 3],
          [8, 6],
        ]);
        const pathOf = (id: number): string => {
          const up = parent.get(id);
          return up === undefined ? `/${id}/` : `${pathOf(up)}${id}/`;
        };
        await database.db.transaction(async (tx) => {
          await tx.execute(sql`delete from zz_rollups`);
          await tx.execute(sql`delete from zz_rollup_facts`);
          for (const o of ops) {
            if (o.kind === 'fact') {
              const orgPath = pathOf(o.org);
              await tx.insert(facts).values({ tenantId: TENANT, orgPath, year: o.year, n: o.n, m: o.m });
              await rollup.applyDeltas(tx, TENANT, [{ orgPath, year: o.year, n: o.n, m: o.m }]);
            } else {
              const from = pathOf(o.org);
              if (pathOf(o.to).startsWith(from) || parent.get(o.org) === o.to) continue;
              parent.set(o.org, o.to);
              await move(tx, from, pathOf(o.org));
            }
            await expectRollupConsistent(tx, rollup, TENANT);
          }
          const incremental = await read(tx);
          await rollup.rebuild(tx, TENANT);
          expect(incremental).toEqual(await read(tx));
        });
      }),
      { numRuns: 40 },
    );
  });
});
