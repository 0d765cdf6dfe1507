import { customType } from 'drizzle-orm/pg-core';

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
