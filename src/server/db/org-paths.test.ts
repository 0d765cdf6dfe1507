import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODULES } from '../modules';
import { freshDatabase } from '../testing/harness';
import { type Database, queryRows } from './database';
import { orgPathColumns } from './org-paths';

const derived = orgPathColumns(MODULES.modules);
const key = ({ table, column }: { table: string; column: string }) => `${table}.${column}`;

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(() => database.close());

describe('org path columns rewritten on an org move', () => {
  it('cover every org_path column of the migrated database, except the history a module marks', async () => {
    const rows = await queryRows<{ table_name: string }>(
      database.db,
      sql`select table_name from information_schema.columns
          where table_schema = 'public' and column_name = 'org_path' order by table_name`,
    );
    const historical = MODULES.modules.flatMap((m) => m.historicalOrgPaths ?? []);
    expect(historical.length).toBeGreaterThan(0);
    const inDatabase = rows.map((r) => `${r.table_name}.org_path`);
    const followed = derived.map(key).filter((k) => k.endsWith('.org_path'));
    expect(inDatabase.filter((k) => !followed.includes(k))).toEqual(['audit_log.org_path']);
    expect(followed.filter((k) => !inDatabase.includes(k))).toEqual([]);
  });

  it('include the orgs table path first, so the tree moves before what hangs on it', () => {
    expect(derived[0]).toEqual({ table: 'orgs', column: 'path' });
  });

  it('are the columns that were listed by hand before the list was derived', () => {
    const handList = [
      'orgs.path',
      'org_posts.org_path',
      'members.org_path',
      'org_member_counts.org_path',
      'member_events.org_path',
      'account_grants.org_path',
      'meetings.org_path',
      'meeting_attendees.org_path',
      'meeting_attachments.org_path',
      'meeting_amendments.org_path',
      'org_life_rule_overrides.org_path',
      'org_life_rollups.org_path',
      'dues_ledger.org_path',
      'dues_payments.org_path',
      'dues_adjustments.org_path',
      'dues_closings.org_path',
      'dues_settings.org_path',
      'dues_rollups.org_path',
      'study_plans.org_path',
      'study_sessions.org_path',
      'study_session_attendees.org_path',
      'study_self_logs.org_path',
      'study_hours.org_path',
      'study_reflections.org_path',
      'study_materials.org_path',
      'study_daily_items.org_path',
      'study_material_reads.org_path',
      'study_questions.org_path',
      'study_exams.org_path',
      'study_exam_attempts.org_path',
      'study_settings.org_path',
      'study_member_years.org_path',
      'study_rollups.org_path',
    ];
    expect(derived.map(key).sort()).toEqual(handList.sort());
    expect(new Set(derived.map(key)).size).toBe(derived.length);
  });
});
