import { readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Grant } from '../../domain/access';
import { ALLOWED_CHILDREN } from '../../domain/org-rules';
import { canHoldMembers } from '../features/members/members.service';
import { orgsRepository } from '../features/orgs/orgs.repository';
import { MODULES } from '../modules';
import { ADMIN, actorWith, memberInput } from '../testing/factories';
import { createTestContext, type TestContext } from '../testing/harness';
import type { ModelMember, ModelOrg, ProbeWorld, ScopeProbe } from '../testing/scope-probes';
import { under } from '../testing/scope-probes';
import { orgIdsOnCard } from '../workbench/card-kit';

/**
 * Scope, tried from every side: random org trees, random members in random branches, random actors with
 * random grants (or none), and every module's reads and writes checked against a model kept beside the
 * database. Each module brings its probe in `<feature>.scope-probe.ts`; a module without one fails the test.
 * Trees accumulate over the runs, so each run also has the earlier trees as foreign territory.
 */
const model = { orgs: [] as ModelOrg[], members: [] as ModelMember[] };
let ctx: TestContext;
let probes: ScopeProbe[] = [];

const FEATURES = path.resolve(__dirname, '../features');

async function loadProbes(): Promise<ScopeProbe[]> {
  const files = readdirSync(FEATURES, { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.scope-probe.ts'),
  );
  const loaded = await Promise.all(files.map((f) => import(path.join(FEATURES, f))));
  return loaded.flatMap((exports: Record<string, unknown>) =>
    Object.values(exports).filter(
      (v): v is ScopeProbe => typeof v === 'object' && v !== null && 'check' in v,
    ),
  );
}

beforeAll(async () => {
  ctx = await createTestContext();
  probes = await loadProbes();
});
afterAll(async () => {
  await ctx.close();
});

async function buildTree(shape: [number, number][], members: number[]) {
  const root = await orgsRepository.insert(ctx.deps.db, {
    tenantId: 0,
    parentId: null,
    parentPath: null,
    name: `测试工委${model.orgs.length + 1}`,
    type: '工委',
  });
  const orgs: ModelOrg[] = [{ id: root.id, path: root.path, type: '工委', name: root.name }];
  model.orgs.push(orgs[0]!);
  for (const [parentPick, typePick] of shape) {
    const parent = orgs[parentPick % orgs.length]!;
    const allowed = ALLOWED_CHILDREN[parent.type];
    if (allowed.length === 0) continue;
    const type = allowed[typePick % allowed.length]!;
    const created = await ctx.services.orgs.create(ADMIN, {
      parentId: parent.id,
      type,
      name: `${type}${model.orgs.length + 1}`,
    });
    const org = { id: created.id, path: created.path, type, name: created.name };
    orgs.push(org);
    model.orgs.push(org);
  }
  if (!orgs.some((o) => canHoldMembers(o.type))) {
    // Every run gets at least one branch, so every run has members to look at from outside.
    const branch = await ctx.services.orgs.create(ADMIN, {
      parentId: root.id,
      type: '党支部',
      name: `党支部${model.orgs.length + 1}`,
    });
    const org = { id: branch.id, path: branch.path, type: '党支部' as const, name: branch.name };
    orgs.push(org);
    model.orgs.push(org);
  }
  const holders = orgs.filter((o) => canHoldMembers(o.type));
  for (const pick of members) {
    const input = memberInput(holders[pick % holders.length]!.id);
    const created = await ctx.services.members.create(ADMIN, input);
    const org = holders[pick % holders.length]!;
    model.members.push({ id: created.id, path: org.path, idCard: input.idCard });
  }
}

type ActorSpec =
  | { kind: 'grants'; grants: { role: Grant['role']; org: number }[] }
  | { kind: 'member'; member: number };

function actorFrom(spec: ActorSpec): Actor | null {
  if (spec.kind === 'member') {
    if (model.members.length === 0) return null;
    const m = model.members[spec.member % model.members.length]!;
    return actorWith([], { id: m.id, orgPath: m.path });
  }
  return actorWith(
    spec.grants.map(({ role, org }) => {
      const o = model.orgs[org % model.orgs.length]!;
      return { role, orgId: o.id, orgPath: role === 'admin' ? '/' : o.path };
    }),
  );
}

/** The 工作台 loads every card, and nothing on a card lies outside the actor's subtrees. */
async function checkWorkbench(actor: Actor) {
  const failed: string[] = [];
  const { cards } = await ctx.services.workbench.load(actor, (error, id) => failed.push(`${id}: ${error}`));
  expect(failed).toEqual([]);
  const roots = actor.grants.map((g) => g.orgPath);
  const pathOf = new Map(model.orgs.map((o) => [o.id, o.path]));
  for (const card of cards)
    for (const id of orgIdsOnCard(card.data!))
      expect(under(roots, pathOf.get(id) ?? ''), `${card.id} shows org ${id}`).toBe(true);
}

const roleArb = fc.oneof(
  { weight: 5, arbitrary: fc.constant<Grant['role']>('secretary') },
  { weight: 5, arbitrary: fc.constant<Grant['role']>('supervisor') },
  { weight: 1, arbitrary: fc.constant<Grant['role']>('admin') },
);
const actorArb: fc.Arbitrary<ActorSpec> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('grants' as const),
      grants: fc.array(fc.record({ role: roleArb, org: fc.nat() }), { minLength: 1, maxLength: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('member' as const), member: fc.nat() }) },
);

describe('scope', () => {
  it('has a probe from every module', () => {
    const probed = new Set(probes.map((p) => p.module));
    expect(MODULES.modules.map((m) => m.name).filter((name) => !probed.has(name))).toEqual([]);
  });

  it('lets every actor see and change exactly their subtrees, or only their own record', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 10 }),
        fc.array(fc.nat(), { minLength: 2, maxLength: 12 }),
        fc.array(actorArb, { minLength: 1, maxLength: 4 }),
        async (shape, members, actors) => {
          await buildTree(shape, members);
          for (const spec of actors) {
            const actor = actorFrom(spec);
            if (!actor) continue;
            const world: ProbeWorld = { ctx, orgs: model.orgs, members: model.members };
            for (const probe of probes) await probe.check(world, actor);
            await checkWorkbench(actor);
          }
        },
      ),
      // Runs share one database, so shrinking would replay against a changed world: report the seed instead.
      { numRuns: 15, endOnFailure: true },
    );
    // Two members at least per run: the property really was tried against populated trees.
    expect(model.members.length).toBeGreaterThanOrEqual(30);
  });
});
