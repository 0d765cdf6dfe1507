import { sql } from 'drizzle-orm';
import { duesRepository } from '../features/dues/dues.repository';
import { carryRollupsOnMove, refreshRollupsOfOrgs } from '../features/org-life/rollups.repository';
import { carryStudyRollupsOnMove } from '../features/study/study.repository';
import type { Executor } from './database';

/**
 * Every column that stores a copy of an org path. When an org moves, all of them are rewritten in the
 * same transaction, so subtree filters stay exact. A feature that adds an org-scoped table adds it here.
 * (audit_log keeps the path at the time of the change: it is append-only history.)
 */
const ORG_PATH_COLUMNS: readonly { table: string; column: string }[] = [
  { table: 'orgs', column: 'path' },
  { table: 'org_posts', column: 'org_path' },
  { table: 'members', column: 'org_path' },
  { table: 'org_member_counts', column: 'org_path' },
  { table: 'member_events', column: 'org_path' },
  { table: 'account_grants', column: 'org_path' },
  { table: 'meetings', column: 'org_path' },
  { table: 'meeting_attendees', column: 'org_path' },
  { table: 'meeting_attachments', column: 'org_path' },
  { table: 'meeting_amendments', column: 'org_path' },
  { table: 'org_life_rule_overrides', column: 'org_path' },
  { table: 'org_life_rollups', column: 'org_path' },
  { table: 'dues_ledger', column: 'org_path' },
  { table: 'dues_payments', column: 'org_path' },
  { table: 'dues_adjustments', column: 'org_path' },
  { table: 'dues_closings', column: 'org_path' },
  { table: 'dues_settings', column: 'org_path' },
  { table: 'dues_rollups', column: 'org_path' },
  { table: 'study_plans', column: 'org_path' },
  { table: 'study_sessions', column: 'org_path' },
  { table: 'study_session_attendees', column: 'org_path' },
  { table: 'study_self_logs', column: 'org_path' },
  { table: 'study_hours', column: 'org_path' },
  { table: 'study_reflections', column: 'org_path' },
  { table: 'study_materials', column: 'org_path' },
  { table: 'study_daily_items', column: 'org_path' },
  { table: 'study_material_reads', column: 'org_path' },
  { table: 'study_questions', column: 'org_path' },
  { table: 'study_exams', column: 'org_path' },
  { table: 'study_exam_attempts', column: 'org_path' },
  { table: 'study_settings', column: 'org_path' },
  { table: 'study_member_years', column: 'org_path' },
  { table: 'study_rollups', column: 'org_path' },
];

type SubtreeMoveHandler = (db: Executor, oldPrefix: string, newPrefix: string) => Promise<void>;

/** Aggregates over subtrees that must follow a move in the same transaction (after the paths are rewritten). */
const SUBTREE_MOVE_HANDLERS: readonly SubtreeMoveHandler[] = [
  carryRollupsOnMove,
  duesRepository.carryOnMove,
  carryStudyRollupsOnMove,
];

export async function rewriteOrgPaths(db: Executor, oldPrefix: string, newPrefix: string): Promise<void> {
  for (const { table, column } of ORG_PATH_COLUMNS) {
    await db.execute(
      sql`update ${sql.identifier(table)} set ${sql.identifier(column)} = ${newPrefix} || substr(${sql.identifier(column)}, ${oldPrefix.length + 1})
          where ${sql.identifier(column)} like ${`${oldPrefix}%`}`,
    );
  }
  for (const handler of SUBTREE_MOVE_HANDLERS) await handler(db, oldPrefix, newPrefix);
}

type OrgFactsHandler = (db: Executor, tenantId: number, orgIds: readonly number[]) => Promise<void>;

/** Derived data that depends on an org's facts (type, founding, dissolution, posts, children). */
const ORG_FACTS_HANDLERS: readonly OrgFactsHandler[] = [refreshRollupsOfOrgs];

/** Called in the transaction that changed these orgs' facts, so what is derived from them stays exact. */
export async function orgFactsChanged(
  db: Executor,
  tenantId: number,
  orgIds: readonly number[],
): Promise<void> {
  for (const handler of ORG_FACTS_HANDLERS) await handler(db, tenantId, orgIds);
}
