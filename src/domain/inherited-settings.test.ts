import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nearestRow, nearestValue, strictestValue } from './inherited-settings';

interface Row {
  orgId: number;
  limit: number | null;
  label: string | null;
}

const row = (orgId: number, limit: number | null, label: string | null = null): Row => ({
  orgId,
  limit,
  label,
});
const lower = (a: number, b: number) => a < b;

/** A chain of distinct org ids (root first) and at most one row per org, some of them off the chain. */
const chainAndRows = fc
  .uniqueArray(fc.integer({ min: 1, max: 60 }), { minLength: 0, maxLength: 8 })
  .chain((ids) =>
    fc.tuple(
      fc.constant(ids.slice(0, Math.ceil(ids.length / 2))),
      fc.shuffledSubarray(ids).chain((owners) =>
        fc.tuple(
          ...owners.map((orgId) =>
            fc.record({
              orgId: fc.constant(orgId),
              limit: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
              label: fc.option(fc.string({ maxLength: 2 }), { nil: null }),
            }),
          ),
        ),
      ),
    ),
  );

describe('nearest org at or above decides', () => {
  it('takes the whole row of the deepest org on the chain that has one', () => {
    const rows = [row(1, 5, 'root'), row(5, null, 'committee')];
    expect(nearestRow([1, 5, 23], rows)).toEqual(row(5, null, 'committee'));
    expect(nearestRow([1, 23], rows)).toEqual(row(1, 5, 'root'));
    expect(nearestRow([2, 23], rows)).toBeUndefined();
  });

  it('decides each field on its own: a null field is inherited from above', () => {
    const rows = [row(23, null, 'branch'), row(1, 5, 'root'), row(5, 3, null)];
    expect(nearestValue([1, 5, 23], rows, 'limit')).toEqual({ value: 3, fromOrgId: 5 });
    expect(nearestValue([1, 5, 23], rows, 'label')).toEqual({ value: 'branch', fromOrgId: 23 });
    expect(nearestValue([1], [row(1, null)], 'limit')).toBeUndefined();
  });

  it('never takes a row of an org below or beside the org', () => {
    const rows = [row(1, 5), row(99, 1), row(23, 2)];
    expect(nearestValue([1, 5], rows, 'limit')).toEqual({ value: 5, fromOrgId: 1 });
  });

  it('always resolves to the value of the deepest org on the chain that sets the field', () => {
    fc.assert(
      fc.property(chainAndRows, ([chain, rows]) => {
        const resolved = nearestValue(chain, rows, 'limit');
        const setters = chain.filter((id) => rows.some((r) => r.orgId === id && r.limit !== null));
        const deepest = setters.at(-1);
        if (deepest === undefined) return resolved === undefined;
        return (
          resolved?.fromOrgId === deepest && resolved.value === rows.find((r) => r.orgId === deepest)?.limit
        );
      }),
    );
  });

  it('does not depend on the order the rows come in', () => {
    fc.assert(
      fc.property(
        chainAndRows.chain(([chain, rows]) =>
          fc.tuple(fc.constant(chain), fc.shuffledSubarray(rows, { minLength: rows.length })),
        ),
        ([chain, shuffled]) => {
          const sorted = [...shuffled].sort((a, b) => a.orgId - b.orgId);
          expect(nearestRow(chain, shuffled)).toEqual(nearestRow(chain, sorted));
          expect(nearestValue(chain, shuffled, 'label')).toEqual(nearestValue(chain, sorted, 'label'));
        },
      ),
    );
  });
});

describe('strictest wins: an org below may only tighten', () => {
  it('starts from the base and lets each org below tighten what is in force', () => {
    const rows = [row(1, 8), row(5, 6), row(23, 7)];
    expect(strictestValue([1, 5, 23], rows, 'limit', 10, lower)).toEqual({ value: 6, fromOrgId: 5 });
    expect(strictestValue([1, 23], rows, 'limit', 10, lower)).toEqual({ value: 7, fromOrgId: 23 });
    expect(strictestValue([1, 5, 23], rows, 'limit', 5, lower)).toEqual({ value: 5, fromOrgId: null });
  });

  it('keeps the org above as the source when one below only repeats its value', () => {
    const rows = [row(1, 6), row(5, 6)];
    expect(strictestValue([1, 5], rows, 'limit', 10, lower)).toEqual({ value: 6, fromOrgId: 1 });
  });

  it('is never looser than the base or than any value set on the chain, and is one of them', () => {
    fc.assert(
      fc.property(chainAndRows, fc.integer({ min: 0, max: 20 }), ([chain, rows], base) => {
        const { value, fromOrgId } = strictestValue(chain, rows, 'limit', base, lower);
        const set = rows.filter((r) => chain.includes(r.orgId) && r.limit !== null);
        expect(value).toBeLessThanOrEqual(base);
        for (const r of set) expect(value).toBeLessThanOrEqual(r.limit!);
        if (fromOrgId === null) expect(value).toBe(base);
        else expect(set.find((r) => r.orgId === fromOrgId)?.limit).toBe(value);
      }),
    );
  });

  it('never loosens when an org is added below the chain', () => {
    fc.assert(
      fc.property(
        chainAndRows,
        fc.integer({ min: 0, max: 20 }),
        fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
        ([chain, rows], base, belowValue) => {
          const below = 1000;
          const before = strictestValue(chain, rows, 'limit', base, lower).value;
          const after = strictestValue(
            [...chain, below],
            [...rows, row(below, belowValue)],
            'limit',
            base,
            lower,
          );
          expect(after.value).toBeLessThanOrEqual(before);
        },
      ),
    );
  });
});
