import { and, asc, count, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { IsoDate } from '../../../domain/calendar';
import { pathIds } from '../../../domain/org-rules';
import { type Executor, queryRows } from '../../db/database';
import { orgs } from '../orgs/orgs.table';
import {
  studyDailyItems,
  studyExamAttempts,
  studyExams,
  studyHours,
  studyMaterialReads,
  studyMaterials,
  studyMemberYears,
  studyPlans,
  studyQuestions,
  studyReflections,
  studyRollups,
  studySelfLogs,
  studySessionAttendees,
  studySessions,
  studySettings,
} from './study.table';

export type Plan = typeof studyPlans.$inferSelect;
export type Session = typeof studySessions.$inferSelect;
export type SessionAttendee = typeof studySessionAttendees.$inferSelect;
export type SelfLog = typeof studySelfLogs.$inferSelect;
export type Reflection = typeof studyReflections.$inferSelect;
export type Material = typeof studyMaterials.$inferSelect;
export type Question = typeof studyQuestions.$inferSelect;
export type Exam = typeof studyExams.$inferSelect;
export type Attempt = typeof studyExamAttempts.$inferSelect;
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

export const studyRepository = {
  /* ---------- plans ---------- */

  async plans(db: Executor, visible: SQL, orgPath: string, year: number) {
    return db
      .select({
        plan: studyPlans,
        orgName: orgs.name,
        sessions:
          sql<number>`(select count(*) from study_sessions s where s.plan_id = ${studyPlans.id})`.mapWith(
            Number,
          ),
        heldSessions:
          sql<number>`(select count(*) from study_sessions s where s.plan_id = ${studyPlans.id} and s.status = 'held')`.mapWith(
            Number,
          ),
      })
      .from(studyPlans)
      .innerJoin(orgs, eq(orgs.id, studyPlans.orgId))
      .where(and(visible, sql`${studyPlans.orgPath} like ${`${orgPath}%`}`, eq(studyPlans.year, year)))
      .orderBy(asc(studyPlans.quarter), asc(studyPlans.id));
  },

  async findPlan(db: Executor, id: number): Promise<Plan | undefined> {
    const [row] = await db.select().from(studyPlans).where(eq(studyPlans.id, id));
    return row;
  },

  async insertPlan(db: Executor, row: typeof studyPlans.$inferInsert): Promise<Plan> {
    const [created] = await db.insert(studyPlans).values(row).returning();
    return created!;
  },

  async updatePlan(db: Executor, id: number, patch: Partial<typeof studyPlans.$inferInsert>): Promise<Plan> {
    const [row] = await db
      .update(studyPlans)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(studyPlans.id, id))
      .returning();
    return row!;
  },

  async deletePlan(db: Executor, id: number) {
    await db.delete(studyPlans).where(eq(studyPlans.id, id));
  },

  /* ---------- sessions ---------- */

  async sessions(db: Executor, visible: SQL, orgPath: string, year: number) {
    return db
      .select({
        session: studySessions,
        orgName: orgs.name,
        meetingTitle: sql<
          string | null
        >`(select m.title from meetings m where m.id = ${studySessions.meetingId})`,
        present: sql<number>`case when ${studySessions.meetingId} is null
          then (select count(*) from study_session_attendees a where a.session_id = ${studySessions.id} and a.present)
          else (select count(*) from meeting_attendees a where a.meeting_id = ${studySessions.meetingId} and a.attendance = 'present') end`.mapWith(
          Number,
        ),
        expected: sql<number>`case when ${studySessions.meetingId} is null
          then (select count(*) from study_session_attendees a where a.session_id = ${studySessions.id})
          else (select count(*) from meeting_attendees a where a.meeting_id = ${studySessions.meetingId} and a.expected) end`.mapWith(
          Number,
        ),
      })
      .from(studySessions)
      .innerJoin(orgs, eq(orgs.id, studySessions.orgId))
      .where(
        and(
          visible,
          sql`${studySessions.orgPath} like ${`${orgPath}%`}`,
          sql`${studySessions.date} between ${`${year}-01-01`} and ${`${year}-12-31`}`,
        ),
      )
      .orderBy(desc(studySessions.date), desc(studySessions.id));
  },

  async findSession(db: Executor, id: number): Promise<Session | undefined> {
    const [row] = await db.select().from(studySessions).where(eq(studySessions.id, id));
    return row;
  },

  async sessionByMeeting(db: Executor, meetingId: number): Promise<Session | undefined> {
    const [row] = await db.select().from(studySessions).where(eq(studySessions.meetingId, meetingId));
    return row;
  },

  async insertSession(db: Executor, row: typeof studySessions.$inferInsert): Promise<Session> {
    const [created] = await db.insert(studySessions).values(row).returning();
    return created!;
  },

  async updateSession(
    db: Executor,
    id: number,
    patch: Partial<typeof studySessions.$inferInsert>,
  ): Promise<Session> {
    const [row] = await db
      .update(studySessions)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(studySessions.id, id))
      .returning();
    return row!;
  },

  async deleteSession(db: Executor, id: number) {
    await db.delete(studySessions).where(eq(studySessions.id, id));
  },

  async sessionAttendees(db: Executor, sessionId: number): Promise<SessionAttendee[]> {
    return db
      .select()
      .from(studySessionAttendees)
      .where(eq(studySessionAttendees.sessionId, sessionId))
      .orderBy(asc(studySessionAttendees.memberId));
  },

  async replaceSessionAttendees(
    db: Executor,
    sessionId: number,
    rows: (typeof studySessionAttendees.$inferInsert)[],
  ) {
    await db.delete(studySessionAttendees).where(eq(studySessionAttendees.sessionId, sessionId));
    if (rows.length) await db.insert(studySessionAttendees).values(rows);
  },

  /** Linked sessions whose meeting changed after their attendance was last taken over (the daily job). */
  async staleLinkedSessions(db: Executor, tenantId: number): Promise<number[]> {
    const rows = await queryRows<{ id: number }>(
      db,
      sql`select s.id from study_sessions s join meetings m on m.id = s.meeting_id
          where s.tenant_id = ${tenantId} and s.status = 'held'
            and (s.synced_at is null or m.updated_at > s.synced_at)`,
    );
    return rows.map((r) => Number(r.id));
  },

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
          where org_path like ${`${orgPath}%`} and status in ('正式党员', '预备党员') order by org_path, id`,
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
          where y.org_path like ${`${orgPath}%`} and y.year = ${year}
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
   * Adds a change to the rollups of an org and of every ancestor, in one statement, root first: every writer
   * takes the row locks in the same order, so concurrent writers wait for each other and never deadlock.
   */
  async applyDelta(db: Executor, tenantId: number, orgPath: string, year: number, d: RollupDelta) {
    const ids = pathIds(orgPath);
    if (ids.length === 0) return;
    const v = (x: number | undefined) => x ?? 0;
    if (Object.values(d).every((x) => !x)) return;
    const paths = ids.map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
    const own = ids.map((_, i) => i === ids.length - 1);
    await db.execute(sql`
      insert into study_rollups (tenant_id, org_id, org_path, year, own_members, own_reached, own_tenths,
        sub_members, sub_reached, sub_tenths, sub_exam_takers, sub_exam_passed, sub_exam_score, sub_exam_total)
      select ${tenantId}, u.org_id, u.org_path, ${year},
        case when u.own then ${v(d.members)}::int else 0 end, case when u.own then ${v(d.reached)}::int else 0 end,
        case when u.own then ${v(d.tenths)}::int else 0 end,
        ${v(d.members)}::int, ${v(d.reached)}::int, ${v(d.tenths)}::int, ${v(d.examTakers)}::int,
        ${v(d.examPassed)}::int, ${v(d.examScore)}::int, ${v(d.examTotal)}::int
      from unnest(${sql.param(ids)}::int[], ${sql.param(paths)}::text[], ${sql.param(own)}::bool[])
        with ordinality as u(org_id, org_path, own, n)
      order by u.n
      on conflict (tenant_id, org_id, year) do update set
        own_members = study_rollups.own_members + excluded.own_members,
        own_reached = study_rollups.own_reached + excluded.own_reached,
        own_tenths = study_rollups.own_tenths + excluded.own_tenths,
        sub_members = study_rollups.sub_members + excluded.sub_members,
        sub_reached = study_rollups.sub_reached + excluded.sub_reached,
        sub_tenths = study_rollups.sub_tenths + excluded.sub_tenths,
        sub_exam_takers = study_rollups.sub_exam_takers + excluded.sub_exam_takers,
        sub_exam_passed = study_rollups.sub_exam_passed + excluded.sub_exam_passed,
        sub_exam_score = study_rollups.sub_exam_score + excluded.sub_exam_score,
        sub_exam_total = study_rollups.sub_exam_total + excluded.sub_exam_total`);
  },

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
  async rebuildRollups(db: Executor, tenantId: number, year: number): Promise<number> {
    await db.execute(sql`delete from study_rollups where tenant_id = ${tenantId} and year = ${year}`);
    const rows = await queryRows<{ n: number }>(
      db,
      sql`
      with own as (
        select org_path, count(*)::int as m, count(*) filter (where tenths >= norm_tenths)::int as r,
          sum(tenths)::int as t
        from study_member_years where tenant_id = ${tenantId} and year = ${year} group by org_path
      ),
      best as (
        select distinct on (a.exam_id, a.member_id) a.org_path, a.score, a.passed, e.total_score
        from study_exam_attempts a join study_exams e on e.id = a.exam_id
        where a.tenant_id = ${tenantId} and a.submitted_at is not null
          and extract(year from e.opens_at at time zone 'Asia/Shanghai') = ${year}
        order by a.exam_id, a.member_id, a.score desc, a.id
      ),
      exams as (
        select org_path, count(*)::int as takers, count(*) filter (where passed)::int as passed,
          sum(score)::int as score, sum(total_score)::int as total
        from best group by org_path
      ),
      facts as (
        select coalesce(o.org_path, x.org_path) as org_path, coalesce(o.m, 0) as m, coalesce(o.r, 0) as r,
          coalesce(o.t, 0) as t, coalesce(x.takers, 0) as takers, coalesce(x.passed, 0) as passed,
          coalesce(x.score, 0) as score, coalesce(x.total, 0) as total
        from own o full join exams x on x.org_path = o.org_path
      ),
      ancestors as (
        select a.id::int as org_id, f.*, (a.n = array_length(string_to_array(trim(both '/' from f.org_path), '/'), 1)) as is_own
        from facts f,
          unnest(string_to_array(trim(both '/' from f.org_path), '/')) with ordinality as a(id, n)
      )
      insert into study_rollups (tenant_id, org_id, org_path, year, own_members, own_reached, own_tenths,
        sub_members, sub_reached, sub_tenths, sub_exam_takers, sub_exam_passed, sub_exam_score, sub_exam_total)
      select ${tenantId}, a.org_id, o.path, ${year},
        sum(case when a.is_own then a.m else 0 end), sum(case when a.is_own then a.r else 0 end),
        sum(case when a.is_own then a.t else 0 end),
        sum(a.m), sum(a.r), sum(a.t), sum(a.takers), sum(a.passed), sum(a.score), sum(a.total)
      from ancestors a join orgs o on o.id = a.org_id
      group by a.org_id, o.path
      returning 1 as n`,
    );
    return rows.length;
  },

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

  /* ---------- self-study ---------- */

  async insertSelfLog(db: Executor, row: typeof studySelfLogs.$inferInsert): Promise<SelfLog> {
    const [created] = await db.insert(studySelfLogs).values(row).returning();
    return created!;
  },

  async findSelfLog(db: Executor, id: number): Promise<SelfLog | undefined> {
    const [row] = await db.select().from(studySelfLogs).where(eq(studySelfLogs.id, id));
    return row;
  },

  async deleteSelfLog(db: Executor, id: number) {
    await db.delete(studySelfLogs).where(eq(studySelfLogs.id, id));
  },

  async selfLogs(db: Executor, memberId: number, year: number): Promise<SelfLog[]> {
    return db
      .select()
      .from(studySelfLogs)
      .where(
        and(
          eq(studySelfLogs.memberId, memberId),
          sql`${studySelfLogs.date} between ${`${year}-01-01`} and ${`${year}-12-31`}`,
        ),
      )
      .orderBy(desc(studySelfLogs.date), desc(studySelfLogs.id));
  },

  /** Active members of a subtree with what tells namesakes apart (an import names people, not ids). */
  async rosterForImport(db: Executor, orgPath: string) {
    const rows = await queryRows<{
      id: number;
      name: string;
      tenant_id: number;
      org_path: string;
      id_card_masked: string;
      phone: string | null;
    }>(
      db,
      sql`select id, name, tenant_id, org_path, id_card_masked, phone from members
          where org_path like ${`${orgPath}%`} and status in ('正式党员', '预备党员')`,
    );
    return rows.map((r) => ({
      id: Number(r.id),
      name: r.name,
      tenantId: Number(r.tenant_id),
      orgPath: r.org_path,
      idCardMasked: r.id_card_masked,
      phone: r.phone,
    }));
  },

  /** "member|date|title" of the self-study already recorded for these members (a re-import is refused). */
  async selfLogKeys(db: Executor, memberIds: readonly number[]): Promise<Set<string>> {
    if (memberIds.length === 0) return new Set();
    const rows = await db
      .select({ memberId: studySelfLogs.memberId, date: studySelfLogs.date, title: studySelfLogs.title })
      .from(studySelfLogs)
      .where(inArray(studySelfLogs.memberId, [...memberIds]));
    return new Set(rows.map((r) => `${r.memberId}|${r.date}|${r.title}`));
  },

  /* ---------- reflections ---------- */

  async reflections(db: Executor, where: SQL) {
    return db
      .select({ reflection: studyReflections, sessionTitle: studySessions.title })
      .from(studyReflections)
      .leftJoin(studySessions, eq(studySessions.id, studyReflections.sessionId))
      .where(where)
      .orderBy(desc(studyReflections.submittedAt), desc(studyReflections.id))
      .limit(500);
  },

  async findReflection(db: Executor, id: number): Promise<Reflection | undefined> {
    const [row] = await db.select().from(studyReflections).where(eq(studyReflections.id, id));
    return row;
  },

  async insertReflection(db: Executor, row: typeof studyReflections.$inferInsert): Promise<Reflection> {
    const [created] = await db.insert(studyReflections).values(row).returning();
    return created!;
  },

  async updateReflection(db: Executor, id: number, patch: Partial<Reflection>): Promise<Reflection> {
    const [row] = await db.update(studyReflections).set(patch).where(eq(studyReflections.id, id)).returning();
    return row!;
  },

  /* ---------- materials, today's item, reads ---------- */

  async materials(db: Executor, where: SQL, limit = 500) {
    return db
      .select({
        material: studyMaterials,
        orgName: orgs.name,
        reads:
          sql<number>`(select count(*) from study_material_reads r where r.material_id = ${studyMaterials.id})`.mapWith(
            Number,
          ),
      })
      .from(studyMaterials)
      .innerJoin(orgs, eq(orgs.id, studyMaterials.orgId))
      .where(where)
      .orderBy(desc(studyMaterials.createdAt), desc(studyMaterials.id))
      .limit(limit);
  },

  async findMaterial(db: Executor, id: number): Promise<Material | undefined> {
    const [row] = await db.select().from(studyMaterials).where(eq(studyMaterials.id, id));
    return row;
  },

  async insertMaterial(db: Executor, row: typeof studyMaterials.$inferInsert): Promise<Material> {
    const [created] = await db.insert(studyMaterials).values(row).returning();
    return created!;
  },

  async deleteMaterial(db: Executor, id: number) {
    await db.delete(studyMaterials).where(eq(studyMaterials.id, id));
  },

  async setDaily(db: Executor, row: typeof studyDailyItems.$inferInsert) {
    await db
      .insert(studyDailyItems)
      .values(row)
      .onConflictDoUpdate({
        target: [studyDailyItems.orgId, studyDailyItems.date],
        set: { materialId: row.materialId },
      });
  },

  /** Today's item for an org: its own, or the nearest org above that set one for the day. */
  async dailyFor(db: Executor, orgPath: string, date: IsoDate) {
    const ids = pathIds(orgPath);
    if (ids.length === 0) return undefined;
    const [row] = await db
      .select({
        materialId: studyDailyItems.materialId,
        orgId: studyDailyItems.orgId,
        orgPath: studyDailyItems.orgPath,
      })
      .from(studyDailyItems)
      .where(and(inArray(studyDailyItems.orgId, ids), eq(studyDailyItems.date, date)))
      .orderBy(desc(sql`length(${studyDailyItems.orgPath})`))
      .limit(1);
    return row;
  },

  async markRead(db: Executor, row: typeof studyMaterialReads.$inferInsert) {
    await db.insert(studyMaterialReads).values(row).onConflictDoNothing();
  },

  async readOf(db: Executor, materialId: number, memberId: number) {
    const [row] = await db
      .select()
      .from(studyMaterialReads)
      .where(and(eq(studyMaterialReads.materialId, materialId), eq(studyMaterialReads.memberId, memberId)));
    return row;
  },

  async readers(db: Executor, materialId: number, orgPath: string) {
    const rows = await queryRows<{ member_id: number; name: string; read_at: Date | string }>(
      db,
      sql`select r.member_id, m.name, r.read_at from study_material_reads r join members m on m.id = r.member_id
          where r.material_id = ${materialId} and r.org_path like ${`${orgPath}%`} order by r.read_at`,
    );
    return rows.map((r) => ({
      memberId: Number(r.member_id),
      name: r.name,
      readAt: new Date(r.read_at).toISOString(),
    }));
  },

  /* ---------- point facts ---------- */

  async pointFacts(db: Executor, memberIds: readonly number[], year: number) {
    if (memberIds.length === 0) return [];
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const ids = sql.param([...memberIds]);
    const rows = await queryRows<{ member_id: number; action: string; date: string; units: number }>(
      db,
      sql`
      select member_id, 'session' as action, date::text as date, 1 as units from study_hours
        where source = 'session' and member_id = any(${ids}::int[]) and year = ${year}
      union all
      select member_id, 'selfStudy', date::text, floor(tenths / 10)::int from study_self_logs
        where member_id = any(${ids}::int[]) and date between ${from} and ${to}
      union all
      select member_id, 'reflection', (submitted_at at time zone 'Asia/Shanghai')::date::text, 1 from study_reflections
        where member_id = any(${ids}::int[]) and status <> 'returned'
          and (submitted_at at time zone 'Asia/Shanghai')::date between ${from} and ${to}
      union all
      select member_id, 'dailyRead', read_on::text, 1 from study_material_reads
        where member_id = any(${ids}::int[]) and read_on between ${from} and ${to}
      union all
      select distinct on (exam_id, member_id) member_id, 'examPassed',
          (submitted_at at time zone 'Asia/Shanghai')::date::text, 1 from study_exam_attempts
        where member_id = any(${ids}::int[]) and passed
          and (submitted_at at time zone 'Asia/Shanghai')::date between ${from} and ${to}`,
    );
    return rows.map((r) => ({
      memberId: Number(r.member_id),
      action: r.action,
      date: r.date,
      units: Number(r.units),
    }));
  },

  /* ---------- settings ---------- */

  /** The settings rows on the org and above it, nearest first. */
  async settingsOnPath(db: Executor, orgPath: string) {
    const ids = pathIds(orgPath);
    if (ids.length === 0) return [];
    return db
      .select()
      .from(studySettings)
      .where(inArray(studySettings.orgId, ids))
      .orderBy(desc(sql`length(${studySettings.orgPath})`));
  },

  /** Writes the fields given (undefined: left as it was) of the org's own settings row. */
  async saveSetting(db: Executor, row: typeof studySettings.$inferInsert) {
    const set: Partial<typeof studySettings.$inferInsert> = { updatedAt: new Date() };
    if (row.pointsEnabled !== undefined) set.pointsEnabled = row.pointsEnabled;
    if (row.pointRules !== undefined) set.pointRules = row.pointRules;
    await db.insert(studySettings).values(row).onConflictDoUpdate({ target: studySettings.orgId, set });
  },

  /* ---------- questions ---------- */

  async questions(db: Executor, where: SQL, page: number, pageSize: number) {
    const [rows, [total]] = await Promise.all([
      db
        .select()
        .from(studyQuestions)
        .where(where)
        .orderBy(desc(studyQuestions.id))
        .limit(pageSize)
        .offset((page - 1) * pageSize),
      db.select({ n: count() }).from(studyQuestions).where(where),
    ]);
    return { rows, total: total?.n ?? 0 };
  },

  async questionsByIds(db: Executor, ids: readonly number[]): Promise<Question[]> {
    if (ids.length === 0) return [];
    return db
      .select()
      .from(studyQuestions)
      .where(inArray(studyQuestions.id, [...ids]));
  },

  /** Question ids of a type usable by an org: its own bank and the banks of the orgs above it. */
  async questionIdsFor(db: Executor, orgPath: string, type: string): Promise<number[]> {
    const rows = await db
      .select({ id: studyQuestions.id })
      .from(studyQuestions)
      .where(and(inArray(studyQuestions.orgId, pathIds(orgPath)), eq(studyQuestions.type, type)))
      .orderBy(asc(studyQuestions.id));
    return rows.map((r) => r.id);
  },

  async existingStems(db: Executor, orgId: number): Promise<Set<string>> {
    const rows = await db
      .select({ stem: studyQuestions.stem })
      .from(studyQuestions)
      .where(eq(studyQuestions.orgId, orgId));
    return new Set(rows.map((r) => r.stem));
  },

  async insertQuestions(db: Executor, rows: (typeof studyQuestions.$inferInsert)[]) {
    for (let i = 0; i < rows.length; i += 500) await db.insert(studyQuestions).values(rows.slice(i, i + 500));
  },

  async findQuestion(db: Executor, id: number): Promise<Question | undefined> {
    const [row] = await db.select().from(studyQuestions).where(eq(studyQuestions.id, id));
    return row;
  },

  async questionInUse(db: Executor, id: number): Promise<boolean> {
    const rows = await queryRows<{ id: number }>(
      db,
      sql`select id from study_exams where ${id} = any(question_ids) limit 1`,
    );
    return rows.length > 0;
  },

  async deleteQuestion(db: Executor, id: number) {
    await db.delete(studyQuestions).where(eq(studyQuestions.id, id));
  },

  /* ---------- exams ---------- */

  async exams(db: Executor, where: SQL) {
    return db
      .select({
        exam: studyExams,
        orgName: orgs.name,
        takers:
          sql<number>`(select count(distinct a.member_id) from study_exam_attempts a where a.exam_id = ${studyExams.id} and a.submitted_at is not null)`.mapWith(
            Number,
          ),
        passed:
          sql<number>`(select count(distinct a.member_id) from study_exam_attempts a where a.exam_id = ${studyExams.id} and a.passed)`.mapWith(
            Number,
          ),
      })
      .from(studyExams)
      .innerJoin(orgs, eq(orgs.id, studyExams.orgId))
      .where(where)
      .orderBy(desc(studyExams.opensAt), desc(studyExams.id));
  },

  async findExam(db: Executor, id: number): Promise<Exam | undefined> {
    const [row] = await db.select().from(studyExams).where(eq(studyExams.id, id));
    return row;
  },

  async insertExam(db: Executor, row: typeof studyExams.$inferInsert): Promise<Exam> {
    const [created] = await db.insert(studyExams).values(row).returning();
    return created!;
  },

  async deleteExam(db: Executor, id: number) {
    await db.delete(studyExams).where(eq(studyExams.id, id));
  },

  async hasAttempts(db: Executor, examId: number): Promise<boolean> {
    const [row] = await db
      .select({ n: count() })
      .from(studyExamAttempts)
      .where(eq(studyExamAttempts.examId, examId));
    return (row?.n ?? 0) > 0;
  },

  async attemptsOf(db: Executor, examId: number, memberId: number): Promise<Attempt[]> {
    return db
      .select()
      .from(studyExamAttempts)
      .where(and(eq(studyExamAttempts.examId, examId), eq(studyExamAttempts.memberId, memberId)))
      .orderBy(asc(studyExamAttempts.attemptNo));
  },

  async attemptsOfMember(db: Executor, memberId: number): Promise<Attempt[]> {
    return db.select().from(studyExamAttempts).where(eq(studyExamAttempts.memberId, memberId));
  },

  async attemptsOfExam(db: Executor, examId: number, orgPath: string): Promise<Attempt[]> {
    return db
      .select()
      .from(studyExamAttempts)
      .where(
        and(eq(studyExamAttempts.examId, examId), sql`${studyExamAttempts.orgPath} like ${`${orgPath}%`}`),
      )
      .orderBy(asc(studyExamAttempts.memberId), asc(studyExamAttempts.attemptNo));
  },

  async findAttempt(db: Executor, id: number, lock = false): Promise<Attempt | undefined> {
    const q = db.select().from(studyExamAttempts).where(eq(studyExamAttempts.id, id));
    const [row] = lock ? await q.for('update') : await q;
    return row;
  },

  async insertAttempt(db: Executor, row: typeof studyExamAttempts.$inferInsert): Promise<Attempt> {
    const [created] = await db.insert(studyExamAttempts).values(row).returning();
    return created!;
  },

  async submitAttempt(db: Executor, id: number, patch: Partial<Attempt>): Promise<Attempt | undefined> {
    const [row] = await db
      .update(studyExamAttempts)
      .set(patch)
      .where(and(eq(studyExamAttempts.id, id), isNull(studyExamAttempts.submittedAt)))
      .returning();
    return row;
  },

  /** Exams open to a member: set by their org or any org above it. */
  async examsForMember(db: Executor, memberOrgPath: string): Promise<(Exam & { orgName: string })[]> {
    const rows = await db
      .select({ exam: studyExams, orgName: orgs.name })
      .from(studyExams)
      .innerJoin(orgs, eq(orgs.id, studyExams.orgId))
      .where(inArray(studyExams.orgId, pathIds(memberOrgPath)))
      .orderBy(desc(studyExams.opensAt));
    return rows.map((r) => ({ ...r.exam, orgName: r.orgName }));
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
          from members m where m.tenant_id = ${tenantId} and m.status in ('正式党员', '预备党员')`,
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
      from members m where m.tenant_id = ${tenantId} and m.status in ('正式党员', '预备党员')
      on conflict (member_id, year) do update set org_id = excluded.org_id, org_path = excluded.org_path,
        norm_tenths = excluded.norm_tenths, tenths = excluded.tenths
      where (study_member_years.org_id, study_member_years.norm_tenths, study_member_years.tenths)
        is distinct from (excluded.org_id, excluded.norm_tenths, excluded.tenths)`);
    await db.execute(sql`
      delete from study_member_years y using members m
      where y.member_id = m.id and y.tenant_id = ${tenantId} and y.year = ${year}
        and m.status not in ('正式党员', '预备党员')`);
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
