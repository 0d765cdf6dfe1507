import { expect } from 'vitest';
import type { Actor, Permission } from '../../domain/access';
import { ROLE_PERMISSIONS } from '../../domain/access';
import { isBranch, type OrgType } from '../../domain/org-rules';
import { auditLog } from '../features/audit/audit.table';
import { AppError } from '../http/errors';
import type { TestContext } from './harness';

/**
 * What a module brings to the scope property test (src/server/scope/scope.property.test.ts): a probe that,
 * for a random actor in a random world of org trees and members, checks that the module's reads and writes
 * reach exactly the actor's subtrees. Each module keeps its probe beside its code, in
 * `<feature>.scope-probe.ts`; the property test finds them, and fails for a module that has none.
 */
export interface ModelOrg {
  id: number;
  path: string;
  type: OrgType;
  name: string;
}
export interface ModelMember {
  id: number;
  path: string;
  idCard: string;
}

/** The world the property built so far: every tree of every run, kept beside the database. */
export interface ProbeWorld {
  ctx: TestContext;
  orgs: readonly ModelOrg[];
  members: readonly ModelMember[];
}

export interface ScopeProbe {
  /** The module's name in src/server/modules.ts. */
  module: string;
  check: (world: ProbeWorld, actor: Actor) => Promise<void>;
}

export const defineScopeProbe = (probe: ScopeProbe): ScopeProbe => probe;

export const under = (roots: readonly string[], path: string) => roots.some((r) => path.startsWith(r));

/** The paths where the actor holds the permission, as the model sees them (not via the code under test). */
export const rootsWith = (actor: Actor, permission: Permission) =>
  actor.grants.filter((g) => ROLE_PERMISSIONS[g.role].includes(permission)).map((g) => g.orgPath);

/** Up to n items, spread over the list (deterministic, so a failure replays). */
export const sample = <T>(list: readonly T[], n: number): T[] =>
  list.length <= n
    ? [...list]
    : Array.from({ length: n }, (_, i) => list[Math.floor((i * list.length) / n)]!);

async function outcome(attempt: Promise<unknown>): Promise<unknown> {
  return attempt.then(
    () => null,
    (e: unknown) => e,
  );
}

const REFUSALS = ['NOT_FOUND', 'FORBIDDEN'];

export async function expectRefused(attempt: Promise<unknown>, what: string) {
  const error = await outcome(attempt);
  expect(error, `${what} should be refused`).toBeInstanceOf(AppError);
  expect(REFUSALS, what).toContain((error as AppError).code);
}

/** Let through: it may still fail on the data (a 422 for a non-branch), never as out of scope. */
export async function expectNotRefused(attempt: Promise<unknown>, what: string) {
  const error = await outcome(attempt);
  if (error === null) return;
  if (!(error instanceof AppError)) throw error;
  expect(REFUSALS, `${what} should be allowed`).not.toContain(error.code);
}

/** The orgs a member belongs to: their org, and the branch above their 党小组. */
export function ownOrgs(world: ProbeWorld, actor: Actor): Set<string> {
  const own = new Set<string>();
  if (!actor.memberOrgPath) return own;
  own.add(actor.memberOrgPath);
  for (const o of world.orgs) if (isBranch(o.type) && actor.memberOrgPath.startsWith(o.path)) own.add(o.path);
  return own;
}

export interface OrgRead {
  what: string;
  permission: Permission;
  read: (world: ProbeWorld, actor: Actor, org: ModelOrg) => Promise<unknown>;
}

/**
 * Reads addressed by org id: allowed on orgs in the actor's subtrees for the permission, refused on every
 * other org (the actor's own branch aside, which some reads open to its members).
 */
export function checkOrgReads(reads: readonly OrgRead[]) {
  return async (world: ProbeWorld, actor: Actor) => {
    const own = ownOrgs(world, actor);
    for (const { what, permission, read } of reads) {
      const roots = rootsWith(actor, permission);
      for (const org of sample(
        world.orgs.filter((o) => under(roots, o.path)),
        2,
      ))
        await expectNotRefused(read(world, actor, org), `${what} of org ${org.id}`);
      const outside = world.orgs.filter((o) => !under(roots, o.path) && !own.has(o.path));
      // Near misses first: orgs the actor holds other grants on, where a wrong permission would let them in.
      const granted = actor.grants.map((g) => g.orgPath);
      for (const org of [
        ...sample(
          outside.filter((o) => under(granted, o.path)),
          2,
        ),
        ...sample(
          outside.filter((o) => !under(granted, o.path)),
          2,
        ),
      ])
        await expectRefused(read(world, actor, org), `${what} of org ${org.id}`);
    }
  };
}

/** How many audit entries exist: a refused write must not have logged one. */
export const auditCount = (world: ProbeWorld) => world.ctx.deps.db.$count(auditLog);

/** Every audit entry, for the audit probe's model. */
export const allAuditEntries = (world: ProbeWorld) =>
  world.ctx.deps.db.select({ id: auditLog.id, orgPath: auditLog.orgPath }).from(auditLog);
