import { sql } from 'drizzle-orm';
import { parts } from '../../src/domain/calendar';
import { HOURS_NORMS } from '../../src/domain/study';
import { type Executor, queryRows } from '../../src/server/db/database';
import { studyRepository, studyUpkeepRepository } from '../../src/server/features/study/study.repository';
import { getJson } from '../lib/app';
import type { AppPhase, BenchSection } from '../lib/context';
import { levels } from './roster';

/**
 * The study coverage view (issue 5): root, middle and leaf coverage for the current year, read from the
 * per-org yearly rollups (GET /api/v1/study/coverage, in-process app.inject), against the same answer
 * computed by one direct aggregate over the member years below the org. The section loads a year of study
 * credits (self-study entries, 0–12 per member) when the database has none, then derives the member years and
 * rollups in bulk as the daily job does, and checks that both methods agree.
 */
interface CoverageRow {
  orgId: number;
  members: number;
  reached: number;
}
interface CoverageBody {
  org: CoverageRow;
  children: CoverageRow[];
}

async function loadCredits(db: Executor, year: number): Promise<number> {
  await db.execute(sql`
    insert into study_self_logs (tenant_id, org_path, member_id, date, title, source, tenths)
    select m.tenant_id, m.org_path, m.id, make_date(${year}, 1 + (g.n * 7 + m.id) % 10, 1 + (g.n * 13 + m.id) % 28),
      '自学', '自学', 10 + ((m.id * 31 + g.n * 17) % 7) * 5
    from members m
    cross join lateral generate_series(1, (m.id * 2654435761 % 13)::int) as g(n)
    where m.status in ('正式党员', '预备党员')`);
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from study_self_logs`);
  return Number(row?.n ?? 0);
}

async function directAggregate(db: Executor, org: { id: number; path: string; depth: number }, year: number) {
  return queryRows<{ child: number; members: number; reached: number }>(
    db,
    sql`select coalesce(nullif(split_part(y.org_path, '/', ${org.depth + 3}), ''), ${String(org.id)})::int as child,
          count(*)::int as members, count(*) filter (where y.tenths >= y.norm_tenths)::int as reached
        from study_member_years y where y.org_path like ${`${org.path}%`} and y.year = ${year}
        group by 1`,
  );
}

function compare(api: CoverageBody, direct: { child: number; members: number; reached: number }[]) {
  const want = new Map(direct.map((d) => [Number(d.child), d]));
  for (const row of api.children) {
    const d = want.get(row.orgId);
    if (row.members !== Number(d?.members ?? 0) || row.reached !== Number(d?.reached ?? 0))
      throw new Error(`coverage and direct aggregate disagree for org ${row.orgId}`);
  }
  const total = direct.reduce((s, d) => s + Number(d.members), 0);
  if (api.org.members !== total) throw new Error(`coverage total ${api.org.members} vs direct ${total}`);
}

export const studySection: BenchSection = {
  id: 'study',
  title:
    'Study coverage — GET /api/v1/study/coverage (yearly rollups) vs a direct aggregate over member years',
  async app(ctx: AppPhase, rec) {
    const { bench, sessions, options, database } = ctx;
    const db = database.db;
    const today = bench.deps.clock.today();
    const year = parts(today).year;
    const tenantId = ctx.fixtures.root.id;
    const [existing] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from study_hours`);
    if (Number(existing?.n ?? 0) === 0) {
      const { value } = await rec.once('study: load a year of self-study entries', () =>
        loadCredits(db, year),
      );
      rec.figure('study: self-study rows', value, 'rows');
      await rec.once('study: credit the ledger', () => studyUpkeepRepository.creditAllSessions(db, tenantId));
    }
    await rec.once('study: member years (daily reconciliation)', () =>
      db.transaction((tx) =>
        studyUpkeepRepository.reconcileMemberYears(tx, tenantId, year, today, {
          member: HOURS_NORMS.member.tenths,
          committee: HOURS_NORMS.committee.tenths,
        }),
      ),
    );
    const { value: rows } = await rec.once('study: rollups rebuilt from member years', () =>
      db.transaction((tx) => studyRepository.rebuildRollups(tx, tenantId, year)),
    );
    rec.figure('study: rollup rows written', rows, 'rows');
    await db.execute(sql`vacuum analyze study_member_years`);
    await db.execute(sql`vacuum analyze study_rollups`);
    for (const { level, key, org } of levels(ctx)) {
      const url = `/api/v1/study/coverage?orgId=${org.id}&year=${year}`;
      const answer = await getJson<CoverageBody>(bench.app, sessions[key], url);
      compare(answer, await directAggregate(db, org, year));
      const fast = await rec.measure(
        `${level}: coverage from rollups (${org.type}, ${answer.children.length} children shown)`,
        async () => {
          const body = await getJson<CoverageBody>(bench.app, sessions[key], url);
          if (!body.org) throw new Error('coverage without org');
        },
        { iterations: options.iterations },
      );
      const slow = await rec.measure(
        `${level}: direct aggregate over member years`,
        () => directAggregate(db, org, year),
        { iterations: Math.min(options.iterations, level === 'root' ? 5 : 10) },
      );
      rec.figure(`${level}: direct / rollups (p95)`, slow.p95 / fast.p95, '×');
    }
  },
};
