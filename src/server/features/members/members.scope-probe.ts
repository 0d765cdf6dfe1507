import { expect } from 'vitest';
import type { Actor } from '../../../domain/access';
import {
  auditCount,
  defineScopeProbe,
  expectRefused,
  type ProbeWorld,
  rootsWith,
  sample,
  under,
} from '../../testing/scope-probes';
import { membersRepository } from './members.repository';

async function allMemberIds(world: ProbeWorld, actor: Actor): Promise<number[]> {
  const ids: number[] = [];
  for (let page = 1; ; page++) {
    const { rows, total } = await world.ctx.services.members.list(actor, {
      page,
      pageSize: 200,
      sort: 'id',
      order: 'asc',
    });
    ids.push(...rows.map((r) => r.id));
    if (rows.length < 200) {
      expect(ids.length).toBe(total);
      return ids;
    }
  }
}

/** The roster: the list, the record, the ID number and every write reach exactly the actor's subtrees. */
export const membersScopeProbe = defineScopeProbe({
  module: 'members',
  check: async (world, actor) => {
    const { ctx } = world;
    const readRoots = rootsWith(actor, 'member.read');
    const visible = (m: { id: number; path: string }) =>
      readRoots.length > 0 ? under(readRoots, m.path) : actor.memberId === m.id;
    const expected = world.members.filter(visible).map((m) => m.id);
    expect((await allMemberIds(world, actor)).sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));

    const writeRoots = rootsWith(actor, 'member.write');
    const revealRoots = rootsWith(actor, 'member.revealIdCard');
    for (const m of sample(world.members.filter(visible), 2)) {
      expect((await ctx.services.members.detail(actor, m.id)).id).toBe(m.id);
      if (under(revealRoots, m.path) || actor.memberId === m.id)
        expect(await ctx.services.members.revealIdCard(actor, m.id)).toBe(m.idCard);
    }

    const today = ctx.clock.today();
    for (const m of sample(
      world.members.filter((x) => !visible(x)),
      3,
    )) {
      await expectRefused(ctx.services.members.detail(actor, m.id), `detail of member ${m.id}`);
      if (under(writeRoots, m.path)) continue;
      const before = await membersRepository.findById(ctx.deps.db, m.id);
      const eventsBefore = (await membersRepository.events(ctx.deps.db, m.id)).length;
      const auditBefore = await auditCount(world);
      await expectRefused(
        ctx.services.members.update(actor, m.id, { note: '越权修改' }),
        `update of ${m.id}`,
      );
      await expectRefused(
        ctx.services.members.addEvent(actor, m.id, { kind: '更正', effectiveDate: today, status: '去世' }),
        `event on ${m.id}`,
      );
      await expectRefused(ctx.services.members.revealIdCard(actor, m.id), `ID of ${m.id}`);
      expect(await membersRepository.findById(ctx.deps.db, m.id)).toEqual(before);
      expect((await membersRepository.events(ctx.deps.db, m.id)).length).toBe(eventsBefore);
      expect(await auditCount(world)).toBe(auditBefore);
    }
  },
});
