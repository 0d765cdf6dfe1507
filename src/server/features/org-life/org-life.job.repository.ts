import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/database';

export const orgLifeJobRepository = {
  /**
   * Orgs whose facts changed since an instant (founded, edited, moved, dissolved, posts given or ended),
   * read from the audit log every such change writes in its own transaction.
   */
  async orgPathsChangedSince(db: Executor, tenantId: number, since: Date): Promise<string[]> {
    const rows = await queryRows<{ org_path: string }>(
      db,
      sql`select distinct a.org_path from audit_log a
          where a.at >= ${since.toISOString()}::timestamptz and a.entity in ('org', 'org_post')
            and a.org_path is not null and a.tenant_id = ${tenantId}`,
    );
    // The audit log keeps the path at the time; an org moved since is found by its id at the path's end.
    return rows.map((r) => r.org_path).filter((p) => p !== '/');
  },
};
