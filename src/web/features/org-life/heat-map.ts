import type { ComplianceStatus } from '../../../domain/org-life-rules';
import type { PeriodUnit } from '../../../domain/period';

/** Fills of the heat map and the status tags: the colours every compliance view uses. */
export const STATUS_FILL: Record<ComplianceStatus, string> = {
  已完成: '#52c41a',
  待完成: '#faad14',
  逾期: '#f5222d',
  不适用: '#d9d9d9',
};

/** The same statuses as antd Tag presets. */
export const STATUS_TAG: Record<ComplianceStatus, string> = {
  已完成: 'green',
  待完成: 'gold',
  逾期: 'red',
  不适用: 'default',
};

/** Orgs that owe sittings themselves: their compliance page lists each obligation. */
const OWN_OBLIGATION_TYPES = new Set(['党支部', '联合党支部', '党小组']);
export const hasOwnObligations = (type: string) => OWN_OBLIGATION_TYPES.has(type);

export const compliancePath = (orgId: number, year: number) =>
  `/org-life/compliance?orgId=${orgId}&year=${year}`;

export interface PeriodChoice {
  unit: PeriodUnit;
  year: number;
  /** Half 1–2, quarter 1–4, month 1–12; 1 for a year. */
  index: number;
}

/** "2026" / "2026-H1" / "2026-Q4" / "2026-11" → its parts; null for anything else. */
export function parsePeriodKey(key: string): PeriodChoice | null {
  let m = /^(\d{4})$/.exec(key);
  if (m) return { unit: 'year', year: Number(m[1]), index: 1 };
  m = /^(\d{4})-H([12])$/.exec(key);
  if (m) return { unit: 'half', year: Number(m[1]), index: Number(m[2]) };
  m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m) return { unit: 'quarter', year: Number(m[1]), index: Number(m[2]) };
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  if (m) return { unit: 'month', year: Number(m[1]), index: Number(m[2]) };
  return null;
}

export function periodKeyOf({ unit, year, index }: PeriodChoice): string {
  if (unit === 'half') return `${year}-H${index}`;
  if (unit === 'quarter') return `${year}-Q${index}`;
  if (unit === 'month') return `${year}-${String(index).padStart(2, '0')}`;
  return String(year);
}

/** The half, quarter or month of the same unit containing a month: where switching units lands. */
export function indexOfMonth(unit: PeriodUnit, month: number): number {
  if (unit === 'half') return month <= 6 ? 1 : 2;
  if (unit === 'quarter') return Math.ceil(month / 3);
  if (unit === 'month') return month;
  return 1;
}

// Where an org name may be cut: after the unit or level word that ends a part of the name.
const NAME_BREAKS = '市区县省局委会厅院办关室科处部';

/**
 * Row labels for a chart: sibling orgs share a long prefix ("中共青川市发展和改革委员会机关…"), so the
 * part they share is dropped, cut only where a word ends, and what tells them apart stays readable.
 */
export function shortNames(names: readonly string[]): string[] {
  if (names.length < 2) return [...names];
  let prefix = names[0]!;
  for (const name of names) {
    let i = 0;
    while (i < prefix.length && i < name.length && prefix[i] === name[i]) i++;
    prefix = prefix.slice(0, i);
  }
  let cut = prefix.length;
  while (cut > 0 && !NAME_BREAKS.includes(prefix[cut - 1]!)) cut--;
  if (cut === 0) return [...names];
  if (names.some((n) => n.length - cut < 2)) return [...names];
  return names.map((n) => n.slice(cut));
}
