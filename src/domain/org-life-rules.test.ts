import { describe, expect, it } from 'vitest';
import {
  applies,
  effectiveRules,
  evaluateRule,
  isAtLeastAsStrict,
  NATIONAL_RULES,
  needsReminder,
  type OrgLifeFacts,
  periodOf,
  periodsBetween,
} from './org-life-rules';

const rule = (type: string) => NATIONAL_RULES.find((r) => r.meetingType === type)!;
const branch: OrgLifeFacts = {
  type: '党支部',
  establishedOn: '2020-01-01',
  dissolvedOn: null,
  committeeSpans: [{ from: '2020-01-01', to: null }],
};

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

  it('lists every period overlapping a range', () => {
    expect(periodsBetween('quarter', '2026-02-10', '2026-07-01').map((p) => p.key)).toEqual([
      '2026-Q1',
      '2026-Q2',
      '2026-Q3',
    ]);
  });
});

describe('rule evaluation', () => {
  const q3 = periodOf('quarter', '2026-08-01');

  it('marks 支部党员大会 done once held in the quarter, counting a combined sitting (套会) for each of its types', () => {
    const meetings = [{ date: '2026-09-30', types: ['支部党员大会', '党课'] as const }];
    expect(evaluateRule(rule('支部党员大会'), branch, meetings, q3, '2026-10-05').status).toBe('已完成');
    expect(evaluateRule(rule('党课'), branch, meetings, q3, '2026-10-05').status).toBe('已完成');
  });

  it('is pending up to the last day of the period and overdue the day after', () => {
    expect(evaluateRule(rule('支部党员大会'), branch, [], q3, '2026-09-30').status).toBe('待完成');
    expect(evaluateRule(rule('支部党员大会'), branch, [], q3, '2026-10-01').status).toBe('逾期');
  });

  it('ignores sittings outside the period, at both edges', () => {
    const meetings = [
      { date: '2026-06-30', types: ['支部党员大会'] as const },
      { date: '2026-10-01', types: ['支部党员大会'] as const },
    ];
    expect(evaluateRule(rule('支部党员大会'), branch, meetings, q3, '2026-10-02')).toMatchObject({
      held: 0,
      status: '逾期',
    });
  });

  it('marks 支委会 overdue after a month with none, and not applicable where no committee existed', () => {
    const oct = periodOf('month', '2026-10-10');
    expect(evaluateRule(rule('支委会'), branch, [], oct, '2026-11-01').status).toBe('逾期');
    const noCommittee = { ...branch, committeeSpans: [] };
    expect(evaluateRule(rule('支委会'), noCommittee, [], oct, '2026-11-01').status).toBe('不适用');
    const committeeFromMidMonth = { ...branch, committeeSpans: [{ from: '2026-10-15', to: null }] };
    expect(applies(rule('支委会'), committeeFromMidMonth, oct)).toBe(false);
    expect(applies(rule('支委会'), committeeFromMidMonth, periodOf('month', '2026-11-01'))).toBe(true);
  });

  it('does not bind an org founded during the period or dissolved before it ends', () => {
    const founded = { ...branch, establishedOn: '2026-08-15' };
    expect(evaluateRule(rule('支部党员大会'), founded, [], q3, '2026-10-10').status).toBe('不适用');
    expect(
      evaluateRule(rule('支部党员大会'), founded, [], periodOf('quarter', '2026-10-01'), '2027-01-01').status,
    ).toBe('逾期');
    const dissolved = { ...branch, dissolvedOn: '2026-09-01' };
    expect(evaluateRule(rule('支部党员大会'), dissolved, [], q3, '2026-10-10').status).toBe('不适用');
  });

  it('applies 党小组会 to party groups only', () => {
    const group: OrgLifeFacts = { ...branch, type: '党小组', committeeSpans: [] };
    const oct = periodOf('month', '2026-10-10');
    expect(evaluateRule(rule('党小组会'), group, [], oct, '2026-11-01').status).toBe('逾期');
    expect(evaluateRule(rule('党小组会'), branch, [], oct, '2026-11-01').status).toBe('不适用');
  });

  it('reminds a configurable number of days before the period ends, only while pending', () => {
    const pending = evaluateRule(rule('支部党员大会'), branch, [], q3, '2026-09-20');
    expect(needsReminder(pending, '2026-09-22', 7)).toBe(false);
    expect(needsReminder(pending, '2026-09-23', 7)).toBe(true);
    const done = evaluateRule(
      rule('支部党员大会'),
      branch,
      [{ date: '2026-09-01', types: ['支部党员大会'] }],
      q3,
      '2026-09-24',
    );
    expect(needsReminder(done, '2026-09-24', 7)).toBe(false);
  });
});

describe('tightening the rulebook', () => {
  it('allows a supervisor to make 党课 monthly, but never yearly or less often', () => {
    expect(isAtLeastAsStrict({ unit: 'month', minCount: 1 }, rule('党课'))).toBe(true);
    expect(isAtLeastAsStrict({ unit: 'quarter', minCount: 2 }, rule('党课'))).toBe(true);
    expect(isAtLeastAsStrict({ unit: 'year', minCount: 4 }, rule('党课'))).toBe(false);
    expect(isAtLeastAsStrict({ unit: 'half', minCount: 1 }, rule('党课'))).toBe(false);
    expect(isAtLeastAsStrict({ unit: 'quarter', minCount: 0 }, rule('党课'))).toBe(false);
  });

  it('uses a stricter override and ignores a looser one', () => {
    const rules = effectiveRules([
      { meetingType: '党课', unit: 'month', minCount: 1, regulation: '本委规定：党课每月1次' },
      { meetingType: '支委会', unit: 'quarter', minCount: 1, regulation: '放宽（无效）' },
    ]);
    expect(rules.find((r) => r.meetingType === '党课')).toMatchObject({
      unit: 'month',
      regulation: '本委规定：党课每月1次',
    });
    expect(rules.find((r) => r.meetingType === '支委会')).toMatchObject({ unit: 'month' });
  });
});
