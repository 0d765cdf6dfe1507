import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/database';
import { inSubtree, isActiveMember } from '../../scope';
import { studySelfLogs } from './study.table';

export type SelfLog = typeof studySelfLogs.$inferSelect;

/** Members' self-study entries, one by one or imported for a branch. */
export const selfStudyRepository = {
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
          where ${inSubtree(sql`org_path`, orgPath)} and ${isActiveMember(sql`status`)}`,
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
};
