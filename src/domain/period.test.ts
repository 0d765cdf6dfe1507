import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, isIsoDate } from './calendar';
import {
  isPeriodKey,
  nextPeriod,
  PERIOD_UNITS,
  parsePeriod,
  periodContains,
  periodFromKey,
  periodKeyOf,
  periodOf,
  periodsApart,
  periodsBetween,
  previousPeriod,
  shiftPeriod,
  yearOf,
} from './period';

const isoDate = fc
  .date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const unit = fc.constantFrom(...PERIOD_UNITS);

describe('periods in the Asia/Shanghai calendar', () => {
  it('finds the month, quarter, half and year of a date', () => {
    expect(periodOf('month', '2026-02-15')).toMatchObject({
      key: '2026-02',
      start: '2026-02-01',
      end: '2026-02-28',
    });
    expect(periodOf('month', '2028-02-15').end).toBe('2028-02-29');
    expect(periodOf('quarter', '2026-12-31')).toMatchObject({
      key: '2026-Q4',
      start: '2026-10-01',
      end: '2026-12-31',
    });
    expect(periodOf('half', '2026-07-01')).toMatchObject({ key: '2026-H2', label: '2026年下半年' });
    expect(periodOf('year', '2026-01-01')).toMatchObject({ start: '2026-01-01', end: '2026-12-31' });
  });

  it('labels periods as Chinese documents write them', () => {
    expect(periodOf('month', '2026-03-09').label).toBe('2026年3月');
    expect(periodOf('quarter', '2026-03-09').label).toBe('2026年第一季度');
    expect(periodOf('quarter', '2026-11-09').label).toBe('2026年第四季度');
    expect(periodOf('half', '2026-03-09').label).toBe('2026年上半年');
    expect(periodOf('year', '2026-03-09').label).toBe('2026年');
  });

  it('lists every period overlapping a range', () => {
    expect(periodsBetween('quarter', '2026-02-10', '2026-07-01').map((p) => p.key)).toEqual([
      '2026-Q1',
      '2026-Q2',
      '2026-Q3',
    ]);
    expect(periodsBetween('month', '2026-03-01', '2026-02-28')).toEqual([]);
  });

  it('reads period keys back and refuses anything else', () => {
    expect(periodFromKey('2026-Q4')).toMatchObject({ start: '2026-10-01', end: '2026-12-31' });
    expect(periodFromKey('2026-02')).toMatchObject({ end: '2026-02-28' });
    expect(periodFromKey('2026-H2')).toMatchObject({ start: '2026-07-01' });
    expect(periodFromKey('2026')).toMatchObject({ end: '2026-12-31' });
    for (const bad of ['2026-13', '2026-00', '2026-Q5', '2026-H3', '2026-3', '26', '2026-Q1 ', ''])
      expect(isPeriodKey(bad), bad).toBe(false);
    expect(() => parsePeriod('2026-Q0')).toThrow(/not a period key/);
  });

  it('steps across year ends in both directions', () => {
    expect(nextPeriod(parsePeriod('2026-12')).key).toBe('2027-01');
    expect(previousPeriod(parsePeriod('2026-Q1')).key).toBe('2025-Q4');
    expect(nextPeriod(parsePeriod('2026-H2')).key).toBe('2027-H1');
    expect(previousPeriod(parsePeriod('2026')).key).toBe('2025');
    expect(shiftPeriod(parsePeriod('2026-11'), -23).key).toBe('2024-12');
    expect(periodsApart(parsePeriod('2026-05'), parsePeriod('2026-11'))).toBe(6);
    expect(() => periodsApart(parsePeriod('2026-05'), parsePeriod('2026-Q2'))).toThrow(/different units/);
  });

  it('has bounds that contain the date, and the period is the same from any of its days', () => {
    fc.assert(
      fc.property(unit, isoDate, (u, date) => {
        const p = periodOf(u, date);
        expect(isIsoDate(p.start) && isIsoDate(p.end)).toBe(true);
        expect(periodContains(p, date)).toBe(true);
        expect(periodOf(u, p.start)).toEqual(p);
        expect(periodOf(u, p.end)).toEqual(p);
        expect(periodKeyOf(u, date)).toBe(p.key);
        expect(yearOf(date)).toBe(Number(p.start.slice(0, 4)));
        expect(parsePeriod(p.key)).toEqual(p);
      }),
    );
  });

  it('tiles the calendar: next(prev(p)) = p, and each period starts the day after the previous ends', () => {
    fc.assert(
      fc.property(unit, isoDate, fc.integer({ min: -400, max: 400 }), (u, date, n) => {
        const p = periodOf(u, date);
        expect(nextPeriod(previousPeriod(p))).toEqual(p);
        expect(previousPeriod(nextPeriod(p))).toEqual(p);
        expect(nextPeriod(p).start).toBe(addDays(p.end, 1));
        expect(shiftPeriod(shiftPeriod(p, n), -n)).toEqual(p);
        expect(periodsApart(p, shiftPeriod(p, n))).toBe(n);
      }),
    );
  });

  it('covers a range with consecutive periods and nothing more', () => {
    fc.assert(
      fc.property(unit, isoDate, fc.integer({ min: 0, max: 800 }), (u, from, days) => {
        const to = addDays(from, days);
        const periods = periodsBetween(u, from, to);
        expect(periodContains(periods[0]!, from)).toBe(true);
        expect(periodContains(periods.at(-1)!, to)).toBe(true);
        for (let i = 1; i < periods.length; i += 1)
          expect(periods[i]!.start).toBe(addDays(periods[i - 1]!.end, 1));
      }),
    );
  });
});
