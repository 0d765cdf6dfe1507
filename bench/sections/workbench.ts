import { sql } from 'drizzle-orm';
import { monthOf, monthStart } from '../../src/domain/dues';
import { type Executor, queryRows } from '../../src/server/db/database';
import type { TWorkbench } from '../../src/server/workbench/workbench.schema';
import { getJson } from '../lib/app';
import type { AppPhase, BenchSection } from '../lib/context';
import type { OrgRef } from '../lib/load';

/**
 * The 工作台 of the root supervisor (issue 17): one request that loads every module's card for the whole
 * tree. Goal: it costs about the sum of the module dashboards it summarises (organizational life, dues and
 * study, each read from rollups), and far less than the direct aggregates over the rows below the root that
 * those rollups save — here the month's dues ledger and the year's credited study hours.
 */

/** This month's collection under the root, straight from the ledger rows. */
async function directDues(db: Executor, root: OrgRef, month: string) {
  const [row] = await queryRows<{ members: number; settled: number }>(
    db,
    sql`select count(*)::int as members,
          (count(*) filter (where l.calc_kind <> 'missing' and l.paid_fen >= greatest(0, l.due_fen + l.adjustment_fen)))::int as settled
        from dues_ledger l
        where l.org_path like ${`${root.path}%`} and l.month = ${monthStart(month)}`,
  );
  return { members: Number(row?.members ?? 0), settled: Number(row?.settled ?? 0) };
}

/** The year's study hours summed per member under the root, straight from the hours entries. */
async function directStudy(db: Executor, root: OrgRef, year: number) {
  return queryRows<{ members: number; tenths: number }>(
    db,
    sql`select count(distinct h.member_id)::int as members, coalesce(sum(h.tenths), 0)::bigint as tenths
        from study_hours h
        where h.org_path like ${`${root.path}%`} and h.year = ${year}`,
  );
}

export const workbenchSection: BenchSection = {
  id: 'workbench',
  title:
    'Workbench — GET /api/v1/workbench for the root supervisor vs the dashboards and direct aggregates it sums up',
  async app(ctx: AppPhase, rec) {
    const { bench, sessions, options, database, fixtures } = ctx;
    const db = database.db;
    const session = sessions.rootSupervisor;
    const root = fixtures.root;
    const today = bench.deps.clock.today();
    const year = Number(today.slice(0, 4));
    const month = monthOf(today);

    const answer = await getJson<TWorkbench>(bench.app, session, '/api/v1/workbench');
    const failed = answer.cards.filter((c) => c.failed).map((c) => c.id);
    if (failed.length > 0) throw new Error(`workbench cards failed: ${failed.join(', ')}`);
    const dues = answer.cards.find((c) => c.id === 'dues.collection')?.data;
    const direct = await directDues(db, root, month);
    const settled = dues?.figures.find((f) => f.label === '已交清')?.value;
    if (direct.members > 0 && settled !== `${direct.settled}/${direct.members}`)
      throw new Error(`workbench shows ${settled} paid up, the ledger ${direct.settled}/${direct.members}`);
    rec.figure('cards for the root supervisor', answer.cards.length, 'cards');

    const iterations = { iterations: options.iterations };
    const workbench = await rec.measure(
      `root: workbench (${answer.cards.length} cards)`,
      () => getJson(bench.app, session, '/api/v1/workbench'),
      iterations,
    );
    const dashboards = [
      `/api/v1/org-life/dashboard?orgId=${root.id}&period=${year}`,
      `/api/v1/dues/dashboard?orgId=${root.id}&year=${year}&month=${month}`,
      `/api/v1/study/coverage?orgId=${root.id}&year=${year}`,
    ];
    let summed = 0;
    for (const url of dashboards) {
      const timing = await rec.measure(
        `root: ${url.split('?')[0]}`,
        () => getJson(bench.app, session, url),
        iterations,
      );
      summed += timing.p95;
    }
    rec.figure('root: workbench / sum of the dashboards (p95)', workbench.p95 / summed, '×');

    const few = { iterations: Math.min(options.iterations, 5) };
    const duesDirect = await rec.measure(
      'root: direct aggregate of the month’s dues ledger',
      () => directDues(db, root, month),
      few,
    );
    const studyDirect = await rec.measure(
      'root: direct aggregate of the year’s study hours',
      () => directStudy(db, root, year),
      few,
    );
    rec.figure(
      'root: direct aggregates / workbench (p95)',
      (duesDirect.p95 + studyDirect.p95) / workbench.p95,
      '×',
    );
  },
};
