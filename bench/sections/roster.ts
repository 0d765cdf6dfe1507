import { getJson } from '../lib/app';
import { statementBreakdown } from '../lib/breakdown';
import type { AppPhase, BenchSection } from '../lib/context';
import type { AccountKey, OrgRef } from '../lib/load';

export function levels(ctx: Pick<AppPhase, 'fixtures'>): { level: string; key: AccountKey; org: OrgRef }[] {
  return [
    { level: 'root', key: 'rootSupervisor', org: ctx.fixtures.root },
    { level: 'middle', key: 'middleSupervisor', org: ctx.fixtures.middle },
    { level: 'leaf', key: 'leafSecretary', org: ctx.fixtures.leaf },
  ];
}

interface Page {
  rows: unknown[];
  total: number;
}

/**
 * The roster as each kind of user first sees it: page 1 of everything in their scope, 20 rows, sorted by
 * org (the default), and a name search. In-process through app.inject: routing, session, scope, validation
 * and serialization included, no sockets.
 */
export const rosterSection: BenchSection = {
  id: 'roster',
  title: 'Roster page — GET /api/v1/members?pageSize=20 (sorted by org), in-process app.inject',
  async app(ctx, rec) {
    const { bench, sessions, options } = ctx;
    const search = encodeURIComponent(ctx.fixtures.searchName);
    for (const { level, key, org } of levels(ctx)) {
      await rec.measure(
        `${level}: page 1 (${org.type}, ${org.members.toLocaleString('en-US')} members in scope)`,
        async () => {
          const page = await getJson<Page>(bench.app, sessions[key], '/api/v1/members?pageSize=20&sort=org');
          if (page.rows.length === 0) throw new Error('empty roster page');
        },
        { iterations: options.iterations },
      );
    }
    for (const { level, key } of levels(ctx)) {
      await rec.measure(
        `${level}: name search “${ctx.fixtures.searchName}”`,
        async () => {
          const page = await getJson<Page>(
            bench.app,
            sessions[key],
            `/api/v1/members?pageSize=20&q=${search}`,
          );
          if (page.total === 0) throw new Error('name search found nobody');
        },
        { iterations: options.iterations },
      );
    }
    await statementBreakdown(ctx.database, rec, 'root page 1', () =>
      getJson(bench.app, sessions.rootSupervisor, '/api/v1/members?pageSize=20&sort=org'),
    );
    await statementBreakdown(ctx.database, rec, 'root name search', () =>
      getJson(bench.app, sessions.rootSupervisor, `/api/v1/members?pageSize=20&q=${search}`),
    );
    await statementBreakdown(ctx.database, rec, 'leaf page 1', () =>
      getJson(bench.app, sessions.leafSecretary, '/api/v1/members?pageSize=20&sort=org'),
    );
  },
};
