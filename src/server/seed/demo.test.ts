import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../../domain/calendar';
import { queryRows } from '../db/database';
import { type DemoFacts, demoFacts } from '../testing/factories';
import { createTestContext, type TestContext } from '../testing/harness';

// The demo seeds on the real date, so its histories are checked on two calendars: the tests' usual day and
// one at a month's end early in a year.
describe.each(['2026-11-20', '2027-02-28'])('the demo roster history seeded on %s', (today) => {
  let ctx: TestContext;
  let facts: DemoFacts;
  const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(ctx.deps.db, query);

  beforeAll(async () => {
    ctx = await createTestContext({ demo: true, today });
    facts = await demoFacts(ctx.deps.db);
  });
  afterAll(async () => {
    await ctx.close();
  });

  it("keeps every member's status and org equal to their latest event, none dated after today", async () => {
    const mismatched = await rows<{ id: number }>(sql`
      select m.id from members m
      left join lateral (
        select e.status, e.org_id, e.org_path from member_events e
        where e.member_id = m.id and e.effective_date <= ${today}
        order by e.effective_date desc, e.id desc limit 1
      ) latest on true
      where latest.status is distinct from m.status or latest.org_id is distinct from m.org_id
        or latest.org_path is distinct from m.org_path`);
    expect(mismatched).toEqual([]);
    const [future] = await rows<{ n: number }>(
      sql`select count(*)::int as n from member_events where effective_date > ${today}`,
    );
    expect(future!.n).toBe(0);
  });

  it('holds moves between branches, transfers out and in with letters, a death, a suspension and an extended probation', async () => {
    const kinds = await rows<{ kind: string; n: number }>(
      sql`select kind, count(*)::int as n from member_events group by kind`,
    );
    const count = Object.fromEntries(kinds.map((k) => [k.kind, k.n]));
    expect(count).toMatchObject({ 支部间调动: 5, 转出: 3, 转入: 3, 去世: 1, 停止党籍: 1, 延长预备期: 1 });

    const since = addMonths(today, -25);
    const [oldest] = await rows<{ d: string }>(
      sql`select min(effective_date)::text as d from member_events
          where kind not in ('接收预备党员', '转正')`,
    );
    expect(oldest!.d >= since).toBe(true);

    const letters = await rows<{ kind: string; effective: string; valid: string; no: string; to: string }>(
      sql`select kind, effective_date::text as effective, letter_valid_until::text as valid, letter_no as no,
            counterpart_org as to from member_events where kind in ('转出', '转入')`,
    );
    for (const l of letters) {
      expect(l.no).toMatch(/〔\d{4}〕\d{3}号$/);
      expect(l.to).toMatch(/^中共.+委员会$/);
      if (l.kind === '转出') {
        expect(l.valid >= l.effective).toBe(true);
        expect(l.valid <= addMonths(l.effective, 3)).toBe(true);
      } else expect(l.valid >= l.effective).toBe(true);
    }

    // Arrivals joined elsewhere: their history here starts with the transfer in.
    const arrivals = await rows<{ first: string; status: string }>(sql`
      select (select e.kind from member_events e where e.member_id = m.id order by e.effective_date, e.id limit 1) as first,
        m.status
      from members m where m.id in (select member_id from member_events where kind = '转入')`);
    expect(arrivals).toHaveLength(3);
    for (const a of arrivals) expect(a).toEqual({ first: '转入', status: '正式党员' });

    const [extended] = await rows<{ status: string; confirmed: string | null }>(sql`
      select m.status, m.confirmed_on::text as confirmed from members m
      where m.id in (select member_id from member_events where kind = '延长预备期')`);
    expect(extended).toEqual({ status: '预备党员', confirmed: null });
    const [left] = await rows<{ statuses: string[] }>(sql`
      select array_agg(distinct status order by status) as statuses from members
      where status not in ('正式党员', '预备党员')`);
    expect(left!.statuses).toEqual(['停止党籍', '去世', '转出'].sort());
  });

  it('leaves the committees, the demo accounts and the branches they use without roster changes', async () => {
    const touched = await rows<{ member_id: number; org_path: string }>(sql`
      select distinct member_id, org_path from member_events where kind not in ('接收预备党员', '转正')`);
    const kept = [facts.members.shuji, facts.members.shuji2, facts.members.dangyuan];
    const holders = await rows<{ member_id: number }>(
      sql`select member_id from org_posts where member_id is not null`,
    );
    const branchPaths = await rows<{ path: string }>(
      sql`select path from orgs where id = any(${sql.param([facts.branchId, facts.otherUnitBranchId, ...facts.siblingBranchIds])}::int[])`,
    );
    for (const t of touched) {
      expect(kept).not.toContain(Number(t.member_id));
      expect(holders.map((h) => Number(h.member_id))).not.toContain(Number(t.member_id));
      for (const b of branchPaths) expect(t.org_path.startsWith(b.path)).toBe(false);
    }
  });

  it('puts nobody in a sitting, a dues month or a study session unless they were a member there that day', async () => {
    // The latest event on or before a date, by the rule every ledger judges by.
    const memberThere = (memberId: string, date: string, path: string) => sql`exists (
      select 1 from (select e.status, e.org_path from member_events e
        where e.member_id = ${sql.raw(memberId)} and e.effective_date <= ${sql.raw(date)}
        order by e.effective_date desc, e.id desc limit 1) s
      where s.status in ('正式党员', '预备党员') and s.org_path like ${sql.raw(path)} || '%')`;
    const [attendance] = await rows<{ bad: number; all: number }>(sql`
      select (count(*) filter (where not ${memberThere('a.member_id', 'm.date', 'm.org_path')}))::int as bad,
        count(*)::int as all
      from meeting_attendees a join meetings m on m.id = a.meeting_id`);
    expect(attendance!.all).toBeGreaterThan(1000);
    expect(attendance!.bad).toBe(0);

    const [dues] = await rows<{ bad: number }>(sql`
      select count(*)::int as bad from dues_ledger l
      where not ${memberThere('l.member_id', `least((l.month + interval '1 month - 1 day')::date, '${today}'::date)`, 'l.org_path')}`);
    expect(dues!.bad).toBe(0);
    const [payments] = await rows<{ bad: number }>(sql`
      select count(*)::int as bad from dues_payments p
      where not ${memberThere('p.member_id', 'p.paid_on', 'p.org_path')}`);
    expect(payments!.bad).toBe(0);

    const [study] = await rows<{ bad: number }>(sql`
      select count(*)::int as bad from study_session_attendees a join study_sessions s on s.id = a.session_id
      where not ${memberThere('a.member_id', 's.date', 's.org_path')}`);
    expect(study!.bad).toBe(0);
    const [selfLogs] = await rows<{ bad: number }>(sql`
      select count(*)::int as bad from study_self_logs l join members m on m.id = l.member_id
      where not ${memberThere('l.member_id', 'l.date', 'm.org_path')}`);
    expect(selfLogs!.bad).toBe(0);
  });

  it('gives the members who left a ledger up to the month before they left, and nothing after', async () => {
    const leavers = await rows<{ id: number; left_on: string; last_month: string | null }>(sql`
      select m.id, e.effective_date::text as left_on,
        (select max(l.month)::text from dues_ledger l where l.member_id = m.id) as last_month
      from members m join member_events e on e.member_id = m.id and e.kind in ('转出', '去世', '停止党籍')
      where m.status not in ('正式党员', '预备党员')`);
    expect(leavers).toHaveLength(5);
    const inTheYear = leavers.filter((l) => l.last_month !== null);
    // Two of the departures fall inside the ledger year, the oldest ones before it.
    expect(inTheYear.length).toBeGreaterThanOrEqual(2);
    for (const l of inTheYear) expect(l.last_month! < l.left_on.slice(0, 7)).toBe(true);
  });
});
