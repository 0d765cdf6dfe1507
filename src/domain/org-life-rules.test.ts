import { describe, expect, it } from 'vitest';
import {
  addToTally,
  applies,
  committeeOn,
  committeeSpans,
  effectiveRules,
  emptyTally,
  evaluateOrg,
  evaluateRule,
  isAtLeastAsStrict,
  NATIONAL_RULES,
  needsReminder,
  type OrgLifeFacts,
  obligations,
  type RuleOverride,
  ruleOn,
  tallyStatus,
  tighteningProblem,
} from './org-life-rules';
import { periodOf } from './period';

const rule = (type: string) => NATIONAL_RULES.find((r) => r.meetingType === type)!;
const branch: OrgLifeFacts = {
  type: '党支部',
  establishedOn: '2020-01-01',
  dissolvedOn: null,
  committeeSpans: [{ from: '2020-01-01', to: null }],
};

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

describe('committees from post history', () => {
  const post = (holder: string, startDate: string, endDate: string | null = null) => ({
    holder,
    startDate,
    endDate,
  });

  it('exists while at least three people hold posts, and not with only a secretary and a deputy', () => {
    const posts = [
      post('1', '2024-01-01'),
      post('2', '2024-01-01'),
      post('3', '2024-03-01', '2026-06-10'),
      post('4', '2026-07-01'),
    ];
    expect(committeeSpans(posts)).toEqual([
      { from: '2024-03-01', to: '2026-06-10' },
      { from: '2026-07-01', to: null },
    ]);
    expect(committeeOn(posts, '2026-06-10')).toEqual(['1', '2']);
    expect(committeeSpans([post('1', '2024-01-01'), post('2', '2024-01-01')])).toEqual([]);
  });

  it('counts a person holding two posts once', () => {
    expect(
      committeeSpans([post('1', '2024-01-01'), post('1', '2024-01-01'), post('2', '2024-01-01')]),
    ).toEqual([]);
  });

  it('makes 支委会 not applicable in a month the committee fell below three', () => {
    const facts: OrgLifeFacts = {
      ...branch,
      committeeSpans: committeeSpans([
        post('1', '2020-01-01'),
        post('2', '2020-01-01'),
        post('3', '2020-01-01', '2026-06-10'),
        post('4', '2026-07-01'),
      ]),
    };
    const june = evaluateOrg(facts, [], [], '2026-05-01', '2026-07-31', '2026-08-05').filter(
      (e) => e.meetingType === '支委会',
    );
    expect(june.map((e) => [e.period.key, e.status])).toEqual([
      ['2026-05', '逾期'],
      ['2026-06', '不适用'],
      ['2026-07', '逾期'],
    ]);
  });
});

describe('the rule in force', () => {
  const override = (o: Partial<RuleOverride>): RuleOverride => ({
    orgPath: '/1/',
    meetingType: '党课',
    unit: 'month',
    minCount: 1,
    regulation: '工委规定：党课每月1次',
    validFrom: '2026-11-01',
    validTo: null,
    ...o,
  });

  it('is the strictest among the national rule and the overrides valid that day', () => {
    const overrides = [
      override({}),
      override({ unit: 'quarter', minCount: 2, regulation: '本委：每季度2次', validFrom: '2026-01-01' }),
    ];
    expect(ruleOn('党课', overrides, '2026-10-31')).toMatchObject({ unit: 'quarter', minCount: 2 });
    expect(ruleOn('党课', overrides, '2026-11-01')).toMatchObject({
      unit: 'month',
      regulation: '工委规定：党课每月1次',
    });
    expect(ruleOn('党课', [override({ validTo: '2027-01-01' })], '2027-01-01')).toMatchObject({
      unit: 'quarter',
      minCount: 1,
    });
  });

  it('never lets an override loosen the national rule', () => {
    expect(
      ruleOn('支委会', [override({ meetingType: '支委会', unit: 'quarter' })], '2026-12-01'),
    ).toMatchObject({
      unit: 'month',
    });
  });

  it('owes the quarter under the old rule and each month under a monthly rule from its first day', () => {
    const keys = obligations(branch, [override({})], '2026-10-01', '2026-12-31', ['党课']).map(
      (o) => o.period.key,
    );
    expect(keys).toEqual(['2026-11', '2026-12', '2026-Q4']);
  });

  it('refuses to loosen, citing the national rule, and to set what is not stricter than the rule above', () => {
    expect(tighteningProblem({ meetingType: '党课', unit: 'year', minCount: 2 }, null)).toMatch(
      /^不能放宽全国规定：《中国共产党支部工作条例（试行）》第十六条/,
    );
    expect(tighteningProblem({ meetingType: '支委会', unit: 'quarter', minCount: 3 }, null)).toMatch(
      /不能放宽全国规定/,
    );
    expect(tighteningProblem({ meetingType: '党课', unit: 'month', minCount: 1 }, null)).toBeNull();
    const above = ruleOn('党课', [override({})], '2026-12-01')!;
    expect(tighteningProblem({ meetingType: '党课', unit: 'quarter', minCount: 2 }, above)).toMatch(
      /^上级已从严规定：工委规定/,
    );
    expect(tighteningProblem({ meetingType: '党课', unit: 'month', minCount: 2 }, above)).toBeNull();
    expect(tighteningProblem({ meetingType: '专题学习', unit: 'month', minCount: 1 }, null)).toMatch(
      /没有全国统一的频次规定/,
    );
  });
});

describe('obligations at period boundaries', () => {
  it('counts a sitting on the last day of a quarter for that quarter and one on the first day for the next', () => {
    const held = [
      { date: '2026-09-30', types: ['支部党员大会'] as const },
      { date: '2026-10-01', types: ['支部党员大会'] as const },
    ];
    const e = evaluateOrg(branch, [], held, '2026-07-01', '2026-12-31', '2027-01-01').filter(
      (x) => x.meetingType === '支部党员大会',
    );
    expect(e.map((x) => [x.period.key, x.held, x.status])).toEqual([
      ['2026-Q3', 1, '已完成'],
      ['2026-Q4', 1, '已完成'],
    ]);
  });

  it('owes only periods that start inside the window, so a window opening mid-quarter owes from the next quarter', () => {
    const keys = obligations(branch, [], '2026-02-01', '2026-06-30', ['支部党员大会']).map(
      (o) => o.period.key,
    );
    expect(keys).toEqual(['2026-Q2']);
  });

  it('tallies many obligations into the worst status, overdue only once a period has ended', () => {
    const t = emptyTally();
    addToTally(t, { due: 1, done: 1, periodEnd: '2026-09-30' }, '2026-10-15');
    expect(tallyStatus(t)).toBe('已完成');
    addToTally(t, { due: 1, done: 0, periodEnd: '2026-10-31' }, '2026-10-15');
    expect(tallyStatus(t)).toBe('待完成');
    addToTally(t, { due: 2, done: 1, periodEnd: '2026-09-30' }, '2026-10-15');
    expect(t).toEqual({ due: 4, done: 2, pending: 1, overdue: 1 });
    expect(tallyStatus(t)).toBe('逾期');
    expect(tallyStatus(emptyTally())).toBe('不适用');
  });
});
