import { and, eq, type SQL, type SQLChunk, sql } from 'drizzle-orm';
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import { ancestorsOf } from '../../domain/org-rules';
import { type Executor, queryRows } from '../db/database';

/**
 * Subtree rollups, one engine. A rollup table holds, per org and key (a month, a year, a meeting type and
 * period …), the totals of the org's whole subtree (the org included). A module defines its rollup once —
 * table, keys, measures, and the facts they are derived from — and gets:
 *
 * - `applyDeltas`: changes of some orgs' facts added to those orgs and every ancestor, merged per (org, key),
 *   in one `insert … on conflict do update set m = t.m + excluded.m` per 5,000 rows with the rows sorted by
 *   (org id, key), so concurrent writers take the row locks in the same order and never deadlock;
 * - `carryOnMove`: after an org moved (its paths already rewritten), its subtree's totals leave the old
 *   ancestors and join the new ones;
 * - `rebuild`: the rows derived again from the module's facts (one aggregate over the tree), and
 *   `recompute`/`stored` for the consistency check of tests (`src/server/testing/rollups.ts`).
 *
 * "Own" measures (optional) count the org's own facts only: a delta adds to them on its own org and to none
 * above it, and a move carries none of them (they stay on the moved org's own rows).
 */

/** The columns every rollup table has beside its keys and measures. */
type RollupTable = PgTable & { tenantId: PgColumn; orgId: PgColumn; orgPath: PgColumn };
type Columns = Record<string, PgColumn>;
type ValueOf<C extends PgColumn> = C['_']['data'];

/** One source of a rebuild: a select whose columns are `org_path`, the keys in order, then these measures. */
export interface RollupSource<M extends string> {
  measures: readonly M[];
  select: SQL;
}

export interface RollupSpec<K extends Columns, M extends Columns, A extends Columns, P extends unknown[]> {
  table: RollupTable;
  /** The key columns besides the org, in sort order (the table's primary key is tenant, org, keys). */
  keys: K;
  /** Subtree totals: the name a delta gives each (its field) and its column. */
  measures: M;
  /** Own counts, by the name of the measure whose delta they follow on the delta's own org only. */
  own?: Partial<Record<keyof M & string, PgColumn>>;
  /** Columns that follow from the key (a period's first and last day): written on insert, never summed. */
  attributes?: A;
  /** A timestamp column set to now() whenever a row is updated. */
  touch?: PgColumn;
  /** What a rebuild derives the rows from; `scope` narrows which stored rows it replaces. */
  rebuild?: {
    scope?: (...args: P) => SQL;
    sources: (tenantId: number, ...args: P) => readonly RollupSource<keyof M & string>[];
  };
}

/** A change of one org's facts: its path, the key (and attributes), and the differences of measures. */
export type RollupDeltaOf<K extends Columns, M extends Columns, A extends Columns> = { orgPath: string } & {
  [k in keyof K]: ValueOf<K[k]>;
} & { [a in keyof A]: ValueOf<A[a]> } & { [m in keyof M]?: number };

/** A stored or recomputed row as the consistency check compares them. */
export type RollupRowOf<K extends Columns, M extends Columns, A extends Columns> = {
  orgId: number;
  orgPath: string;
} & { [k in keyof K]: ValueOf<K[k]> } & { [a in keyof A]: ValueOf<A[a]> } & Record<keyof M, number> &
  Record<string, unknown>;

const CHUNK = 5000;

const cmp = (a: unknown, b: unknown) =>
  typeof a === 'number' && typeof b === 'number' ? a - b : a! < b! ? -1 : a! > b! ? 1 : 0;

/**
 * The ancestors (self included) of the path in `pathSql`, as rows `anc(id, path, own)` of a lateral join
 * (`own`: the org the path names). Ids and paths come from the path itself, no table is read.
 */
export const ancestorsLateral = (pathSql: SQL) => sql`
  cross join lateral (
    select x.id::int as id, '/' || array_to_string(pp.p[1:x.n], '/') || '/' as path,
      x.n = cardinality(pp.p) as own
    from (select string_to_array(trim(both '/' from ${pathSql}), '/') as p) pp,
      unnest(pp.p) with ordinality as x(id, n)
  ) anc`;

export function defineRollup<
  K extends Columns,
  M extends Columns,
  A extends Columns = Record<never, PgColumn>,
  P extends unknown[] = [],
>(spec: RollupSpec<K, M, A, P>) {
  type Delta = RollupDeltaOf<K, M, A>;
  type Row = RollupRowOf<K, M, A>;
  const { table } = spec;
  const tableName = sql.identifier(getTableConfig(table).name);
  const keys = Object.entries(spec.keys);
  const attributes = Object.entries(spec.attributes ?? {});
  const measures = Object.entries(spec.measures);
  const own = Object.entries(spec.own ?? {}) as [string, PgColumn][];
  const id = (c: PgColumn) => sql.identifier(c.name);
  const type = (c: PgColumn) => sql.raw(c.getSQLType());
  const list = (parts: SQLChunk[]) => sql.join(parts, sql`, `);
  const keyOf = (orgId: number, d: Record<string, unknown>) =>
    [orgId, ...keys.map(([k]) => d[k])].map(String).join('|');

  /** Rows (org, key, attributes, own and subtree sums) written by adding, in sorted chunks. */
  async function upsertAdding(db: Executor, tenantId: number, rows: Record<string, unknown>[]) {
    rows.sort((a, b) => {
      const byOrg = (a.orgId as number) - (b.orgId as number);
      if (byOrg !== 0) return byOrg;
      for (const [k] of keys) {
        const c = cmp(a[k], b[k]);
        if (c !== 0) return c;
      }
      return 0;
    });
    const written: [string, PgColumn][] = [
      ['orgId', table.orgId],
      ['orgPath', table.orgPath],
      ...keys,
      ...attributes,
      ...own.map(([m, c]): [string, PgColumn] => [`own:${m}`, c]),
      ...measures,
    ];
    const added = [...own.map(([, c]) => c), ...measures.map(([, c]) => c)];
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      const arrays = written.map(([k, c]) => sql`${sql.param(chunk.map((r) => r[k] ?? 0))}::${type(c)}[]`);
      await db.execute(sql`
        insert into ${tableName} (${id(table.tenantId)}, ${list(written.map(([, c]) => id(c)))})
        select ${tenantId}::int, ${list(written.map((_, n) => sql.raw(`u.c${n}`)))}
        from unnest(${list(arrays)}) with ordinality as u(${sql.raw(written.map((_, n) => `c${n}`).join(', '))}, n)
        order by u.n
        on conflict (${id(table.tenantId)}, ${id(table.orgId)}, ${list(keys.map(([, c]) => id(c)))}) do update set
          ${list([
            ...added.map((c) => sql`${id(c)} = ${tableName}.${id(c)} + excluded.${id(c)}`),
            ...(spec.touch ? [sql`${id(spec.touch)} = now()`] : []),
          ])}`);
    }
  }

  /** Deltas merged per (org, key) over every ancestor; `withOwn: false` leaves the own counts alone. */
  async function add(db: Executor, tenantId: number, deltas: readonly Delta[], withOwn: boolean) {
    const merged = new Map<string, Record<string, unknown>>();
    for (const delta of deltas) {
      const d = delta as Record<string, unknown>;
      if (measures.every(([m]) => !d[m])) continue;
      const chain = ancestorsOf(delta.orgPath);
      chain.forEach((anc, i) => {
        const key = keyOf(anc.id, d);
        let row = merged.get(key);
        if (!row) {
          row = { orgId: anc.id, orgPath: anc.path };
          for (const [k] of [...keys, ...attributes]) row[k] = d[k];
          for (const [m] of measures) row[m] = 0;
          for (const [m] of own) row[`own:${m}`] = 0;
          merged.set(key, row);
        }
        for (const [m] of measures) row[m] = (row[m] as number) + ((d[m] as number | undefined) ?? 0);
        if (withOwn && i === chain.length - 1)
          for (const [m] of own)
            row[`own:${m}`] = (row[`own:${m}`] as number) + ((d[m] as number | undefined) ?? 0);
      });
    }
    // Rows whose changes cancel out are not written (nor locked).
    const rows = [...merged.values()].filter(
      (r) => measures.some(([m]) => r[m] !== 0) || own.some(([m]) => r[`own:${m}`] !== 0),
    );
    if (rows.length > 0) await upsertAdding(db, tenantId, rows);
  }

  /** The aggregate a rebuild writes: the sources' facts summed over every ancestor, per org and key. */
  function derived(tenantId: number, args: P): SQL {
    const sources = spec.rebuild?.sources(tenantId, ...args) ?? [];
    if (sources.length === 0) throw new Error('This rollup has no rebuild sources');
    const keyNames = keys.map((_, n) => `k${n}`);
    const measureNames = measures.map(([m]) => m);
    const parts = sources.map((s) => {
      const alias = ['org_path', ...keyNames, ...s.measures.map((m) => `m${measureNames.indexOf(m)}`)];
      return sql`select org_path, ${sql.raw(keyNames.map((k) => `${k}, `).join(''))}${list(
        measures.map(([m, c], n) =>
          sql.raw(`${s.measures.includes(m) ? `m${n}` : '0'}::${c.getSQLType()} as m${n}`),
        ),
      )} from (${s.select}) as s(${sql.raw(alias.join(', '))})`;
    });
    const measureSums = measures.map(([, c], n) => sql.raw(`sum(f.m${n})::${c.getSQLType()} as m${n}`));
    const ownSums = own.map(([m, c], n) =>
      sql.raw(
        `sum(case when anc.own then f.m${measureNames.indexOf(m)} else 0 end)::${c.getSQLType()} as o${n}`,
      ),
    );
    const keyCols = keyNames.map((k) => sql.raw(`f.${k}`));
    return sql`
      select anc.id as org_id, anc.path as org_path${keyCols.length ? sql`, ${list(keyCols)}` : sql``},
        ${list([...ownSums, ...measureSums])}
      from (${sql.join(
        parts.map((p) => sql`(${p})`),
        sql` union all `,
      )}) f ${ancestorsLateral(sql`f.org_path`)}
      group by anc.id, anc.path${keyCols.length ? sql`, ${list(keyCols)}` : sql``}`;
  }

  const scopeOf = (tenantId: number, args: P) => {
    const extra = spec.rebuild?.scope?.(...args);
    return extra ? and(eq(table.tenantId, tenantId), extra)! : eq(table.tenantId, tenantId);
  };

  const rowSelection = () => ({
    orgId: table.orgId,
    orgPath: table.orgPath,
    ...spec.keys,
    ...(spec.attributes ?? ({} as A)),
    ...Object.fromEntries(own.map(([m, c]) => [`own:${m}`, c])),
    ...spec.measures,
  });

  return {
    table,

    /**
     * Adds deltas to the rows of every org on each path (creating rows as needed): own counts on the
     * delta's org, subtree totals on it and every ancestor, in key order.
     */
    applyDeltas(db: Executor, tenantId: number, deltas: readonly Delta[]): Promise<void> {
      return add(db, tenantId, deltas, true);
    },

    /**
     * After an org moves (paths already rewritten): its subtree's totals leave the old ancestors and join
     * the new ones, key by key. Own counts stay where they are.
     */
    async carryOnMove(db: Executor, oldPrefix: string, newPrefix: string): Promise<void> {
      const moved = (await db
        .select({ tenantId: table.tenantId, ...rowSelection() })
        .from(table as PgTable)
        .where(eq(table.orgPath, newPrefix))) as unknown as (Row & { tenantId: number })[];
      if (moved.length === 0) return;
      const oldParent = ancestorsOf(oldPrefix).slice(0, -1).at(-1);
      const newParent = ancestorsOf(newPrefix).slice(0, -1).at(-1);
      const deltas: Delta[] = [];
      const signed = (r: Row, k: 1 | -1, orgPath: string) => {
        const d: Record<string, unknown> = { orgPath };
        for (const [name] of [...keys, ...attributes]) d[name] = r[name];
        for (const [m] of measures) d[m] = k * Number(r[m]);
        return d as Delta;
      };
      // A delta goes to every org on its path: subtract along the old parent's, add along the new one's.
      for (const r of moved) {
        if (oldParent) deltas.push(signed(r, -1, oldParent.path));
        if (newParent) deltas.push(signed(r, 1, newParent.path));
      }
      await add(db, moved[0]!.tenantId, deltas, false);
    },

    /** Deletes the rows in scope and derives them again from the facts; returns how many were written. */
    async rebuild(db: Executor, tenantId: number, ...args: P): Promise<number> {
      await db.delete(table).where(scopeOf(tenantId, args));
      const written = [
        table.orgId,
        table.orgPath,
        ...keys.map(([, c]) => c),
        ...own.map(([, c]) => c),
        ...measures.map(([, c]) => c),
      ];
      const rows = await queryRows<{ n: number }>(
        db,
        sql`insert into ${tableName} (${id(table.tenantId)}, ${list(written.map(id))})
            select ${tenantId}::int, d.* from (${derived(tenantId, args)}) d
            returning 1 as n`,
      );
      return rows.length;
    },

    /** The rows a rebuild would write, without writing (the consistency check's reference). */
    async recompute(db: Executor, tenantId: number, ...args: P): Promise<Row[]> {
      // Keys read back as text (dates as ISO strings, as drizzle reads a date column), then typed.
      const columns = [
        'd.org_id',
        'd.org_path',
        ...keys.map((_, n) => `d.k${n}::text as k${n}`),
        ...own.map((_, n) => `d.o${n}`),
        ...measures.map((_, n) => `d.m${n}`),
      ];
      const rows = await queryRows<Record<string, unknown>>(
        db,
        sql`select ${sql.raw(columns.join(', '))} from (${derived(tenantId, args)}) d`,
      );
      return rows.map((r) => {
        const out: Record<string, unknown> = { orgId: Number(r.org_id), orgPath: r.org_path };
        keys.forEach(([k, c], n) => {
          out[k] = isNumeric(c) ? Number(r[`k${n}`]) : r[`k${n}`];
        });
        own.forEach(([m], n) => {
          out[`own:${m}`] = Number(r[`o${n}`]);
        });
        measures.forEach(([m], n) => {
          out[m] = Number(r[`m${n}`]);
        });
        return out as Row;
      });
    },

    /** The stored rows in a rebuild's scope, in the shape `recompute` returns. */
    async stored(db: Executor, tenantId: number, ...args: P): Promise<Row[]> {
      const { ...selection } = rowSelection();
      for (const [k] of attributes) delete (selection as Record<string, unknown>)[k];
      const rows = (await db
        .select(selection as Record<string, PgColumn>)
        .from(table as PgTable)
        .where(scopeOf(tenantId, args))) as Record<string, unknown>[];
      return rows.map((r) => {
        const out: Record<string, unknown> = { ...r };
        for (const [m] of [...measures, ...own.map(([m]): [string] => [`own:${m}`])]) out[m] = Number(r[m]);
        return out as Row;
      });
    },

    /** Names of the own counts in rows of `stored` and `recompute`. */
    ownNames: own.map(([m]) => `own:${m}`),
    measureNames: measures.map(([m]) => m),
  };
}

const isNumeric = (column: PgColumn) => ['integer', 'bigint', 'smallint'].includes(column.getSQLType());
