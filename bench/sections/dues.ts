import { sql } from 'drizzle-orm';
import { addMonthKeys, DUES_CATEGORIES, monthEnd, monthOf, monthStart } from '../../src/domain/dues';
import { type Executor, queryRows } from '../../src/server/db/database';
import { duesRepository } from '../../src/server/features/dues/dues.repository';
import { actorOf, getJson } from '../lib/app';
import { statementBreakdown } from '../lib/breakdown';
import type { AppPhase, BenchSection } from '../lib/context';
import { levels } from './roster';

/**
 * Dues (issue 4). Goals at province scale on PostgreSQL: generating one month for all ~2,000,000 members
 * ≤ 60 s (one INSERT … SELECT computing every amount from the flattened rules, rollups in the same
 * statement), and the collection-rate dashboard at the root p95 ≤ 150 ms (read from per-org monthly
 * rollups), against the same answer aggregated directly from the ledger rows.
 *
 * Every member gets a basis first (set-based, from the roster category and a base spread over all bands),
 * last month and this month are generated through the service as a secretary would, about nine in ten
 * rows are marked paid, and the rollups are rebuilt from the records.
 */

interface DashboardBody {
  month: string;
  children: { org: { id: number }; members: number; settled: number; payableFen: number; paidFen: number }[];
}

async function loadBases(db: Executor, month: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`with inserted as (
          insert into dues_bases (tenant_id, member_id, effective_month, category, base_fen, chosen_fen, source)
          select m.tenant_id, m.id, ${monthStart(month)},
            case when m.category = any(${sql.param([...DUES_CATEGORIES])}::text[]) then m.category else '其他' end,
            case when m.category in ('学生', '下岗失业', '低保', '农民') then null else 200000 + (m.id::bigint * 7919) % 1300000 end,
            case when m.category = '农民' then 50 end, 'import'
          from members m where m.status in ('正式党员', '预备党员')
          returning 1)
        select count(*)::int as n from inserted`,
  );
  return Number(row?.n ?? 0);
}

/** The dashboard's children rows for one month, straight from the ledger (what the rollups save). */
async function directAggregate(
  db: Executor,
  org: { id: number; path: string; depth: number },
  month: string,
) {
  return queryRows<{ child: number; members: number; settled: number; payable: number; paid: number }>(
    db,
    sql`select split_part(l.org_path, '/', ${org.depth + 3})::int as child, count(*)::int as members,
          (count(*) filter (where l.calc_kind <> 'missing' and l.paid_fen >= greatest(0, l.due_fen + l.adjustment_fen)))::int as settled,
          sum(greatest(0, l.due_fen + l.adjustment_fen))::bigint as payable, sum(l.paid_fen)::bigint as paid
        from dues_ledger l
        where l.org_path like ${`${org.path}%`} and l.org_path <> ${org.path} and l.month = ${monthStart(month)}
        group by 1`,
  );
}

function compare(api: DashboardBody, direct: Awaited<ReturnType<typeof directAggregate>>) {
  const want = new Map(direct.map((d) => [Number(d.child), d]));
  for (const c of api.children) {
    const d = want.get(c.org.id);
    const same =
      d &&
      c.members === Number(d.members) &&
      c.settled === Number(d.settled) &&
      c.payableFen === Number(d.payable) &&
      c.paidFen === Number(d.paid);
    if (!same) throw new Error(`dues dashboard and direct aggregate disagree for org ${c.org.id}`);
  }
  if (api.children.length !== direct.length)
    throw new Error(`dues dashboard shows ${api.children.length} children, the ledger ${direct.length}`);
}

export const duesSection: BenchSection = {
  id: 'dues',
  title:
    'Dues — generating a month (INSERT … SELECT) and GET /api/v1/dues/dashboard (rollups) vs a direct aggregate',
  async app(ctx: AppPhase, rec) {
    const { bench, sessions, options, database, fixtures } = ctx;
    const db = database.db;
    const today = bench.deps.clock.today();
    const current = monthOf(today);
    const previous = addMonthKeys(current, -1);
    const admin = await actorOf(bench, 'admin');
    const root = fixtures.root;

    const [existing] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from dues_bases`);
    if (Number(existing?.n ?? 0) === 0) {
      const { value } = await rec.once('bases: one per member (INSERT … SELECT)', () =>
        db.transaction((tx) => loadBases(tx, addMonthKeys(current, -12))),
      );
      rec.figure('bases: rows', value, 'rows');
      await db.execute(sql`vacuum analyze dues_bases`);
    }
    await db.execute(sql`delete from dues_rollups`);
    await db.execute(sql`delete from dues_ledger`);
    await db.execute(sql`vacuum analyze dues_ledger`);

    for (const [label, month] of [
      ['last month', previous],
      ['this month', current],
    ] as const) {
      const { value, seconds } = await rec.once(
        `generate ${label} for the whole tree (service, one INSERT … SELECT + rollups)`,
        () => bench.services.dues.generate(admin, { orgId: root.id, month }),
      );
      rec.figure(`generate ${label}: rows created`, value.created, 'rows');
      rec.figure(`generate ${label}: rate`, value.created / seconds, 'rows/s');
      if (value.created === 0) throw new Error('generation created no rows');
      if (value.missingBase > 0) throw new Error(`${value.missingBase} rows without a base`);
    }
    const again = await rec.once('generate this month again (idempotent: nothing to add)', () =>
      bench.services.dues.generate(admin, { orgId: root.id, month: current }),
    );
    if (again.value.created !== 0) throw new Error('second generation created rows');

    // About nine in ten of last month's rows paid in full (the month the dashboard is read for).
    await rec.once('payments: mark last month nine in ten paid (set-based)', () =>
      db.execute(sql`update dues_ledger set paid_fen = due_fen, paid_on = month + 9
        where month = ${monthStart(previous)} and (member_id * 7) % 10 <> 0`),
    );
    await rec.once('rollups: rebuild from the ledger', () =>
      db.transaction((tx) => duesRepository.rebuildRollups(tx, root.id)),
    );
    await db.execute(sql`vacuum analyze dues_ledger`);
    await db.execute(sql`vacuum analyze dues_rollups`);
    // Measure the steady state, not the write-back of the two million rows just written.
    await db.execute(sql`checkpoint`);

    const year = Number(current.slice(0, 4));
    for (const { level, key, org } of levels(ctx)) {
      const url = `/api/v1/dues/dashboard?orgId=${org.id}&year=${year}&month=${previous}`;
      const answer = await getJson<DashboardBody>(bench.app, sessions[key], url);
      compare(answer, await directAggregate(db, org, previous));
      const fast = await rec.measure(
        `${level}: dashboard from rollups (${org.type}, ${answer.children.length} children × 12 months)`,
        async () => {
          const body = await getJson<DashboardBody>(bench.app, sessions[key], url);
          if (!Array.isArray(body.children)) throw new Error('dashboard without children');
        },
        { iterations: options.iterations },
      );
      const slow = await rec.measure(
        `${level}: direct aggregate over the month's ledger rows`,
        () => directAggregate(db, org, previous),
        { iterations: Math.min(options.iterations, level === 'root' ? 5 : 10) },
      );
      rec.figure(`${level}: direct / rollups (p95)`, slow.p95 / fast.p95, '×');
    }
    const leaf = fixtures.leaf;
    await rec.measure(
      'leaf: monthly ledger of a branch (GET /api/v1/dues/ledger)',
      () =>
        getJson(bench.app, sessions.leafSecretary, `/api/v1/dues/ledger?orgId=${leaf.id}&month=${previous}`),
      { iterations: options.iterations },
    );
    await statementBreakdown(database, rec, 'root dues dashboard', () =>
      getJson(
        bench.app,
        sessions.rootSupervisor,
        `/api/v1/dues/dashboard?orgId=${root.id}&year=${year}&month=${previous}`,
      ),
    );
    rec.note(`months generated: ${previous} and ${current} (as of ${monthEnd(previous)} and ${today})`);
  },
};
