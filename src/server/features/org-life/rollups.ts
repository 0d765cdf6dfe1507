import { earlierOf, type IsoDate, laterOf } from '../../../domain/calendar';
import {
  type HeldMeeting,
  heldIn,
  type MeetingType,
  type OrgLifeFacts,
  obligations,
  periodsStartingIn,
  type RuleOverride,
} from '../../../domain/org-life-rules';
import { ancestorsOf } from '../../../domain/org-rules';
import { type Period, periodOf } from '../../../domain/period';

/**
 * What the rollup rows must contain, as pure functions: the rows of one org (its own obligations and
 * sittings) and the subtree totals every ancestor carries. The repository applies the difference between
 * these and what is stored; the property test checks the stored rows against them.
 */
export interface OwnRow {
  orgId: number;
  meetingType: MeetingType;
  periodKey: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  /** Sittings owed (0: no rule binds the org for the period). */
  required: number;
  held: number;
}

export interface RollupOrg {
  id: number;
  tenantId: number;
  path: string;
  facts: OrgLifeFacts;
}

/** Which periods a refresh recomputes: those starting inside [from, to], optionally only some keys and types. */
export interface RollupWindow {
  from: IsoDate;
  to: IsoDate;
  types?: readonly MeetingType[] | undefined;
  keys?: ReadonlySet<string> | undefined;
}

export const rowKey = (orgId: number, type: string, periodKey: string) => `${orgId}|${type}|${periodKey}`;

/**
 * An org's rows: every obligation period starting in [since, through] (with its held count), and a month
 * row for every month from `since` on in which it held a sitting of a type (the trend counts sittings by
 * month, whatever the rule's unit).
 */
export function desiredOwnRows(
  org: RollupOrg,
  overrides: readonly RuleOverride[],
  held: readonly HeldMeeting[],
  since: IsoDate,
  through: IsoDate,
  window: RollupWindow = { from: since, to: through },
): OwnRow[] {
  const from = laterOf(window.from, since);
  const inWindow = (type: MeetingType, p: Period) =>
    p.start >= from &&
    p.start <= window.to &&
    (!window.types || window.types.includes(type)) &&
    (!window.keys || window.keys.has(p.key));
  const rows = new Map<string, OwnRow>();
  const obligationTo = earlierOf(window.to, through);
  for (const o of obligations(org.facts, overrides, from, obligationTo)) {
    if (!inWindow(o.meetingType, o.period)) continue;
    rows.set(rowKey(org.id, o.meetingType, o.period.key), {
      orgId: org.id,
      meetingType: o.meetingType,
      periodKey: o.period.key,
      periodStart: o.period.start,
      periodEnd: o.period.end,
      required: o.required,
      held: heldIn(held, o.meetingType, o.period),
    });
  }
  for (const m of held)
    for (const type of m.types) {
      const month = periodOf('month', m.date);
      const key = rowKey(org.id, type, month.key);
      if (rows.has(key) || !inWindow(type, month)) continue;
      rows.set(key, {
        orgId: org.id,
        meetingType: type,
        periodKey: month.key,
        periodStart: month.start,
        periodEnd: month.end,
        required: 0,
        held: heldIn(held, type, month),
      });
    }
  return [...rows.values()];
}

export interface SubtreeTotals {
  orgId: number;
  orgPath: string;
  meetingType: MeetingType;
  periodKey: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  subDue: number;
  subDone: number;
  subHeld: number;
}

export const isDue = (r: { required: number }) => (r.required > 0 ? 1 : 0);
export const isDone = (r: { required: number; held: number }) =>
  r.required > 0 && r.held >= r.required ? 1 : 0;

/** What every org's subtree columns must hold: the sum of the own rows of every org at or below it. */
export function subtreeTotals(own: readonly (OwnRow & { orgPath: string })[]): Map<string, SubtreeTotals> {
  const out = new Map<string, SubtreeTotals>();
  for (const r of own)
    for (const a of ancestorsOf(r.orgPath)) {
      const key = rowKey(a.id, r.meetingType, r.periodKey);
      let t = out.get(key);
      if (!t) {
        t = {
          orgId: a.id,
          orgPath: a.path,
          meetingType: r.meetingType,
          periodKey: r.periodKey,
          periodStart: r.periodStart,
          periodEnd: r.periodEnd,
          subDue: 0,
          subDone: 0,
          subHeld: 0,
        };
        out.set(key, t);
      }
      t.subDue += isDue(r);
      t.subDone += isDone(r);
      t.subHeld += r.held;
    }
  return out;
}

/** The keys of every period (of every unit) containing one of the dates: what a sitting on them can move. */
export function keysAround(dates: readonly IsoDate[]): { keys: Set<string>; from: IsoDate; to: IsoDate } {
  const keys = new Set<string>();
  let from = '9999-12-31';
  let to = '0000-01-01';
  for (const d of dates)
    for (const unit of ['month', 'quarter', 'half', 'year'] as const) {
      const p = periodOf(unit, d);
      keys.add(p.key);
      if (p.start < from) from = p.start;
      if (p.start > to) to = p.start;
    }
  return { keys, from, to };
}

/** Month periods from `since` through `through`, for trend axes. */
export const monthsBetween = (since: IsoDate, through: IsoDate) => periodsStartingIn('month', since, through);
