import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database';
import { DailyJobs } from '../../jobs/daily-jobs';
import { smallTreeEach } from '../../testing/fixtures';
import { createTestApi } from '../../testing/harness';
import { TEST_PASSWORD } from '../../testing/trees';
import { orgLifeModule } from '../org-life';
import { inboxRepository } from './inbox.repository';

/**
 * Each test runs on its own tree in a shared database; the daily job is driven through a runner of its own
 * over a job name unique to the test, so runs of other tests never count as this test's "last run".
 */
const { ctx, t } = smallTreeEach();
let jobs: DailyJobs;
let runs = 0;

beforeEach(async () => {
  const job = orgLifeJob();
  const name = `org-life-test-${++runs}`;
  jobs = new DailyJobs(ctx.deps, [{ name, run: (date, c) => job.run(date, c) }]);
});

/** The org-life module's daily task: the reminders it raises are what fills these inboxes. */
const orgLifeJob = () => orgLifeModule.dailyTasks!(ctx.deps, ctx.services)[0]!;

const itemsOf = async (accountId: number, kind?: string) =>
  (await inboxRepository.forRecipient(ctx.deps.db, accountId)).filter((i) => !kind || i.kind === kind);

describe('the daily job', () => {
  it("reminds the branch's secretary, within the lead time, of each rule still pending, and only once", async () => {
    await ctx.services.meetings.create(t.secretary, {
      orgId: t.branch.id,
      status: 'held',
      types: ['主题党日'],
      date: '2026-11-05',
      startTime: '09:00',
      endTime: '10:00',
    });
    ctx.clock.set('2026-11-23'); // 7 days before the month ends
    await jobs.runDue();
    const due = await itemsOf(t.secretary.accountId, 'orglife.due');
    // This month's 支委会 is still to do; its 主题党日 is done; the group's 党小组会 goes to the branch secretary.
    expect(due.map((i) => i.title).sort()).toEqual([
      '2026年11月党小组会尚未完成（还剩 7 天）',
      '2026年11月支委会尚未完成（还剩 7 天）',
    ]);
    expect(due[0]).toMatchObject({ dueOn: '2026-11-30', readAt: null });
    expect(due.find((i) => i.title.includes('支委会'))!.body).toContain(
      '依据：《中国共产党支部工作条例（试行）》第十二条',
    );
    expect(await itemsOf(t.otherSecretary.accountId, 'orglife.due')).toHaveLength(2); // 支委会, 主题党日
    expect(await itemsOf(t.member.accountId, 'orglife.due')).toHaveLength(0);

    await jobs.runDue();
    await orgLifeJob().run('2026-11-23', { today: '2026-11-23', previousRunStartedAt: null });
    expect(await itemsOf(t.secretary.accountId, 'orglife.due')).toHaveLength(2);
  });

  it('does not remind before the lead time', async () => {
    ctx.clock.set('2026-11-22');
    await jobs.runDue();
    expect(await itemsOf(t.secretary.accountId, 'orglife.due')).toHaveLength(0);
  });

  it('catches up every missed day after downtime, with the supervisors’ digest of the month end it slept through', async () => {
    ctx.clock.set('2026-11-27');
    await jobs.runDue();
    ctx.clock.set('2026-12-03');
    await jobs.runDue();
    const days = await queryRows<{ run_date: string }>(
      ctx.deps.db,
      sql`select run_date from job_runs where job = ${`org-life-test-${runs}`} order by run_date`,
    );
    expect(days.map((d) => d.run_date)).toEqual([
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
    ]);
    const digest = await itemsOf(t.supervisor.accountId, 'orglife.overdueDigest');
    expect(digest).toHaveLength(1);
    expect(digest[0]!.title).toBe('组织生活逾期汇总：截至 2026-11-30，3 个组织未按期完成');
    expect(digest[0]!.body).toContain(`${t.branch.name}：支委会、主题党日`);
    expect(digest[0]!.link).toBe(`/org-life/dashboard?orgId=${t.root.id}&period=2026-11`);
    // The December obligations were materialized on the first.
    const settings = await ctx.services.rulebook.settings(t.admin, t.root.id);
    expect(settings.materializedThrough).toBe('2026-12-03');

    await jobs.runDue();
    await orgLifeJob().run('2026-12-01', { today: '2026-12-03', previousRunStartedAt: null });
    expect(await itemsOf(t.supervisor.accountId, 'orglife.overdueDigest')).toHaveLength(1);
  });

  it('picks up an org founded since the last run from the audit log', async () => {
    await jobs.runDue();
    ctx.clock.advance(60_000);
    const founded = await ctx.services.orgs.create(t.admin, {
      parentId: t.unit.id,
      type: '党支部',
      name: '补登的支部',
      establishedOn: '2026-06-15',
    });
    ctx.clock.set('2026-11-21');
    await jobs.runDue();
    const compliance = await ctx.services.dashboard.dashboard(t.supervisor, {
      orgId: t.unit.id,
      period: '2026-Q3',
    });
    const row = compliance.rows.find((r) => r.org.id === founded.id)!;
    expect(row.cells.支部党员大会).toMatchObject({ due: 1, overdue: 1 });
    expect(row.cells.主题党日).toMatchObject({ due: 3, overdue: 3 });
  });
});

describe('the inbox', () => {
  it('lists my items newest first with the unread count, marks them read, and never touches anyone else’s', async () => {
    await ctx.services.meetings.create(t.secretary, {
      orgId: t.branch.id,
      status: 'planned',
      types: ['主题党日'],
      date: '2026-11-26',
      startTime: '09:00',
      endTime: '10:00',
    });
    ctx.clock.set('2026-11-24');
    await jobs.runDue();
    const api = await createTestApi(ctx);
    try {
      const shuji = await api.login(t.secretary.loginName, TEST_PASSWORD);
      const page = await shuji.request('GET', '/api/v1/inbox');
      expect(page.status).toBe(200);
      expect(page.json.unread).toBe(4);
      expect(page.json.rows.map((r: { kind: string }) => r.kind).sort()).toEqual([
        'meeting.planned',
        'orglife.due',
        'orglife.due',
        'orglife.due',
      ]);
      const first = page.json.rows[0].id;
      const read = await shuji.request('POST', `/api/v1/inbox/${first}/read`);
      expect(read.status).toBe(200);
      expect(read.json.readAt).not.toBeNull();
      expect((await shuji.request('GET', '/api/v1/inbox/unread-count')).json).toEqual({ unread: 3 });
      expect((await shuji.request('GET', '/api/v1/inbox?unreadOnly=true')).json.rows).toHaveLength(3);

      const member = await api.login(t.member.loginName, TEST_PASSWORD);
      expect((await member.request('POST', `/api/v1/inbox/${first}/read`)).status).toBe(404);
      expect(
        (await member.request('GET', '/api/v1/inbox')).json.rows.map((r: { id: number }) => r.id),
      ).not.toContain(first);

      expect((await shuji.request('POST', '/api/v1/inbox/read-all')).json).toEqual({ updated: 3 });
      expect((await shuji.request('GET', '/api/v1/inbox/unread-count')).json).toEqual({ unread: 0 });
    } finally {
      await api.app.close();
    }
  });
});
