import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addYears,
  daysBetween,
  daysInMonth,
  isIsoDate,
  parts,
  shanghaiDate,
  yearsBetween,
} from './calendar';

describe('ISO calendar dates', () => {
  it('accepts 29 February only in leap years (every 4th, not centuries, except every 400th)', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2024, 2)).toBe(29);
  });

  it('rejects impossible and sloppily written dates', () => {
    for (const bad of ['2026-13-01', '2026-00-10', '2026-04-31', '2026-1-05', '26-01-05', '2026-01-05T00:00'])
      expect(isIsoDate(bad), bad).toBe(false);
    expect(() => parts('2026/01/05')).toThrow(/not an ISO date/);
  });
});

describe('addMonths', () => {
  it('clamps the day to the end of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonths('2026-05-31', -3)).toBe('2026-02-28');
  });

  it('crosses year boundaries in both directions', () => {
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
    expect(addMonths('2026-01-15', -13)).toBe('2024-12-15');
    expect(addMonths('2026-12-01', 1)).toBe('2027-01-01');
  });

  it('adds years from a leap day to 28 February, and back to 29 February four years on', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2024-02-29', -4)).toBe('2020-02-29');
  });

  it('always yields a valid date in the right month, never a later day of month (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1950, max: 2100 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: -240, max: 240 }),
        (y, m, d, n) => {
          const day = Math.min(d, daysInMonth(y, m));
          const start = `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          const result = addMonths(start, n);
          const r = parts(result);
          expect(isIsoDate(result)).toBe(true);
          expect(r.year * 12 + r.month - (y * 12 + m)).toBe(n);
          expect(r.day).toBeLessThanOrEqual(day);
          if (day <= 28) expect(r.day).toBe(day);
        },
      ),
    );
  });
});

describe('day arithmetic', () => {
  it('steps over a leap day', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2026-02-28', '2026-03-01')).toBe(1);
    expect(daysBetween('2026-03-01', '2026-02-28')).toBe(-1);
  });

  it('counts a whole year of age only on the birthday itself', () => {
    expect(yearsBetween('1990-05-15', '2008-05-14')).toBe(17);
    expect(yearsBetween('1990-05-15', '2008-05-15')).toBe(18);
    expect(yearsBetween('1990-05-15', '2008-04-30')).toBe(17);
  });

  it('lets someone born on 29 February come of age on 1 March of a common year', () => {
    expect(yearsBetween('2008-02-29', '2026-02-28')).toBe(17);
    expect(yearsBetween('2008-02-29', '2026-03-01')).toBe(18);
    expect(yearsBetween('2008-02-29', '2028-02-29')).toBe(20);
  });
});

describe('shanghaiDate', () => {
  it('turns to the next day at 16:00 UTC (midnight in China Standard Time)', () => {
    expect(shanghaiDate(new Date('2026-11-19T15:59:59Z'))).toBe('2026-11-19');
    expect(shanghaiDate(new Date('2026-11-19T16:00:00Z'))).toBe('2026-11-20');
  });

  it('turns the year at 16:00 UTC on 31 December', () => {
    expect(shanghaiDate(new Date('2026-12-31T15:59:59.999Z'))).toBe('2026-12-31');
    expect(shanghaiDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });

  it('does not depend on the server time zone: an instant written with +08:00 stays on its day', () => {
    expect(shanghaiDate(new Date('2026-11-20T00:00:00+08:00'))).toBe('2026-11-20');
    expect(shanghaiDate(new Date('2026-11-20T23:59:59+08:00'))).toBe('2026-11-20');
  });
});
