import { sql } from 'drizzle-orm';
import { addMonths, daysInMonth, fromParts, type IsoDate, parts } from '../../src/domain/calendar';
import { defaultTitle } from '../../src/domain/meeting-record';
import { type MeetingType, NATIONAL_RULES } from '../../src/domain/org-life-rules';
import { PERIOD_MONTHS } from '../../src/domain/period';
import { type Executor, queryRows } from '../../src/server/db/database';
import {
  type MeetingInsert,
  meetingsRepository,
} from '../../src/server/features/org-life/meetings.repository';
import { rebuildRollups } from '../../src/server/features/org-life/rollups.repository';
import { prng } from '../../src/server/seed/generator';
import { getJson } from '../lib/app';
import { statementBreakdown } from '../lib/breakdown';
import type { AppPhase, BenchSection } from '../lib/context';
import { levels } from './roster';

/**
 * The organizational-life dashboard (issue 3): root, middle and leaf dashboards for the current year, read
 * from the rollups (GET /api/v1/org-life/dashboard, in-process app.inject), against the same answer computed
 * by one direct aggregate over the meeting rows. Goal at province scale on PostgreSQL: root p95 ≤ 150 ms and
 * at least 10× faster than the direct aggregate.
 *
 * The section loads its own year of sittings when the database has none (no attendee rows: the dashboard
 * never reads them), rebuilds the rollups from the records, and checks that both methods agree.
 */

interface Cell {
  due: number;
  done: number;
}
interface DashboardBody {
  rows: { org: { id: number }; cells: Record<string, Cell> }[];
}

const RULE_TYPES = NATIONAL_RULES.map((r) => r.meetingType);

/** A year of sittings for every branch and group: most rules kept, about one in eight sittings missed. */
async function loadMeetings(db: Executor, today: IsoDate): Promise<number> {
  const orgs = await queryRows<{ id: number; tenant_id: number; path: string; type: string }>(
    db,
    sql`select id, tenant_id, path, type from orgs where type in ('党支部', '联合党支部', '党小组') and dissolved_on is null order by id`,
  );
  const rand = prng(0x0b1e);
  const start = fromParts(parts(today).year, 1, 1);
  let batch: (Omit<MeetingInsert, 'id'> & { attendees: [] })[] = [];
  let total = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await meetingsRepository.bulkInsert(db, batch);
    total += batch.length;
    batch = [];
  };
  for (const org of orgs) {
    const group = org.type === '党小组';
    for (let month = start; month <= today; month = addMonths(month, 1)) {
      const { year, month: mo } = parts(month);
      const sittings: MeetingType[][] = group
        ? [['党小组会']]
        : [
            mo % 3 === 2 ? ['主题党日', '党课'] : ['主题党日'],
            ...(mo % 3 === 0 ? [['支部党员大会'] as MeetingType[]] : []),
            ...(mo === 3 ? [['组织生活会', '民主评议党员'] as MeetingType[]] : []),
          ];
      for (const types of sittings) {
        if (rand() < 0.12) continue;
        const date = fromParts(year, mo, 1 + Math.floor(rand() * daysInMonth(year, mo)));
        if (date >= today) continue;
        batch.push({
          tenantId: Number(org.tenant_id),
          orgId: Number(org.id),
          orgPath: org.path,
          types,
          title: defaultTitle(types, date),
          status: 'held',
          date,
          startTime: '09:00',
          endTime: '11:00',
          place: '会议室',
          lecturerName: types.includes('党课') ? '书记' : null,
          topic: types.includes('党课') ? '专题党课' : null,
          recordedAt: new Date(`${date}T12:00:00+08:00`),
          recordedOn: date,
          attendees: [],
        });
        if (batch.length >= 20_000) await flush();
      }
    }
  }
  await flush();
  return total;
}

/**
 * The same dashboard rows by brute force: every obligation of every branch and group under the org
 * (rules × periods started this year), each judged by counting its sittings in the meeting rows, grouped
 * by the child of the org it lies under. (The bench tree has no committee posts and no local rules, so
 * 支委会 binds nobody and the national rules are the rulebook.)
 */
async function directAggregate(
  db: Executor,
  org: { id: number; path: string; depth: number },
  today: IsoDate,
) {
  const year = parts(today).year;
  const rules = NATIONAL_RULES.filter((r) => r.condition === null);
  const rows = await queryRows<{ child: number; meeting_type: string; due: number; done: number }>(
    db,
    sql`
    with leaves as (
      select id, path, type, established_on from orgs
      where path like ${`${org.path}%`} and type in ('党支部', '联合党支部', '党小组') and dissolved_on is null
    ),
    rules as (
      select * from unnest(${sql.param(rules.map((r) => r.meetingType))}::text[], ${sql.param(rules.map((r) => PERIOD_MONTHS[r.unit]))}::int[],
        ${sql.param(rules.map((r) => r.minCount))}::int[], ${sql.param(rules.map((r) => r.appliesTo.includes('党小组')))}::boolean[])
        as r(meeting_type, months, min_count, for_groups)
    ),
    periods as (
      select r.meeting_type, r.min_count, r.for_groups, s::date as start, (s + make_interval(months => r.months) - interval '1 day')::date as "end"
      from rules r, generate_series(${fromParts(year, 1, 1)}::date, ${today}::date, make_interval(months => 1)) s
      where (extract(month from s)::int - 1) % r.months = 0
    ),
    obligations as (
      select l.id, l.path, p.meeting_type, p.min_count, p.start, p."end" from leaves l
      join periods p on p.for_groups = (l.type = '党小组') and (l.established_on is null or l.established_on <= p.start)
    )
    select coalesce(nullif(split_part(o.path, '/', ${org.depth + 3}), ''), ${String(org.id)})::int as child, o.meeting_type, count(*)::int as due,
      count(*) filter (where (select count(*) from meetings m where m.org_id = o.id and m.status = 'held'
        and o.meeting_type = any(m.types) and m.date between o.start and o."end") >= o.min_count)::int as done
    from obligations o
    group by 1, 2`,
  );
  return rows;
}

/** Both methods must give every row shown the same obligations due and done, type by type. */
function compare(
  api: DashboardBody,
  direct: { child: number; meeting_type: string; due: number; done: number }[],
) {
  const want = new Map(direct.map((d) => [`${d.child}|${d.meeting_type}`, d]));
  for (const row of api.rows)
    for (const type of RULE_TYPES) {
      const cell = row.cells[type] ?? { due: 0, done: 0 };
      const d = want.get(`${row.org.id}|${type}`);
      if (cell.due !== Number(d?.due ?? 0) || cell.done !== Number(d?.done ?? 0))
        throw new Error(
          `dashboard and direct aggregate disagree for org ${row.org.id} ${type}: ${cell.due}/${cell.done} vs ${d?.due ?? 0}/${d?.done ?? 0}`,
        );
    }
}

export const orgLifeSection: BenchSection = {
  id: 'org-life',
  title:
    'Organizational-life dashboard — GET /api/v1/org-life/dashboard (rollups) vs a direct aggregate over meetings',
  async app(ctx: AppPhase, rec) {
    const { bench, sessions, options, database } = ctx;
    const db = database.db;
    const today = bench.deps.clock.today();
    const [existing] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from meetings`);
    if (Number(existing?.n ?? 0) === 0) {
      const { value } = await rec.once('meetings: load a year of sittings', () => loadMeetings(db, today));
      rec.figure('meetings: rows', value, 'rows');
    }
    const { value: rows } = await rec.once('rollups: rebuild from the records', () =>
      rebuildRollups(db, ctx.fixtures.root.id, today, today),
    );
    rec.figure('rollups: own rows written', rows, 'rows');
    await db.execute(sql`vacuum analyze meetings`);
    await db.execute(sql`vacuum analyze org_life_rollups`);
    const period = String(parts(today).year);
    for (const { level, key, org } of levels(ctx)) {
      const url = `/api/v1/org-life/dashboard?orgId=${org.id}&period=${period}`;
      const answer = await getJson<DashboardBody>(bench.app, sessions[key], url);
      const direct = await directAggregate(db, org, today);
      compare(answer, direct);
      const fast = await rec.measure(
        `${level}: dashboard from rollups (${org.type}, ${answer.rows.length} rows shown)`,
        async () => {
          const body = await getJson<DashboardBody>(bench.app, sessions[key], url);
          if (!Array.isArray(body.rows)) throw new Error('dashboard without rows');
        },
        { iterations: options.iterations },
      );
      const slow = await rec.measure(
        `${level}: direct aggregate over meetings`,
        async () => {
          const rowsOut = await directAggregate(db, org, today);
          if (rowsOut.length === 0 && answer.rows.length > 0)
            throw new Error('direct aggregate found nothing');
        },
        { iterations: Math.min(options.iterations, level === 'root' ? 5 : 10) },
      );
      rec.figure(`${level}: direct / rollups (p95)`, slow.p95 / fast.p95, '×');
    }
    await statementBreakdown(database, rec, 'root dashboard', () =>
      getJson(
        bench.app,
        sessions.rootSupervisor,
        `/api/v1/org-life/dashboard?orgId=${ctx.fixtures.root.id}&period=${period}`,
      ),
    );
  },
};
