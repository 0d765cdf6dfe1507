import { beforeEach, describe, expect, it } from 'vitest';
import { smallTreeEach } from '../../testing/fixtures';
import { TEST_TODAY } from '../../testing/harness';
import { rebuildRollups, rollupsRepository } from './rollups.repository';

const { ctx, t } = smallTreeEach();

beforeEach(async () => {
  await rebuildRollups(ctx.deps.db, t.root.tenantId, TEST_TODAY, TEST_TODAY);
});

const monthly = (orgId: number, validFrom = '2026-11-01') => ({
  orgId,
  meetingType: '党课' as const,
  unit: 'month' as const,
  minCount: 1,
  regulation: '测试机关党委规定：党课每月1次',
  validFrom,
});

const stored = async () =>
  (await rollupsRepository.all(ctx.deps.db, t.root.tenantId))
    .filter((r) => r.required || r.held || r.subDue || r.subHeld)
    .map(({ updatedAt: _u, ...r }) => r)
    .sort(
      (a, b) =>
        a.orgId - b.orgId ||
        a.meetingType.localeCompare(b.meetingType) ||
        a.periodKey.localeCompare(b.periodKey),
    );

describe('tightening the rulebook', () => {
  it('lets a supervisor make 党课 monthly for its subtree from a month on, keeping the quarter already begun', async () => {
    const book = await ctx.services.rulebook.tighten(t.supervisor, monthly(t.unit.id));
    expect(book.overrides).toEqual([
      expect.objectContaining({ meetingType: '党课', unit: 'month', own: true, validTo: null }),
    ]);
    const compliance = await ctx.services.dashboard.compliance(t.supervisor, {
      orgId: t.branch.id,
      year: 2026,
    });
    expect(
      compliance.evaluations
        .filter((e) => e.meetingType === '党课')
        .map((e) => [e.period.key, e.regulation.slice(0, 8)]),
    ).toEqual([
      ['2026-11', '测试机关党委规定'],
      ['2026-12', '测试机关党委规定'],
      ['2026-Q1', '《中国共产党支部'],
      ['2026-Q2', '《中国共产党支部'],
      ['2026-Q3', '《中国共产党支部'],
      ['2026-Q4', '《中国共产党支部'],
    ]);
    const forBranch = await ctx.services.rulebook.get(t.secretary, t.branch.id);
    expect(forBranch.effective.find((r) => r.meetingType === '党课')).toMatchObject({
      unit: 'month',
      source: 'override',
      sourceOrgName: t.unit.name,
    });
    // The subtree's rollups were recomputed in the same transaction: they equal a rebuild from scratch.
    const maintained = await stored();
    await rebuildRollups(ctx.deps.db, t.root.tenantId, TEST_TODAY);
    expect(await stored()).toEqual(maintained);
    const dashboard = await ctx.services.dashboard.dashboard(t.supervisor, {
      orgId: t.unit.id,
      period: '2026-11',
    });
    expect(dashboard.totals.党课).toMatchObject({ due: 4, done: 0, pending: 4 });
  });

  it('refuses to loosen below the national rule, citing it', async () => {
    await expect(
      ctx.services.rulebook.tighten(t.supervisor, {
        ...monthly(t.unit.id),
        meetingType: '支委会',
        unit: 'quarter',
        minCount: 2,
      }),
    ).rejects.toThrow(
      /^不能放宽全国规定：《中国共产党支部工作条例（试行）》第十二条：党支部委员会会议一般每月召开1次/,
    );
    await expect(
      ctx.services.rulebook.tighten(t.supervisor, {
        ...monthly(t.unit.id),
        meetingType: '组织生活会',
        unit: 'year',
        minCount: 1,
      }),
    ).resolves.toBeDefined();
  });

  it('refuses, below a stricter rule set higher up, anything not stricter still', async () => {
    await ctx.services.rulebook.tighten(t.supervisor, {
      ...monthly(t.root.id),
      regulation: '工委规定：党课每月1次',
    });
    await expect(
      ctx.services.rulebook.tighten(t.supervisor, { ...monthly(t.unit.id), unit: 'quarter', minCount: 2 }),
    ).rejects.toThrow(/^上级已从严规定：工委规定：党课每月1次/);
    await expect(
      ctx.services.rulebook.tighten(t.supervisor, { ...monthly(t.unit.id), minCount: 2 }),
    ).resolves.toBeDefined();
    const forBranch = await ctx.services.rulebook.get(t.supervisor, t.branch.id);
    expect(forBranch.effective.find((r) => r.meetingType === '党课')).toMatchObject({
      minCount: 2,
      sourceOrgName: t.unit.name,
    });
  });

  it('lets only supervisors set rules, from this month or later, starting on the first of a month', async () => {
    await expect(ctx.services.rulebook.tighten(t.secretary, monthly(t.branch.id))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      ctx.services.rulebook.tighten(t.supervisor, monthly(t.unit.id, '2026-10-01')),
    ).rejects.toThrow(/不能追溯/);
    await expect(
      ctx.services.rulebook.tighten(t.supervisor, monthly(t.unit.id, '2026-12-15')),
    ).rejects.toThrow(/1 日/);
  });

  it('keeps versions: a new rule supersedes the previous one from its first day, and a retired rule gives way to the national one', async () => {
    const first = await ctx.services.rulebook.tighten(t.supervisor, monthly(t.unit.id));
    const firstId = first.overrides[0]!.id;
    const second = await ctx.services.rulebook.tighten(t.supervisor, {
      ...monthly(t.unit.id, '2026-12-01'),
      unit: 'quarter',
      minCount: 2,
      regulation: '测试机关党委规定：党课每季度2次',
    });
    expect(second.overrides.map((o) => [o.id === firstId, o.validFrom, o.validTo])).toEqual([
      [false, '2026-12-01', null],
      [true, '2026-11-01', '2026-12-01'],
    ]);
    const retired = await ctx.services.rulebook.retire(t.supervisor, second.overrides[0]!.id, '2027-01-01');
    expect(retired.overrides[0]!.validTo).toBe('2027-01-01');
    const next = await ctx.services.dashboard.compliance(t.supervisor, { orgId: t.branch.id, year: 2027 });
    expect(next.evaluations.filter((e) => e.meetingType === '党课').map((e) => e.period.key)).toEqual([
      '2027-Q1',
      '2027-Q2',
      '2027-Q3',
      '2027-Q4',
    ]);
  });
});
