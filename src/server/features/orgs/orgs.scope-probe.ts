import { expect } from 'vitest';
import {
  defineScopeProbe,
  expectRefused,
  type ModelOrg,
  ownOrgs,
  rootsWith,
  sample,
  under,
} from '../../testing/scope-probes';
import { orgsRepository } from './orgs.repository';

/** The org tree: reading an org and its children, and renaming it, reach exactly the actor's subtrees. */
export const orgsScopeProbe = defineScopeProbe({
  module: 'orgs',
  check: async (world, actor) => {
    const { ctx } = world;
    const readRoots = rootsWith(actor, 'org.read');
    const editRoots = rootsWith(actor, 'org.edit');
    const own = ownOrgs(world, actor);
    const readable = (o: ModelOrg) => under(readRoots, o.path) || own.has(o.path);

    for (const o of sample(world.orgs.filter(readable), 2)) {
      expect((await ctx.services.orgs.detail(actor, o.id)).id).toBe(o.id);
      if (under(readRoots, o.path)) await ctx.services.orgs.children(actor, o.id, false);
      else await expectRefused(ctx.services.orgs.children(actor, o.id, false), `children of own org ${o.id}`);
    }
    for (const o of sample(
      world.orgs.filter((x) => !readable(x)),
      3,
    )) {
      await expectRefused(ctx.services.orgs.detail(actor, o.id), `detail of org ${o.id}`);
      await expectRefused(ctx.services.orgs.children(actor, o.id, false), `children of org ${o.id}`);
      if (under(editRoots, o.path)) continue;
      await expectRefused(
        ctx.services.orgs.update(actor, o.id, { name: '越权改名' }),
        `rename of org ${o.id}`,
      );
      expect((await orgsRepository.findById(ctx.deps.db, o.id))!.name).toBe(o.name);
    }
  },
});
