import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgType } from '../../../domain/org-rules';
import { queryRows } from '../../db/database';
import { ADMIN, memberInput, rosterRow, rosterWorkbook } from '../../testing/factories';
import { createTestContext, type TestContext } from '../../testing/harness';
import { addOrg } from '../../testing/trees';
import { findOrg } from '../orgs';

/**
 * org_member_counts is kept by triggers on members: after any mix of roster writes — forms, imports,
 * status events, transfers between branches, orgs moving — it must equal a count of the roster itself,
 * and an org's head count must equal a count over its subtree.
 */
let ctx: TestContext;
let today: string;
const branches: number[] = [];
const memberIds: number[] = [];
const units: number[] = [];
let rootId = 0;

beforeAll(async () => {
  ctx = await createTestContext();
  today = ctx.clock.today();
  const root = await addOrg(ctx, null, '计数测试工委', '工委');
  rootId = root.id;
  const create = async (parentId: number, type: OrgType, name: string) =>
    (await ctx.services.orgs.create(ADMIN, { parentId, type, name })).id;
  for (const u of ['甲', '乙']) units.push(await create(rootId, '机关党委', `${u}机关党委`));
  for (const [i, unit] of units.entries())
    for (const b of ['一', '二']) branches.push(await create(unit, '党支部', `${i}第${b}支部`));
  branches.push(await create(branches[0]!, '党小组', '第一党小组'));
  for (const branch of branches.slice(0, 3))
    memberIds.push((await ctx.services.members.create(ADMIN, memberInput(branch))).id);
});
afterAll(async () => {
  await ctx.close();
});

type Command =
  | { kind: 'create'; branch: number; probationary: boolean }
  | { kind: 'import'; branch: number; n: number }
  | { kind: 'event'; pick: number; event: '转正' | '去世' | '转出' | '停止党籍' }
  | { kind: 'transfer'; pick: number; branch: number }
  | { kind: 'move'; branch: number; unit: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), branch: fc.nat(), probationary: fc.boolean() }),
  fc.record({ kind: fc.constant('import' as const), branch: fc.nat(), n: fc.integer({ min: 1, max: 4 }) }),
  fc.record({
    kind: fc.constant('event' as const),
    pick: fc.nat(),
    event: fc.constantFrom('转正' as const, '去世' as const, '转出' as const, '停止党籍' as const),
  }),
  fc.record({ kind: fc.constant('transfer' as const), pick: fc.nat(), branch: fc.nat() }),
  fc.record({ kind: fc.constant('move' as const), branch: fc.nat(3), unit: fc.nat(1) }),
);

/** A command the service refuses (e.g. 转正 of someone already full) is a no-op: counts must still agree. */
async function attempt(run: () => Promise<unknown>) {
  await run().catch((e: unknown) => {
    if (!(e instanceof Error) || !('code' in e)) throw e;
  });
}

async function apply(c: Command) {
  const branch = branches[(c.kind === 'event' ? 0 : (c as { branch: number }).branch) % branches.length]!;
  switch (c.kind) {
    case 'create': {
      const input = memberInput(branch, c.probationary ? { confirmedOn: null } : {});
      memberIds.push((await ctx.services.members.create(ADMIN, input)).id);
      return;
    }
    case 'import': {
      const file = await rosterWorkbook(Array.from({ length: c.n }, () => rosterRow()));
      expect((await ctx.services.roster.import(ADMIN, branch, file, false)).imported).toBe(c.n);
      const added = await queryRows<{ id: number }>(
        ctx.deps.db,
        sql`select id from members where org_id = ${branch} order by id desc limit ${c.n}`,
      );
      memberIds.push(...added.map((r) => r.id));
      return;
    }
    case 'event': {
      if (memberIds.length === 0) return;
      const id = memberIds[c.pick % memberIds.length]!;
      const extra = c.event === '转出' ? { counterpartOrg: '某市某局机关党支部' } : {};
      await attempt(() =>
        ctx.services.members.addEvent(ADMIN, id, { kind: c.event, effectiveDate: today, ...extra }),
      );
      return;
    }
    case 'transfer': {
      if (memberIds.length === 0) return;
      const id = memberIds[c.pick % memberIds.length]!;
      await attempt(() =>
        ctx.services.members.addEvent(ADMIN, id, {
          kind: '支部间调动',
          effectiveDate: today,
          toOrgId: branch,
        }),
      );
      return;
    }
    case 'move': {
      // Only whole branches (with their group) move between the two 机关党委.
      const moving = branches[c.branch % 4]!;
      await attempt(() => ctx.services.orgs.move(ADMIN, moving, { newParentId: units[c.unit]! }));
      return;
    }
  }
}

async function check() {
  const kept = await queryRows<{ org_id: number; org_path: string; full: number; all: number }>(
    ctx.deps.db,
    sql`select c.org_id, c.org_path, c.full_members as full, c.all_members as all from org_member_counts c
      where c.full_members <> 0 or c.all_members <> 0 order by c.org_id`,
  );
  const counted = await queryRows<{ org_id: number; org_path: string; full: number; all: number }>(
    ctx.deps.db,
    sql`select m.org_id, o.path as org_path,
            count(*) filter (where m.status = '正式党员')::int as full,
            count(*) filter (where m.status in ('正式党员', '预备党员'))::int as all
       from members m join orgs o on o.id = m.org_id
      group by m.org_id, o.path having count(*) filter (where m.status in ('正式党员', '预备党员')) > 0
      order by m.org_id`,
  );
  expect(kept).toEqual(counted);
  for (const id of [rootId, ...units, ...branches]) {
    const detail = await ctx.services.orgs.detail(ADMIN, id);
    const path = (await findOrg(ctx.deps.db, id))!.path;
    const under = counted.filter((r) => r.org_path.startsWith(path));
    expect({ id, full: detail.fullMembers, all: detail.allMembers }).toEqual({
      id,
      full: under.reduce((s, r) => s + r.full, 0),
      all: under.reduce((s, r) => s + r.all, 0),
    });
  }
}

describe('org member counts', () => {
  it('equal a count of the roster after any mix of roster writes and org moves', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 12 }), async (commands) => {
        for (const c of commands) await apply(c);
        await check();
      }),
      // Runs share one database, so shrinking would replay against a changed world: report the seed instead.
      { numRuns: 12, endOnFailure: true },
    );
  });
});
