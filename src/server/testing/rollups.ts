import { expect } from 'vitest';
import type { Executor } from '../db/database';

/** What the check needs of a rollup (`defineRollup` in src/server/rollups): its stored and derived rows. */
interface CheckedRollup<P extends unknown[], R extends Record<string, unknown>> {
  measureNames: readonly string[];
  ownNames: readonly string[];
  stored: (db: Executor, tenantId: number, ...args: P) => Promise<R[]>;
  recompute: (db: Executor, tenantId: number, ...args: P) => Promise<R[]>;
}

/**
 * Holds a rollup's stored rows equal to a recomputation from the module's facts (nothing is written). Rows
 * whose counts are all zero are left out on both sides: incremental writes may leave them behind where a
 * rebuild writes none.
 */
export async function expectRollupConsistent<P extends unknown[], R extends Record<string, unknown>>(
  db: Executor,
  rollup: CheckedRollup<P, R>,
  tenantId: number,
  ...args: P
): Promise<void> {
  const counts = [...rollup.measureNames, ...rollup.ownNames];
  const tidy = (rows: R[]) =>
    rows
      .filter((r) => counts.some((c) => r[c] !== 0))
      .map((r) =>
        Object.fromEntries(
          Object.keys(r)
            .sort()
            .map((k) => [k, r[k]]),
        ),
      )
      .sort((a, b) => {
        const x = JSON.stringify(a);
        const y = JSON.stringify(b);
        return x < y ? -1 : x > y ? 1 : 0;
      });
  const stored = tidy(await rollup.stored(db, tenantId, ...args));
  const derived = tidy(await rollup.recompute(db, tenantId, ...args));
  expect(stored).toEqual(derived);
}
