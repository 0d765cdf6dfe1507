import { getJson } from '../lib/app';
import { statementBreakdown } from '../lib/breakdown';
import type { BenchSection } from '../lib/context';
import { levels } from './roster';

/**
 * Subtree queries: an org's detail page (which counts the members of its whole subtree) and the children
 * listing of the tree view (children with their child and direct-member counts), at each level.
 */
export const subtreeSection: BenchSection = {
  id: 'subtree',
  title: 'Subtree queries — GET /api/v1/orgs/:id and GET /api/v1/orgs?parentId=, in-process app.inject',
  async app(ctx, rec) {
    const { bench, sessions, options } = ctx;
    for (const { level, key, org } of levels(ctx)) {
      await rec.measure(
        `${level}: org detail (${org.members.toLocaleString('en-US')} members in subtree)`,
        async () => {
          const detail = await getJson<{ allMembers: number }>(
            bench.app,
            sessions[key],
            `/api/v1/orgs/${org.id}`,
          );
          if (typeof detail.allMembers !== 'number') throw new Error('org detail without counts');
        },
        { iterations: options.iterations },
      );
    }
    for (const { level, key, org } of levels(ctx)) {
      let children = 0;
      await rec.measure(
        `${level}: children listing`,
        async () => {
          children = (await getJson<unknown[]>(bench.app, sessions[key], `/api/v1/orgs?parentId=${org.id}`))
            .length;
        },
        { iterations: options.iterations },
      );
      rec.figure(`${level}: children listed`, children, 'orgs');
    }
    await statementBreakdown(ctx.database, rec, 'root org detail', () =>
      getJson(bench.app, sessions.rootSupervisor, `/api/v1/orgs/${ctx.fixtures.root.id}`),
    );
    await statementBreakdown(ctx.database, rec, 'root children listing', () =>
      getJson(bench.app, sessions.rootSupervisor, `/api/v1/orgs?parentId=${ctx.fixtures.root.id}`),
    );
  },
};
