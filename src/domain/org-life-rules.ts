import { addDays, type IsoDate } from './calendar';
import type { OrgType } from './org-rules';
import { PERIOD_MONTHS, PERIOD_UNITS, type Period, type PeriodUnit, periodsBetween } from './period';

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

export const PERIOD_UNIT_LABELS: Record<PeriodUnit, string> = {
  month: '每月',
  quarter: '每季度',
  half: '每半年',
  year: '每年',
};

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
    regulation: `${RULES_SOURCE}第十一条：党支部党员大会一般每季度召开1次`,
  },
  {
    meetingType: '支委会',
    appliesTo: BRANCHES,
    unit: 'month',
    minCount: 1,
    condition: 'committee',
    regulation: `${RULES_SOURCE}第十二条：党支部委员会会议一般每月召开1次`,
  },
  {
    meetingType: '党小组会',
    appliesTo: ['党小组'],
    unit: 'month',
    minCount: 1,
    condition: null,
    regulation: `${RULES_SOURCE}第十三条：党小组会一般每月召开1次`,
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

export type ComplianceStatus = '已完成' | '待完成' | '逾期' | '不适用';
export const COMPLIANCE_STATUSES: readonly ComplianceStatus[] = ['已完成', '待完成', '逾期', '不适用'];

const startingIn = new Map<string, readonly Period[]>();

/**
 * Every period of a unit that starts inside [from, through]: the periods an org owes from `from` on.
 * Remembered per window (a pure function, asked the same question for every org of a tree).
 */
export function periodsStartingIn(unit: PeriodUnit, from: IsoDate, through: IsoDate): readonly Period[] {
  const key = `${unit}|${from}|${through}`;
  let periods = startingIn.get(key);
  if (!periods) {
    periods = Object.freeze(periodsBetween(unit, from, through).filter((p) => p.start >= from));
    if (startingIn.size > 1000) startingIn.clear();
    startingIn.set(key, periods);
  }
  return periods;
}

export interface OrgLifeFacts {
  type: OrgType;
  establishedOn: IsoDate | null;
  dissolvedOn: IsoDate | null;
  /** Spans during which the org had a committee (支委会 applies only then); `to` is exclusive. */
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
 * A party branch with fewer than 7 正式党员 elects a secretary (and perhaps a deputy) but no committee; a
 * committee has 3 to 5 members, at most 7 (《中国共产党支部工作条例（试行）》第六章). So a committee exists on the
 * days at least three distinct people hold committee posts.
 */
export const MIN_COMMITTEE_SIZE = 3;
export const COMMITTEE_RULE = `${RULES_SOURCE}第六章：党支部委员会由3至5人组成，一般不超过7人`;

export interface PostTenure {
  /** Who holds the post: a member id, or the holder's name for someone outside the roster. */
  holder: string;
  startDate: IsoDate;
  /** The day the post ended (exclusive): the holder no longer holds it that day. */
  endDate: IsoDate | null;
}

/** The distinct holders of posts open on a date. */
export function committeeOn(posts: readonly PostTenure[], date: IsoDate): string[] {
  const holders = new Set<string>();
  for (const p of posts)
    if (p.startDate <= date && (p.endDate === null || p.endDate > date)) holders.add(p.holder);
  return [...holders];
}

/** The spans (end exclusive) during which at least `minSize` distinct people held posts. */
export function committeeSpans(
  posts: readonly PostTenure[],
  minSize = MIN_COMMITTEE_SIZE,
): { from: IsoDate; to: IsoDate | null }[] {
  const bounds = [
    ...new Set(posts.flatMap((p) => (p.endDate === null ? [p.startDate] : [p.startDate, p.endDate]))),
  ].sort();
  const spans: { from: IsoDate; to: IsoDate | null }[] = [];
  let open: IsoDate | null = null;
  for (const b of bounds) {
    const enough = committeeOn(posts, b).length >= minSize;
    if (enough && open === null) open = b;
    else if (!enough && open !== null) {
      spans.push({ from: open, to: b });
      open = null;
    }
  }
  if (open !== null) spans.push({ from: open, to: null });
  return spans;
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

/**
 * The status of one obligation judged on `today`: required 0 means the rule does not bind the org for the
 * period. Pending up to and including the period's last day, overdue from the day after.
 */
export function obligationStatus(
  required: number,
  held: number,
  periodEnd: IsoDate,
  today: IsoDate,
): ComplianceStatus {
  if (required <= 0) return '不适用';
  if (held >= required) return '已完成';
  return today > periodEnd ? '逾期' : '待完成';
}

export function heldIn(meetings: readonly HeldMeeting[], type: MeetingType, period: Period): number {
  return meetings.filter((m) => m.date >= period.start && m.date <= period.end && m.types.includes(type))
    .length;
}

/** The pure evaluation: one rule, one org, one period, judged on `today`. */
export function evaluateRule(
  rule: MeetingRule,
  org: OrgLifeFacts,
  meetings: readonly HeldMeeting[],
  period: Period,
  today: IsoDate,
): RuleEvaluation {
  const held = heldIn(meetings, rule.meetingType, period);
  const bound = applies(rule, org, period);
  return {
    meetingType: rule.meetingType,
    period,
    required: rule.minCount,
    held,
    status: obligationStatus(bound ? rule.minCount : 0, held, period.end, today),
    regulation: rule.regulation,
  };
}

/**
 * A tightened rule set by a supervising org for its subtree, in force from `validFrom` (inclusive) to
 * `validTo` (exclusive). Rows are versions: a new one supersedes, nothing is overwritten.
 */
export interface RuleOverride {
  orgPath: string;
  orgName?: string;
  meetingType: MeetingType;
  unit: PeriodUnit;
  minCount: number;
  regulation: string;
  validFrom: IsoDate;
  validTo: IsoDate | null;
}

/** Sittings per month a rule asks for: how strict rules of different units are compared. */
function rate(rule: { unit: PeriodUnit; minCount: number }): number {
  return rule.minCount / PERIOD_MONTHS[rule.unit];
}

/** Whether `a` asks at least as much as `b`, and checks as often: the stricter of two valid rules. */
export function isStricterThan(
  a: { unit: PeriodUnit; minCount: number },
  b: { unit: PeriodUnit; minCount: number },
): boolean {
  const ra = rate(a);
  const rb = rate(b);
  if (ra !== rb) return ra > rb;
  return PERIOD_MONTHS[a.unit] < PERIOD_MONTHS[b.unit];
}

export function nationalRule(meetingType: MeetingType): MeetingRule | undefined {
  return NATIONAL_RULES.find((r) => r.meetingType === meetingType);
}

/**
 * The rule in force for an org on a date: the strictest among the national rule and the overrides of the
 * org's ancestors (and itself) valid that day. An override looser than the national rule never counts.
 * `overrides` must already be limited to the org's ancestors.
 */
export function ruleOn(
  meetingType: MeetingType,
  overrides: readonly RuleOverride[],
  date: IsoDate,
): MeetingRule | undefined {
  const national = nationalRule(meetingType);
  if (!national) return undefined;
  let best: MeetingRule = national;
  for (const o of overrides) {
    if (o.meetingType !== meetingType || o.validFrom > date || (o.validTo !== null && o.validTo <= date))
      continue;
    if (!isAtLeastAsStrict(o, national)) continue;
    if (isStricterThan(o, best))
      best = { ...national, unit: o.unit, minCount: o.minCount, regulation: o.regulation };
  }
  return best;
}

/** The rules in force for an org: the national ones, each replaced by the strictest valid override. */
export function effectiveRules(
  overrides: readonly { meetingType: MeetingType; unit: PeriodUnit; minCount: number; regulation: string }[],
): MeetingRule[] {
  return NATIONAL_RULES.map((rule) => {
    let best = rule;
    for (const o of overrides)
      if (o.meetingType === rule.meetingType && isAtLeastAsStrict(o, rule) && isStricterThan(o, best))
        best = { ...rule, unit: o.unit, minCount: o.minCount, regulation: o.regulation };
    return best;
  });
}

/**
 * Why a proposed override may not be set, or null when it may. It must be at least as strict as the national
 * rule (a supervisor may tighten, never loosen) and stricter than what the org already inherits from above.
 */
export function tighteningProblem(
  candidate: { meetingType: MeetingType; unit: PeriodUnit; minCount: number },
  /** The strictest rule already set above the org, if any is stricter than the national one. */
  inherited: MeetingRule | null,
): string | null {
  const national = nationalRule(candidate.meetingType);
  const wanted = `${PERIOD_UNIT_LABELS[candidate.unit]}${candidate.minCount}次`;
  if (!national) return `“${candidate.meetingType}”没有全国统一的频次规定，无需设置从严规则`;
  if (!isAtLeastAsStrict(candidate, national))
    return `不能放宽全国规定：${national.regulation}（${PERIOD_UNIT_LABELS[national.unit]}至少${national.minCount}次）。上级党组织只能从严设定，“${wanted}”低于该要求`;
  if (inherited && !isStricterThan(candidate, inherited))
    return `上级已从严规定：${inherited.regulation}（${PERIOD_UNIT_LABELS[inherited.unit]}至少${inherited.minCount}次），“${wanted}”不比其更严，不能设置`;
  return null;
}

/** One period an org owes sittings of one type; required 0 where the rule does not bind it. */
export interface Obligation {
  meetingType: MeetingType;
  period: Period;
  required: number;
  regulation: string;
}

/**
 * What an org owes over the periods starting in [from, through]. A period counts for a meeting type when
 * the rule in force on its first day is of that period's unit, so tightening 党课 to monthly from November
 * leaves the fourth quarter owed under the old rule and adds November and December under the new one.
 */
export function obligations(
  org: OrgLifeFacts,
  overrides: readonly RuleOverride[],
  from: IsoDate,
  through: IsoDate,
  types: readonly MeetingType[] = MEETING_TYPES,
): Obligation[] {
  const out: Obligation[] = [];
  if (from > through) return out;
  for (const national of NATIONAL_RULES) {
    if (!types.includes(national.meetingType) || !national.appliesTo.includes(org.type)) continue;
    for (const unit of PERIOD_UNITS)
      for (const period of periodsStartingIn(unit, from, through)) {
        const rule = ruleOn(national.meetingType, overrides, period.start)!;
        if (rule.unit !== unit) continue;
        out.push({
          meetingType: national.meetingType,
          period,
          required: applies(rule, org, period) ? rule.minCount : 0,
          regulation: rule.regulation,
        });
      }
  }
  return out;
}

/** Obligations judged against the held sittings on `today`. */
export function evaluateOrg(
  org: OrgLifeFacts,
  overrides: readonly RuleOverride[],
  meetings: readonly HeldMeeting[],
  from: IsoDate,
  through: IsoDate,
  today: IsoDate,
): RuleEvaluation[] {
  return obligations(org, overrides, from, through).map((o) => {
    const held = heldIn(meetings, o.meetingType, o.period);
    return {
      meetingType: o.meetingType,
      period: o.period,
      required: o.required,
      held,
      status: obligationStatus(o.required, held, o.period.end, today),
      regulation: o.regulation,
    };
  });
}

/** Counts of obligations by outcome: what a dashboard cell for many periods or many orgs shows. */
export interface ComplianceTally {
  due: number;
  done: number;
  pending: number;
  overdue: number;
}

export const emptyTally = (): ComplianceTally => ({ due: 0, done: 0, pending: 0, overdue: 0 });

/** Folds obligations into a tally: `due` counts binding obligations, the rest split them by outcome. */
export function addToTally(
  tally: ComplianceTally,
  o: { due: number; done: number; periodEnd: IsoDate },
  today: IsoDate,
): ComplianceTally {
  const open = o.due - o.done;
  tally.due += o.due;
  tally.done += o.done;
  if (today > o.periodEnd) tally.overdue += open;
  else tally.pending += open;
  return tally;
}

/** The worst outcome in a tally: any overdue → 逾期, any pending → 待完成, all done → 已完成. */
export function tallyStatus(t: ComplianceTally): ComplianceStatus {
  if (t.overdue > 0) return '逾期';
  if (t.pending > 0) return '待完成';
  if (t.due > 0) return '已完成';
  return '不适用';
}

/** Reminders go out this many days before a period ends for anything still 待完成 (configurable per org). */
export const DEFAULT_REMINDER_LEAD_DAYS = 7;

export function needsReminder(evaluation: RuleEvaluation, today: IsoDate, leadDays: number): boolean {
  return evaluation.status === '待完成' && today >= addDays(evaluation.period.end, -leadDays);
}
