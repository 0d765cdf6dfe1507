import { and, eq, inArray, sql } from 'drizzle-orm';
import { ancestorsOf } from '../../../domain/org-rules';
import { type Executor, queryRows } from '../../db/database';
import { duesRollups } from './dues.table';

export type RollupRow = typeof duesRollups.$inferSelect;

/** Changes to one org's rollup row in one month; applied to the org and every org above it. */
export interface RollupDelta {
  orgPath: string;
  /** First day of the month. */
  month: string;
  members?: number;
  settled?: number;
  payableFen?: number;
  paidFen?: number;
  collectedFen?: number;
  voluntaryFen?: number;
  remitInFullFen?: number;
}

const DELTA_FIELDS = [
  'members',
  'settled',
  'payableFen',
  'paidFen',
  'collectedFen',
  'voluntaryFen',
  'remitInFullFen',
] as const;

/** SQL for "the ancestors (self included) of the path in column expression `pathSql`", as rows (id, path). */
export const ancestorsLateral = (pathSql: ReturnType<typeof sql>) => sql`
  cross join lateral (
    select x.id::int as id, '/' || array_to_string(pp.p[1:x.n], '/') || '/' as path
    from (select string_to_array(trim(both '/' from ${pathSql}), '/') as p) pp,
      unnest(pp.p) with ordinality as x(id, n)
  ) anc`;

/**
 * The rollups: per org and month, the totals of its whole subtree, kept up to date by every write (the
 * dashboards read them).
 */
export const duesRollupsRepository = {
  /**
   * Adds deltas to the rows of every org on each path (creating rows as needed), in one statement with
   * rows in key order, so concurrent writers lock in the same order and never deadlock.
   */
  async applyDeltas(db: Executor, tenantId: number, deltas: readonly RollupDelta[]): Promise<void> {
    type Merged = {
      orgId: number;
      orgPath: string;
      month: string;
      sums: Record<(typeof DELTA_FIELDS)[number], number>;
    };
    const merged = new Map<string, Merged>();
    for (const d of deltas) {
      if (DELTA_FIELDS.every((f) => !d[f])) continue;
      for (const anc of ancestorsOf(d.orgPath)) {
        const key = `${String(anc.id).padStart(10, '0')}|${d.month}`;
        let m = merged.get(key);
        if (!m) {
          m = {
            orgId: anc.id,
            orgPath: anc.path,
            month: d.month,
            sums: Object.fromEntries(DELTA_FIELDS.map((f) => [f, 0])) as Merged['sums'],
          };
          merged.set(key, m);
        }
        for (const f of DELTA_FIELDS) m.sums[f] += d[f] ?? 0;
      }
    }
    if (merged.size === 0) return;
    const rows = [...merged.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, v]) => v);
    const col = (k: string) =>
      rows.map((r) =>
        k in r.sums ? r.sums[k as keyof Merged['sums']] : (r as unknown as Record<string, unknown>)[k],
      );
    await db.execute(sql`
      insert into dues_rollups (tenant_id, org_id, org_path, month, members, settled, payable_fen, paid_fen,
        collected_fen, voluntary_fen, remit_in_full_fen)
      select ${tenantId}, * from unnest(${sql.param(col('orgId'))}::int[], ${sql.param(col('orgPath'))}::text[],
        ${sql.param(col('month'))}::date[], ${sql.param(col('members'))}::int[], ${sql.param(col('settled'))}::int[],
        ${sql.param(col('payableFen'))}::bigint[], ${sql.param(col('paidFen'))}::bigint[], ${sql.param(col('collectedFen'))}::bigint[],
        ${sql.param(col('voluntaryFen'))}::bigint[], ${sql.param(col('remitInFullFen'))}::bigint[])
      on conflict (tenant_id, org_id, month) do update set
        members = dues_rollups.members + excluded.members,
        settled = dues_rollups.settled + excluded.settled,
        payable_fen = dues_rollups.payable_fen + excluded.payable_fen,
        paid_fen = dues_rollups.paid_fen + excluded.paid_fen,
        collected_fen = dues_rollups.collected_fen + excluded.collected_fen,
        voluntary_fen = dues_rollups.voluntary_fen + excluded.voluntary_fen,
        remit_in_full_fen = dues_rollups.remit_in_full_fen + excluded.remit_in_full_fen`);
  },

  /** Rollup rows of some orgs over a range of months (dashboards: one row per org and month shown). */
  async rollupsOf(db: Executor, tenantId: number, orgIds: readonly number[], from: string, to: string) {
    if (orgIds.length === 0) return [];
    return db
      .select()
      .from(duesRollups)
      .where(
        and(
          eq(duesRollups.tenantId, tenantId),
          inArray(duesRollups.orgId, [...orgIds]),
          sql`${duesRollups.month} between ${from} and ${to}`,
        ),
      );
  },

  /**
   * Every rollup row of a tree derived again from the ledger and payments (one statement each side): the
   * reference the incremental rows are tested against, and the repair after a bulk load.
   */
  async rebuildRollups(db: Executor, tenantId: number): Promise<number> {
    await db.delete(duesRollups).where(eq(duesRollups.tenantId, tenantId));
    await db.execute(sql`
      insert into dues_rollups (tenant_id, org_id, org_path, month, members, settled, payable_fen, paid_fen)
      select ${tenantId}, anc.id, anc.path, l.month, sum(l.members)::int, sum(l.settled)::int,
        sum(l.payable)::bigint, sum(l.paid)::bigint
      from (
        select org_path, month, count(*) as members,
          count(*) filter (where calc_kind <> 'missing' and paid_fen >= greatest(0, due_fen + adjustment_fen)) as settled,
          sum(greatest(0, due_fen + adjustment_fen)) as payable, sum(paid_fen) as paid
        from dues_ledger where tenant_id = ${tenantId}
        group by org_path, month
      ) l ${ancestorsLateral(sql`l.org_path`)}
      group by anc.id, anc.path, l.month`);
    await db.execute(sql`
      insert into dues_rollups (tenant_id, org_id, org_path, month, collected_fen, voluntary_fen, remit_in_full_fen)
      select ${tenantId}, anc.id, anc.path, date_trunc('month', p.paid_on)::date,
        sum(p.dues_fen + p.voluntary_fen)::bigint, sum(p.voluntary_fen)::bigint,
        sum(case when p.remit_in_full then p.voluntary_fen else 0 end)::bigint
      from dues_payments p ${ancestorsLateral(sql`p.org_path`)}
      where p.tenant_id = ${tenantId} and p.revoked_at is null
      group by anc.id, anc.path, date_trunc('month', p.paid_on)
      on conflict (tenant_id, org_id, month) do update set
        collected_fen = excluded.collected_fen, voluntary_fen = excluded.voluntary_fen,
        remit_in_full_fen = excluded.remit_in_full_fen`);
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from dues_rollups where tenant_id = ${tenantId}`,
    );
    return Number(row?.n ?? 0);
  },

  /**
   * After an org moves (paths already rewritten): its subtree's totals leave the old ancestors and join
   * the new ones, month by month.
   */
  async carryOnMove(db: Executor, oldPrefix: string, newPrefix: string): Promise<void> {
    const moved = await db.select().from(duesRollups).where(eq(duesRollups.orgPath, newPrefix));
    if (moved.length === 0) return;
    const oldParents = ancestorsOf(oldPrefix).slice(0, -1);
    const newParents = ancestorsOf(newPrefix).slice(0, -1);
    const sign = (r: RollupRow, k: 1 | -1, path: string): RollupDelta => ({
      orgPath: path,
      month: r.month,
      members: k * r.members,
      settled: k * r.settled,
      payableFen: k * r.payableFen,
      paidFen: k * r.paidFen,
      collectedFen: k * r.collectedFen,
      voluntaryFen: k * r.voluntaryFen,
      remitInFullFen: k * r.remitInFullFen,
    });
    // Deltas go to every org on a path; subtract along the old parent path, add along the new one.
    const oldParent = oldParents.at(-1);
    const newParent = newParents.at(-1);
    const tenantId = moved[0]!.tenantId;
    const deltas: RollupDelta[] = [];
    for (const r of moved) {
      if (oldParent) deltas.push(sign(r, -1, oldParent.path));
      if (newParent) deltas.push(sign(r, 1, newParent.path));
    }
    // The old parent path still names the old ancestors (they did not move).
    await duesRollupsRepository.applyDeltas(db, tenantId, deltas);
  },
};
