import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/database';
import { inSubtree, type Scope } from '../../scope';
import { orgs } from '../orgs/orgs.table';
import { studySessionAttendees, studySessions } from './study.table';

export type Session = typeof studySessions.$inferSelect;
export type SessionAttendee = typeof studySessionAttendees.$inferSelect;

/** Study sittings and the attendance of those not linked to a meeting record. */
export const studySessionsRepository = {
  /** The sittings of a year in an org's subtree, as far as the scope reaches, with their attendance counts. */
  async sessions(db: Executor, scope: Scope, orgPath: string, year: number) {
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
          scope.where(studySessions.orgPath),
          inSubtree(studySessions.orgPath, orgPath),
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
};
