import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '../../domain/access';
import { formatYuan } from '../../domain/dues';
import { queryRows } from '../db/database';
import {
  actorFor,
  createTestApi,
  createTestContext,
  type TestClient,
  type TestContext,
} from '../testing/harness';
import { orgIdsOnCard } from './card-kit';
import type { TCardData, TWorkbench } from './workbench.schema';

/**
 * The 工作台 through HTTP on the demo installation (today 2026-11-20): each role gets its cards, every figure
 * is the one its module's own page shows, and nothing on a card points outside the actor's scope.
 */
let ctx: TestContext;
let api: Awaited<ReturnType<typeof createTestApi>>;
const as: Record<string, TestClient> = {};
const actors: Record<string, Actor> = {};
let orgPaths: Map<number, string>;
const LOGINS = ['admin', 'gongwei', 'jiguan', 'shuji', 'shuji2', 'dangyuan'] as const;
const YEAR = 2026;

beforeAll(async () => {
  ctx = await createTestContext({ demo: true });
  api = await createTestApi(ctx);
  for (const login of LOGINS) {
    as[login] = await api.login(login);
    actors[login] = await actorFor(ctx, login);
  }
  const orgs = await queryRows<{ id: number; path: string }>(ctx.deps.db, sql`select id, path from orgs`);
  orgPaths = new Map(orgs.map((o) => [Number(o.id), o.path]));
}, 120_000);
afterAll(async () => {
  await api.app.close();
  await ctx.close();
});

async function workbenchOf(login: string): Promise<TWorkbench> {
  const r = await as[login]!.request('GET', '/api/v1/workbench');
  expect(r.status).toBe(200);
  return r.json;
}

function card(bench: TWorkbench, id: string): TCardData {
  const found = bench.cards.find((c) => c.id === id);
  expect(found, `card ${id}`).toBeDefined();
  expect(found!.failed).toBe(false);
  return found!.data!;
}

const figure = (data: TCardData, label: string) => {
  const found = data.figures.find((f) => f.label === label);
  expect(found, `figure ${label}`).toBeDefined();
  return found!;
};

function expectWithin(bench: TWorkbench, root: number) {
  const rootPath = orgPaths.get(root)!;
  for (const c of bench.cards)
    for (const id of orgIdsOnCard(c.data!))
      expect(orgPaths.get(id)!.startsWith(rootPath), `${c.id} shows org ${id} outside ${root}`).toBe(true);
}

const grantOrg = (login: string) => actors[login]!.grants[0]!.orgId;

describe('a member', () => {
  it('sees their meetings, dues, study and reminders, and no desk card', async () => {
    const bench = await workbenchOf('dangyuan');
    expect(bench.today).toBe('2026-11-20');
    expect(bench.cards.map((c) => c.id)).toEqual([
      'org-life.my-meetings',
      'dues.mine',
      'study.mine',
      'inbox.unread',
    ]);
    const actor = actors.dangyuan!;

    const meetings = card(bench, 'org-life.my-meetings');
    const upcoming = await ctx.services.meetings.myMeetings(actor, {
      when: 'upcoming',
      page: 1,
      pageSize: 5,
    });
    expect(figure(meetings, '待参加').value).toBe(upcoming.total);
    expect(meetings.items.map((i) => i.link)).toEqual(upcoming.rows.map((r) => `/my/meetings/${r.id}`));

    const dues = card(bench, 'dues.mine');
    const mine = await ctx.services.duesReports.mine(actor);
    expect(figure(dues, '待交').value).toBe(formatYuan(mine.owedFen));
    expect(dues.link.to).toBe('/my-dues');

    const study = card(bench, 'study.mine');
    const overview = await ctx.services.study.overview.myOverview(actor, YEAR);
    expect(figure(study, `${YEAR}年学时`).value).toBe(`${overview.hours}/${overview.norm}`);
    expect(figure(study, '待参加考试').value).toBe(overview.openExams);

    const inbox = card(bench, 'inbox.unread');
    expect(figure(inbox, '未读提醒').value).toBe(await ctx.services.inbox.unreadCount(actor));
    for (const c of bench.cards) expect(c.data!.org).toBeUndefined();
  });
});

describe('a secretary', () => {
  it("sees the branch's due and overdue obligations, this month's dues and the branch's study coverage", async () => {
    const bench = await workbenchOf('shuji');
    const branch = grantOrg('shuji');
    const actor = actors.shuji!;
    expect(bench.cards.slice(0, 3).map((c) => c.id)).toEqual([
      'org-life.compliance',
      'dues.collection',
      'study.coverage',
    ]);
    expect(bench.cards.map((c) => c.id)).toContain('inbox.unread');

    const orgLife = card(bench, 'org-life.compliance');
    expect(orgLife.org!.id).toBe(branch);
    const { evaluations } = await ctx.services.dashboard.compliance(actor, { orgId: branch, year: YEAR });
    expect(figure(orgLife, '逾期').value).toBe(evaluations.filter((e) => e.status === '逾期').length);
    expect(figure(orgLife, '本期待开展').value).toBe(
      evaluations.filter((e) => e.status === '待完成' && e.period.start <= '2026-11-20').length,
    );
    expect(orgLife.link.to).toBe(`/org-life/compliance?orgId=${branch}&year=${YEAR}`);

    const dues = card(bench, 'dues.collection');
    const month = await ctx.services.duesReports.dashboard(actor, {
      orgId: branch,
      year: YEAR,
      month: '2026-11',
    });
    const arrears = (await ctx.services.duesReports.arrears(actor, branch)).rows.map((r) => r.name);
    // The demo leaves November's ledger for the secretary to generate: the card says so first.
    expect(month.total.members).toBe(0);
    expect(figure(dues, '11月台账').value).toBe('未生成');
    expect(dues.items.map((i) => i.text)).toEqual(['生成11月党费台账', ...arrears].slice(0, 5));
    await ctx.services.dues.generate(actor, { orgId: branch, month: '2026-11' });
    const generated = card(await workbenchOf('shuji'), 'dues.collection');
    const after = await ctx.services.duesReports.dashboard(actor, {
      orgId: branch,
      year: YEAR,
      month: '2026-11',
    });
    expect(after.total.members).toBeGreaterThan(0);
    expect(figure(generated, '已交清').value).toBe(`${after.total.settled}/${after.total.members}`);
    expect(figure(generated, '11月收缴率').value).toBe(after.total.rate);

    const study = card(bench, 'study.coverage');
    const coverage = await ctx.services.study.hours.coverage(actor, branch, YEAR);
    expect(figure(study, '已达标').value).toBe(`${coverage.org.reached}/${coverage.org.members}`);
    expect(study.link.to).toBe(`/study?org=${branch}&tab=coverage`);

    expectWithin(bench, branch);
  });

  it("never sees another branch's numbers", async () => {
    const [mine, theirs] = await Promise.all([workbenchOf('shuji'), workbenchOf('shuji2')]);
    expect(grantOrg('shuji2')).not.toBe(grantOrg('shuji'));
    expectWithin(theirs, grantOrg('shuji2'));
    for (const id of ['org-life.compliance', 'dues.collection', 'study.coverage']) {
      expect(card(theirs, id).org!.id).toBe(grantOrg('shuji2'));
      expect(card(mine, id).org!.id).toBe(grantOrg('shuji'));
    }
    const names = (bench: TWorkbench) =>
      bench.cards.flatMap((c) => c.data!.items.filter((i) => i.link.includes('org=')).map((i) => i.text));
    for (const name of names(theirs)) expect(names(mine)).not.toContain(name);
  });
});

describe('a supervisor', () => {
  it("sees the subtree's compliance, collection rate and study coverage, each leading to its dashboard", async () => {
    for (const login of ['gongwei', 'jiguan']) {
      const bench = await workbenchOf(login);
      const root = grantOrg(login);
      const actor = actors[login]!;
      expect(bench.cards.slice(0, 3).map((c) => c.id)).toEqual([
        'org-life.compliance',
        'dues.collection',
        'study.coverage',
      ]);

      const orgLife = card(bench, 'org-life.compliance');
      const view = await ctx.services.dashboard.dashboard(actor, { orgId: root, period: String(YEAR) });
      expect(orgLife.org!.id).toBe(root);
      expect(figure(orgLife, '逾期').value).toBe(view.overall.overdue);
      expect(orgLife.link.to).toBe(`/org-life/dashboard?orgId=${root}&period=${YEAR}`);

      const dues = card(bench, 'dues.collection');
      const month = await ctx.services.duesReports.dashboard(actor, {
        orgId: root,
        year: YEAR,
        month: '2026-11',
      });
      expect(figure(dues, '11月收缴率').value).toBe(month.total.rate);
      expect(figure(dues, '已收').value).toBe(formatYuan(month.total.collectedFen));
      expect(dues.link.to).toBe(`/dues/dashboard?org=${root}`);

      const study = card(bench, 'study.coverage');
      const coverage = await ctx.services.study.hours.coverage(actor, root, YEAR);
      expect(figure(study, '学时达标').value).toBe(coverage.org.coverage);
      expect(study.link.to).toBe(`/study?org=${root}&tab=coverage`);

      expectWithin(bench, root);
      const self = bench.cards.some((c) => c.id === 'dues.mine');
      expect(self).toBe(actor.memberId !== null);
    }
  });
});

describe('a card that fails', () => {
  it('is marked failed and logged while the others still load', async () => {
    const spy = vi
      .spyOn(ctx.services.duesReports, 'mine')
      .mockRejectedValueOnce(new Error('ledger unreachable'));
    const logged: string[] = [];
    const bench = await ctx.services.workbench.load(actors.dangyuan!, (_error, id) => logged.push(id));
    spy.mockRestore();
    expect(logged).toEqual(['dues.mine']);
    expect(bench.cards.find((c) => c.id === 'dues.mine')).toMatchObject({ failed: true, data: null });
    expect(bench.cards.filter((c) => !c.failed).map((c) => c.id)).toEqual([
      'org-life.my-meetings',
      'study.mine',
      'inbox.unread',
    ]);
  });
});
