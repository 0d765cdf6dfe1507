import { expect } from 'vitest';
import { defineScopeProbe, expectRefused, rootsWith } from '../../testing/scope-probes';

/** Dictionaries hold no org data: everyone reads the installation's vocabulary, only its keepers change it. */
export const dictionariesScopeProbe = defineScopeProbe({
  module: 'dictionaries',
  check: async (world, actor) => {
    const { ctx } = world;
    expect((await ctx.services.dictionaries.list()).length).toBeGreaterThan(0);
    if (rootsWith(actor, 'dictionary.write').length > 0) return;
    const before = (await ctx.services.dictionaries.list()).length;
    await expectRefused(
      ctx.services.dictionaries.create(actor, {
        kind: 'ethnicity',
        code: null,
        label: '越权民族',
        sortOrder: 0,
      }),
      'dictionary entry',
    );
    expect((await ctx.services.dictionaries.list()).length).toBe(before);
  },
});
