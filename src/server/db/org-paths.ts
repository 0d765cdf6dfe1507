import { sql } from 'drizzle-orm';
import { carryRollupsOnMove } from '../features/meetings/rollups.repository';
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
  { table: 'member_events', column: 'org_path' },
  { table: 'account_grants', column: 'org_path' },
  { table: 'meetings', column: 'org_path' },
  { table: 'meeting_attendees', column: 'org_path' },
  { table: 'meeting_attachments', column: 'org_path' },
  { table: 'meeting_amendments', column: 'org_path' },
  { table: 'org_life_rule_overrides', column: 'org_path' },
  { table: 'org_life_rollups', column: 'org_path' },
];

type SubtreeMoveHandler = (db: Executor, oldPrefix: string, newPrefix: string) => Promise<void>;

/** Aggregates over subtrees that must follow a move in the same transaction (after the paths are rewritten). */
const SUBTREE_MOVE_HANDLERS: readonly SubtreeMoveHandler[] = [carryRollupsOnMove];

export async function rewriteOrgPaths(db: Executor, oldPrefix: string, newPrefix: string): Promise<void> {
  for (const { table, column } of ORG_PATH_COLUMNS) {
    await db.execute(
      sql`update ${sql.identifier(table)} set ${sql.identifier(column)} = ${newPrefix} || substr(${sql.identifier(column)}, ${oldPrefix.length + 1})
          where ${sql.identifier(column)} like ${`${oldPrefix}%`}`,
    );
  }
  for (const handler of SUBTREE_MOVE_HANDLERS) await handler(db, oldPrefix, newPrefix);
}
