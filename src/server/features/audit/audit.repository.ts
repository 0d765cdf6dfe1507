import { and, count, desc, eq, gte, ilike, lte, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database';
import type { Scope } from '../../scope';
import { auditLog } from './audit.table';

export type AuditEntry = typeof auditLog.$inferInsert;

export interface AuditQuery {
  q?: string | undefined;
  entity?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
  pageSize: number;
}

export const auditRepository = {
  async append(db: Executor, entry: AuditEntry): Promise<void> {
    await db.insert(auditLog).values(entry);
  },

  async search(db: Executor, scope: Scope, query: AuditQuery) {
    const conditions: SQL[] = [scope.where(auditLog.orgPath)];
    if (query.entity) conditions.push(eq(auditLog.entity, query.entity));
    if (query.from) conditions.push(gte(auditLog.at, new Date(`${query.from}T00:00:00+08:00`)));
    if (query.to) conditions.push(lte(auditLog.at, new Date(`${query.to}T23:59:59.999+08:00`)));
    if (query.q) {
      const like = `%${query.q}%`;
      conditions.push(or(ilike(auditLog.summary, like), ilike(auditLog.actorName, like)) as SQL);
    }
    const where = and(...conditions);
    const [rows, [total]] = await Promise.all([
      db
        .select()
        .from(auditLog)
        .where(where)
        .orderBy(desc(auditLog.at), desc(auditLog.id))
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize),
      db.select({ n: count() }).from(auditLog).where(where),
    ]);
    return { rows, total: total?.n ?? 0 };
  },
};
