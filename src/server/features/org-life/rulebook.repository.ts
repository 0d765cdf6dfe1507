import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { IsoDate } from '../../../domain/calendar';
import type { Executor } from '../../db/database';
import { orgLifeRuleOverrides } from './meetings.table';

export type OverrideRow = typeof orgLifeRuleOverrides.$inferSelect;

export const rulebookRepository = {
  async findById(db: Executor, id: number): Promise<OverrideRow | undefined> {
    const [row] = await db.select().from(orgLifeRuleOverrides).where(eq(orgLifeRuleOverrides.id, id));
    return row;
  },

  async insert(db: Executor, row: typeof orgLifeRuleOverrides.$inferInsert): Promise<OverrideRow> {
    const [created] = await db.insert(orgLifeRuleOverrides).values(row).returning();
    return created!;
  },

  async end(db: Executor, id: number, validTo: IsoDate): Promise<OverrideRow> {
    const [row] = await db
      .update(orgLifeRuleOverrides)
      .set({ validTo })
      .where(eq(orgLifeRuleOverrides.id, id))
      .returning();
    return row!;
  },

  /**
   * Ends an org's versions of a rule that are still in force on `from` (they stop the day before it);
   * versions scheduled to start later are cut to nothing (valid_to = valid_from), so history stays readable.
   */
  async endOwn(db: Executor, orgId: number, meetingType: string, from: IsoDate): Promise<void> {
    await db
      .update(orgLifeRuleOverrides)
      .set({ validTo: sql`greatest(${orgLifeRuleOverrides.validFrom}, ${from}::date)` })
      .where(
        and(
          eq(orgLifeRuleOverrides.orgId, orgId),
          eq(orgLifeRuleOverrides.meetingType, meetingType),
          or(isNull(orgLifeRuleOverrides.validTo), gt(orgLifeRuleOverrides.validTo, from)),
        ),
      );
  },
};
