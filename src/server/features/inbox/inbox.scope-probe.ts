import { expect } from 'vitest';
import { ADMIN } from '../../testing/factories';
import { defineScopeProbe, expectRefused, type ProbeWorld } from '../../testing/scope-probes';
import { inboxRepository } from './inbox.repository';

let delivered = 0;

/** An item delivered to another account, made once per world: the probe's actors never hold that account. */
async function someoneElsesItem(world: ProbeWorld): Promise<{ id: number; title: string } | null> {
  const { ctx } = world;
  const member = world.members[0];
  if (!member) return null;
  const login = `inbox-probe-${member.id}`;
  const existing = await ctx.services.auth.listAccounts(ADMIN, login, 1, 1);
  const accountId =
    existing.rows[0]?.id ?? (await ctx.services.auth.enableLogin(ADMIN, member.id, login)).accountId;
  const title = `他人的提醒 ${++delivered}`;
  await inboxRepository.deliver(ctx.deps.db, [
    {
      tenantId: 0,
      recipientAccountId: accountId,
      kind: 'probe',
      title,
      body: '',
      link: null,
      dueOn: null,
      dedupeKey: `scope-probe:${delivered}`,
    },
  ]);
  const item = (await inboxRepository.forRecipient(ctx.deps.db, accountId)).find((i) => i.title === title)!;
  return { id: item.id, title };
}

/** The inbox is personal: whatever the actor's grants, another account's items are neither listed nor marked. */
export const inboxScopeProbe = defineScopeProbe({
  module: 'inbox',
  check: async (world, actor) => {
    const item = await someoneElsesItem(world);
    if (!item) return;
    const { rows } = await world.ctx.services.inbox.list(actor, {
      unreadOnly: false,
      page: 1,
      pageSize: 200,
    });
    expect(rows.map((r) => r.title)).not.toContain(item.title);
    await expectRefused(world.ctx.services.inbox.markRead(actor, item.id), `inbox item ${item.id}`);
  },
});
