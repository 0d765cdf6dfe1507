import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DailyJobs } from '../../jobs/daily-jobs';
import { createTestContext, TEST_TODAY, type TestContext } from '../../testing/harness';
import { smallTree } from '../../testing/trees';
import { OrgLifeJob } from './org-life.job';
import { rebuildRollups } from './rollups.repository';

let ctx: TestContext;
let runs = 0;

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());
beforeEach(() => ctx.clock.set(TEST_TODAY));

const themeDayAndLecture = (orgId: number, date: string) => ({
  orgId,
  status: 'held' as const,
  types: ['主题党日' as const, '党课' as const],
  date,
  startTime: '09:00',
  endTime: '11:00',
  lecturerName: '书记',
  topic: '专题党课',
});

describe('the dashboard', () => {
  it('counts one combined sitting (套会) for each of its types, in the branch row and every total above it', async () => {
    const t = await smallTree(ctx);
    await rebuildRollups(ctx.deps.db, t.root.tenantId, TEST_TODAY, TEST_TODAY);
    const before = await ctx.services.dashboard.dashboard(t.supervisor, {
      orgId: t.root.id,
      period: '2026-11',
    });
    await ctx.services.meetings.create(t.secretary, themeDayAndLecture(t.branch.id, '2026-11-06'));
    const after = await ctx.services.dashboard.dashboard(t.supervisor, {
      orgId: t.root.id,
      period: '2026-11',
    });
    expect(after.totals.主题党日!.done).toBe(before.totals.主题党日!.done + 1);
    expect(after.totals.党课!.done).toBe(before.totals.党课!.done + 1);
    const unit = await ctx.services.dashboard.dashboard(t.supervisor, {
      orgId: t.branch.id,
      period: '2026-Q4',
    });
    expect(unit.rows.map((r) => r.org.id)).toEqual([t.branch.id, t.group.id]);
    expect(unit.rows[0]!.cells.党课).toMatchObject({ due: 1, done: 1, status: '已完成' });
    // October had none (overdue); November's is this sitting.
    expect(unit.rows[0]!.cells.主题党日).toMatchObject({
      due: 2,
      done: 1,
      pending: 0,
      overdue: 1,
      status: '逾期',
    });
    expect(unit.rows[1]!.cells.支委会).toMatchObject({ due: 0, status: '不适用' });
    const november = after.trend.find((m) => m.month === '2026-11')!;
    expect(november.held.党课).toBe(1);
    const compliance = await ctx.services.dashboard.compliance(t.secretary, {
      orgId: t.branch.id,
      year: 2026,
    });
    const lecture = compliance.evaluations.find(
      (e) => e.meetingType === '党课' && e.period.key === '2026-Q4',
    )!;
    expect(lecture).toMatchObject({ status: '已完成', held: 1 });
    expect(lecture.meetingIds).toHaveLength(1);
  });

  it('does not bind a branch founded mid-quarter for that quarter, and binds it from the next month and quarter', async () => {
    const t = await smallTree(ctx, { branchFounded: '2026-08-15' });
    await rebuildRollups(ctx.deps.db, t.root.tenantId, TEST_TODAY, TEST_TODAY);
    const q3 = await ctx.services.dashboard.dashboard(t.supervisor, { orgId: t.unit.id, period: '2026-Q3' });
    const row = q3.rows.find((r) => r.org.id === t.branch.id)!;
    expect(row.cells.支部党员大会).toMatchObject({ due: 0, status: '不适用' });
    expect(row.cells.主题党日).toMatchObject({ due: 1, overdue: 1, status: '逾期' }); // September only
    const q4 = await ctx.services.dashboard.dashboard(t.supervisor, { orgId: t.unit.id, period: '2026-Q4' });
    expect(q4.rows.find((r) => r.org.id === t.branch.id)!.cells.支部党员大会).toMatchObject({
      due: 1,
      status: '待完成',
    });
  });

  it("moves a branch's totals to its new supervising org in the transaction that moves it", async () => {
    const t = await smallTree(ctx);
    await rebuildRollups(ctx.deps.db, t.root.tenantId, TEST_TODAY, TEST_TODAY);
    await ctx.services.meetings.create(t.secretary, themeDayAndLecture(t.branch.id, '2026-10-09'));
    const unit2 = await ctx.services.orgs.create(t.admin, {
      parentId: t.root.id,
      type: '机关党委',
      name: '中共另一局机关委员会',
    });
    const rootBefore = await ctx.services.dashboard.dashboard(t.supervisor, {
      orgId: t.root.id,
      period: '2026',
    });
    await ctx.services.orgs.move(t.admin, t.branch.id, { newParentId: unit2.id });
    const rootAfter = await ctx.services.dashboard.dashboard(t.supervisor, {
      orgId: t.root.id,
      period: '2026',
    });
    expect(rootAfter.overall).toEqual(rootBefore.overall);
    const rows = new Map(rootAfter.rows.map((r) => [r.org.id, r.total]));
    const before = new Map(rootBefore.rows.map((r) => [r.org.id, r.total]));
    expect(rows.get(unit2.id)!.due).toBe(before.get(t.unit.id)!.due - rows.get(t.unit.id)!.due);
    expect(rows.get(unit2.id)!.done).toBeGreaterThan(0);
  });

  it('treats 支委会 as not applicable from the first month the committee has fewer than three members', async () => {
    const t = await smallTree(ctx);
    const job = new OrgLifeJob(ctx.deps);
    const jobs = new DailyJobs(ctx.deps, [
      { name: `dashboard-test-${++runs}`, run: (d, c) => job.run(d, c) },
    ]);
    await jobs.runDue();
    const detail = await ctx.services.orgs.detail(t.admin, t.other.id);
    ctx.clock.advance(60_000);
    await ctx.services.orgs.endPost(t.admin, detail.posts[2]!.id, { endDate: '2026-09-15' });
    ctx.clock.set('2026-11-21');
    await jobs.runDue();
    const q = await ctx.services.dashboard.dashboard(t.supervisor, { orgId: t.unit.id, period: '2026-Q3' });
    // July and August were owed (and missed); from September on there is no committee.
    expect(q.rows.find((r) => r.org.id === t.other.id)!.cells.支委会).toMatchObject({
      due: 2,
      overdue: 2,
    });
  });

  it('lists every branch and group of a subtree worst first, filtered by status and paged', async () => {
    const t = await smallTree(ctx);
    await rebuildRollups(ctx.deps.db, t.root.tenantId, TEST_TODAY, TEST_TODAY);
    await ctx.services.meetings.create(t.secretary, {
      ...themeDayAndLecture(t.branch.id, '2026-10-09'),
      types: ['支委会'],
    });
    const all = await ctx.services.dashboard.branches(t.supervisor, {
      orgId: t.root.id,
      period: '2026-10',
      page: 1,
      pageSize: 10,
    });
    expect(all.total).toBe(3);
    expect(all.rows[0]!.total.overdue).toBeGreaterThanOrEqual(all.rows[2]!.total.overdue);
    expect(all.rows.find((r) => r.org.id === t.branch.id)!.cells.支委会!.status).toBe('已完成');
    const overdue = await ctx.services.dashboard.branches(t.supervisor, {
      orgId: t.root.id,
      period: '2026-10',
      status: '逾期',
      page: 1,
      pageSize: 1,
    });
    expect(overdue.total).toBe(3);
    expect(overdue.rows).toHaveLength(1);
    expect(overdue.rows[0]!.parentName).not.toBeNull();
  });
});
