import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../../domain/access';
import { addDays, type IsoDate, laterOf } from '../../../domain/calendar';
import {
  committeeSpans,
  evaluateOrg,
  type HeldMeeting,
  type MeetingType,
  type OrgLifeFacts,
  obligationStatus,
  type RuleOverride,
} from '../../../domain/org-life-rules';
import { pathIds } from '../../../domain/org-rules';
import { periodOf } from '../../../domain/period';
import { queryRows } from '../../db/database';
import { createTestContext, TEST_TODAY, type TestContext } from '../../testing/harness';
import { testConfig } from '../../testing/test-config';
import { addAccount, addMembers, addOrg, addPost } from '../../testing/trees';
import type { Org } from '../orgs';
import { meetingsRepository } from './meetings.repository';
import { orgLifeRuleOverrides } from './meetings.table';
import { rebuildRollups, rollupsRepository } from './rollups.repository';

/**
 * The dashboard's rollups, maintained incrementally inside every write, always equal the pure evaluation
 * (src/domain/org-life-rules.ts) of a model of what happened: random histories of sittings recorded,
 * rescheduled, retyped, amended after locking, deleted, branches moved between supervising orgs with
 * different rulebooks, and committee posts taken up and left (the rollups follow in the same transaction).
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const TODAY = TEST_TODAY;
const SINCE = '2026-01-01';
const DAYS = 323; // 2026-01-01 … 2026-11-20
const BRANCH_TYPES: MeetingType[] = [
  '支部党员大会',
  '支委会',
  '党课',
  '主题党日',
  '组织生活会',
  '民主评议党员',
  '专题学习',
];
const GROUP_TYPES: MeetingType[] = ['党小组会', '党课', '专题学习'];

interface Tenure {
  id: number;
  holder: string;
  startDate: IsoDate;
  endDate: IsoDate | null;
}

interface World {
  admin: Actor;
  tenantId: number;
  root: Org;
  units: [Org, Org];
  leaves: Org[];
  facts: Map<number, OrgLifeFacts>;
  parent: Map<number, number>;
  overrides: RuleOverride[];
  /** Each branch's committee posts (those the model may end) and members who may take a new post. */
  posts: Map<number, Tenure[]>;
  spare: Map<number, number[]>;
}

let worlds = 0;

/** 工委 → two 机关党委 (the second tightens 党课 to monthly) → three branches, one with a group. */
async function buildWorld(): Promise<World> {
  const n = ++worlds;
  const root = await addOrg(ctx, null, `性质测试${n}工委`, '工委');
  const u1 = await addOrg(ctx, root, '第一机关党委', '机关党委');
  const u2 = await addOrg(ctx, root, '第二机关党委', '机关党委');
  const b1 = await addOrg(ctx, u1, '甲支部', '党支部');
  const g1 = await addOrg(ctx, b1, '甲支部第一党小组', '党小组');
  const b2 = await addOrg(ctx, u1, '乙支部（年中成立）', '党支部', '2026-04-15');
  const b3 = await addOrg(ctx, u2, '丙支部（无支委会）', '党支部');
  const posts: { org: Org; from: IsoDate; count: number }[] = [
    { org: b1, from: '2020-01-01', count: 3 },
    { org: b2, from: '2026-05-01', count: 3 },
    { org: b3, from: '2020-01-01', count: 2 },
  ];
  const facts = new Map<number, OrgLifeFacts>();
  const held = new Map<number, Tenure[]>();
  const spare = new Map<number, number[]>();
  for (const p of posts) {
    const ids = await addMembers(
      ctx,
      p.org,
      Array.from({ length: p.count + 2 }, () => ['2010-01-01', '2011-01-01'] as const),
    );
    spare.set(p.org.id, ids.splice(p.count));
    const tenures: Tenure[] = [];
    for (const id of ids) {
      const post = await addPost(ctx, p.org, id, '委员', p.from);
      tenures.push({ id: post.id, holder: String(id), startDate: p.from, endDate: null });
    }
    held.set(p.org.id, tenures);
    facts.set(p.org.id, {
      type: '党支部',
      establishedOn: p.org.establishedOn,
      dissolvedOn: null,
      committeeSpans: committeeSpans(
        ids.map((id) => ({ holder: String(id), startDate: p.from, endDate: null })),
      ),
    });
  }
  facts.set(g1.id, {
    type: '党小组',
    establishedOn: g1.establishedOn,
    dissolvedOn: null,
    committeeSpans: [],
  });
  const tightened: RuleOverride = {
    orgPath: u2.path,
    meetingType: '党课',
    unit: 'month',
    minCount: 1,
    regulation: '第二机关党委规定：党课每月1次',
    validFrom: '2026-07-01',
    validTo: null,
  };
  await ctx.deps.db
    .insert(orgLifeRuleOverrides)
    .values({ ...tightened, tenantId: root.tenantId, orgId: u2.id });
  await rollupsRepository.settings(ctx.deps.db, root.tenantId, TODAY);
  await rebuildRollups(ctx.deps.db, root.tenantId, TODAY, TODAY);
  const admin = await addAccount(ctx, `prop${n}-admin`, [{ role: 'admin', org: root }]);
  return {
    admin,
    tenantId: root.tenantId,
    root,
    units: [u1, u2],
    leaves: [b1, g1, b2, b3],
    facts,
    parent: new Map([
      [u1.id, root.id],
      [u2.id, root.id],
      [b1.id, u1.id],
      [g1.id, b1.id],
      [b2.id, u1.id],
      [b3.id, u2.id],
    ]),
    overrides: [tightened],
    posts: held,
    spare,
  };
}

type Command =
  | { kind: 'record'; leaf: number; types: number[]; day: number; held: boolean }
  | { kind: 'change'; pick: number; types: number[] | null; day: number | null; hold: boolean }
  | { kind: 'delete'; pick: number }
  | { kind: 'move'; branch: number; unit: number }
  | { kind: 'post'; branch: number; pick: number; day: number; begin: boolean };

const typeIndexes = fc.uniqueArray(fc.nat(6), { minLength: 1, maxLength: 3 });
const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('record' as const),
      leaf: fc.nat(3),
      types: typeIndexes,
      day: fc.nat(DAYS),
      held: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('change' as const),
      pick: fc.nat(),
      types: fc.option(typeIndexes, { nil: null }),
      day: fc.option(fc.nat(DAYS), { nil: null }),
      hold: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('move' as const), branch: fc.nat(2), unit: fc.nat(1) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('post' as const),
      branch: fc.nat(2),
      pick: fc.nat(),
      day: fc.nat(DAYS),
      begin: fc.boolean(),
    }),
  },
);

interface ModelMeeting {
  id: number;
  orgId: number;
  date: IsoDate;
  types: MeetingType[];
  held: boolean;
  locked: boolean;
}

function typesFor(world: World, orgId: number, indexes: number[]): MeetingType[] {
  const pool = world.facts.get(orgId)!.type === '党小组' ? GROUP_TYPES : BRANCH_TYPES;
  return [...new Set(indexes.map((i) => pool[i % pool.length]!))];
}

function dateFor(world: World, orgId: number, day: number): IsoDate {
  const date = addDays(SINCE, day);
  const founded = world.facts.get(orgId)!.establishedOn!;
  return laterOf(date, founded);
}

async function apply(world: World, model: ModelMeeting[], c: Command): Promise<void> {
  const meetings = ctx.services.meetings;
  if (c.kind === 'record') {
    const orgId = world.leaves[c.leaf]!.id;
    const types = typesFor(world, orgId, c.types);
    const date = dateFor(world, orgId, c.day);
    const created = await meetings.create(world.admin, {
      orgId,
      status: c.held ? 'held' : 'planned',
      types,
      date,
      startTime: '09:00',
      endTime: '10:00',
      lecturerName: '授课人',
      topic: '主题',
    });
    // Recorded the day after it was held: sittings more than 30 days old are locked today.
    if (c.held)
      await ctx.deps.db.execute(
        sql`update meetings set recorded_on = ${addDays(date, 1)} where id = ${created.id}`,
      );
    model.push({
      id: created.id,
      orgId,
      date,
      types,
      held: c.held,
      locked: c.held && addDays(date, 31) <= TODAY,
    });
  } else if (c.kind === 'change') {
    const m = model[c.pick % Math.max(model.length, 1)];
    if (!m) return;
    const types = c.types ? typesFor(world, m.orgId, c.types) : m.types;
    const date = c.day !== null ? dateFor(world, m.orgId, c.day) : m.date;
    if (m.locked) await meetings.amend(world.admin, m.id, { reason: '更正', changes: { types, date } });
    else
      await meetings.update(world.admin, m.id, {
        types,
        date,
        ...(c.hold ? { status: 'held' as const } : {}),
      });
    m.types = types;
    m.date = date;
    m.held = m.held || c.hold;
  } else if (c.kind === 'delete') {
    const i = c.pick % Math.max(model.length, 1);
    const m = model[i];
    if (!m || m.locked) return;
    await meetings.delete(world.admin, m.id);
    model.splice(i, 1);
  } else if (c.kind === 'post') {
    // A committee member takes up or leaves a post: whether 支委会 is owed changes from that month.
    const branch = [world.leaves[0]!, world.leaves[2]!, world.leaves[3]!][c.branch]!;
    const tenures = world.posts.get(branch.id)!;
    if (c.begin) {
      const spare = world.spare.get(branch.id)!;
      const memberId = spare.shift();
      if (memberId === undefined) return;
      const startDate = dateFor(world, branch.id, c.day);
      const post = await ctx.services.orgs.addPost(world.admin, branch.id, {
        post: '委员',
        memberId,
        startDate,
      });
      tenures.push({ id: post.id, holder: String(memberId), startDate, endDate: null });
    } else {
      const open = tenures.filter((t) => t.endDate === null);
      const tenure = open[c.pick % Math.max(open.length, 1)];
      if (!tenure) return;
      const endDate = laterOf(dateFor(world, branch.id, c.day), tenure.startDate);
      await ctx.services.orgs.endPost(world.admin, tenure.id, { endDate });
      tenure.endDate = endDate;
    }
    const facts = world.facts.get(branch.id)!;
    world.facts.set(branch.id, { ...facts, committeeSpans: committeeSpans(tenures) });
  } else {
    const branch = [world.leaves[0]!, world.leaves[2]!, world.leaves[3]!][c.branch]!;
    const unit = world.units[c.unit]!;
    if (world.parent.get(branch.id) === unit.id) return;
    await ctx.services.orgs.move(world.admin, branch.id, { newParentId: unit.id });
    world.parent.set(branch.id, unit.id);
  }
}

const keyOf = (orgId: number, type: string, period: string) => `${orgId}|${type}|${period}`;

/** The model's path of an org: root first. */
function pathOf(world: World, orgId: number): number[] {
  const up = [orgId];
  while (world.parent.has(up[0]!)) up.unshift(world.parent.get(up[0]!)!);
  return up;
}

async function check(world: World, model: ModelMeeting[]) {
  const expectedOwn = new Map<string, { required: number; held: number; status: string; end: IsoDate }>();
  for (const leaf of world.leaves) {
    const path = `/${pathOf(world, leaf.id).join('/')}/`;
    const overrides = world.overrides.filter((o) => path.startsWith(o.orgPath));
    const held: HeldMeeting[] = model.filter((m) => m.orgId === leaf.id && m.held);
    for (const e of evaluateOrg(world.facts.get(leaf.id)!, overrides, held, SINCE, TODAY, TODAY))
      expectedOwn.set(keyOf(leaf.id, e.meetingType, e.period.key), {
        required: e.status === '不适用' ? 0 : e.required,
        held: e.held,
        status: e.status,
        end: e.period.end,
      });
    // Month rows count sittings by month for the trend, whatever the rule's unit.
    for (const m of held)
      for (const type of m.types) {
        const month = periodOf('month', m.date);
        const key = keyOf(leaf.id, type, month.key);
        if (expectedOwn.has(key)) continue;
        const count = held.filter(
          (h) => h.date >= month.start && h.date <= month.end && h.types.includes(type),
        ).length;
        expectedOwn.set(key, { required: 0, held: count, status: '不适用', end: month.end });
      }
  }
  const stored = await rollupsRepository.all(ctx.deps.db, world.tenantId);
  const byKey = new Map(stored.map((r) => [keyOf(r.orgId, r.meetingType, r.periodKey), r]));
  for (const [key, want] of expectedOwn) {
    const have = byKey.get(key);
    expect({ key, required: have?.required ?? 0, held: have?.held ?? 0 }).toEqual({
      key,
      required: want.required,
      held: want.held,
    });
    if (have) expect(obligationStatus(have.required, have.held, have.periodEnd, TODAY)).toBe(want.status);
  }
  for (const r of stored)
    if (!expectedOwn.has(keyOf(r.orgId, r.meetingType, r.periodKey)))
      expect({ key: keyOf(r.orgId, r.meetingType, r.periodKey), required: r.required, held: r.held }).toEqual(
        {
          key: keyOf(r.orgId, r.meetingType, r.periodKey),
          required: 0,
          held: 0,
        },
      );
  // Every org's subtree columns are the sums over the orgs at or below it in the model's tree.
  const expectedSub = new Map<string, { due: number; done: number; held: number }>();
  for (const [key, own] of expectedOwn) {
    const [orgId, type, period] = key.split('|');
    for (const ancestor of pathOf(world, Number(orgId))) {
      const k = keyOf(ancestor, type!, period!);
      const s = expectedSub.get(k) ?? { due: 0, done: 0, held: 0 };
      s.due += own.required > 0 ? 1 : 0;
      s.done += own.required > 0 && own.held >= own.required ? 1 : 0;
      s.held += own.held;
      expectedSub.set(k, s);
    }
  }
  for (const [key, want] of expectedSub) {
    const have = byKey.get(key);
    expect({ key, due: have?.subDue ?? 0, done: have?.subDone ?? 0, held: have?.subHeld ?? 0 }).toEqual({
      key,
      ...want,
    });
  }
  for (const r of stored)
    if (!expectedSub.has(keyOf(r.orgId, r.meetingType, r.periodKey)))
      expect([r.subDue, r.subDone, r.subHeld]).toEqual([0, 0, 0]);
  // And the stored paths follow the moves.
  for (const r of stored) expect(pathIds(r.orgPath)).toEqual(pathOf(world, r.orgId));
}

it('keeps the rollups equal to the pure evaluation over random histories of records, amendments, deletions, moves and committee changes', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 14 }), async (commands) => {
      const world = await buildWorld();
      const model: ModelMeeting[] = [];
      for (const c of commands) await apply(world, model, c);
      await check(world, model);
      // A rebuild from the records lands on the same rows.
      const before = (await rollupsRepository.all(ctx.deps.db, world.tenantId)).filter(
        (r) => r.required || r.held || r.subDue || r.subHeld,
      );
      await rebuildRollups(ctx.deps.db, world.tenantId, TODAY);
      const after = await rollupsRepository.all(ctx.deps.db, world.tenantId);
      const strip = (rows: typeof after) =>
        rows
          .filter((r) => r.required || r.held || r.subDue || r.subHeld)
          .map(({ updatedAt: _u, ...r }) => r)
          .sort(
            (a, b) =>
              a.orgId - b.orgId ||
              a.meetingType.localeCompare(b.meetingType) ||
              a.periodKey.localeCompare(b.periodKey),
          );
      expect(strip(after)).toEqual(strip(before));
    }),
    { numRuns: testConfig.propertyRuns(12) },
  );
});

it('counts a meeting once per type in the month rows that feed the trend', async () => {
  const world = await buildWorld();
  const model: ModelMeeting[] = [];
  await apply(world, model, { kind: 'record', leaf: 0, types: [2, 3], day: 300, held: true });
  await check(world, model);
  const rows = await queryRows<{ meeting_type: string; sub_held: number }>(
    ctx.deps.db,
    sql`select meeting_type, sub_held from org_life_rollups where org_id = ${world.root.id} and period_key = '2026-10' and sub_held > 0 order by meeting_type`,
  );
  expect(rows.map((r) => [r.meeting_type, Number(r.sub_held)])).toEqual([
    ['主题党日', 1],
    ['党课', 1],
  ]);
  expect(await meetingsRepository.findById(ctx.deps.db, model[0]!.id)).toBeDefined();
});
