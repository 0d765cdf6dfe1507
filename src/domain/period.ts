import { daysInMonth, fromParts, type IsoDate, parts } from './calendar';

/**
 * Calendar periods of the Asia/Shanghai calendar: months, quarters, halves and years. Every rule that says
 * "每月", "每季度", "每半年" or "每年" (meetings, dues, study hours) counts in these periods, so they are
 * written once here. A period is named by its key: '2026-03', '2026-Q1', '2026-H1', '2026'.
 */
export const PERIOD_UNITS = ['month', 'quarter', 'half', 'year'] as const;
export type PeriodUnit = (typeof PERIOD_UNITS)[number];
export const PERIOD_MONTHS: Record<PeriodUnit, number> = { month: 1, quarter: 3, half: 6, year: 12 };

export type PeriodKey = string;

export interface Period {
  unit: PeriodUnit;
  year: number;
  /** Position in its year from 0: March is month 2, the second half is half 1. */
  index: number;
  key: PeriodKey;
  label: string;
  /** First day of the period. */
  start: IsoDate;
  /** Last day of the period (inclusive). */
  end: IsoDate;
}

const QUARTER_NUMERALS = ['一', '二', '三', '四'] as const;

/** Periods of a unit in a year: 12 months, 4 quarters, 2 halves, 1 year. */
const perYear = (unit: PeriodUnit): number => 12 / PERIOD_MONTHS[unit];

function keyOf(unit: PeriodUnit, year: number, index: number): PeriodKey {
  const y = String(year).padStart(4, '0');
  switch (unit) {
    case 'month':
      return `${y}-${String(index + 1).padStart(2, '0')}`;
    case 'quarter':
      return `${y}-Q${index + 1}`;
    case 'half':
      return `${y}-H${index + 1}`;
    case 'year':
      return y;
  }
}

function labelOf(unit: PeriodUnit, year: number, index: number): string {
  switch (unit) {
    case 'month':
      return `${year}年${index + 1}月`;
    case 'quarter':
      return `${year}年第${QUARTER_NUMERALS[index]}季度`;
    case 'half':
      return `${year}年${index === 0 ? '上' : '下'}半年`;
    case 'year':
      return `${year}年`;
  }
}

/** The `index`-th period (from 0) of a unit in a year. */
export function periodAt(unit: PeriodUnit, year: number, index: number): Period {
  const size = PERIOD_MONTHS[unit];
  const startMonth = index * size + 1;
  const endMonth = startMonth + size - 1;
  return {
    unit,
    year,
    index,
    key: keyOf(unit, year, index),
    label: labelOf(unit, year, index),
    start: fromParts(year, startMonth, 1),
    end: fromParts(year, endMonth, daysInMonth(year, endMonth)),
  };
}

const indexIn = (unit: PeriodUnit, month: number): number => Math.floor((month - 1) / PERIOD_MONTHS[unit]);

/** The period of a unit containing a date. */
export function periodOf(unit: PeriodUnit, date: IsoDate): Period {
  const { year, month } = parts(date);
  return periodAt(unit, year, indexIn(unit, month));
}

/** Only the key of the period containing a date: for grouping many rows without building their periods. */
export function periodKeyOf(unit: PeriodUnit, date: IsoDate): PeriodKey {
  const { year, month } = parts(date);
  return keyOf(unit, year, indexIn(unit, month));
}

export const yearOf = (date: IsoDate): number => parts(date).year;

const PERIOD_KEY = /^(\d{4})(?:-(?:(0[1-9]|1[0-2])|Q([1-4])|H([12])))?$/;

/** The period a key names, or null for anything that is not a period key. */
export function periodFromKey(key: string): Period | null {
  const m = PERIOD_KEY.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2]) return periodAt('month', year, Number(m[2]) - 1);
  if (m[3]) return periodAt('quarter', year, Number(m[3]) - 1);
  if (m[4]) return periodAt('half', year, Number(m[4]) - 1);
  return periodAt('year', year, 0);
}

export const isPeriodKey = (key: string): boolean => periodFromKey(key) !== null;

/** The period a key names; for keys already validated at the edge. */
export function parsePeriod(key: PeriodKey): Period {
  const period = periodFromKey(key);
  if (!period) throw new Error(`not a period key: ${key}`);
  return period;
}

const ordinal = (period: Period): number => period.year * perYear(period.unit) + period.index;

/** The period `n` periods of the same unit later (earlier for negative n). */
export function shiftPeriod(period: Period, n: number): Period {
  const count = perYear(period.unit);
  const target = ordinal(period) + n;
  return periodAt(period.unit, Math.floor(target / count), ((target % count) + count) % count);
}

export const nextPeriod = (period: Period): Period => shiftPeriod(period, 1);
export const previousPeriod = (period: Period): Period => shiftPeriod(period, -1);

/** How many periods of their (common) unit `to` lies after `from`: 2026-05 → 2026-11 is 6. */
export function periodsApart(from: Period, to: Period): number {
  if (from.unit !== to.unit) throw new Error(`periods of different units: ${from.key}, ${to.key}`);
  return ordinal(to) - ordinal(from);
}

export const periodContains = (period: Period, date: IsoDate): boolean =>
  date >= period.start && date <= period.end;

/** Every period of a unit that overlaps [from, to], in order. */
export function periodsBetween(unit: PeriodUnit, from: IsoDate, to: IsoDate): Period[] {
  const out: Period[] = [];
  if (from > to) return out;
  const last = periodOf(unit, to);
  for (let p = periodOf(unit, from); p.start <= last.start; p = nextPeriod(p)) out.push(p);
  return out;
}
