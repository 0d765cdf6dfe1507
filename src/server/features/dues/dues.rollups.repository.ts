import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database';
import { defineRollup, type RollupDeltaOf } from '../../rollups';
import { duesRollups } from './dues.table';

export type RollupRow = typeof duesRollups.$inferSelect;

const keys = { month: duesRollups.month };
const measures = {
  members: duesRollups.members,
  settled: duesRollups.settled,
  payableFen: duesRollups.payableFen,
  paidFen: duesRollups.paidFen,
  collectedFen: duesRollups.collectedFen,
  voluntaryFen: duesRollups.voluntaryFen,
  remitInFullFen: duesRollups.remitInFullFen,
};

/**
 * Per org and month, the totals of its whole subtree: rows, settled rows, payable and paid (by the month
 * owed) from the ledger, and money received, voluntary and remitted in full (by the month received) from
 * the payments.
 */
export const duesRollup = defineRollup({
  table: duesRollups,
  keys,
  measures,
  rebuild: {
    sources: (tenantId) => [
      {
        measures: ['members', 'settled', 'payableFen', 'paidFen'],
        select: sql`
          select org_path, month, count(*),
            count(*) filter (where calc_kind <> 'missing' and paid_fen >= greatest(0, due_fen + adjustment_fen)),
            sum(greatest(0, due_fen + adjustment_fen)), sum(paid_fen)
          from dues_ledger where tenant_id = ${tenantId}
          group by org_path, month`,
      },
      {
        measures: ['collectedFen', 'voluntaryFen', 'remitInFullFen'],
        select: sql`
          select org_path, date_trunc('month', paid_on)::date, dues_fen + voluntary_fen, voluntary_fen,
            case when remit_in_full then voluntary_fen else 0 end
          from dues_payments where tenant_id = ${tenantId} and revoked_at is null`,
      },
    ],
  },
});

/** Changes to one org's rollup row in one month (`month`: its first day); applied to the org and every org above it. */
export type RollupDelta = RollupDeltaOf<typeof keys, typeof measures, Record<never, never>>;

/**
 * The rollups: per org and month, the totals of its whole subtree, kept up to date by every write (the
 * dashboards read them).
 */
export const duesRollupsRepository = {
  /**
   * Adds deltas to the rows of every org on each path (creating rows as needed), in one statement with
   * rows in key order, so concurrent writers lock in the same order and never deadlock.
   */
  applyDeltas: (db: Executor, tenantId: number, deltas: readonly RollupDelta[]) =>
    duesRollup.applyDeltas(db, tenantId, deltas),

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
   * Every rollup row of a tree derived again from the ledger and payments (one statement): the reference
   * the incremental rows are tested against, and the repair after a bulk load.
   */
  rebuildRollups: (db: Executor, tenantId: number): Promise<number> => duesRollup.rebuild(db, tenantId),

  /**
   * After an org moves (paths already rewritten): its subtree's totals leave the old ancestors and join
   * the new ones, month by month.
   */
  carryOnMove: (db: Executor, oldPrefix: string, newPrefix: string): Promise<void> =>
    duesRollup.carryOnMove(db, oldPrefix, newPrefix),
};
