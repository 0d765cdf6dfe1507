import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { CalcKind } from '../../../domain/dues';
import { type Executor, queryRows } from '../../db/database';
import { inSubtree, isAncestorOrSelf, onPathOrInSubtree, onPathTo } from '../../scope';
import { members } from '../members/members.table';
import { orgs } from '../orgs/orgs.table';
import { duesClosings, duesLedger } from './dues.table';

export type LedgerRow = typeof duesLedger.$inferSelect;
export type ClosingRow = typeof duesClosings.$inferSelect;

export interface LedgerListRow {
  row: LedgerRow;
  name: string;
  orgName: string;
}

/** The ledger's rows (a member's month) and the closings that make a subtree's month final. */
export const duesLedgerRepository = {
  /* ---------- closings ---------- */

  /** Months (first days) among `months` that are closed for an org: closed on the org or above it. */
  async closedMonths(db: Executor, orgPath: string, months: readonly string[]): Promise<Set<string>> {
    if (months.length === 0) return new Set();
    const rows = await db
      .selectDistinct({ month: duesClosings.month })
      .from(duesClosings)
      .where(and(inArray(duesClosings.month, [...months]), onPathTo(duesClosings.orgPath, orgPath)));
    return new Set(rows.map((r) => r.month));
  },

  async closingOf(db: Executor, orgId: number, month: string): Promise<ClosingRow | undefined> {
    const [row] = await db
      .select()
      .from(duesClosings)
      .where(and(eq(duesClosings.orgId, orgId), eq(duesClosings.month, month)));
    return row;
  },

  async insertClosing(db: Executor, row: typeof duesClosings.$inferInsert): Promise<ClosingRow> {
    const [inserted] = await db.insert(duesClosings).values(row).returning();
    return inserted!;
  },

  /** Closings of a month at, above or below an org (the ledger says which parts are final). */
  async closingsAround(db: Executor, orgPath: string, month: string): Promise<ClosingRow[]> {
    return db
      .select()
      .from(duesClosings)
      .where(and(eq(duesClosings.month, month), onPathOrInSubtree(duesClosings.orgPath, orgPath)))
      .orderBy(asc(duesClosings.orgPath));
  },

  /** Closings of some months anywhere in a tree (to judge many rows at once). */
  async closingsIn(db: Executor, tenantId: number, months: readonly string[]) {
    if (months.length === 0) return [];
    return db
      .select({ orgPath: duesClosings.orgPath, month: duesClosings.month })
      .from(duesClosings)
      .where(and(eq(duesClosings.tenantId, tenantId), inArray(duesClosings.month, [...months])));
  },

  /* ---------- ledger rows ---------- */

  async ledgerPage(db: Executor, orgPath: string, month: string): Promise<LedgerListRow[]> {
    const rows = await db
      .select({ row: duesLedger, name: members.name, orgName: orgs.name })
      .from(duesLedger)
      .innerJoin(members, eq(members.id, duesLedger.memberId))
      .innerJoin(orgs, eq(orgs.id, duesLedger.orgId))
      .where(and(inSubtree(duesLedger.orgPath, orgPath), eq(duesLedger.month, month)))
      .orderBy(asc(duesLedger.orgPath), asc(members.name), asc(duesLedger.memberId));
    return rows;
  },

  async monthCounts(db: Executor, orgPath: string, month: string) {
    const [row] = await queryRows<{ total: number; missing: number }>(
      db,
      sql`select count(*)::int as total, (count(*) filter (where calc_kind = 'missing'))::int as missing
          from dues_ledger where ${inSubtree(sql`org_path`, orgPath)} and month = ${month}`,
    );
    return { total: Number(row?.total ?? 0), missingBase: Number(row?.missing ?? 0) };
  },

  /** Rows of a subtree over a range of months (annual sheet, arrears). */
  async ledgerRange(db: Executor, orgPath: string, from: string, to: string): Promise<LedgerListRow[]> {
    return db
      .select({ row: duesLedger, name: members.name, orgName: orgs.name })
      .from(duesLedger)
      .innerJoin(members, eq(members.id, duesLedger.memberId))
      .innerJoin(orgs, eq(orgs.id, duesLedger.orgId))
      .where(and(inSubtree(duesLedger.orgPath, orgPath), sql`${duesLedger.month} between ${from} and ${to}`))
      .orderBy(asc(duesLedger.orgPath), asc(members.name), asc(duesLedger.memberId), asc(duesLedger.month));
  },

  async memberRows(db: Executor, memberId: number): Promise<LedgerRow[]> {
    return db
      .select()
      .from(duesLedger)
      .where(eq(duesLedger.memberId, memberId))
      .orderBy(desc(duesLedger.month));
  },

  /** Locks and returns one member-month (writers of a row serialize on it). */
  async lockRow(db: Executor, memberId: number, month: string): Promise<LedgerRow | undefined> {
    const [row] = await db
      .select()
      .from(duesLedger)
      .where(and(eq(duesLedger.memberId, memberId), eq(duesLedger.month, month)))
      .for('update');
    return row;
  },

  /**
   * Members with rows of open (not closed) months in a subtree, each with the first such month: what a
   * change of the subtree's rounding rule computes again.
   */
  async openMonthsOf(db: Executor, orgPath: string): Promise<{ memberId: number; month: string }[]> {
    const rows = await queryRows<{ member_id: number; month: string }>(
      db,
      sql`select l.member_id, min(l.month)::text as month from dues_ledger l
          where ${inSubtree(sql`l.org_path`, orgPath)}
            and not exists (select 1 from dues_closings c
                            where c.month = l.month and ${isAncestorOrSelf(sql`c.org_path`, sql`l.org_path`)})
          group by l.member_id`,
    );
    return rows.map((r) => ({ memberId: Number(r.member_id), month: r.month }));
  },

  async lockRowsFrom(db: Executor, memberIds: readonly number[], from: string): Promise<LedgerRow[]> {
    if (memberIds.length === 0) return [];
    return db
      .select()
      .from(duesLedger)
      .where(and(inArray(duesLedger.memberId, [...memberIds]), sql`${duesLedger.month} >= ${from}`))
      .orderBy(asc(duesLedger.memberId), asc(duesLedger.month))
      .for('update');
  },

  async updateRow(
    db: Executor,
    memberId: number,
    month: string,
    patch: Partial<
      Pick<
        LedgerRow,
        | 'adjustmentFen'
        | 'paidFen'
        | 'paidOn'
        | 'category'
        | 'baseFen'
        | 'basisPoints'
        | 'calcKind'
        | 'rounding'
        | 'dueFen'
      >
    >,
  ): Promise<void> {
    await db
      .update(duesLedger)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(and(eq(duesLedger.memberId, memberId), eq(duesLedger.month, month)));
  },

  /**
   * Rows from `since` to before `before` of every member of a subtree who has at least one unpaid row in
   * that window, newest first per member (the arrears list). With `unpaidRun`, only members who owe for
   * each of the last `unpaidRun` months before `before` (the secretaries' alerts: a shorter run cannot
   * reach an alert level, and most members have paid last month, so the job reads few rows).
   */
  async rowsOfOwingMembers(
    db: Executor,
    orgPath: string,
    since: string,
    before: string,
    unpaidRun?: { since: string; months: number },
  ) {
    const owingSince = unpaidRun?.since ?? since;
    const rows = await queryRows<{
      member_id: number;
      month: string;
      org_path: string;
      calc_kind: CalcKind;
      due_fen: number;
      adjustment_fen: number;
      paid_fen: number;
      name: string;
      org_name: string;
    }>(
      db,
      sql`with owing as (
            select member_id from dues_ledger u
            where ${inSubtree(sql`u.org_path`, orgPath)} and u.month >= ${owingSince} and u.month < ${before}
              and u.calc_kind <> 'missing' and u.paid_fen < greatest(0, u.due_fen + u.adjustment_fen)
            group by member_id
            having count(*) >= ${unpaidRun?.months ?? 1})
          select l.member_id, l.month, l.org_path, l.calc_kind, l.due_fen, l.adjustment_fen, l.paid_fen,
            m.name, o.name as org_name
          from dues_ledger l
          join owing w on w.member_id = l.member_id
          join members m on m.id = l.member_id
          join orgs o on o.id = l.org_id
          where l.month >= ${since} and l.month < ${before}
          order by l.member_id, l.month desc`,
    );
    return rows.map((r) => ({
      memberId: Number(r.member_id),
      month: r.month,
      orgPath: r.org_path,
      calcKind: r.calc_kind,
      dueFen: Number(r.due_fen),
      adjustmentFen: Number(r.adjustment_fen),
      paidFen: Number(r.paid_fen),
      name: r.name,
      orgName: r.org_name,
    }));
  },

  /** Members of a month's rows in a tree who still owe for it and have an account (month-end reminders). */
  async owingWithAccounts(db: Executor, tenantId: number, month: string) {
    return queryRows<{
      member_id: number;
      account_id: number;
      org_path: string;
      owed: number;
      name: string;
    }>(
      db,
      sql`select l.member_id, a.id as account_id, l.org_path, (greatest(0, l.due_fen + l.adjustment_fen) - l.paid_fen)::int as owed, m.name
          from accounts a
          join dues_ledger l on l.tenant_id = ${tenantId} and l.member_id = a.member_id and l.month = ${month}
          join members m on m.id = l.member_id
          where a.disabled_at is null and l.calc_kind <> 'missing'
            and l.paid_fen < greatest(0, l.due_fen + l.adjustment_fen)
          order by l.member_id`,
    );
  },

  async tenants(db: Executor): Promise<number[]> {
    const rows = await queryRows<{ id: number }>(
      db,
      sql`select id from orgs where id = tenant_id and dissolved_on is null order by id`,
    );
    return rows.map((r) => Number(r.id));
  },
};
