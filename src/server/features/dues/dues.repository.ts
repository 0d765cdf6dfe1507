import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import {
  type CalcKind,
  DEFAULT_DUES_SETTINGS,
  DUES_CATEGORIES,
  type DuesSettings,
  flatRules,
  type MonthKey,
  monthStart,
  type Rounding,
} from '../../../domain/dues';
import { nearestRow } from '../../../domain/inherited-settings';
import { ancestorsOf } from '../../../domain/org-rules';
import { type Executor, queryRows } from '../../db/database';
import { inSubtree, isActiveMember, isAncestorOrSelf, onPathOrInSubtree, onPathTo } from '../../scope';
import { settingsOnChain } from '../../settings/inherited-settings';
import { members } from '../members/members.table';
import { orgs } from '../orgs/orgs.table';
import {
  duesAdjustments,
  duesBases,
  duesClosings,
  duesLedger,
  duesPaymentLines,
  duesPayments,
  duesRollups,
  duesSettings,
} from './dues.table';

export type LedgerRow = typeof duesLedger.$inferSelect;
export type BasisRow = typeof duesBases.$inferSelect;
export type PaymentRow = typeof duesPayments.$inferSelect;
export type PaymentLineRow = typeof duesPaymentLines.$inferSelect;
export type AdjustmentRow = typeof duesAdjustments.$inferSelect;
export type ClosingRow = typeof duesClosings.$inferSelect;
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
const ancestorsLateral = (pathSql: ReturnType<typeof sql>) => sql`
  cross join lateral (
    select x.id::int as id, '/' || array_to_string(pp.p[1:x.n], '/') || '/' as path
    from (select string_to_array(trim(both '/' from ${pathSql}), '/') as p) pp,
      unnest(pp.p) with ordinality as x(id, n)
  ) anc`;

export interface LedgerListRow {
  row: LedgerRow;
  name: string;
  orgName: string;
}

export const duesRepository = {
  /* ---------- settings ---------- */

  /**
   * The settings in force for an org: the nearest org at or above it with a row, else the defaults. An org's
   * row sets all three (its columns are not nullable), so that row decides the whole record.
   */
  async settingsFor(db: Executor, orgPath: string): Promise<DuesSettings & { fromOrgId: number | null }> {
    const { chain, rows } = await settingsOnChain(db, duesSettings, orgPath);
    const row = nearestRow(chain, rows);
    if (!row) return { ...DEFAULT_DUES_SETTINGS, fromOrgId: null };
    return {
      rounding: row.rounding as Rounding,
      allowPrepay: row.allowPrepay,
      reminderLeadDays: row.reminderLeadDays,
      fromOrgId: row.orgId,
    };
  },

  async upsertSettings(
    db: Executor,
    org: { id: number; tenantId: number; path: string },
    settings: DuesSettings,
  ): Promise<void> {
    await db
      .insert(duesSettings)
      .values({ orgId: org.id, tenantId: org.tenantId, orgPath: org.path, ...settings })
      .onConflictDoUpdate({
        target: duesSettings.orgId,
        set: { ...settings, updatedAt: sql`now()` },
      });
  },

  /** Distinct lead days in use in a tree (the reminder job asks, per value, who is due a reminder). */
  async allSettings(db: Executor, tenantId: number) {
    return db.select().from(duesSettings).where(eq(duesSettings.tenantId, tenantId));
  },

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

  /* ---------- generation ---------- */

  /**
   * Creates the month's rows for every member of the subtree active on `asOf` (the month's last day, or
   * today for the current month) who has none yet, in one INSERT … SELECT computing the amounts from the
   * flattened rules, and adds them to the rollups in the same statement. Members under a closed org-month
   * are skipped. Returns how many rows were created.
   */
  async generate(
    db: Executor,
    input: {
      tenantId: number;
      subtreePath: string;
      month: MonthKey;
      asOf: string;
      memberIds?: readonly number[];
    },
  ): Promise<number> {
    const rules = flatRules();
    const col = <K extends keyof (typeof rules)[number]>(k: K) => rules.map((r) => r[k] as unknown);
    const month = monthStart(input.month);
    const memberInTree = inSubtree(sql`m.org_path`, input.subtreePath);
    const eventInTree = inSubtree(sql`l.org_path`, input.subtreePath);
    const only = (column: string) =>
      input.memberIds
        ? sql`and ${sql.identifier(column)} = any(${sql.param([...input.memberIds])}::int[])`
        : sql``;
    // Who owed the month: the roster row is the state as of today (it is kept equal to the latest event),
    // so it answers for everyone without an event after `asOf`; only those few are judged from their
    // history. Written to a temporary table the planner then knows the size of (a subtree filter over a
    // DISTINCT ON defeats its estimates, and hash joins need them); then one INSERT … SELECT computes every
    // amount and adds the rows to the rollups in the same statement.
    return db.transaction(async (tx) => {
      // Sorts and hashes over a whole province month fit in memory instead of spilling to disk.
      await tx.execute(sql`set local work_mem = '256MB'`);
      await tx.execute(sql`drop table if exists dues_generation`);
      await tx.execute(sql`
        create temporary table dues_generation on commit drop as
        with later as (
          select distinct member_id from member_events where effective_date > ${input.asOf} ${only('member_id')}
        ),
        owing as (
          select m.id as member_id, m.status, m.org_id, m.org_path
          from members m
          where ${memberInTree} and ${isActiveMember(sql`m.status`)} ${only('id')}
            and not exists (select 1 from later where later.member_id = m.id)
          union all
          select l.member_id, l.status, l.org_id, l.org_path
          from (
            select distinct on (e.member_id) e.member_id, e.status, e.org_id, e.org_path
            from member_events e
            where e.effective_date <= ${input.asOf} and e.member_id in (select member_id from later)
            order by e.member_id, e.effective_date desc, e.id desc
          ) l
          where ${eventInTree} and ${isActiveMember(sql`l.status`)}
        ),
        orgs_owing as (
          select o.org_path,
            coalesce((select st.rounding from dues_settings st where ${isAncestorOrSelf(sql`st.org_path`, sql`o.org_path`)}
              order by length(st.org_path) desc limit 1), ${DEFAULT_DUES_SETTINGS.rounding}) as rounding
          from (select distinct org_path from owing) o
          where not exists (select 1 from dues_closings c where c.month = ${month} and ${isAncestorOrSelf(sql`c.org_path`, sql`o.org_path`)})
        )
        select w.member_id, w.status, w.org_id, w.org_path, r.rounding
        from owing w
        join orgs_owing r on r.org_path = w.org_path
        where not exists (select 1 from dues_ledger d
          where d.tenant_id = ${input.tenantId} and d.member_id = w.member_id and d.month = ${month})`);
      await tx.execute(sql`analyze dues_generation`);
      const [row] = await queryRows<{ created: number }>(
        tx,
        sql`
      with basis as (
        select distinct on (b.member_id) b.member_id, b.category, b.base_fen, b.chosen_fen, b.approved_fen
        from dues_bases b
        where b.effective_month <= ${month} and b.member_id in (select member_id from dues_generation)
        order by b.member_id, b.effective_month desc, b.id desc
      ),
      rules as (
        select * from unnest(${sql.param(col('category'))}::text[], ${sql.param(col('kind'))}::text[],
          ${sql.param(col('above'))}::bigint[], ${sql.param(col('upTo'))}::bigint[], ${sql.param(col('basisPoints'))}::int[],
          ${sql.param(col('amount'))}::int[]) as r(category, kind, above, up_to, bp, amount)
      ),
      candidates as (
        select s.member_id, s.org_id, s.org_path, s.status, s.rounding,
          coalesce(b.category, case when m.category = any(${sql.param([...DUES_CATEGORIES])}::text[]) then m.category else '其他' end) as category,
          b.base_fen, b.chosen_fen, b.approved_fen
        from dues_generation s
        join members m on m.id = s.member_id
        left join basis b on b.member_id = s.member_id
      ),
      computed as (
        select c.*, r.kind, r.bp, r.amount,
          case when c.approved_fen is not null then 'approved'
               when r.kind = 'bands' and c.base_fen is null then 'missing'
               else r.kind end as calc_kind,
          case c.rounding when '角' then 10 when '元' then 100 else 1 end as unit
        from candidates c
        join rules r on r.category = c.category
          and (r.kind <> 'bands' or (coalesce(c.base_fen, 0) > r.above and (r.up_to is null or coalesce(c.base_fen, 0) <= r.up_to)))
      ),
      inserted as (
        insert into dues_ledger (tenant_id, member_id, month, org_id, org_path, member_status, category, base_fen,
          basis_points, calc_kind, rounding, due_fen)
        select ${input.tenantId}, member_id, ${month}, org_id, org_path, status, category,
          case when kind = 'bands' then base_fen end,
          case when calc_kind = 'bands' then bp end,
          calc_kind, rounding,
          case calc_kind
            when 'approved' then approved_fen
            when 'missing' then 0
            when 'fixed' then amount
            when 'range' then coalesce(chosen_fen, amount)
            else ((base_fen * bp * 2 + 10000 * unit) / (20000 * unit) * unit)::int
          end
        from computed
        on conflict do nothing
        returning org_path, due_fen, calc_kind
      ),
      per_org as (
        select org_path, count(*)::int as members,
          (count(*) filter (where calc_kind <> 'missing' and due_fen = 0))::int as settled, sum(due_fen)::bigint as payable
        from inserted group by org_path
      ),
      rolled as (
        insert into dues_rollups (tenant_id, org_id, org_path, month, members, settled, payable_fen)
        select ${input.tenantId}, anc.id, anc.path, ${month}, sum(i.members)::int, sum(i.settled)::int, sum(i.payable)::bigint
        from per_org i ${ancestorsLateral(sql`i.org_path`)}
        group by anc.id, anc.path
        order by anc.id
        on conflict (tenant_id, org_id, month) do update set
          members = dues_rollups.members + excluded.members,
          settled = dues_rollups.settled + excluded.settled,
          payable_fen = dues_rollups.payable_fen + excluded.payable_fen
        returning 1
      )
      select (select count(*) from inserted)::int as created, (select count(*) from rolled)::int as rolled`,
      );
      return Number(row?.created ?? 0);
    });
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

  /** Closings of some months anywhere in a tree (to judge many rows at once). */
  async closingsIn(db: Executor, tenantId: number, months: readonly string[]) {
    if (months.length === 0) return [];
    return db
      .select({ orgPath: duesClosings.orgPath, month: duesClosings.month })
      .from(duesClosings)
      .where(and(eq(duesClosings.tenantId, tenantId), inArray(duesClosings.month, [...months])));
  },

  /* ---------- bases ---------- */

  async basesOf(db: Executor, memberIds: readonly number[]): Promise<BasisRow[]> {
    if (memberIds.length === 0) return [];
    return db
      .select()
      .from(duesBases)
      .where(inArray(duesBases.memberId, [...memberIds]))
      .orderBy(asc(duesBases.memberId), asc(duesBases.effectiveMonth), asc(duesBases.id));
  },

  async insertBases(db: Executor, rows: (typeof duesBases.$inferInsert)[]): Promise<BasisRow[]> {
    if (rows.length === 0) return [];
    const out: BasisRow[] = [];
    for (let i = 0; i < rows.length; i += 2000)
      out.push(
        ...(await db
          .insert(duesBases)
          .values(rows.slice(i, i + 2000))
          .returning()),
      );
    return out;
  },

  /** Active members of a subtree now, with their roster category (the bases page, the import template). */
  async rosterOf(db: Executor, orgPath: string) {
    return db
      .select({
        id: members.id,
        name: members.name,
        orgId: members.orgId,
        orgPath: members.orgPath,
        orgName: orgs.name,
        category: members.category,
        status: members.status,
        idCardMasked: members.idCardMasked,
        tenantId: members.tenantId,
      })
      .from(members)
      .innerJoin(orgs, eq(orgs.id, members.orgId))
      .where(and(inSubtree(members.orgPath, orgPath), isActiveMember(members.status)))
      .orderBy(asc(members.orgPath), asc(members.name), asc(members.id));
  },

  /* ---------- payments and adjustments ---------- */

  async insertPayment(
    db: Executor,
    payment: typeof duesPayments.$inferInsert,
    lines: Omit<typeof duesPaymentLines.$inferInsert, 'paymentId'>[],
  ): Promise<PaymentRow> {
    const [row] = await db.insert(duesPayments).values(payment).returning();
    if (lines.length)
      await db.insert(duesPaymentLines).values(lines.map((l) => ({ ...l, paymentId: row!.id })));
    return row!;
  },

  async paymentById(db: Executor, id: number): Promise<PaymentRow | undefined> {
    const [row] = await db.select().from(duesPayments).where(eq(duesPayments.id, id)).for('update');
    return row;
  },

  async linesOf(db: Executor, paymentIds: readonly number[]): Promise<PaymentLineRow[]> {
    if (paymentIds.length === 0) return [];
    return db
      .select()
      .from(duesPaymentLines)
      .where(inArray(duesPaymentLines.paymentId, [...paymentIds]))
      .orderBy(asc(duesPaymentLines.paymentId), asc(duesPaymentLines.month));
  },

  async revokePayment(db: Executor, id: number, at: Date, reason: string): Promise<void> {
    await db.update(duesPayments).set({ revokedAt: at, revokeReason: reason }).where(eq(duesPayments.id, id));
  },

  async paymentsOf(
    db: Executor,
    filter: { orgPath?: string; memberId?: number; from: string; to: string },
  ): Promise<(PaymentRow & { memberName: string })[]> {
    const rows = await db
      .select({ p: duesPayments, memberName: members.name })
      .from(duesPayments)
      .innerJoin(members, eq(members.id, duesPayments.memberId))
      .where(
        and(
          filter.orgPath ? inSubtree(duesPayments.orgPath, filter.orgPath) : undefined,
          filter.memberId !== undefined ? eq(duesPayments.memberId, filter.memberId) : undefined,
          sql`${duesPayments.paidOn} between ${filter.from} and ${filter.to}`,
        ),
      )
      .orderBy(desc(duesPayments.paidOn), desc(duesPayments.id));
    return rows.map((r) => ({ ...r.p, memberName: r.memberName }));
  },

  /**
   * The payments a month's ledger of a subtree shows: received in the month, or paying toward one of the
   * month's rows (a back payment received later, a prepayment received earlier). The second part goes
   * through the month's ledger rows, so a member who has moved in since is found by the row's org.
   */
  async paymentsOfMonth(
    db: Executor,
    filter: { orgPath: string; month: string; from: string; to: string },
  ): Promise<(PaymentRow & { memberName: string })[]> {
    const paymentInTree = inSubtree(duesPayments.orgPath, filter.orgPath);
    const rowInTree = inSubtree(sql`d.org_path`, filter.orgPath);
    const rows = await db
      .select({ p: duesPayments, memberName: members.name })
      .from(duesPayments)
      .innerJoin(members, eq(members.id, duesPayments.memberId))
      .where(
        sql`(${paymentInTree} and ${duesPayments.paidOn} between ${filter.from} and ${filter.to})
            or ${duesPayments.id} in (
              select l.payment_id from ${duesPaymentLines} l
              join ${duesLedger} d on d.member_id = l.member_id and d.month = l.month
              where ${rowInTree} and d.month = ${filter.month})`,
      )
      .orderBy(desc(duesPayments.paidOn), desc(duesPayments.id));
    return rows.map((r) => ({ ...r.p, memberName: r.memberName }));
  },

  async insertAdjustment(db: Executor, row: typeof duesAdjustments.$inferInsert): Promise<AdjustmentRow> {
    const [inserted] = await db.insert(duesAdjustments).values(row).returning();
    return inserted!;
  },

  async adjustmentsOf(db: Executor, filter: { orgPath?: string; memberId?: number; month?: string }) {
    return db
      .select({ a: duesAdjustments, memberName: members.name })
      .from(duesAdjustments)
      .innerJoin(members, eq(members.id, duesAdjustments.memberId))
      .where(
        and(
          filter.orgPath ? inSubtree(duesAdjustments.orgPath, filter.orgPath) : undefined,
          filter.memberId !== undefined ? eq(duesAdjustments.memberId, filter.memberId) : undefined,
          filter.month ? eq(duesAdjustments.month, filter.month) : undefined,
        ),
      )
      .orderBy(desc(duesAdjustments.id));
  },

  /* ---------- rollups ---------- */

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
    await duesRepository.applyDeltas(db, tenantId, deltas);
  },
};
