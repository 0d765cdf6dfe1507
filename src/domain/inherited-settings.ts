/**
 * Inherited org settings: an org's setting is decided by the orgs on its chain (its ancestors and itself, root
 * first, as org ids: `ancestorsOf(path).map((a) => a.id)`). Two ways to decide:
 * - nearest wins: the deepest org on the chain that set it decides (dues settings as one record, study
 *   settings field by field), so a branch may change what its committee chose for it;
 * - strictest wins: every org on the chain counts, but an org below may only tighten what is in force above it
 *   (the way a supervising committee may tighten, never loosen, a national rule).
 * Rows of orgs off the chain never count, so callers may pass more rows than the chain's.
 */

/** A setting row belongs to one org; an org has at most one row in a settings table. */
export interface OrgSettingRow {
  orgId: number;
}

/** A decided value and the org whose row decided it. */
export interface Inherited<T> {
  value: T;
  fromOrgId: number;
}

/** The rows of the chain's orgs, in chain order (root first). */
function rowsOnChain<R extends OrgSettingRow>(chain: readonly number[], rows: readonly R[]): R[] {
  const byOrg = new Map(rows.map((r) => [r.orgId, r]));
  return chain.map((id) => byOrg.get(id)).filter((r): r is R => r !== undefined);
}

/** Nearest wins, for a whole record: the row of the deepest org on the chain that has one. */
export function nearestRow<R extends OrgSettingRow>(
  chain: readonly number[],
  rows: readonly R[],
): R | undefined {
  return rowsOnChain(chain, rows).at(-1);
}

/**
 * Nearest wins, for one field: the value of the deepest org on the chain whose row sets it (null: not set
 * there, inherited from above). Undefined when no org on the chain sets it: the caller's default applies.
 */
export function nearestValue<R extends OrgSettingRow, K extends keyof R>(
  chain: readonly number[],
  rows: readonly R[],
  field: K,
): Inherited<NonNullable<R[K]>> | undefined {
  const row = rowsOnChain(chain, rows).findLast((r) => r[field] !== null && r[field] !== undefined);
  return row ? { value: row[field] as NonNullable<R[K]>, fromOrgId: row.orgId } : undefined;
}

/**
 * Strictest wins: walking the chain from the root, an org's value replaces the one in force only if it is
 * stricter (`isStricter(a, b)`: a is stricter than b), starting from `base` (the rule that binds everyone).
 * A value as strict as the one in force does not replace it, so the org above that set it first stays the
 * source. `fromOrgId` is null while the base stands.
 */
export function strictestValue<R extends OrgSettingRow, K extends keyof R>(
  chain: readonly number[],
  rows: readonly R[],
  field: K,
  base: NonNullable<R[K]>,
  isStricter: (a: NonNullable<R[K]>, b: NonNullable<R[K]>) => boolean,
): { value: NonNullable<R[K]>; fromOrgId: number | null } {
  let best: { value: NonNullable<R[K]>; fromOrgId: number | null } = { value: base, fromOrgId: null };
  for (const row of rowsOnChain(chain, rows)) {
    const value = row[field];
    if (value === null || value === undefined) continue;
    if (isStricter(value, best.value)) best = { value, fromOrgId: row.orgId };
  }
  return best;
}
