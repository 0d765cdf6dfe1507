import { sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { orgs } from '../features/orgs/orgs.table';
import { type AnyModule, type OrgFactsHandler, type SubtreeMoveHandler, tablesOf } from '../module';
import { inSubtree } from '../scope/subtree';
import type { Executor } from './database';

export interface OrgPathColumn {
  table: string;
  column: string;
}

/**
 * Every column that stores a copy of an org path: orgs.path, and the org_path of every table a module
 * declares, except the history it marks as such (the audit log keeps the path at the time of the change).
 * Derived from the tables themselves, so a new org-scoped table follows moves without being listed anywhere.
 */
export function orgPathColumns(modules: readonly AnyModule[]): OrgPathColumn[] {
  const historical = new Set(modules.flatMap((m) => m.historicalOrgPaths ?? []));
  const columns: OrgPathColumn[] = [{ table: getTableConfig(orgs).name, column: orgs.path.name }];
  for (const table of modules.flatMap(tablesOf)) {
    if (historical.has(table)) continue;
    const config = getTableConfig(table);
    if (config.columns.some((c) => c.name === 'org_path'))
      columns.push({ table: config.name, column: 'org_path' });
  }
  return columns;
}

/** What follows from an org moving or its facts changing, across every module. */
export class OrgChanges {
  private readonly columns: readonly OrgPathColumn[];
  private readonly moveHandlers: readonly SubtreeMoveHandler[];
  private readonly factsHandlers: readonly OrgFactsHandler[];

  constructor(modules: readonly AnyModule[]) {
    this.columns = orgPathColumns(modules);
    this.moveHandlers = modules.flatMap((m) => m.onSubtreeMove ?? []);
    this.factsHandlers = modules.flatMap((m) => m.onOrgFactsChanged ?? []);
  }

  /** Rewrites every path copy in the moving transaction, so subtree filters stay exact; then the aggregates. */
  async rewriteOrgPaths(db: Executor, oldPrefix: string, newPrefix: string): Promise<void> {
    for (const { table, column } of this.columns) {
      await db.execute(
        sql`update ${sql.identifier(table)} set ${sql.identifier(column)} = ${newPrefix} || substr(${sql.identifier(column)}, ${oldPrefix.length + 1})
            where ${inSubtree(sql`${sql.identifier(column)}`, oldPrefix)}`,
      );
    }
    for (const handler of this.moveHandlers) await handler(db, oldPrefix, newPrefix);
  }

  /** Called in the transaction that changed these orgs' facts, so what is derived from them stays exact. */
  async orgFactsChanged(db: Executor, tenantId: number, orgIds: readonly number[]): Promise<void> {
    for (const handler of this.factsHandlers) await handler(db, tenantId, orgIds);
  }
}
