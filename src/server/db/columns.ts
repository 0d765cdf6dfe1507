import { customType, integer, text } from 'drizzle-orm/pg-core';
import { orgs } from '../features/orgs/orgs.table';

/**
 * An org path ('/1/23/456/') in the "C" collation: byte order, so one plain B-tree index serves both the
 * subtree prefix match (`like '/1/23/%'`) and `order by org_path` — the roster's default sort. Under the
 * database's default collation a prefix match needs text_pattern_ops, which cannot serve the ordering, and
 * the root roster then sorts every member in scope for each page.
 */
export const orgPathText = customType<{ data: string; driverData: string }>({
  dataType() {
    return 'text COLLATE "C"';
  },
});

/**
 * The columns every table of org data carries: its tenant, its org and that org's path. The path is what
 * subtree filters read and what an org move rewrites (every `org_path` column is found by itself), so a table
 * with these columns is scoped and moved with no list to keep.
 */
export const orgColumns = () => ({
  tenantId: integer('tenant_id').notNull(),
  orgId: integer('org_id')
    .notNull()
    .references(() => orgs.id),
  orgPath: text('org_path').notNull(),
});
