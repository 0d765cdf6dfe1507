import { and, asc, count, desc, eq, gte, ilike, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import type { IsoDate } from '../../../domain/calendar';
import type { MeetingType } from '../../../domain/org-life-rules';
import { type Executor, queryRows } from '../../db/database';
import { inSubtree, type Scope } from '../../scope';
import { orgs } from '../orgs/orgs.table';
import { meetingAmendments, meetingAttachments, meetingAttendees, meetings } from './meetings.table';

export type Meeting = typeof meetings.$inferSelect;
export type MeetingInsert = typeof meetings.$inferInsert;
export type Attendee = typeof meetingAttendees.$inferSelect;
export type AttachmentRow = typeof meetingAttachments.$inferSelect;
export type AmendmentRow = typeof meetingAmendments.$inferSelect;

export interface MeetingFilter {
  /**
   * Whose sittings may be seen: the actor's scope, or 'all' for system use where the caller has already
   * checked access itself (a covered org's own sittings, read for its compliance page).
   */
  scope: Scope | 'all';
  orgPath?: string | undefined;
  /** One org's own sittings only. */
  orgId?: number | undefined;
  from?: IsoDate | undefined;
  to?: IsoDate | undefined;
  type?: MeetingType | undefined;
  status?: string | undefined;
  q?: string | undefined;
}

function whereOf(f: MeetingFilter): SQL | undefined {
  const c: SQL[] = f.scope === 'all' ? [] : [f.scope.where(meetings.orgPath)];
  if (f.orgPath) c.push(inSubtree(meetings.orgPath, f.orgPath));
  if (f.orgId !== undefined) c.push(eq(meetings.orgId, f.orgId));
  if (f.from) c.push(gte(meetings.date, f.from));
  if (f.to) c.push(lte(meetings.date, f.to));
  if (f.type) c.push(sql`${f.type} = any(${meetings.types})`);
  if (f.status) c.push(eq(meetings.status, f.status));
  if (f.q) c.push(or(ilike(meetings.title, `%${f.q}%`), ilike(meetings.topic, `%${f.q}%`)) as SQL);
  return and(...c);
}

/** A list row: the meeting, its org's name and its attendance counts (one pass over the attendee index). */
const rowFields = {
  meeting: meetings,
  orgName: orgs.name,
  expected:
    sql<number>`(select count(*) from meeting_attendees a where a.meeting_id = ${meetings.id} and a.expected)`.mapWith(
      Number,
    ),
  present:
    sql<number>`(select count(*) from meeting_attendees a where a.meeting_id = ${meetings.id} and a.attendance = 'present')`.mapWith(
      Number,
    ),
  absent:
    sql<number>`(select count(*) from meeting_attendees a where a.meeting_id = ${meetings.id} and a.attendance = 'absent')`.mapWith(
      Number,
    ),
  attachments:
    sql<number>`(select count(*) from meeting_attachments f where f.meeting_id = ${meetings.id})`.mapWith(
      Number,
    ),
};
export type MeetingListRow = {
  meeting: Meeting;
  orgName: string;
  expected: number;
  present: number;
  absent: number;
  attachments: number;
};

export const meetingsRepository = {
  async findById(db: Executor, id: number): Promise<Meeting | undefined> {
    const [row] = await db.select().from(meetings).where(eq(meetings.id, id));
    return row;
  },

  async listRow(db: Executor, id: number): Promise<MeetingListRow | undefined> {
    const [row] = await db
      .select(rowFields)
      .from(meetings)
      .innerJoin(orgs, eq(orgs.id, meetings.orgId))
      .where(eq(meetings.id, id));
    return row;
  },

  async page(db: Executor, filter: MeetingFilter, page: number, pageSize: number) {
    const where = whereOf(filter);
    const [rows, [total]] = await Promise.all([
      db
        .select(rowFields)
        .from(meetings)
        .innerJoin(orgs, eq(orgs.id, meetings.orgId))
        .where(where)
        .orderBy(desc(meetings.date), desc(meetings.startTime), desc(meetings.id))
        .limit(pageSize)
        .offset((page - 1) * pageSize),
      db.select({ n: count() }).from(meetings).where(where),
    ]);
    return { rows: rows as MeetingListRow[], total: total?.n ?? 0 };
  },

  /** Every matching meeting in date order (calendar, ledgers), bounded by the caller. */
  async all(db: Executor, filter: MeetingFilter, limit: number): Promise<MeetingListRow[]> {
    return (await db
      .select(rowFields)
      .from(meetings)
      .innerJoin(orgs, eq(orgs.id, meetings.orgId))
      .where(whereOf(filter))
      .orderBy(asc(meetings.date), asc(meetings.startTime), asc(meetings.id))
      .limit(limit)) as MeetingListRow[];
  },

  /** One org's own sittings in a date range that the actor may see, oldest first. */
  async sittingsOfOrg(db: Executor, scope: Scope, orgId: number, from: IsoDate, to: IsoDate, limit: number) {
    return meetingsRepository.all(db, { scope, orgId, from, to }, limit);
  },

  /** Meetings a member is on the list of (expected or recorded), upcoming or past. */
  async forMember(
    db: Executor,
    memberId: number,
    when: 'upcoming' | 'past',
    today: IsoDate,
    page: number,
    pageSize: number,
  ) {
    const where = and(
      sql`${meetings.id} in (select meeting_id from meeting_attendees where member_id = ${memberId})`,
      when === 'upcoming'
        ? and(eq(meetings.status, 'planned'), gte(meetings.date, today))
        : or(eq(meetings.status, 'held'), sql`${meetings.date} < ${today}`),
    );
    const [rows, [total]] = await Promise.all([
      db
        .select({ ...rowFields, mine: meetingAttendees })
        .from(meetings)
        .innerJoin(orgs, eq(orgs.id, meetings.orgId))
        .innerJoin(
          meetingAttendees,
          and(eq(meetingAttendees.meetingId, meetings.id), eq(meetingAttendees.memberId, memberId)),
        )
        .where(where)
        .orderBy(
          when === 'upcoming' ? asc(meetings.date) : desc(meetings.date),
          when === 'upcoming' ? asc(meetings.startTime) : desc(meetings.startTime),
        )
        .limit(pageSize)
        .offset((page - 1) * pageSize),
      db.select({ n: count() }).from(meetings).where(where),
    ]);
    return { rows, total: total?.n ?? 0 };
  },

  async attendanceOfMember(db: Executor, memberId: number, from: IsoDate, to: IsoDate) {
    return db
      .select({ meeting: meetings, orgName: orgs.name, mine: meetingAttendees })
      .from(meetingAttendees)
      .innerJoin(meetings, eq(meetings.id, meetingAttendees.meetingId))
      .innerJoin(orgs, eq(orgs.id, meetings.orgId))
      .where(
        and(
          eq(meetingAttendees.memberId, memberId),
          eq(meetings.status, 'held'),
          gte(meetings.date, from),
          lte(meetings.date, to),
        ),
      )
      .orderBy(desc(meetings.date), desc(meetings.startTime));
  },

  async insert(db: Executor, row: MeetingInsert): Promise<Meeting> {
    const [created] = await db.insert(meetings).values(row).returning();
    return created!;
  },

  async update(db: Executor, id: number, patch: Partial<MeetingInsert>): Promise<Meeting> {
    const [row] = await db
      .update(meetings)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(meetings.id, id))
      .returning();
    return row!;
  },

  async delete(db: Executor, id: number): Promise<void> {
    await db.delete(meetings).where(eq(meetings.id, id));
  },

  async attendees(db: Executor, meetingId: number): Promise<Attendee[]> {
    return db
      .select()
      .from(meetingAttendees)
      .where(eq(meetingAttendees.meetingId, meetingId))
      .orderBy(desc(meetingAttendees.expected), asc(meetingAttendees.memberId));
  },

  async attendee(db: Executor, meetingId: number, memberId: number): Promise<Attendee | undefined> {
    const [row] = await db
      .select()
      .from(meetingAttendees)
      .where(and(eq(meetingAttendees.meetingId, meetingId), eq(meetingAttendees.memberId, memberId)));
    return row;
  },

  /** Replaces a meeting's whole attendee list in two statements. */
  async replaceAttendees(db: Executor, meetingId: number, rows: (typeof meetingAttendees.$inferInsert)[]) {
    await db.delete(meetingAttendees).where(eq(meetingAttendees.meetingId, meetingId));
    if (rows.length === 0) return;
    await db.insert(meetingAttendees).values(rows);
  },

  async signIn(db: Executor, meetingId: number, memberId: number, at: Date): Promise<Attendee> {
    const [row] = await db
      .update(meetingAttendees)
      .set({ attendance: 'present', signedInAt: at, absenceReason: null })
      .where(and(eq(meetingAttendees.meetingId, meetingId), eq(meetingAttendees.memberId, memberId)))
      .returning();
    return row!;
  },

  /** Names and current status of roster members, by id. */
  async members(db: Executor, ids: readonly number[]) {
    if (ids.length === 0)
      return new Map<number, { name: string; tenantId: number; orgPath: string; status: string }>();
    const rows = await queryRows<{
      id: number;
      name: string;
      tenant_id: number;
      org_path: string;
      status: string;
    }>(
      db,
      sql`select id, name, tenant_id, org_path, status from members where id = any(${sql.param([...ids])}::int[])`,
    );
    return new Map(
      rows.map((r) => [
        Number(r.id),
        { name: r.name, tenantId: Number(r.tenant_id), orgPath: r.org_path, status: r.status },
      ]),
    );
  },

  /** Committee posts of an org open on a date. */
  async postsOn(db: Executor, orgId: number, date: IsoDate) {
    const rows = await queryRows<{ member_id: number | null; holder_name: string; post: string }>(
      db,
      sql`select member_id, holder_name, post from org_posts
          where org_id = ${orgId} and start_date <= ${date} and (end_date is null or end_date > ${date})
          order by id`,
    );
    return rows.map((r) => ({
      memberId: r.member_id === null ? null : Number(r.member_id),
      name: r.holder_name,
      post: r.post,
    }));
  },

  /** Accounts of roster members (notices to expected attendees). */
  async accountsOfMembers(db: Executor, memberIds: readonly number[]): Promise<Map<number, number>> {
    if (memberIds.length === 0) return new Map();
    const rows = await queryRows<{ id: number; member_id: number }>(
      db,
      sql`select id, member_id from accounts where disabled_at is null and member_id = any(${sql.param([...memberIds])}::int[])`,
    );
    return new Map(rows.map((r) => [Number(r.member_id), Number(r.id)]));
  },

  async orgNames(db: Executor, ids: readonly number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await db
      .select({ id: orgs.id, name: orgs.name })
      .from(orgs)
      .where(inArray(orgs.id, [...ids]));
    return new Map(rows.map((r) => [r.id, r.name]));
  },

  /** Held sittings of one org in a date range (the pure evaluation's input). */
  async heldOf(db: Executor, orgId: number, from: IsoDate, to: IsoDate) {
    return db
      .select({
        id: meetings.id,
        date: meetings.date,
        types: meetings.types,
        lecturerMemberId: meetings.lecturerMemberId,
      })
      .from(meetings)
      .where(
        and(
          eq(meetings.orgId, orgId),
          eq(meetings.status, 'held'),
          gte(meetings.date, from),
          lte(meetings.date, to),
        ),
      )
      .orderBy(asc(meetings.date));
  },

  /** Who was absent from each meeting, with reasons (ledgers). */
  async absentees(db: Executor, meetingIds: readonly number[]) {
    const out = new Map<number, { name: string; reason: string | null }[]>();
    if (meetingIds.length === 0) return out;
    const rows = await db
      .select({
        meetingId: meetingAttendees.meetingId,
        name: meetingAttendees.memberName,
        reason: meetingAttendees.absenceReason,
      })
      .from(meetingAttendees)
      .where(
        and(inArray(meetingAttendees.meetingId, [...meetingIds]), eq(meetingAttendees.attendance, 'absent')),
      )
      .orderBy(asc(meetingAttendees.meetingId), asc(meetingAttendees.memberId));
    for (const r of rows)
      out.set(r.meetingId, [...(out.get(r.meetingId) ?? []), { name: r.name, reason: r.reason }]);
    return out;
  },

  async attachments(db: Executor, meetingId: number): Promise<AttachmentRow[]> {
    return db
      .select()
      .from(meetingAttachments)
      .where(eq(meetingAttachments.meetingId, meetingId))
      .orderBy(asc(meetingAttachments.id));
  },

  async findAttachment(db: Executor, id: number): Promise<AttachmentRow | undefined> {
    const [row] = await db.select().from(meetingAttachments).where(eq(meetingAttachments.id, id));
    return row;
  },

  async insertAttachment(db: Executor, row: typeof meetingAttachments.$inferInsert): Promise<AttachmentRow> {
    const [created] = await db.insert(meetingAttachments).values(row).returning();
    return created!;
  },

  async deleteAttachment(db: Executor, id: number): Promise<void> {
    await db.delete(meetingAttachments).where(eq(meetingAttachments.id, id));
  },

  async amendments(db: Executor, meetingId: number): Promise<AmendmentRow[]> {
    return db
      .select()
      .from(meetingAmendments)
      .where(eq(meetingAmendments.meetingId, meetingId))
      .orderBy(asc(meetingAmendments.id));
  },

  async insertAmendment(db: Executor, row: typeof meetingAmendments.$inferInsert): Promise<AmendmentRow> {
    const [created] = await db.insert(meetingAmendments).values(row).returning();
    return created!;
  },

  /** Bulk load for the demo and the benchmarks: one statement per table. */
  async bulkInsert(
    db: Executor,
    rows: readonly (Omit<MeetingInsert, 'id'> & {
      attendees: {
        memberId: number;
        name: string;
        status: string;
        attendance: string;
        reason: string | null;
      }[];
    })[],
  ): Promise<number[]> {
    if (rows.length === 0) return [];
    const col = <K extends keyof MeetingInsert & keyof (typeof rows)[number]>(k: K) =>
      rows.map((r) => (r[k] ?? null) as unknown);
    const inserted = await queryRows<{ id: number }>(
      db,
      sql`insert into meetings (tenant_id, org_id, org_path, types, title, status, date, start_time, end_time, place,
            host_name, recorder_name, lecturer_name, topic, agenda, minutes, resolutions, recorded_at, recorded_on, created_by)
          select t, o, p, string_to_array(ty, ','), ti, st, d, s, e, pl, h, r, l, tp, ag, mi, re, ra, ro, cb
          from unnest(${sql.param(col('tenantId'))}::int[], ${sql.param(col('orgId'))}::int[], ${sql.param(col('orgPath'))}::text[],
            ${sql.param(rows.map((r) => r.types.join(',')))}::text[], ${sql.param(col('title'))}::text[], ${sql.param(col('status'))}::text[],
            ${sql.param(col('date'))}::date[], ${sql.param(col('startTime'))}::text[], ${sql.param(col('endTime'))}::text[],
            ${sql.param(col('place'))}::text[], ${sql.param(col('hostName'))}::text[], ${sql.param(col('recorderName'))}::text[],
            ${sql.param(col('lecturerName'))}::text[], ${sql.param(col('topic'))}::text[], ${sql.param(col('agenda'))}::text[],
            ${sql.param(col('minutes'))}::text[], ${sql.param(col('resolutions'))}::text[],
            ${sql.param(rows.map((r) => (r.recordedAt ? r.recordedAt.toISOString() : null)))}::timestamptz[],
            ${sql.param(col('recordedOn'))}::date[], ${sql.param(col('createdBy'))}::int[])
            as x(t, o, p, ty, ti, st, d, s, e, pl, h, r, l, tp, ag, mi, re, ra, ro, cb)
          returning id`,
    );
    const ids = inserted.map((r) => Number(r.id));
    const a = {
      meeting: [] as number[],
      tenant: [] as number[],
      path: [] as string[],
      member: [] as number[],
    };
    const b = {
      name: [] as string[],
      status: [] as string[],
      attendance: [] as string[],
      reason: [] as (string | null)[],
    };
    rows.forEach((r, i) => {
      for (const x of r.attendees) {
        a.meeting.push(ids[i]!);
        a.tenant.push(r.tenantId);
        a.path.push(r.orgPath);
        a.member.push(x.memberId);
        b.name.push(x.name);
        b.status.push(x.status);
        b.attendance.push(x.attendance);
        b.reason.push(x.reason);
      }
    });
    for (let i = 0; i < a.meeting.length; i += 20_000) {
      const s = (list: unknown[]) => sql.param(list.slice(i, i + 20_000));
      await db.execute(sql`
        insert into meeting_attendees (meeting_id, tenant_id, org_path, member_id, member_name, member_status, expected, attendance, absence_reason)
        select m, t, p, mb, n, st, true, at, r from unnest(${s(a.meeting)}::int[], ${s(a.tenant)}::int[], ${s(a.path)}::text[],
          ${s(a.member)}::int[], ${s(b.name)}::text[], ${s(b.status)}::text[], ${s(b.attendance)}::text[], ${s(b.reason)}::text[])
          as x(m, t, p, mb, n, st, at, r)`);
    }
    return ids;
  },
};
