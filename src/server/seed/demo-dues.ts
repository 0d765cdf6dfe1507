import { sql } from 'drizzle-orm';
import { type IsoDate, laterOf } from '../../domain/calendar';
import { addMonthKeys, DUES_RULES, duesCategoryOf, monthEnd, monthOf, monthStart } from '../../domain/dues';
import { type Executor, queryRows } from '../db/database';
import { duesRepository } from '../features/dues/dues.repository';
import { duesAdjustments, duesClosings } from '../features/dues/dues.table';
import { inSubtree, isActiveMember } from '../scope';
import { type GeneratedOrg, prng } from './generator';

/**
 * A year of dues for the demo: bases for everyone (a few raises and one retirement during the year), every
 * month generated and mostly paid, older months closed, two members in arrears (four and seven months, so
 * both alerts show), a partial payment, an adjustment, and a large voluntary payment. The first branch's
 * current month is left for its secretary to generate. Fictional throughout.
 */
export async function seedDemoDues(
  db: Executor,
  tree: GeneratedOrg[],
  today: IsoDate,
  seed: number,
  keep: { secretaryMemberId: number; memberId: number },
): Promise<void> {
  const rand = prng(seed ^ 0xd0e5);
  const root = tree[0]!;
  const branches = tree.filter((o) => o.type === '党支部');
  const firstBranch = branches[0]!;
  const current = monthOf(today);
  const since = addMonthKeys(current, -11);

  // Everyone on the roll at some time in the year: today's members and those who left during it. Each
  // base starts with the year or with the member's first day here (joining, or arriving by 转入).
  const roster = await queryRows<{ id: number; org_path: string; category: string; first_day: string }>(
    db,
    sql`select m.id, m.org_path, m.category,
          (select min(e.effective_date) from member_events e where e.member_id = m.id)::text as first_day
        from members m where m.tenant_id = ${root.tenantId}
          and (${isActiveMember(sql`m.status`)}
            or exists (select 1 from member_events e where e.member_id = m.id and e.effective_date >= ${monthStart(since)}))
        order by m.id`,
  );
  const raiseMonth = addMonthKeys(current, -5);
  const bases = [];
  for (const m of roster) {
    const firstMonth = m.first_day && monthOf(m.first_day) > since ? monthOf(m.first_day) : since;
    const category = duesCategoryOf(m.category);
    const rule = DUES_RULES[category];
    const retired = category === '离退休';
    const yuan = retired ? 3000 + Math.floor(rand() * 4500) : 2800 + Math.floor(rand() * 10_000);
    const baseFen = rule.kind === 'bands' ? yuan * 100 + Math.floor(rand() * 100) : null;
    bases.push({
      tenantId: root.tenantId,
      memberId: Number(m.id),
      effectiveMonth: monthStart(firstMonth),
      category,
      baseFen,
      chosenFen: rule.kind === 'range' ? 50 : null,
      approvedFen: null,
      approvalNote: null,
      source: 'import',
    });
    // Some raises from the middle of the year (a new salary applies from the month it is paid).
    if (baseFen !== null && !retired && rand() < 0.25 && firstMonth < raiseMonth)
      bases.push({
        ...bases.at(-1)!,
        effectiveMonth: monthStart(raiseMonth),
        baseFen: baseFen + 30_000 + Math.floor(rand() * 50_000),
        source: 'manual',
      });
  }
  await duesRepository.insertBases(db, bases);
  await duesRepository.upsertSettings(db, firstBranch, {
    rounding: '分',
    allowPrepay: true,
    reminderLeadDays: 5,
  });

  for (let month = since; month <= current; month = addMonthKeys(month, 1)) {
    const end = monthEnd(month);
    const asOf = end < today ? end : today;
    for (const org of tree.filter((o) => o.parentId === root.id))
      await duesRepository.generate(db, { tenantId: root.tenantId, subtreePath: org.path, month, asOf });
  }
  // The first branch's current month is its secretary's to generate.
  await db.execute(
    sql`delete from dues_ledger where ${inSubtree(sql`org_path`, firstBranch.path)} and month = ${monthStart(current)}`,
  );

  const rows = await queryRows<{
    member_id: number;
    month: string;
    org_id: number;
    org_path: string;
    due_fen: number;
  }>(
    db,
    sql`select member_id, month, org_id, org_path, due_fen from dues_ledger where tenant_id = ${root.tenantId} order by member_id, month`,
  );
  const members = [...new Set(rows.map((r) => Number(r.member_id)))];
  const inFirst = members.filter((id) =>
    rows.some((r) => Number(r.member_id) === id && r.org_path.startsWith(firstBranch.path)),
  );
  // The long arrears belong to someone on the roll all year, so the seven months read as seven months.
  const monthsOnRoll = new Map<number, number>();
  for (const r of rows)
    monthsOnRoll.set(Number(r.member_id), (monthsOnRoll.get(Number(r.member_id)) ?? 0) + 1);
  const elsewhere = members.filter((id) => !inFirst.includes(id) && monthsOnRoll.get(id) === 12);
  const spare = inFirst.filter((id) => id !== keep.secretaryMemberId && id !== keep.memberId);
  const lapsedSince = new Map<number, string>([
    [spare.at(-1)!, addMonthKeys(current, -4)],
    [elsewhere[Math.floor(elsewhere.length / 2)]!, addMonthKeys(current, -7)],
  ]);
  const partial = spare.at(-2)!;
  // A member accepted, arriving or moving during a month pays that month's dues on or after that day.
  const arrivals = await queryRows<{ member_id: number; effective_date: string }>(
    db,
    sql`select member_id, effective_date::text from member_events
        where tenant_id = ${root.tenantId} and kind in ('接收预备党员', '转入', '支部间调动')
        order by effective_date`,
  );
  const enteredBy = (memberId: number, date: IsoDate): IsoDate | null =>
    arrivals.filter((a) => Number(a.member_id) === memberId && a.effective_date <= date).at(-1)
      ?.effective_date ?? null;

  const [{ max } = { max: 0 }] = await queryRows<{ max: number }>(
    db,
    sql`select coalesce(max(id), 0)::int as max from dues_payments`,
  );
  let nextId = Number(max);
  const payments: unknown[][] = [];
  const lines: unknown[][] = [];
  const paid: { memberId: number; month: string; amount: number; paidOn: string }[] = [];
  for (const r of rows) {
    const memberId = Number(r.member_id);
    const month = monthOf(r.month);
    const lapse = lapsedSince.get(memberId);
    if (lapse && month >= lapse) continue;
    if (month === current && rand() < 0.45) continue;
    const day = 3 + Math.floor(rand() * 20);
    const entered = enteredBy(memberId, monthEnd(month));
    const dated = laterOf(`${month}-${String(day).padStart(2, '0')}`, entered ?? '');
    const paidOn = dated > today ? today : dated;
    const amount =
      memberId === partial && month === addMonthKeys(current, -1)
        ? Math.floor(r.due_fen / 2)
        : Number(r.due_fen);
    if (amount === 0) continue;
    const id = ++nextId;
    const voluntary = memberId === spare[2] && month === addMonthKeys(current, -3) ? 120_000 : 0;
    payments.push([
      id,
      root.tenantId,
      memberId,
      Number(r.org_id),
      r.org_path,
      paidOn,
      amount,
      voluntary,
      voluntary >= 100_000,
    ]);
    lines.push([id, root.tenantId, memberId, r.month, amount, '按月交纳']);
    paid.push({ memberId, month: r.month, amount, paidOn });
  }
  const col = (list: unknown[][], i: number) => list.map((x) => x[i]);
  for (let i = 0; i < payments.length; i += 5000) {
    const p = payments.slice(i, i + 5000);
    const l = lines.slice(i, i + 5000);
    await db.execute(sql`
      insert into dues_payments (id, tenant_id, member_id, org_id, org_path, paid_on, dues_fen, voluntary_fen, remit_in_full, recorded_by_name)
      select *, '演示数据' from unnest(${sql.param(col(p, 0))}::int[], ${sql.param(col(p, 1))}::int[], ${sql.param(col(p, 2))}::int[],
        ${sql.param(col(p, 3))}::int[], ${sql.param(col(p, 4))}::text[], ${sql.param(col(p, 5))}::date[], ${sql.param(col(p, 6))}::int[],
        ${sql.param(col(p, 7))}::int[], ${sql.param(col(p, 8))}::boolean[])`);
    await db.execute(sql`
      insert into dues_payment_lines (payment_id, tenant_id, member_id, month, amount_fen, kind)
      select * from unnest(${sql.param(col(l, 0))}::int[], ${sql.param(col(l, 1))}::int[], ${sql.param(col(l, 2))}::int[],
        ${sql.param(col(l, 3))}::date[], ${sql.param(col(l, 4))}::int[], ${sql.param(col(l, 5))}::text[])`);
    const q = paid.slice(i, i + 5000);
    await db.execute(sql`
      update dues_ledger l set paid_fen = u.amount, paid_on = u.paid_on
      from unnest(${sql.param(q.map((x) => x.memberId))}::int[], ${sql.param(q.map((x) => x.month))}::date[],
        ${sql.param(q.map((x) => x.amount))}::int[], ${sql.param(q.map((x) => x.paidOn))}::date[]) as u(member_id, month, amount, paid_on)
      where l.member_id = u.member_id and l.month = u.month`);
  }
  await db.execute(sql`select setval(pg_get_serial_sequence('dues_payments', 'id'), greatest(${nextId}, 1))`);

  // A correction after the fact: sick leave lowered one month's pay.
  const adjusted = rows.find(
    (r) => Number(r.member_id) === spare[1] && monthOf(r.month) === addMonthKeys(current, -6),
  );
  if (adjusted && adjusted.due_fen >= 1000) {
    await db.insert(duesAdjustments).values({
      tenantId: root.tenantId,
      memberId: Number(adjusted.member_id),
      month: adjusted.month,
      orgId: Number(adjusted.org_id),
      orgPath: adjusted.org_path,
      amountFen: -1000,
      reason: '当月病休，工资减少，经核实调减',
      createdByName: '演示数据',
    });
    await db.execute(
      sql`update dues_ledger set adjustment_fen = -1000, paid_fen = greatest(0, paid_fen - 1000)
          where member_id = ${Number(adjusted.member_id)} and month = ${adjusted.month}`,
    );
    await db.execute(
      sql`update dues_payment_lines set amount_fen = amount_fen - 1000 where member_id = ${Number(adjusted.member_id)} and month = ${adjusted.month}`,
    );
    await db.execute(
      sql`update dues_payments p set dues_fen = dues_fen - 1000 from dues_payment_lines l
          where l.payment_id = p.id and l.member_id = ${Number(adjusted.member_id)} and l.month = ${adjusted.month}`,
    );
  }

  // Months up to two months back are closed in every branch.
  const closings = [];
  for (let month = since; month <= addMonthKeys(current, -2); month = addMonthKeys(month, 1))
    for (const b of branches) {
      const [t] = await queryRows<{ members: number; settled: number; payable: number; paid: number }>(
        db,
        sql`select count(*)::int as members,
              (count(*) filter (where paid_fen >= greatest(0, due_fen + adjustment_fen)))::int as settled,
              coalesce(sum(greatest(0, due_fen + adjustment_fen)), 0)::int as payable, coalesce(sum(paid_fen), 0)::int as paid
            from dues_ledger where ${inSubtree(sql`org_path`, b.path)} and month = ${monthStart(month)}`,
      );
      if (!t || Number(t.members) === 0) continue;
      const members = Number(t.members);
      const settled = Number(t.settled);
      closings.push({
        tenantId: root.tenantId,
        orgId: b.id,
        orgPath: b.path,
        month: monthStart(month),
        totals: {
          members,
          settled,
          payableFen: Number(t.payable),
          paidFen: Number(t.paid),
          owedFen: Number(t.payable) - Number(t.paid),
          rate: Math.round((settled * 1000) / members) / 10,
        },
        closedByName: '演示数据',
        closedAt: new Date(`${monthEnd(month)}T18:00:00+08:00`),
      });
    }
  if (closings.length) await db.insert(duesClosings).values(closings);
  await duesRepository.rebuildRollups(db, root.tenantId);
}
