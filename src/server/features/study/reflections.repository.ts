import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database';
import { inSubtree, type Scope } from '../../scope';
import { studyReflections, studySessions } from './study.table';

export type Reflection = typeof studyReflections.$inferSelect;

/** Reflections with the title of the session they reflect on, newest first, 500 at most. */
function reflectionRows(db: Executor, where: SQL) {
  return db
    .select({ reflection: studyReflections, sessionTitle: studySessions.title })
    .from(studyReflections)
    .leftJoin(studySessions, eq(studySessions.id, studyReflections.sessionId))
    .where(where)
    .orderBy(desc(studyReflections.submittedAt), desc(studyReflections.id))
    .limit(500);
}

/** Reflections (心得体会) and their review. */
export const studyReflectionsRepository = {
  /**
   * Reflections submitted in an org's subtree, as far as the scope reaches; optionally only those of one
   * status, or submitted in one year (Beijing time).
   */
  async reflections(
    db: Executor,
    scope: Scope,
    orgPath: string,
    filter: { status?: string; year?: number } = {},
  ) {
    return reflectionRows(
      db,
      and(
        scope.where(studyReflections.orgPath),
        inSubtree(studyReflections.orgPath, orgPath),
        filter.status ? eq(studyReflections.status, filter.status) : undefined,
        filter.year === undefined
          ? undefined
          : sql`extract(year from ${studyReflections.submittedAt} at time zone 'Asia/Shanghai') = ${filter.year}`,
      )!,
    );
  },

  /** A member's own reflections. */
  async memberReflections(db: Executor, memberId: number) {
    return reflectionRows(db, eq(studyReflections.memberId, memberId));
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
};
