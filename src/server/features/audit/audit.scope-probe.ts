import { expect } from 'vitest';
import {
  allAuditEntries,
  defineScopeProbe,
  expectRefused,
  rootsWith,
  under,
} from '../../testing/scope-probes';

/** The audit log: a reader sees every entry in their subtrees and none outside. */
export const auditScopeProbe = defineScopeProbe({
  module: 'audit',
  check: async (world, actor) => {
    const { ctx } = world;
    const roots = rootsWith(actor, 'audit.read');
    if (roots.length === 0) {
      await expectRefused(ctx.services.audit.search(actor, { page: 1, pageSize: 20 }), 'audit search');
      return;
    }
    const seen: { id: number; orgPath: string | null }[] = [];
    for (let page = 1; ; page++) {
      const { rows } = await ctx.services.audit.search(actor, { page, pageSize: 200 });
      seen.push(...rows.map((r) => ({ id: r.id, orgPath: r.orgPath })));
      if (rows.length < 200) break;
    }
    for (const entry of seen)
      expect(
        entry.orgPath !== null && under(roots, entry.orgPath),
        `audit entry ${entry.id} at ${entry.orgPath}`,
      ).toBe(true);
    const expected = (await allAuditEntries(world))
      .filter((e) => e.orgPath !== null && under(roots, e.orgPath))
      .map((e) => e.id);
    expect(seen.map((e) => e.id).sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
  },
});
