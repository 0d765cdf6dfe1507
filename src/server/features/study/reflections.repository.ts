import { desc, eq, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database';
import { studyReflections, studySessions } from './study.table';

export type Reflection = typeof studyReflections.$inferSelect;

/** Reflections (心得体会) and their review. */
export const studyReflectionsRepository = {
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
};
