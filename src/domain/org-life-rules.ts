import { addDays, fromParts, type IsoDate, parts } from './calendar';
import type { OrgType } from './org-rules';

/**
 * Organizational life (组织生活): the meeting types and the national rulebook of how often each must be held.
 * Frequencies are data; a supervising committee may tighten a rule for its subtree, never loosen it.
 * 《中国共产党支部工作条例（试行）》第十六条 (三会一课, 主题党日) and 第四章 (组织生活会, 民主评议党员).
 */
export const MEETING_TYPES = [
  '支部党员大会',
  '支委会',
  '党小组会',
  '党课',
  '主题党日',
  '组织生活会',
  '民主评议党员',
  '民主生活会',
  '专题学习',
] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];

export const PERIOD_UNITS = ['month', 'quarter', 'half', 'year'] as const;
export type PeriodUnit = (typeof PERIOD_UNITS)[number];
export const PERIOD_UNIT_LABELS: Record<PeriodUnit, string> = {
  month: '每月',
  quarter: '每季度',
  half: '每半年',
  year: '每年',
};
export const PERIOD_MONTHS: Record<PeriodUnit, number> = { month: 1, quarter: 3, half: 6, year: 12 };

/** What an org must have for a rule to apply to it. */
export type RuleCondition = 'committee' | null;

export interface MeetingRule {
  meetingType: MeetingType;
  appliesTo: readonly OrgType[];
  unit: PeriodUnit;
  minCount: number;
  condition: RuleCondition;
  regulation: string;
}

const BRANCHES: readonly OrgType[] = ['党支部', '联合党支部'];
const RULES_SOURCE = '《中国共产党支部工作条例（试行）》';

export const NATIONAL_RULEBOOK_VERSION = '2018-支部工作条例';

export const NATIONAL_RULES: readonly MeetingRule[] = [
  {
    meetingType: '支部党员大会',
    appliesTo: BRANCHES,
    unit: 'quarter',
    minCount: 1,
    condition: null,
    regulation: `${RULES_SOURCE}第十六条：党员大会一般每季度召开1次`,
  },
  {
    meetingType: '支委会',
    appliesTo: BRANCHES,
    unit: 'month',
    minCount: 1,
    condition: 'committee',
    regulation: `${RULES_SOURCE}第十六条：支部委员会会议一般每月召开1次`,
  },
  {
    meetingType: '党小组会',
    appliesTo: ['党小组'],
    unit: 'month',
    minCount: 1,
    condition: null,
    regulation: `${RULES_SOURCE}第十六条：党小组会一般每月召开1次`,
  },
  {
    meetingType: '党课',
    appliesTo: BRANCHES,
    unit: 'quarter',
    minCount: 1,
    condition: null,
    regulation: `${RULES_SOURCE}第十六条：党课一般每季度1次（常见做法）`,
  },
  {
    meetingType: '主题党日',
    appliesTo: BRANCHES,
    unit: 'month',
    minCount: 1,
    condition: null,
    regulation: `${RULES_SOURCE}第十六条：以每月1天为相对固定的时间开展主题党日`,
  },
  {
    meetingType: '组织生活会',
    appliesTo: BRANCHES,
    unit: 'year',
    minCount: 1,
    condition: null,
    regulation: `${RULES_SOURCE}第四章：组织生活会一般每年召开1次`,
  },
  {
    meetingType: '民主评议党员',
    appliesTo: BRANCHES,
    unit: 'year',
    minCount: 1,
    condition: null,
    regulation: `${RULES_SOURCE}第四章：民主评议党员一般每年开展1次`,
  },
];

/**
 * A tightened rule is allowed only if meeting it always meets the national rule: its period divides the
 * national period (a month inside a quarter, never a year for a quarterly rule) and it asks for at least as
 * many sittings over each national period.
 */
export function isAtLeastAsStrict(
  candidate: { unit: PeriodUnit; minCount: number },
  national: MeetingRule,
): boolean {
  const c = PERIOD_MONTHS[candidate.unit];
  const n = PERIOD_MONTHS[national.unit];
  if (c > n || n % c !== 0 || candidate.minCount < 1) return false;
  return candidate.minCount * (n / c) >= national.minCount;
}

export interface Period {
  unit: PeriodUnit;
  key: string;
  label: string;
  start: IsoDate;
  end: IsoDate;
}

/** The calendar period (Asia/Shanghai dates) of a unit containing a date. */
export function periodOf(unit: PeriodUnit, date: IsoDate): Period {
  const { year, month } = parts(date);
  const size = PERIOD_MONTHS[unit];
  const index = Math.floor((month - 1) / size);
  const startMonth = index * size + 1;
  const start = fromParts(year, startMonth, 1);
  const end = addDays(
    startMonth + size > 12 ? fromParts(year + 1, 1, 1) : fromParts(year, startMonth + size, 1),
    -1,
  );
  const key =
    unit === 'month'
      ? `${year}-${String(month).padStart(2, '0')}`
      : unit === 'quarter'
        ? `${year}-Q${index + 1}`
        : unit === 'half'
          ? `${year}-H${index + 1}`
          : `${year}`;
  const label =
    unit === 'month'
      ? `${year}年${month}月`
      : unit === 'quarter'
        ? `${year}年第${index + 1}季度`
        : unit === 'half'
          ? `${year}年${index === 0 ? '上' : '下'}半年`
          : `${year}年`;
  return { unit, key, label, start, end };
}

/** Every period of a unit that overlaps [from, to], in order. */
export function periodsBetween(unit: PeriodUnit, from: IsoDate, to: IsoDate): Period[] {
  const out: Period[] = [];
  let cursor = from;
  while (cursor <= to) {
    const p = periodOf(unit, cursor);
    out.push(p);
    cursor = addDays(p.end, 1);
  }
  return out;
}

export type ComplianceStatus = '已完成' | '待完成' | '逾期' | '不适用';

export interface OrgLifeFacts {
  type: OrgType;
  establishedOn: IsoDate | null;
  dissolvedOn: IsoDate | null;
  /** Spans during which the org had a committee (支委会 applies only then). */
  committeeSpans: readonly { from: IsoDate; to: IsoDate | null }[];
}

export interface HeldMeeting {
  date: IsoDate;
  /** One sitting may count as several types (套会). */
  types: readonly MeetingType[];
}

export interface RuleEvaluation {
  meetingType: MeetingType;
  period: Period;
  required: number;
  held: number;
  status: ComplianceStatus;
  regulation: string;
}

/**
 * Whether a rule binds an org for a whole period. An org founded during a period, or dissolved before it
 * ends, owes nothing for that period; a 支委会 rule binds only if a committee existed through the period.
 */
export function applies(rule: MeetingRule, org: OrgLifeFacts, period: Period): boolean {
  if (!rule.appliesTo.includes(org.type)) return false;
  if (org.establishedOn && org.establishedOn > period.start) return false;
  if (org.dissolvedOn && org.dissolvedOn <= period.end) return false;
  if (rule.condition === 'committee')
    return org.committeeSpans.some((s) => s.from <= period.start && (s.to === null || s.to > period.end));
  return true;
}

/** The pure evaluation: one rule, one org, one period, judged on `today`. */
export function evaluateRule(
  rule: MeetingRule,
  org: OrgLifeFacts,
  meetings: readonly HeldMeeting[],
  period: Period,
  today: IsoDate,
): RuleEvaluation {
  const held = meetings.filter(
    (m) => m.date >= period.start && m.date <= period.end && m.types.includes(rule.meetingType),
  ).length;
  let status: ComplianceStatus;
  if (!applies(rule, org, period)) status = '不适用';
  else if (held >= rule.minCount) status = '已完成';
  else if (today > period.end) status = '逾期';
  else status = '待完成';
  return {
    meetingType: rule.meetingType,
    period,
    required: rule.minCount,
    held,
    status,
    regulation: rule.regulation,
  };
}

/** The rules in force for an org: the national ones, each replaced by a stricter override if one is set. */
export function effectiveRules(
  overrides: readonly { meetingType: MeetingType; unit: PeriodUnit; minCount: number; regulation: string }[],
): MeetingRule[] {
  return NATIONAL_RULES.map((rule) => {
    const override = overrides.find((o) => o.meetingType === rule.meetingType && isAtLeastAsStrict(o, rule));
    return override
      ? { ...rule, unit: override.unit, minCount: override.minCount, regulation: override.regulation }
      : rule;
  });
}

/** Reminders go out this many days before a period ends for anything still 待完成 (configurable per org). */
export const DEFAULT_REMINDER_LEAD_DAYS = 7;

export function needsReminder(evaluation: RuleEvaluation, today: IsoDate, leadDays: number): boolean {
  return evaluation.status === '待完成' && today >= addDays(evaluation.period.end, -leadDays);
}
