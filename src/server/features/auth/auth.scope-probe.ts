import { expect } from 'vitest';
import {
  auditCount,
  defineScopeProbe,
  expectRefused,
  rootsWith,
  sample,
  under,
} from '../../testing/scope-probes';
import { accountsRepository } from './auth.repository';

/** Accounts: nobody opens a login for, or lists the accounts of, members outside their subtrees. */
export const authScopeProbe = defineScopeProbe({
  module: 'auth',
  check: async (world, actor) => {
    const { ctx } = world;
    const roots = rootsWith(actor, 'account.manage');
    if (roots.length === 0)
      await expectRefused(ctx.services.auth.listAccounts(actor, undefined, 1, 20), 'account list');
    for (const m of sample(
      world.members.filter((x) => !under(roots, x.path)),
      2,
    )) {
      const auditBefore = await auditCount(world);
      await expectRefused(ctx.services.auth.enableLogin(actor, m.id, `probe-${m.id}`), `login for ${m.id}`);
      expect(await accountsRepository.findByLogin(ctx.deps.db, `probe-${m.id}`)).toBeFalsy();
      expect(await auditCount(world)).toBe(auditBefore);
    }
  },
});
