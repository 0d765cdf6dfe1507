import { inArray } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { ancestorsOf } from '../../domain/org-rules';
import type { Executor } from '../db/database';

/** A table of inherited org settings: at most one row per org, keyed by its `org_id` column. */
export type OrgSettingsTable = PgTable & { orgId: PgColumn };

/**
 * The chain of an org (its ancestors and itself, root first, as ids) and the setting rows of `table` on it, in
 * one query; resolve them with `src/domain/inherited-settings.ts`. The rows are found by org id from the path,
 * not by matching stored paths as prefixes of it: `org_id = any(…)` is a primary-key lookup, while
 * `path like org_path || '%'` must test every row of the table. Only a feature's repository calls this, with
 * its own table, so that repository stays the only code that queries it.
 */
export async function settingsOnChain<T extends OrgSettingsTable>(
  db: Executor,
  table: T,
  orgPath: string,
): Promise<{ chain: number[]; rows: T['$inferSelect'][] }> {
  const chain = ancestorsOf(orgPath).map((a) => a.id);
  if (chain.length === 0) return { chain, rows: [] };
  // Drizzle cannot type a select over a generic table: it is typed here, from the table, instead.
  const rows = await db
    .select()
    .from(table as PgTable)
    .where(inArray(table.orgId, chain));
  return { chain, rows: rows as T['$inferSelect'][] };
}
