import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { ACTIVE_STATUSES } from '../../domain/member-status';
import { ancestorsOf } from '../../domain/org-rules';

/**
 * The SQL of the org tree, in one place. Org data carries the materialized path of its org ("/1/5/23/"), so
 * "in a subtree" is a prefix match on an indexed column; every query over a subtree says it with these
 * fragments (a test fails on a hand-written `like` anywhere else in the server).
 */

type PathColumn = AnyPgColumn | SQL;

/** The path column lies in the subtree rooted at `rootPath` (the root included). */
export function inSubtree(column: PathColumn, rootPath: string): SQL {
  return sql`${column} like ${`${escapeLike(rootPath)}%`}`;
}

/** The path column is the org at `path` or one above it (for settings and closings that apply downwards). */
export function onPathTo(column: PathColumn, path: string): SQL {
  return sql`${column} = any(${sql.param(ancestorsOf(path).map((a) => a.path))}::text[])`;
}

/** The path column is on the way to `path` or inside its subtree: everything that concerns that org. */
export function onPathOrInSubtree(column: PathColumn, path: string): SQL {
  return sql`(${onPathTo(column, path)} or ${inSubtree(column, path)})`;
}

/** The path column (an ancestor's, from a join) is at or above the path in `pathExpression`. */
export function isAncestorOrSelf(ancestorColumn: PathColumn, pathExpression: PathColumn): SQL {
  return sql`starts_with(${pathExpression}, ${ancestorColumn})`;
}

// Statuses are a closed vocabulary from the domain: inlined as literals so the planner sees a constant list.
const ACTIVE_LIST = sql.raw(ACTIVE_STATUSES.map((s) => `'${s}'`).join(', '));

/** The member is on the active roster (正式党员 or 预备党员), the rule of src/domain/member-status.ts. */
export function isActiveMember(statusColumn: PathColumn): SQL {
  return sql`${statusColumn} in (${ACTIVE_LIST})`;
}

/** The member has left the active roster (转出, 去世, 出党 …). */
export function isInactiveMember(statusColumn: PathColumn): SQL {
  return sql`${statusColumn} not in (${ACTIVE_LIST})`;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
