import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { type Actor, covers, coversStrictly, type Permission, pathsWith } from '../../domain/access';
import { forbidden, notFound } from '../http/errors';
import { inSubtree } from './subtree';

/**
 * The one place where "who may touch which orgs" becomes code. A Scope is the set of subtrees where an
 * actor holds a permission; services get one from authorize() before anything else, and every query over
 * org data filters through scope.where(column) — in the repository that owns the column: services hand the
 * Scope itself down, never SQL.
 */
export class Scope {
  private constructor(
    readonly actor: Actor,
    readonly permission: Permission,
    readonly roots: readonly string[],
  ) {}

  static of(actor: Actor, permission: Permission): Scope {
    return new Scope(actor, permission, pathsWith(actor, permission));
  }

  get isEmpty(): boolean {
    return this.roots.length === 0;
  }

  covers(path: string): boolean {
    return covers(this.roots, path);
  }

  /** Something outside the scope is reported as not found: its existence is not the actor's business. */
  assertCovers(path: string, what: string): void {
    if (!this.covers(path)) throw notFound(what);
  }

  assertCoversStrictly(path: string, message: string): void {
    if (!coversStrictly(this.roots, path)) throw forbidden(message);
  }

  /** SQL condition "the path column lies in one of my subtrees"; false when the scope is empty. */
  where(pathColumn: AnyPgColumn | SQL): SQL {
    if (this.roots.length === 0) return sql`false`;
    const parts = this.roots.map((root) => inSubtree(pathColumn, root));
    return sql.join(parts.length === 1 ? parts : [sql`(`, sql.join(parts, sql` or `), sql`)`], sql``);
  }
}

export function authorize(actor: Actor, permission: Permission): Scope {
  const scope = Scope.of(actor, permission);
  if (scope.isEmpty) throw forbidden();
  return scope;
}
