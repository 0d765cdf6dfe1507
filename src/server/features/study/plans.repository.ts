import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database';
import { inSubtree, type Scope } from '../../scope';
import { orgs } from '../orgs/orgs.table';
import { studyPlans } from './study.table';

export type Plan = typeof studyPlans.$inferSelect;

/** Study plans of an org for a year or a quarter. */
export const studyPlansRepository = {
  /** The plans of a year in an org's subtree, as far as the scope reaches, with their sessions counted. */
  async plans(db: Executor, scope: Scope, orgPath: string, year: number) {
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
      .where(
        and(
          scope.where(studyPlans.orgPath),
          inSubtree(studyPlans.orgPath, orgPath),
          eq(studyPlans.year, year),
        ),
      )
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
};
