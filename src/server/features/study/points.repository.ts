import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/database';
import { settingsOnChain } from '../../settings/inherited-settings';
import { studySettings } from './study.table';

/** The facts points are counted from, and the inherited study settings. */
export const studyPointsRepository = {
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

  /** The org's chain (root first) and the settings rows on it. */
  async settingsOnChain(db: Executor, orgPath: string) {
    return settingsOnChain(db, studySettings, orgPath);
  },

  /** Writes the fields given (undefined: left as it was) of the org's own settings row. */
  async saveSetting(db: Executor, row: typeof studySettings.$inferInsert) {
    const set: Partial<typeof studySettings.$inferInsert> = { updatedAt: new Date() };
    if (row.pointsEnabled !== undefined) set.pointsEnabled = row.pointsEnabled;
    if (row.pointRules !== undefined) set.pointRules = row.pointRules;
    await db.insert(studySettings).values(row).onConflictDoUpdate({ target: studySettings.orgId, set });
  },
};
