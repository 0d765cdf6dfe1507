import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { IsoDate } from '../../../domain/calendar';
import { pathIds } from '../../../domain/org-rules';
import { type Executor, queryRows } from '../../db/database';
import { inSubtree } from '../../scope';
import { orgs } from '../orgs/orgs.table';
import { studyDailyItems, studyMaterialReads, studyMaterials } from './study.table';

export type Material = typeof studyMaterials.$inferSelect;

/** The material library, each day's item and who read it. */
export const studyMaterialsRepository = {
  /** The library an org studies: its own materials and those the orgs above it publish, newest first. */
  async materialsFor(db: Executor, orgPath: string, limit = 500) {
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
      .where(inArray(studyMaterials.orgId, pathIds(orgPath)))
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
          where r.material_id = ${materialId} and ${inSubtree(sql`r.org_path`, orgPath)} order by r.read_at`,
    );
    return rows.map((r) => ({
      memberId: Number(r.member_id),
      name: r.name,
      readAt: new Date(r.read_at).toISOString(),
    }));
  },
};
