import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { IsoDate } from '../../../domain/calendar';
import { type Executor, queryRows } from '../../db/database';
import { defineRollup } from '../../rollups';
import { inSubtree, isActiveMember, isInactiveMember } from '../../scope';
import { orgs } from '../orgs/orgs.table';
import { studyHours, studyMemberYears, studyRollups } from './study.table';

export type MemberYear = typeof studyMemberYears.$inferSelect;
export type Rollup = typeof studyRollups.$inferSelect;

export interface Credit {
  tenantId: number;
  memberId: number;
  orgPath: string;
  date: IsoDate;
  sittingKey: string;
  source: 'session' | 'self';
  sourceId: number;
  tenths: number;
}

/** Changes to the rollups of one org path and year (own counts apply to the org itself only). */
export interface RollupDelta {
  members?: number;
  reached?: number;
  tenths?: number;
  examTakers?: number;
  examPassed?: number;
  examScore?: number;
  examTotal?: number;
}

const yearOf = (date: IsoDate) => Number(date.slice(0, 4));

/**
 * Per org and year: the org's own members, members at the norm and hours (`own_*`), and its whole subtree's
 * (`sub_*`) with the best attempt per member and exam. Derived from the member years and the attempts.
 */
export const studyRollup = defineRollup({
  table: studyRollups,
  keys: { year: studyRollups.year },
  measures: {
    members: studyRollups.subMembers,
    reached: studyRollups.subReached,
    tenths: studyRollups.subTenths,
    examTakers: studyRollups.subExamTakers,
    examPassed: studyRollups.subExamPassed,
    examScore: studyRollups.subExamScore,
    examTotal: studyRollups.subExamTotal,
  },
  own: { members: studyRollups.ownMembers, reached: studyRollups.ownReached, tenths: studyRollups.ownTenths },
  rebuild: {
    scope: (year: number) => eq(studyRollups.year, year),
    sources: (tenantId: number, year: number) => [
      {
        measures: ['members', 'reached', 'tenths'],
        select: sql`
          select org_path, ${year}::int, count(*), count(*) filter (where tenths >= norm_tenths), sum(tenths)
          from study_member_years where tenant_id = ${tenantId} and year = ${year} group by org_path`,
      },
      {
        measures: ['examTakers', 'examPassed', 'examScore', 'examTotal'],
        select: sql`
          select org_path, ${year}::int, count(*), count(*) filter (where passed), sum(score), sum(total_score)
          from (
            select distinct on (a.exam_id, a.member_id) a.org_path, a.score, a.passed, e.total_score
            from study_exam_attempts a join study_exams e on e.id = a.exam_id
            where a.tenant_id = ${tenantId} and a.submitted_at is not null
              and extract(year from e.opens_at at time zone 'Asia/Shanghai') = ${year}
            order by a.exam_id, a.member_id, a.score desc, a.id
          ) best
          group by org_path`,
      },
    ],
  },
});

/**
 * What every study area shares: the members and posts the hours concern, the hours ledger with each member's
 * year against the norm and the per-org rollups kept from it, and what the daily job reads.
 */
export const studyRepository = {
  /* ---------- members, posts ---------- */

  async memberInfo(db: Executor, ids: readonly number[]) {
    if (ids.length === 0)
      return new Map<
        number,
        { name: string; tenantId: number; orgId: number; orgPath: string; status: string }
      >();
    const rows = await queryRows<{
      id: number;
      name: string;
      tenant_id: number;
      org_id: number;
      org_path: string;
      status: string;
    }>(
      db,
      sql`select id, name, tenant_id, org_id, org_path, status from members where id = any(${sql.param([...ids])}::int[])`,
    );
    return new Map(
      rows.map((r) => [
        Number(r.id),
        {
          name: r.name,
          tenantId: Number(r.tenant_id),
          orgId: Number(r.org_id),
          orgPath: r.org_path,
          status: r.status,
        },
      ]),
    );
  },

  /** Members among these who hold a committee post open on the date (they carry the higher norm). */
  async committeeMembers(db: Executor, ids: readonly number[], date: IsoDate): Promise<Set<number>> {
    if (ids.length === 0) return new Set();
    const rows = await queryRows<{ member_id: number }>(
      db,
      sql`select distinct member_id from org_posts
          where member_id = any(${sql.param([...ids])}::int[]) and start_date <= ${date}
            and (end_date is null or end_date > ${date})`,
    );
    return new Set(rows.map((r) => Number(r.member_id)));
  },

  /** Active members of a subtree now (current roster state), with names. */
  async activeMembers(db: Executor, orgPath: string) {
    const rows = await queryRows<{ id: number; name: string; org_id: number; org_path: string }>(
      db,
      sql`select id, name, org_id, org_path from members
          where ${inSubtree(sql`org_path`, orgPath)} and ${isActiveMember(sql`status`)} order by org_path, id`,
    );
    return rows.map((r) => ({
      id: Number(r.id),
      name: r.name,
      orgId: Number(r.org_id),
      orgPath: r.org_path,
    }));
  },

  async orgNames(db: Executor, ids: readonly number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await db
      .select({ id: orgs.id, name: orgs.name })
      .from(orgs)
      .where(inArray(orgs.id, [...ids]));
    return new Map(rows.map((r) => [r.id, r.name]));
  },

  /* ---------- the hours ledger ---------- */

  /**
   * Replaces the credits one source gives (a session's present members, one self-study entry) and returns
   * the (member, year) pairs whose totals may have moved, before and after.
   */
  async replaceCredits(
    db: Executor,
    source: 'session' | 'self',
    sourceId: number,
    credits: readonly Credit[],
  ): Promise<{ memberId: number; year: number }[]> {
    const removed = await db
      .delete(studyHours)
      .where(and(eq(studyHours.source, source), eq(studyHours.sourceId, sourceId)))
      .returning({ memberId: studyHours.memberId, year: studyHours.year });
    for (let i = 0; i < credits.length; i += 1000) {
      const chunk = credits.slice(i, i + 1000);
      await db
        .insert(studyHours)
        .values(chunk.map((c) => ({ ...c, year: yearOf(c.date) })))
        // Another entry already credits this member for this sitting: the sitting counts once.
        .onConflictDoNothing();
    }
    const touched = new Map<string, { memberId: number; year: number }>();
    for (const r of [...removed, ...credits.map((c) => ({ memberId: c.memberId, year: yearOf(c.date) }))])
      touched.set(`${r.memberId}:${r.year}`, r);
    return [...touched.values()];
  },

  async creditedTenths(db: Executor, memberId: number, year: number): Promise<number> {
    const [row] = await queryRows<{ t: number }>(
      db,
      sql`select coalesce(sum(tenths), 0)::int as t from study_hours where member_id = ${memberId} and year = ${year}`,
    );
    return Number(row?.t ?? 0);
  },

  async hoursEntries(db: Executor, memberId: number, year: number) {
    const rows = await queryRows<{ date: string; title: string; source: string; tenths: number }>(
      db,
      sql`select h.date, coalesce(s.title, l.title, '') as title,
            case when h.source = 'session' then coalesce(s.kind, '集中学习') else coalesce(l.source, '自学') end as source,
            h.tenths
          from study_hours h
          left join study_sessions s on h.source = 'session' and s.id = h.source_id
          left join study_self_logs l on h.source = 'self' and l.id = h.source_id
          where h.member_id = ${memberId} and h.year = ${year}
          order by h.date desc, h.id desc`,
    );
    return rows.map((r) => ({ ...r, tenths: Number(r.tenths) }));
  },

  async memberYear(
    db: Executor,
    memberId: number,
    year: number,
    lock = false,
  ): Promise<MemberYear | undefined> {
    const q = db
      .select()
      .from(studyMemberYears)
      .where(and(eq(studyMemberYears.memberId, memberId), eq(studyMemberYears.year, year)));
    const [row] = lock ? await q.for('update') : await q;
    return row;
  },

  async insertMemberYear(db: Executor, row: MemberYear) {
    await db.insert(studyMemberYears).values(row);
  },

  async updateMemberYear(db: Executor, memberId: number, year: number, patch: Partial<MemberYear>) {
    await db
      .update(studyMemberYears)
      .set(patch)
      .where(and(eq(studyMemberYears.memberId, memberId), eq(studyMemberYears.year, year)));
  },

  async deleteMemberYear(db: Executor, memberId: number, year: number) {
    await db
      .delete(studyMemberYears)
      .where(and(eq(studyMemberYears.memberId, memberId), eq(studyMemberYears.year, year)));
  },

  async memberYearsOfSubtree(db: Executor, orgPath: string, year: number) {
    const rows = await queryRows<{
      member_id: number;
      name: string;
      org_name: string;
      norm_tenths: number;
      tenths: number;
    }>(
      db,
      sql`select y.member_id, m.name, o.name as org_name, y.norm_tenths, y.tenths
          from study_member_years y join members m on m.id = y.member_id join orgs o on o.id = y.org_id
          where ${inSubtree(sql`y.org_path`, orgPath)} and y.year = ${year}
          order by y.org_path, m.name, y.member_id`,
    );
    return rows.map((r) => ({
      memberId: Number(r.member_id),
      name: r.name,
      orgName: r.org_name,
      normTenths: Number(r.norm_tenths),
      tenths: Number(r.tenths),
    }));
  },

  async memberYearsOfTenant(db: Executor, tenantId: number, year: number): Promise<MemberYear[]> {
    return db
      .select()
      .from(studyMemberYears)
      .where(and(eq(studyMemberYears.tenantId, tenantId), eq(studyMemberYears.year, year)));
  },

  /**
   * Adds a change to the rollups of an org and of every ancestor, in one statement in key order: every
   * writer takes the row locks in the same order, so concurrent writers wait for each other and never
   * deadlock. Own counts move on the org itself only.
   */
  applyDelta: (db: Executor, tenantId: number, orgPath: string, year: number, d: RollupDelta) =>
    studyRollup.applyDeltas(db, tenantId, [{ orgPath, year, ...d }]),

  /** The rollup rows of an org and its children for a year: what a coverage view shows. */
  async coverageRows(db: Executor, orgId: number, year: number) {
    const rows = await queryRows<{
      id: number;
      name: string;
      type: string;
      sort_order: number;
      sub_members: number | null;
      sub_reached: number | null;
      sub_tenths: number | null;
      sub_exam_takers: number | null;
      sub_exam_passed: number | null;
      sub_exam_score: number | null;
      sub_exam_total: number | null;
    }>(
      db,
      sql`select o.id, o.name, o.type, o.sort_order, r.sub_members, r.sub_reached, r.sub_tenths, r.sub_exam_takers,
            r.sub_exam_passed, r.sub_exam_score, r.sub_exam_total
          from orgs o left join study_rollups r on r.org_id = o.id and r.year = ${year} and r.tenant_id = o.tenant_id
          where (o.id = ${orgId} or o.parent_id = ${orgId}) and o.dissolved_on is null
          order by (o.id = ${orgId}) desc, o.sort_order, o.id`,
    );
    return rows.map((r) => ({
      orgId: Number(r.id),
      orgName: r.name,
      orgType: r.type,
      members: Number(r.sub_members ?? 0),
      reached: Number(r.sub_reached ?? 0),
      tenths: Number(r.sub_tenths ?? 0),
      examTakers: Number(r.sub_exam_takers ?? 0),
      examPassed: Number(r.sub_exam_passed ?? 0),
      examScore: Number(r.sub_exam_score ?? 0),
      examTotal: Number(r.sub_exam_total ?? 0),
    }));
  },

  async rollupsOfTenant(db: Executor, tenantId: number, year: number): Promise<Rollup[]> {
    return db
      .select()
      .from(studyRollups)
      .where(and(eq(studyRollups.tenantId, tenantId), eq(studyRollups.year, year)))
      .orderBy(asc(studyRollups.orgId));
  },

  /**
   * Derives a year's rollups of a tree from the member years and best exam attempts, in SQL: the daily job's
   * reconciliation, the bulk load's only pass, and the reference the incremental rows are tested against.
   */
  rebuildRollups: (db: Executor, tenantId: number, year: number): Promise<number> =>
    studyRollup.rebuild(db, tenantId, year),

  /** Each member's credited hours of a year by kind: sittings (collective) and self-study. */
  async hoursBySource(db: Executor, memberIds: readonly number[], year: number) {
    if (memberIds.length === 0) return new Map<number, { collective: number; self: number }>();
    const rows = await queryRows<{ member_id: number; collective: number; self: number }>(
      db,
      sql`select member_id,
            coalesce(sum(tenths) filter (where source = 'session'), 0)::int as collective,
            coalesce(sum(tenths) filter (where source = 'self'), 0)::int as self
          from study_hours where member_id = any(${sql.param([...memberIds])}::int[]) and year = ${year}
          group by member_id`,
    );
    return new Map(
      rows.map((r) => [Number(r.member_id), { collective: Number(r.collective), self: Number(r.self) }]),
    );
  },

  /* ---------- the daily job ---------- */

  async tenants(db: Executor): Promise<number[]> {
    const rows = await queryRows<{ id: number }>(
      db,
      sql`select id from orgs where parent_id is null order by id`,
    );
    return rows.map((r) => Number(r.id));
  },

  /** The year's row every active member should have: org now, and the norm by posts held on the date. */
  async desiredMemberYears(db: Executor, tenantId: number, date: IsoDate) {
    const rows = await queryRows<{ id: number; org_id: number; org_path: string; committee: boolean }>(
      db,
      sql`select m.id, m.org_id, m.org_path,
            exists (select 1 from org_posts p where p.member_id = m.id and p.start_date <= ${date}
                    and (p.end_date is null or p.end_date > ${date})) as committee
          from members m where m.tenant_id = ${tenantId} and ${isActiveMember(sql`m.status`)}`,
    );
    return rows.map((r) => ({
      memberId: Number(r.id),
      orgId: Number(r.org_id),
      orgPath: r.org_path,
      committee: Boolean(r.committee),
    }));
  },

  /** Members of a year under the norm who have an account (reminders), with their secretaries' branches. */
  async underNorm(db: Executor, tenantId: number, year: number) {
    const rows = await queryRows<{
      member_id: number;
      name: string;
      org_id: number;
      org_path: string;
      norm_tenths: number;
      tenths: number;
      account_id: number | null;
    }>(
      db,
      sql`select y.member_id, m.name, y.org_id, y.org_path, y.norm_tenths, y.tenths, a.id as account_id
          from study_member_years y join members m on m.id = y.member_id
          left join accounts a on a.member_id = y.member_id and a.disabled_at is null
          where y.tenant_id = ${tenantId} and y.year = ${year} and y.tenths < y.norm_tenths
          order by y.org_path, m.name`,
    );
    return rows.map((r) => ({
      memberId: Number(r.member_id),
      name: r.name,
      orgId: Number(r.org_id),
      orgPath: r.org_path,
      normTenths: Number(r.norm_tenths),
      tenths: Number(r.tenths),
      accountId: r.account_id === null ? null : Number(r.account_id),
    }));
  },
};

/** The daily reconciliation of member years and the org-move handler live beside the repository. */
export const studyUpkeepRepository = {
  /**
   * Gives every active member of a tree their row for the year (org now, norm by posts held on the date,
   * hours from the ledger) and drops rows of people no longer active, in two statements.
   */
  async reconcileMemberYears(
    db: Executor,
    tenantId: number,
    year: number,
    date: IsoDate,
    norms: { member: number; committee: number },
  ) {
    await db.execute(sql`
      insert into study_member_years (tenant_id, member_id, year, org_id, org_path, norm_tenths, tenths)
      select m.tenant_id, m.id, ${year}, m.org_id, m.org_path,
        case when exists (select 1 from org_posts p where p.member_id = m.id and p.start_date <= ${date}
          and (p.end_date is null or p.end_date > ${date})) then ${norms.committee}::int else ${norms.member}::int end,
        coalesce((select sum(h.tenths) from study_hours h where h.member_id = m.id and h.year = ${year}), 0)
      from members m where m.tenant_id = ${tenantId} and ${isActiveMember(sql`m.status`)}
      on conflict (member_id, year) do update set org_id = excluded.org_id, org_path = excluded.org_path,
        norm_tenths = excluded.norm_tenths, tenths = excluded.tenths
      where (study_member_years.org_id, study_member_years.norm_tenths, study_member_years.tenths)
        is distinct from (excluded.org_id, excluded.norm_tenths, excluded.tenths)`);
    await db.execute(sql`
      delete from study_member_years y using members m
      where y.member_id = m.id and y.tenant_id = ${tenantId} and y.year = ${year}
        and ${isInactiveMember(sql`m.status`)}`);
  },

  /**
   * Credits every held session of a tree in two statements (bulk loads: demo and benchmark data), keyed as
   * the service keys them: a linked session by its meeting, others by the session.
   */
  async creditAllSessions(db: Executor, tenantId: number) {
    await db.execute(sql`
      insert into study_hours (tenant_id, member_id, org_path, year, date, sitting_key, source, source_id, tenths)
      select s.tenant_id, a.member_id, m.org_path, extract(year from s.date)::int, s.date,
        'meeting:' || s.meeting_id, 'session', s.id, s.tenths
      from study_sessions s join meeting_attendees a on a.meeting_id = s.meeting_id and a.attendance = 'present'
      join members m on m.id = a.member_id
      where s.tenant_id = ${tenantId} and s.status = 'held' and s.meeting_id is not null and s.tenths > 0
      on conflict do nothing`);
    await db.execute(sql`
      insert into study_hours (tenant_id, member_id, org_path, year, date, sitting_key, source, source_id, tenths)
      select s.tenant_id, a.member_id, m.org_path, extract(year from s.date)::int, s.date,
        'session:' || s.id, 'session', s.id, s.tenths
      from study_sessions s join study_session_attendees a on a.session_id = s.id and a.present
      join members m on m.id = a.member_id
      where s.tenant_id = ${tenantId} and s.status = 'held' and s.meeting_id is null and s.tenths > 0
      on conflict do nothing`);
    await db.execute(
      sql`update study_sessions set synced_at = now() where tenant_id = ${tenantId} and meeting_id is not null`,
    );
    await db.execute(sql`
      insert into study_hours (tenant_id, member_id, org_path, year, date, sitting_key, source, source_id, tenths)
      select l.tenant_id, l.member_id, l.org_path, extract(year from l.date)::int, l.date, 'self:' || l.id, 'self', l.id, l.tenths
      from study_self_logs l where l.tenant_id = ${tenantId}
      on conflict do nothing`);
  },

  /** Held 主题党日 and 党课 records of a tree in a date range (sittings a demo links study sessions to). */
  async studyMeetings(db: Executor, tenantId: number, from: IsoDate, to: IsoDate) {
    const rows = await queryRows<{
      id: number;
      org_id: number;
      org_path: string;
      date: string;
      title: string;
    }>(
      db,
      sql`select id, org_id, org_path, date, title from meetings
          where tenant_id = ${tenantId} and status = 'held' and date between ${from} and ${to}
            and ('主题党日' = any(types) or '党课' = any(types))
          order by org_id, date`,
    );
    return rows.map((r) => ({ ...r, id: Number(r.id), orgId: Number(r.org_id), orgPath: r.org_path }));
  },

  async tenantOfPath(db: Executor, path: string): Promise<number | null> {
    const [row] = await db.select({ tenantId: orgs.tenantId }).from(orgs).where(eq(orgs.path, path));
    return row?.tenantId ?? null;
  },

  async rollupYears(db: Executor, tenantId: number): Promise<number[]> {
    const rows = await queryRows<{ year: number }>(
      db,
      sql`select distinct year from study_rollups where tenant_id = ${tenantId} order by year`,
    );
    return rows.map((r) => Number(r.year));
  },
};

/**
 * After an org moves (its paths already rewritten), the subtree totals of its old and new ancestors are
 * re-derived for every year on record: moves are rare, and a rebuild is one aggregate over the tree.
 */
export async function carryStudyRollupsOnMove(db: Executor, _oldPrefix: string, newPrefix: string) {
  const tenantId = await studyUpkeepRepository.tenantOfPath(db, newPrefix);
  if (tenantId === null) return;
  for (const year of await studyUpkeepRepository.rollupYears(db, tenantId))
    await studyRepository.rebuildRollups(db, tenantId, year);
}
