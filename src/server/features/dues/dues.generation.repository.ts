import { sql } from 'drizzle-orm';
import {
  DEFAULT_DUES_SETTINGS,
  DUES_CATEGORIES,
  flatRules,
  type MonthKey,
  monthStart,
} from '../../../domain/dues';
import { type Executor, queryRows } from '../../db/database';
import { ancestorsLateral } from '../../rollups';
import { inSubtree, isActiveMember, isAncestorOrSelf } from '../../scope';

/** Generating a month: the rows of everyone who owes for it, computed and rolled up in set-based SQL. */
export const duesGenerationRepository = {
  /**
   * Creates the month's rows for every member of the subtree active on `asOf` (the month's last day, or
   * today for the current month) who has none yet, in one INSERT … SELECT computing the amounts from the
   * flattened rules, and adds them to the rollups in the same statement. Members under a closed org-month
   * are skipped. Returns how many rows were created.
   */
  async generate(
    db: Executor,
    input: {
      tenantId: number;
      subtreePath: string;
      month: MonthKey;
      asOf: string;
      memberIds?: readonly number[];
    },
  ): Promise<number> {
    const rules = flatRules();
    const col = <K extends keyof (typeof rules)[number]>(k: K) => rules.map((r) => r[k] as unknown);
    const month = monthStart(input.month);
    const memberInTree = inSubtree(sql`m.org_path`, input.subtreePath);
    const eventInTree = inSubtree(sql`l.org_path`, input.subtreePath);
    const only = (column: string) =>
      input.memberIds
        ? sql`and ${sql.identifier(column)} = any(${sql.param([...input.memberIds])}::int[])`
        : sql``;
    // Who owed the month: the roster row is the state as of today (it is kept equal to the latest event),
    // so it answers for everyone without an event after `asOf`; only those few are judged from their
    // history. Written to a temporary table the planner then knows the size of (a subtree filter over a
    // DISTINCT ON defeats its estimates, and hash joins need them); then one INSERT … SELECT computes every
    // amount and adds the rows to the rollups in the same statement.
    return db.transaction(async (tx) => {
      // Sorts and hashes over a whole province month fit in memory instead of spilling to disk.
      await tx.execute(sql`set local work_mem = '256MB'`);
      await tx.execute(sql`drop table if exists dues_generation`);
      await tx.execute(sql`
        create temporary table dues_generation on commit drop as
        with later as (
          select distinct member_id from member_events where effective_date > ${input.asOf} ${only('member_id')}
        ),
        owing as (
          select m.id as member_id, m.status, m.org_id, m.org_path
          from members m
          where ${memberInTree} and ${isActiveMember(sql`m.status`)} ${only('id')}
            and not exists (select 1 from later where later.member_id = m.id)
          union all
          select l.member_id, l.status, l.org_id, l.org_path
          from (
            select distinct on (e.member_id) e.member_id, e.status, e.org_id, e.org_path
            from member_events e
            where e.effective_date <= ${input.asOf} and e.member_id in (select member_id from later)
            order by e.member_id, e.effective_date desc, e.id desc
          ) l
          where ${eventInTree} and ${isActiveMember(sql`l.status`)}
        ),
        orgs_owing as (
          select o.org_path,
            coalesce((select st.rounding from dues_settings st where ${isAncestorOrSelf(sql`st.org_path`, sql`o.org_path`)}
              order by length(st.org_path) desc limit 1), ${DEFAULT_DUES_SETTINGS.rounding}) as rounding
          from (select distinct org_path from owing) o
          where not exists (select 1 from dues_closings c where c.month = ${month} and ${isAncestorOrSelf(sql`c.org_path`, sql`o.org_path`)})
        )
        select w.member_id, w.status, w.org_id, w.org_path, r.rounding
        from owing w
        join orgs_owing r on r.org_path = w.org_path
        where not exists (select 1 from dues_ledger d
          where d.tenant_id = ${input.tenantId} and d.member_id = w.member_id and d.month = ${month})`);
      await tx.execute(sql`analyze dues_generation`);
      const [row] = await queryRows<{ created: number }>(
        tx,
        sql`
      with basis as (
        select distinct on (b.member_id) b.member_id, b.category, b.base_fen, b.chosen_fen, b.approved_fen
        from dues_bases b
        where b.effective_month <= ${month} and b.member_id in (select member_id from dues_generation)
        order by b.member_id, b.effective_month desc, b.id desc
      ),
      rules as (
        select * from unnest(${sql.param(col('category'))}::text[], ${sql.param(col('kind'))}::text[],
          ${sql.param(col('above'))}::bigint[], ${sql.param(col('upTo'))}::bigint[], ${sql.param(col('basisPoints'))}::int[],
          ${sql.param(col('amount'))}::int[]) as r(category, kind, above, up_to, bp, amount)
      ),
      candidates as (
        select s.member_id, s.org_id, s.org_path, s.status, s.rounding,
          coalesce(b.category, case when m.category = any(${sql.param([...DUES_CATEGORIES])}::text[]) then m.category else '其他' end) as category,
          b.base_fen, b.chosen_fen, b.approved_fen
        from dues_generation s
        join members m on m.id = s.member_id
        left join basis b on b.member_id = s.member_id
      ),
      computed as (
        select c.*, r.kind, r.bp, r.amount,
          case when c.approved_fen is not null then 'approved'
               when r.kind = 'bands' and c.base_fen is null then 'missing'
               else r.kind end as calc_kind,
          case c.rounding when '角' then 10 when '元' then 100 else 1 end as unit
        from candidates c
        join rules r on r.category = c.category
          and (r.kind <> 'bands' or (coalesce(c.base_fen, 0) > r.above and (r.up_to is null or coalesce(c.base_fen, 0) <= r.up_to)))
      ),
      inserted as (
        insert into dues_ledger (tenant_id, member_id, month, org_id, org_path, member_status, category, base_fen,
          basis_points, calc_kind, rounding, due_fen)
        select ${input.tenantId}, member_id, ${month}, org_id, org_path, status, category,
          case when kind = 'bands' then base_fen end,
          case when calc_kind = 'bands' then bp end,
          calc_kind, rounding,
          case calc_kind
            when 'approved' then approved_fen
            when 'missing' then 0
            when 'fixed' then amount
            when 'range' then coalesce(chosen_fen, amount)
            else ((base_fen * bp * 2 + 10000 * unit) / (20000 * unit) * unit)::int
          end
        from computed
        on conflict do nothing
        returning org_path, due_fen, calc_kind
      ),
      per_org as (
        select org_path, count(*)::int as members,
          (count(*) filter (where calc_kind <> 'missing' and due_fen = 0))::int as settled, sum(due_fen)::bigint as payable
        from inserted group by org_path
      ),
      rolled as (
        insert into dues_rollups (tenant_id, org_id, org_path, month, members, settled, payable_fen)
        select ${input.tenantId}, anc.id, anc.path, ${month}, sum(i.members)::int, sum(i.settled)::int, sum(i.payable)::bigint
        from per_org i ${ancestorsLateral(sql`i.org_path`)}
        group by anc.id, anc.path
        order by anc.id
        on conflict (tenant_id, org_id, month) do update set
          members = dues_rollups.members + excluded.members,
          settled = dues_rollups.settled + excluded.settled,
          payable_fen = dues_rollups.payable_fen + excluded.payable_fen
        returning 1
      )
      select (select count(*) from inserted)::int as created, (select count(*) from rolled)::int as rolled`,
      );
      return Number(row?.created ?? 0);
    });
  },
};
