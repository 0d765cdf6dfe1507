import { and, eq, type SQL, sql } from 'drizzle-orm';
import { addDays, earlierOf, type IsoDate, laterOf } from '../../../domain/calendar';
import { DEFAULT_LOCK_AFTER_DAYS } from '../../../domain/meeting-record';
import {
  committeeSpans,
  DEFAULT_REMINDER_LEAD_DAYS,
  type HeldMeeting,
  type MeetingType,
  type RuleOverride,
} from '../../../domain/org-life-rules';
import { type OrgType, pathIds } from '../../../domain/org-rules';
import { type PeriodUnit, periodOf } from '../../../domain/period';
import { type Executor, queryRows } from '../../db/database';
import { defineRollup, type RollupDeltaOf } from '../../rollups';
import { inSubtree } from '../../scope';
import { orgLifeRollups, orgLifeRuleOverrides, orgLifeSettings } from './meetings.table';
import {
  desiredOwnRows,
  isDone,
  isDue,
  type OwnRow,
  type RollupOrg,
  type RollupWindow,
  rowKey,
  type SubtreeTotals,
  subtreeTotals,
} from './rollups';

export type OrgLifeSettings = typeof orgLifeSettings.$inferSelect;
export type RollupRow = typeof orgLifeRollups.$inferSelect;
export type StoredOverride = RuleOverride & { id: number; orgId: number; tenantId: number };

/** Orgs per batch when a refresh walks a whole tree. */
const BATCH = 2000;

/** Obligations are tracked from the first day of the year in which the installation first needed them. */
export function defaultSettings(tenantId: number, today: IsoDate) {
  return {
    tenantId,
    trackingSince: periodOf('year', today).start,
    materializedThrough: null,
    reminderLeadDays: DEFAULT_REMINDER_LEAD_DAYS,
    lockAfterDays: DEFAULT_LOCK_AFTER_DAYS,
  };
}

/** The obligation window of a tree: periods starting from `since` through the last materialized day. */
export function windowOf(settings: OrgLifeSettings): { since: IsoDate; through: IsoDate } {
  return {
    since: settings.trackingSince,
    through: settings.materializedThrough ?? addDays(settings.trackingSince, -1),
  };
}

/**
 * The additive half of the rollups: per org, meeting type and period, the subtree totals of binding
 * obligations (`sub_due`), fulfilled ones (`sub_done`) and sittings (`sub_held`). The own half (`required`,
 * `held`) is a recomputed value, written by `apply` below, not a sum.
 */
const keys = { meetingType: orgLifeRollups.meetingType, periodKey: orgLifeRollups.periodKey };
const attributes = { periodStart: orgLifeRollups.periodStart, periodEnd: orgLifeRollups.periodEnd };
const measures = { due: orgLifeRollups.subDue, done: orgLifeRollups.subDone, held: orgLifeRollups.subHeld };
export const orgLifeRollup = defineRollup({
  table: orgLifeRollups,
  keys,
  measures,
  attributes,
  touch: orgLifeRollups.updatedAt,
});
type OrgLifeDelta = RollupDeltaOf<typeof keys, typeof measures, typeof attributes>;

export const rollupsRepository = {
  /** A tree's settings, created with the defaults the first time they are needed (reads stay reads after). */
  async settings(db: Executor, tenantId: number, today: IsoDate): Promise<OrgLifeSettings> {
    const [row] = await db.select().from(orgLifeSettings).where(eq(orgLifeSettings.tenantId, tenantId));
    if (row) return row;
    await db.insert(orgLifeSettings).values(defaultSettings(tenantId, today)).onConflictDoNothing();
    const [created] = await db.select().from(orgLifeSettings).where(eq(orgLifeSettings.tenantId, tenantId));
    return created!;
  },

  async updateSettings(
    db: Executor,
    tenantId: number,
    patch: Partial<Omit<OrgLifeSettings, 'tenantId' | 'updatedAt'>>,
  ): Promise<OrgLifeSettings> {
    const [row] = await db
      .update(orgLifeSettings)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(orgLifeSettings.tenantId, tenantId))
      .returning();
    return row!;
  },

  async tenants(db: Executor): Promise<number[]> {
    const rows = await queryRows<{ tenant_id: number }>(
      db,
      sql`select distinct tenant_id from orgs where parent_id is null order by tenant_id`,
    );
    return rows.map((r) => Number(r.tenant_id));
  },

  async overrides(db: Executor, tenantId: number): Promise<StoredOverride[]> {
    const rows = await db
      .select()
      .from(orgLifeRuleOverrides)
      .where(eq(orgLifeRuleOverrides.tenantId, tenantId));
    return rows.map((r) => ({
      id: r.id,
      orgId: r.orgId,
      tenantId: r.tenantId,
      orgPath: r.orgPath,
      meetingType: r.meetingType as MeetingType,
      unit: r.unit as PeriodUnit,
      minCount: r.minCount,
      regulation: r.regulation,
      validFrom: r.validFrom,
      validTo: r.validTo,
    }));
  },

  /** Orgs with what the rulebook needs to know about them (type, dates, committee spans from post history). */
  async rollupOrgs(db: Executor, tenantId: number, orgIds: readonly number[]): Promise<RollupOrg[]> {
    if (orgIds.length === 0) return [];
    const orgRows = await queryRows<{
      id: number;
      tenant_id: number;
      path: string;
      type: string;
      established_on: string | null;
      dissolved_on: string | null;
    }>(
      db,
      sql`select id, tenant_id, path, type, established_on, dissolved_on from orgs
          where tenant_id = ${tenantId} and id = any(${sql.param([...orgIds])}::int[]) order by id`,
    );
    const posts = await queryRows<{
      org_id: number;
      holder: string;
      start_date: string;
      end_date: string | null;
    }>(
      db,
      sql`select org_id, coalesce(member_id::text, holder_name) as holder, start_date, end_date from org_posts
          where org_id = any(${sql.param([...orgIds])}::int[])`,
    );
    const byOrg = new Map<number, { holder: string; startDate: string; endDate: string | null }[]>();
    for (const p of posts) {
      const list = byOrg.get(Number(p.org_id)) ?? [];
      list.push({ holder: p.holder, startDate: p.start_date, endDate: p.end_date });
      byOrg.set(Number(p.org_id), list);
    }
    return orgRows.map((o) => ({
      id: Number(o.id),
      tenantId: Number(o.tenant_id),
      path: o.path,
      facts: {
        type: o.type as OrgType,
        establishedOn: o.established_on,
        dissolvedOn: o.dissolved_on,
        committeeSpans: committeeSpans(byOrg.get(Number(o.id)) ?? []),
      },
    }));
  },

  async orgIdsOfTenant(db: Executor, tenantId: number, underPath?: string): Promise<number[]> {
    const rows = await queryRows<{ id: number }>(
      db,
      underPath
        ? sql`select id from orgs where tenant_id = ${tenantId} and ${inSubtree(sql`path`, underPath)} order by id`
        : sql`select id from orgs where tenant_id = ${tenantId} order by id`,
    );
    return rows.map((r) => Number(r.id));
  },

  async heldMeetings(
    db: Executor,
    orgIds: readonly number[],
    from: IsoDate,
    to: IsoDate,
  ): Promise<Map<number, HeldMeeting[]>> {
    const rows = await queryRows<{ org_id: number; date: string; types: string[] }>(
      db,
      sql`select org_id, date, types from meetings
          where org_id = any(${sql.param([...orgIds])}::int[]) and status = 'held' and date between ${from} and ${to}`,
    );
    const out = new Map<number, HeldMeeting[]>();
    for (const r of rows) {
      const list = out.get(Number(r.org_id)) ?? [];
      list.push({ date: r.date, types: r.types as MeetingType[] });
      out.set(Number(r.org_id), list);
    }
    return out;
  },

  /**
   * Recomputes the own rows of some orgs inside a window and writes the difference, carrying each change
   * up to every ancestor's subtree totals. Callers hold the orgs' row locks (lockOrgs) so two writers of
   * one org never apply the same difference twice.
   */
  async refresh(
    db: Executor,
    tenantId: number,
    orgIds: readonly number[],
    window: RollupWindow,
    settings: OrgLifeSettings,
  ): Promise<number> {
    if (orgIds.length === 0 || window.from > window.to) return 0;
    const overrides = await this.overrides(db, tenantId);
    let changed = 0;
    for (let i = 0; i < orgIds.length; i += BATCH) {
      const batch = orgIds.slice(i, i + BATCH);
      const { desired, orgList } = await this.desired(db, tenantId, batch, window, settings, overrides);
      const existing = await this.ownRows(db, tenantId, batch, window);
      const pathOf = new Map(orgList.map((o) => [o.id, o.path]));
      const changes: Change[] = [];
      for (const [key, want] of desired) {
        const have = existing.get(key);
        if (have && have.required === want.required && have.held === want.held) continue;
        changes.push({ ...want, oldRequired: have?.required ?? 0, oldHeld: have?.held ?? 0 });
      }
      for (const [key, have] of existing) {
        if (desired.has(key) || (have.required === 0 && have.held === 0)) continue;
        const orgPath = pathOf.get(have.orgId);
        if (!orgPath) continue;
        changes.push({
          ...have,
          orgPath,
          required: 0,
          held: 0,
          oldRequired: have.required,
          oldHeld: have.held,
        });
      }
      await this.apply(db, tenantId, changes);
      changed += changes.length;
    }
    return changed;
  },

  /** The own rows some orgs must have inside a window (see desiredOwnRows), keyed by org, type and period. */
  async desired(
    db: Executor,
    tenantId: number,
    orgIds: readonly number[],
    window: RollupWindow,
    settings: OrgLifeSettings,
    overrides: readonly StoredOverride[],
  ) {
    const { since, through } = windowOf(settings);
    const orgList = await this.rollupOrgs(db, tenantId, orgIds);
    // Periods starting in the window end at most a year after its end.
    const held = await this.heldMeetings(db, orgIds, window.from, addDays(window.to, 366));
    const desired = new Map<string, OwnRow & { orgPath: string }>();
    for (const org of orgList) {
      const mine = overrides.filter((o) => org.path.startsWith(o.orgPath));
      for (const r of desiredOwnRows(org, mine, held.get(org.id) ?? [], since, through, window))
        desired.set(rowKey(r.orgId, r.meetingType, r.periodKey), { ...r, orgPath: org.path });
    }
    return { desired, orgList };
  },

  /** Plain inserts of complete rows (own and subtree columns), for a rebuild into an empty tree. */
  async insertRows(db: Executor, tenantId: number, rows: readonly FullRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 10_000) {
      const chunk = rows.slice(i, i + 10_000);
      const col = <K extends keyof FullRow>(k: K) => chunk.map((r) => r[k] as unknown);
      await db.execute(sql`
        insert into org_life_rollups (tenant_id, org_id, org_path, meeting_type, period_key, period_start, period_end,
          required, held, sub_due, sub_done, sub_held)
        select ${tenantId}::int, o, p, t, k, s, e, r, h, du, dn, sh from unnest(${sql.param(col('orgId'))}::int[],
          ${sql.param(col('orgPath'))}::text[], ${sql.param(col('meetingType'))}::text[], ${sql.param(col('periodKey'))}::text[],
          ${sql.param(col('periodStart'))}::date[], ${sql.param(col('periodEnd'))}::date[], ${sql.param(col('required'))}::int[],
          ${sql.param(col('held'))}::int[], ${sql.param(col('subDue'))}::int[], ${sql.param(col('subDone'))}::int[],
          ${sql.param(col('subHeld'))}::int[]) as x(o, p, t, k, s, e, r, h, du, dn, sh)`);
    }
  },

  async childrenOf(db: Executor, orgId: number): Promise<{ id: number; path: string }[]> {
    const rows = await queryRows<{ id: number; path: string }>(
      db,
      sql`select id, path from orgs where parent_id = ${orgId} order by id`,
    );
    return rows.map((r) => ({ id: Number(r.id), path: r.path }));
  },

  async ownRows(
    db: Executor,
    tenantId: number,
    orgIds: readonly number[],
    window: RollupWindow,
  ): Promise<Map<string, OwnRow>> {
    const rows = await queryRows<{
      org_id: number;
      meeting_type: string;
      period_key: string;
      period_start: string;
      period_end: string;
      required: number;
      held: number;
    }>(
      db,
      sql`select org_id, meeting_type, period_key, period_start, period_end, required, held from org_life_rollups
          where tenant_id = ${tenantId} and org_id = any(${sql.param([...orgIds])}::int[])
            and period_start between ${window.from} and ${window.to}
            ${window.types ? sql`and meeting_type = any(${sql.param([...window.types])}::text[])` : sql``}
            ${window.keys ? sql`and period_key = any(${sql.param([...window.keys])}::text[])` : sql``}
          for update`,
    );
    const out = new Map<string, OwnRow>();
    for (const r of rows) {
      const row: OwnRow = {
        orgId: Number(r.org_id),
        meetingType: r.meeting_type as MeetingType,
        periodKey: r.period_key,
        periodStart: r.period_start,
        periodEnd: r.period_end,
        required: Number(r.required),
        held: Number(r.held),
      };
      out.set(rowKey(row.orgId, row.meetingType, row.periodKey), row);
    }
    return out;
  },

  /** Writes own-row changes and adds their differences to the subtree totals of every ancestor. */
  async apply(db: Executor, tenantId: number, changes: readonly Change[]): Promise<void> {
    if (changes.length === 0) return;
    const sorted = [...changes].sort(
      (a, b) => a.orgId - b.orgId || cmp(a.meetingType, b.meetingType) || cmp(a.periodKey, b.periodKey),
    );
    const col = <K extends keyof Change>(k: K) => sorted.map((c) => c[k] as unknown);
    await db.execute(sql`
      insert into org_life_rollups (tenant_id, org_id, org_path, meeting_type, period_key, period_start, period_end, required, held)
      select ${tenantId}::int, o, p, t, k, s, e, r, h from unnest(${sql.param(col('orgId'))}::int[], ${sql.param(col('orgPath'))}::text[],
        ${sql.param(col('meetingType'))}::text[], ${sql.param(col('periodKey'))}::text[], ${sql.param(col('periodStart'))}::date[],
        ${sql.param(col('periodEnd'))}::date[], ${sql.param(col('required'))}::int[], ${sql.param(col('held'))}::int[]) as x(o, p, t, k, s, e, r, h)
      on conflict (tenant_id, org_id, meeting_type, period_key)
      do update set required = excluded.required, held = excluded.held, org_path = excluded.org_path, updated_at = now()`);
    const deltas: OrgLifeDelta[] = [];
    for (const c of sorted) {
      const due = isDue(c) - isDue({ required: c.oldRequired });
      const done = isDone(c) - isDone({ required: c.oldRequired, held: c.oldHeld });
      const held = c.held - c.oldHeld;
      if (due === 0 && done === 0 && held === 0) continue;
      const { orgPath, meetingType, periodKey, periodStart, periodEnd } = c;
      deltas.push({ orgPath, meetingType, periodKey, periodStart, periodEnd, due, done, held });
    }
    await orgLifeRollup.applyDeltas(db, tenantId, deltas);
  },

  /**
   * An org moved (its stored paths are already rewritten): its subtree totals leave the old ancestors and
   * join the new ones. The moved orgs' own rows are then recomputed by the caller, since the rules they
   * inherit may differ under the new parent.
   */
  moveSubtreeTotals: (db: Executor, oldPrefix: string, newPrefix: string): Promise<void> =>
    orgLifeRollup.carryOnMove(db, oldPrefix, newPrefix),

  /** Takes the row locks of the orgs whose rollups a transaction is about to recompute (in id order). */
  async lockOrgs(db: Executor, orgIds: readonly number[]): Promise<void> {
    if (orgIds.length === 0) return;
    await db.execute(
      sql`select id from orgs where id = any(${sql.param([...orgIds])}::int[]) order by id for no key update`,
    );
  },

  async deleteTenant(db: Executor, tenantId: number): Promise<void> {
    await db.delete(orgLifeRollups).where(eq(orgLifeRollups.tenantId, tenantId));
  },

  async all(db: Executor, tenantId: number): Promise<RollupRow[]> {
    return db.select().from(orgLifeRollups).where(eq(orgLifeRollups.tenantId, tenantId));
  },

  /**
   * Tallies per org and meeting type over the periods overlapping [from, to] that had started by `today`,
   * summed in the database: one row per cell shown. `own` counts each org's own obligations; otherwise its
   * whole subtree's. Obligations of periods ended before `today` and not done are overdue.
   */
  async tallies(
    db: Executor,
    tenantId: number,
    orgIds: readonly number[],
    range: { from: IsoDate; to: IsoDate; today: IsoDate; types: readonly string[] },
    own: boolean,
  ): Promise<Tally[]> {
    if (orgIds.length === 0) return [];
    const due = own ? sql`(required > 0)::int` : sql`sub_due`;
    const done = own ? sql`(required > 0 and held >= required)::int` : sql`sub_done`;
    return this.tally(
      db,
      due,
      done,
      range.today,
      sql`tenant_id = ${tenantId} and org_id = any(${sql.param([...orgIds])}::int[])
        and meeting_type = any(${sql.param([...range.types])}::text[])
        and period_start <= ${earlierOf(range.to, range.today)} and period_end >= ${range.from}`,
    );
  },

  /** Own tallies of every org in a subtree with obligations in the range (the full branch heat map). */
  async ownTalliesUnder(
    db: Executor,
    tenantId: number,
    path: string,
    range: { from: IsoDate; to: IsoDate; today: IsoDate; types: readonly string[] },
  ): Promise<Tally[]> {
    return this.tally(
      db,
      sql`(required > 0)::int`,
      sql`(required > 0 and held >= required)::int`,
      range.today,
      sql`tenant_id = ${tenantId} and ${inSubtree(sql`org_path`, path)} and required > 0
        and meeting_type = any(${sql.param([...range.types])}::text[])
        and period_start <= ${earlierOf(range.to, range.today)} and period_end >= ${range.from}`,
    );
  },

  async tally(db: Executor, due: SQL, done: SQL, today: IsoDate, where: SQL): Promise<Tally[]> {
    const rows = await queryRows<{
      org_id: number;
      meeting_type: string;
      due: number;
      done: number;
      overdue: number;
    }>(
      db,
      sql`select org_id, meeting_type, sum(${due})::int as due, sum(${done})::int as done,
            coalesce(sum(${due} - ${done}) filter (where period_end < ${today}), 0)::int as overdue
          from org_life_rollups where ${where}
          group by org_id, meeting_type`,
    );
    return rows.map((r) => ({
      orgId: Number(r.org_id),
      meetingType: r.meeting_type,
      due: Number(r.due),
      done: Number(r.done),
      overdue: Number(r.overdue),
    }));
  },

  /** One org's rows of a year (the trend: sittings by month, obligations by the month they fall due). */
  async yearOf(db: Executor, tenantId: number, orgId: number, from: IsoDate, to: IsoDate, today: IsoDate) {
    const rows = await queryRows<{
      meeting_type: string;
      period_key: string;
      period_end: string;
      sub_due: number;
      sub_done: number;
      sub_held: number;
    }>(
      db,
      sql`select meeting_type, period_key, period_end, sub_due, sub_done, sub_held from org_life_rollups
          where tenant_id = ${tenantId} and org_id = ${orgId} and period_start between ${from} and ${earlierOf(to, today)}`,
    );
    return rows.map((r) => ({
      meetingType: r.meeting_type,
      periodKey: r.period_key,
      periodEnd: r.period_end,
      subDue: Number(r.sub_due),
      subDone: Number(r.sub_done),
      subHeld: Number(r.sub_held),
    }));
  },

  /** Obligations still open whose period ends within `leadDays` of `date` (reminder candidates). */
  async openObligationsEnding(
    db: Executor,
    tenantId: number,
    date: IsoDate,
    leadDays: number,
  ): Promise<RollupRow[]> {
    return db
      .select()
      .from(orgLifeRollups)
      .where(
        and(
          eq(orgLifeRollups.tenantId, tenantId),
          sql`${orgLifeRollups.required} > ${orgLifeRollups.held}`,
          sql`${orgLifeRollups.periodEnd} >= ${date}`,
          sql`${orgLifeRollups.periodEnd} <= ${addDays(date, leadDays)}`,
          sql`${orgLifeRollups.periodStart} <= ${date}`,
        ),
      );
  },

  /** Obligations of a subtree whose period ended on `periodEnd` unfulfilled (the supervisors' digest). */
  async missedOn(db: Executor, tenantId: number, path: string, periodEnd: IsoDate): Promise<RollupRow[]> {
    return db
      .select()
      .from(orgLifeRollups)
      .where(
        and(
          eq(orgLifeRollups.tenantId, tenantId),
          sql`${orgLifeRollups.required} > ${orgLifeRollups.held}`,
          eq(orgLifeRollups.periodEnd, periodEnd),
          inSubtree(orgLifeRollups.orgPath, path),
        ),
      );
  },
};

type Change = OwnRow & { orgPath: string; oldRequired: number; oldHeld: number };

/** A row with both its own and its subtree columns. */
type FullRow = OwnRow & { orgPath: string; subDue: number; subDone: number; subHeld: number };

/** Obligations of one cell: `due` binding, `done` fulfilled, `overdue` open after their period ended. */
export interface Tally {
  orgId: number;
  meetingType: string;
  due: number;
  done: number;
  overdue: number;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Called by rewriteOrgPaths in the transaction that moves an org: the rollups follow it, so dashboards stay
 * exact the moment the move commits.
 */
export async function carryRollupsOnMove(db: Executor, oldPrefix: string, newPrefix: string): Promise<void> {
  const movedId = pathIds(newPrefix).at(-1)!;
  const [org] = await queryRows<{ tenant_id: number }>(
    db,
    sql`select tenant_id from orgs where id = ${movedId}`,
  );
  if (!org) return;
  const tenantId = Number(org.tenant_id);
  const [settings] = await db.select().from(orgLifeSettings).where(eq(orgLifeSettings.tenantId, tenantId));
  if (!settings) return;
  await rollupsRepository.moveSubtreeTotals(db, oldPrefix, newPrefix);
  const ids = await rollupsRepository.orgIdsOfTenant(db, tenantId, newPrefix);
  await rollupsRepository.lockOrgs(db, ids);
  const { since, through } = windowOf(settings);
  await rollupsRepository.refresh(db, tenantId, ids, { from: since, to: through }, settings);
}

/**
 * Derives a tree's rollups again from the records: everything is deleted and recomputed from the meetings,
 * the rulebook and the org facts (obligations through `materializedThrough`, or `through` when given).
 * One subtree below the root at a time, own rows and subtree totals are computed in memory and inserted
 * plainly; what each subtree adds to the orgs above it is carried and written last.
 */
export async function rebuildRollups(
  db: Executor,
  tenantId: number,
  today: IsoDate,
  through?: IsoDate,
): Promise<number> {
  let settings = await rollupsRepository.settings(db, tenantId, today);
  if (through !== undefined)
    settings = await rollupsRepository.updateSettings(db, tenantId, { materializedThrough: through });
  await rollupsRepository.deleteTenant(db, tenantId);
  await rollupsRepository.lockOrgs(db, await rollupsRepository.orgIdsOfTenant(db, tenantId));
  const { since, through: materialized } = windowOf(settings);
  // Month rows of sittings recorded after the materialized day are derived too.
  const window = { from: since, to: laterOf(materialized, today) };
  const overrides = await rollupsRepository.overrides(db, tenantId);
  const root = (await queryRows<{ path: string }>(db, sql`select path from orgs where id = ${tenantId}`))[0];
  if (!root) return 0;
  const above = new Map<string, SubtreeTotals>();
  let written = 0;
  const write = async (ids: number[], extra: Map<string, SubtreeTotals>) => {
    const inside = new Set(ids);
    const own = new Map<string, OwnRow & { orgPath: string }>();
    for (let i = 0; i < ids.length; i += BATCH) {
      const { desired } = await rollupsRepository.desired(
        db,
        tenantId,
        ids.slice(i, i + BATCH),
        window,
        settings,
        overrides,
      );
      for (const [k, r] of desired) own.set(k, r);
    }
    const totals = subtreeTotals([...own.values()]);
    for (const [k, t] of extra) {
      const mine = totals.get(k);
      if (mine) {
        mine.subDue += t.subDue;
        mine.subDone += t.subDone;
        mine.subHeld += t.subHeld;
      } else totals.set(k, { ...t });
    }
    const rows: FullRow[] = [];
    for (const [k, t] of totals) {
      if (!inside.has(t.orgId)) {
        const a = above.get(k);
        if (a) {
          a.subDue += t.subDue;
          a.subDone += t.subDone;
          a.subHeld += t.subHeld;
        } else above.set(k, { ...t });
        continue;
      }
      const o = own.get(k);
      rows.push({ ...t, required: o?.required ?? 0, held: o?.held ?? 0 });
      own.delete(k);
    }
    await rollupsRepository.insertRows(db, tenantId, rows);
    written += rows.length;
  };
  for (const child of await rollupsRepository.childrenOf(db, tenantId))
    await write(await rollupsRepository.orgIdsOfTenant(db, tenantId, child.path), new Map());
  // The root last, with everything its subtrees carried up to it.
  const carried = new Map(above);
  above.clear();
  await write([tenantId], carried);
  return written;
}

/**
 * Called in the transaction that changes what an org owes (founded, dissolved, a committee post begun or
 * ended, a 党小组 added below it): its rollups are recomputed over the whole tracked window, so the
 * supervisor's dashboard agrees with the pure evaluation the moment the change commits.
 */
export async function refreshRollupsOfOrgs(
  db: Executor,
  tenantId: number,
  orgIds: readonly number[],
): Promise<void> {
  const [settings] = await db.select().from(orgLifeSettings).where(eq(orgLifeSettings.tenantId, tenantId));
  // A tree never materialized has no rollups yet: its first daily run derives them all.
  if (!settings || settings.materializedThrough === null || orgIds.length === 0) return;
  const ids = [...new Set(orgIds)].sort((a, b) => a - b);
  await rollupsRepository.lockOrgs(db, ids);
  const { since, through } = windowOf(settings);
  await rollupsRepository.refresh(db, tenantId, ids, { from: since, to: through }, settings);
}
