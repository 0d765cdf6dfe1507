import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  addMonthKeys,
  calculateDues,
  DUES_CATEGORIES,
  type DuesCategory,
  SIX_MONTH_NOTE,
} from '../../../domain/dues';
import { queryRows } from '../../db/database';
import { AppError } from '../../http/errors';
import { smallTreeEach } from '../../testing/fixtures';
import { addAccount } from '../../testing/trees';
import { inboxItemsOf } from '../inbox';
import { findMember } from '../members';
import { DuesJob } from './dues.job';
import { duesRepository } from './dues.repository';

/** Today in these tests is 2026-11-20. Each test gets its own tree (tenant) in one shared database. */
const { ctx, t } = smallTreeEach();

const dues = () => ctx.services.dues;
const basis = (memberId: number, effectiveMonth: string, baseFen: number, category: DuesCategory = '在职') =>
  dues().setBasis(t.secretary, { memberId, effectiveMonth, category, baseFen });

async function ledger(month: string, orgId = t.branch.id) {
  return dues().ledger(t.secretary, { orgId, month });
}
const rowOf = async (memberId: number, month: string) =>
  (await ledger(month)).rows.find((r) => r.memberId === memberId)!;

/** The rollups as kept incrementally must equal a rebuild from the records. */
async function expectRollupsConsistent() {
  const read = () =>
    queryRows<Record<string, unknown>>(
      ctx.deps.db,
      sql`select org_id, month, members, settled, payable_fen, paid_fen, collected_fen, voluntary_fen, remit_in_full_fen
          from dues_rollups where tenant_id = ${t.root.tenantId}
            and (members <> 0 or settled <> 0 or payable_fen <> 0 or paid_fen <> 0 or collected_fen <> 0)
          order by org_id, month`,
    );
  const incremental = await read();
  await ctx.deps.db.transaction((tx) => duesRepository.rebuildRollups(tx, t.root.tenantId));
  expect(incremental).toEqual(await read());
}

describe('generating a month', () => {
  it('creates a row per active member of the subtree, and running it again adds nobody twice', async () => {
    const first = await dues().generate(t.secretary, { orgId: t.branch.id, month: '2026-11' });
    expect(first).toEqual({ month: '2026-11', created: 7, total: 7, missingBase: 7 });
    const again = await dues().generate(t.secretary, { orgId: t.branch.id, month: '2026-11' });
    expect(again.created).toBe(0);
    const unit = await dues().generate(t.admin, { orgId: t.unit.id, month: '2026-11' });
    expect(unit).toMatchObject({ created: 3, total: 10 });
    await expectRollupsConsistent();
  });

  it('charges a 预备党员 from the month of acceptance, not before', async () => {
    const probationer = t.members[4]!;
    expect((await dues().generate(t.secretary, { orgId: t.branch.id, month: '2026-02' })).total).toBe(6);
    expect((await dues().generate(t.secretary, { orgId: t.branch.id, month: '2026-03' })).total).toBe(7);
    expect((await rowOf(probationer, '2026-03')).memberStatus).toBe('预备党员');
  });

  it('refuses future months and months already closed', async () => {
    await expect(dues().generate(t.secretary, { orgId: t.branch.id, month: '2026-12' })).rejects.toThrow(
      '未来月份',
    );
  });

  it('computes in SQL exactly what the pure function computes, for any category and base', async () => {
    // Members since before 2020 (the 预备党员 accepted in 2026 is left out of these earlier months).
    const people = [...t.members.slice(0, 4), ...t.groupMembers];
    let month = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            category: fc.constantFrom(...DUES_CATEGORIES),
            baseFen: fc.integer({ min: 0, max: 3_000_000 }),
            chosenFen: fc.integer({ min: 20, max: 100 }),
          }),
          { minLength: people.length, maxLength: people.length },
        ),
        async (inputs) => {
          const key = addMonthKeys('2019-12', ++month);
          for (const [i, input] of inputs.entries())
            await dues().setBasis(t.secretary, { memberId: people[i]!, effectiveMonth: key, ...input });
          await dues().generate(t.secretary, { orgId: t.branch.id, month: key });
          const rows = (await ledger(key)).rows;
          for (const [i, input] of inputs.entries()) {
            const row = rows.find((r) => r.memberId === people[i])!;
            const want = calculateDues({ ...input, rounding: '分' }).amount;
            expect(row.dueFen).toBe(want);
          }
        },
      ),
      { numRuns: 8 },
    );
  });
});

describe('bases with effective months', () => {
  it('applies a raise from the month it is paid and recomputes open months already generated', async () => {
    const m = t.members[1]!;
    await basis(m, '2026-01', 490_000);
    for (const month of ['2026-09', '2026-10', '2026-11'])
      await dues().generate(t.secretary, { orgId: t.branch.id, month });
    expect((await rowOf(m, '2026-10')).dueFen).toBe(4900);
    const result = await basis(m, '2026-10', 510_000);
    expect(result.recomputed).toEqual(['2026-10', '2026-11']);
    expect((await rowOf(m, '2026-09')).dueFen).toBe(4900);
    const october = await rowOf(m, '2026-10');
    expect(october).toMatchObject({ dueFen: 7650, basisPoints: 150, state: '未交' });
    expect(october.working).toBe('5100.00 元 × 1.5% = 76.50 元（四舍五入到分）');
    await expectRollupsConsistent();
  });

  it('follows a change of category in the middle of the year (retired from April)', async () => {
    const m = t.members[2]!;
    await basis(m, '2026-01', 600_000);
    await basis(m, '2026-04', 600_000, '离退休');
    for (const month of ['2026-03', '2026-04'])
      await dues().generate(t.secretary, { orgId: t.branch.id, month });
    expect((await rowOf(m, '2026-03')).dueFen).toBe(9000);
    expect(await rowOf(m, '2026-04')).toMatchObject({ category: '离退休', dueFen: 6000, basisPoints: 100 });
  });

  it('refuses a banded category without a base and a reduction without its approval, writing nothing', async () => {
    await expect(
      dues().setBasis(t.secretary, { memberId: t.members[0]!, effectiveMonth: '2026-11', category: '在职' }),
    ).rejects.toThrow('月收入基数');
    await expect(
      dues().setBasis(t.secretary, {
        memberId: t.members[0]!,
        effectiveMonth: '2026-11',
        category: '在职',
        approvedFen: 0,
      }),
    ).rejects.toThrow('批准');
    expect(await duesRepository.basesOf(ctx.deps.db, [t.members[0]!])).toEqual([]);
  });
});

describe('payments', () => {
  beforeEach(async () => {
    for (const m of [...t.members, ...t.groupMembers]) await basis(m, '2025-01', 400_000);
  });

  it('records full and partial payments and refuses paying more than is owed', async () => {
    await dues().generate(t.secretary, { orgId: t.branch.id, month: '2026-11' });
    const [a, b] = t.members;
    await dues().recordPayment(t.secretary, {
      memberId: a!,
      paidOn: '2026-11-05',
      lines: [{ month: '2026-11', amountFen: 4000 }],
      voluntaryFen: 0,
    });
    await dues().recordPayment(t.secretary, {
      memberId: b!,
      paidOn: '2026-11-05',
      lines: [{ month: '2026-11', amountFen: 1500 }],
      voluntaryFen: 0,
    });
    expect(await rowOf(a!, '2026-11')).toMatchObject({ state: '已交清', owedFen: 0, paidOn: '2026-11-05' });
    expect(await rowOf(b!, '2026-11')).toMatchObject({ state: '部分交纳', owedFen: 2500 });
    await expect(
      dues().recordPayment(t.secretary, {
        memberId: b!,
        paidOn: '2026-11-06',
        lines: [{ month: '2026-11', amountFen: 2501 }],
        voluntaryFen: 0,
      }),
    ).rejects.toThrow('本次最多 25.00 元');
    const totals = (await ledger('2026-11')).totals;
    expect(totals).toMatchObject({
      members: 7,
      settled: 1,
      payableFen: 28000,
      paidFen: 5500,
      owedFen: 22500,
    });
    await expectRollupsConsistent();
  });

  it('takes back payments up to six months freely and further back only with a recorded branch decision', async () => {
    const m = t.members[0]!;
    for (const month of ['2026-04', '2026-05'])
      await dues().generate(t.secretary, { orgId: t.branch.id, month });
    const payApril = (branchDecision?: string) =>
      dues().recordPayment(t.secretary, {
        memberId: m,
        paidOn: '2026-11-20',
        lines: [
          { month: '2026-04', amountFen: 4000 },
          { month: '2026-05', amountFen: 4000 },
        ],
        voluntaryFen: 0,
        branchDecision,
      });
    await expect(payApril()).rejects.toThrow('须有支部决定');
    expect((await rowOf(m, '2026-05')).paidFen).toBe(0);
    const p = await payApril('2026年11月18日支委会决定同意补交');
    expect(p.lines).toEqual([
      { month: '2026-04', amountFen: 4000, kind: '补交' },
      { month: '2026-05', amountFen: 4000, kind: '补交' },
    ]);
  });

  it('allows quarterly prepayment only where the branch allows it, up to the quarter end', async () => {
    const m = t.members[0]!;
    await dues().generate(t.secretary, { orgId: t.branch.id, month: '2026-11' });
    const prepay = (months: string[]) =>
      dues().recordPayment(t.secretary, {
        memberId: m,
        paidOn: '2026-11-20',
        lines: months.map((month) => ({ month, amountFen: 4000 })),
        voluntaryFen: 0,
      });
    await expect(prepay(['2026-11', '2026-12'])).rejects.toThrow('未开通按季度预交');
    await dues().updateSettings(t.secretary, {
      orgId: t.branch.id,
      rounding: '分',
      allowPrepay: true,
      reminderLeadDays: 5,
    });
    await expect(prepay(['2026-11', '2026-12', '2027-01'])).rejects.toThrow('预交最多到2026年12月');
    const p = await prepay(['2026-11', '2026-12']);
    expect(p.lines.map((l) => l.kind)).toEqual(['按月交纳', '预交']);
    // December exists for this member alone, settled; generating December later keeps it and adds the rest.
    ctx.clock.set('2026-12-02');
    const december = await dues().generate(t.secretary, { orgId: t.branch.id, month: '2026-12' });
    expect(december).toMatchObject({ created: 6, total: 7 });
    expect((await rowOf(m, '2026-12')).state).toBe('已交清');
    await expectRollupsConsistent();
  });

  it('flags a one-off voluntary payment of 1000 元 or more for remittance in full', async () => {
    await dues().generate(t.secretary, { orgId: t.branch.id, month: '2026-11' });
    const small = await dues().recordPayment(t.secretary, {
      memberId: t.members[0]!,
      paidOn: '2026-11-10',
      lines: [],
      voluntaryFen: 99_999,
    });
    const large = await dues().recordPayment(t.secretary, {
      memberId: t.members[1]!,
      paidOn: '2026-11-10',
      lines: [{ month: '2026-11', amountFen: 4000 }],
      voluntaryFen: 100_000,
    });
    expect([small.remitInFull, large.remitInFull]).toEqual([false, true]);
    const l = await ledger('2026-11');
    expect([l.voluntaryFen, l.remitInFullFen]).toEqual([199_999, 100_000]);
    await expectRollupsConsistent();
  });

  it('refuses a payment for a month whose base is still missing', async () => {
    await dues().generate(t.admin, { orgId: t.other.id, month: '2026-11' });
    await expect(
      dues().recordPayment(t.admin, {
        memberId: t.otherMembers[0]!,
        paidOn: '2026-11-10',
        lines: [{ month: '2026-11', amountFen: 100 }],
        voluntaryFen: 0,
      }),
    ).rejects.toThrow('尚未核定计算基数');
  });

  it('withdraws a payment entered in error while its month is open', async () => {
    await dues().generate(t.secretary, { orgId: t.branch.id, month: '2026-11' });
    const p = await dues().recordPayment(t.secretary, {
      memberId: t.members[0]!,
      paidOn: '2026-11-10',
      lines: [{ month: '2026-11', amountFen: 4000 }],
      voluntaryFen: 500,
    });
    await dues().revokePayment(t.secretary, p.id, '录入错误，实为其他党员交纳');
    expect(await rowOf(t.members[0]!, '2026-11')).toMatchObject({ paidFen: 0, state: '未交' });
    await expect(dues().revokePayment(t.secretary, p.id, '再次撤销')).rejects.toThrow('已撤销');
    await expectRollupsConsistent();
  });

  it("lists a month's payments: received in it, or paying toward it later, withdrawn ones marked", async () => {
    for (const month of ['2026-10', '2026-11'])
      await dues().generate(t.secretary, { orgId: t.branch.id, month });
    const [a, b] = t.members;
    const onTime = await dues().recordPayment(t.secretary, {
      memberId: a!,
      paidOn: '2026-10-12',
      lines: [{ month: '2026-10', amountFen: 4000 }],
      voluntaryFen: 0,
    });
    const late = await dues().recordPayment(t.secretary, {
      memberId: b!,
      paidOn: '2026-11-03',
      lines: [
        { month: '2026-10', amountFen: 4000 },
        { month: '2026-11', amountFen: 4000 },
      ],
      voluntaryFen: 0,
    });
    const novemberOnly = await dues().recordPayment(t.secretary, {
      memberId: a!,
      paidOn: '2026-11-05',
      lines: [{ month: '2026-11', amountFen: 4000 }],
      voluntaryFen: 0,
    });
    await dues().revokePayment(t.secretary, onTime.id, '金额录错');
    const october = await dues().payments(t.secretary, { orgId: t.branch.id, month: '2026-10' });
    expect(october.rows.map((r) => [r.id, r.revoked, r.revocable])).toEqual([
      [late.id, false, true],
      [onTime.id, true, false],
    ]);
    expect(october.rows[1]!.revokeReason).toBe('金额录错');
    const november = await dues().payments(t.secretary, { orgId: t.branch.id, month: '2026-11' });
    expect(november.rows.map((r) => r.id)).toEqual([novemberOnly.id, late.id]);
    // Another branch's secretary sees none of them.
    await expect(
      dues().payments(t.otherSecretary, { orgId: t.branch.id, month: '2026-10' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('adjustments and closing', () => {
  beforeEach(async () => {
    for (const m of [...t.members, ...t.groupMembers]) await basis(m, '2025-01', 400_000);
    await dues().generate(t.secretary, { orgId: t.branch.id, month: '2026-10' });
  });

  it('adjusts a month with a reason and refuses an adjustment below zero', async () => {
    const m = t.members[0]!;
    const row = await dues().adjust(t.secretary, {
      memberId: m,
      month: '2026-10',
      amountFen: -1000,
      reason: '当月病休，工资减少',
    });
    expect(row).toMatchObject({
      dueFen: 4000,
      adjustmentFen: -1000,
      payableFen: 3000,
      orgName: t.branch.name,
    });
    await expect(
      dues().adjust(t.secretary, { memberId: m, month: '2026-10', amountFen: -3001, reason: '错误调整' }),
    ).rejects.toThrow('负数');
    const list = await dues().adjustments(t.secretary, { orgId: t.branch.id, month: '2026-10' });
    expect(list.rows).toEqual([expect.objectContaining({ amountFen: -1000, reason: '当月病休，工资减少' })]);
    await expectRollupsConsistent();
  });

  it('closes an ended month: snapshots become final, corrections go through adjustments, payments still count', async () => {
    await expect(dues().close(t.secretary, { orgId: t.branch.id, month: '2026-11' })).rejects.toThrow(
      '尚未结束',
    );
    const m = t.members[0]!;
    const p = await dues().recordPayment(t.secretary, {
      memberId: m,
      paidOn: '2026-10-20',
      lines: [{ month: '2026-10', amountFen: 1000 }],
      voluntaryFen: 0,
    });
    const closed = await dues().close(t.secretary, { orgId: t.branch.id, month: '2026-10' });
    expect(closed.totals).toMatchObject({ members: 7, paidFen: 1000 });
    expect((await ledger('2026-10')).closed).toBe(true);
    await expect(dues().close(t.secretary, { orgId: t.branch.id, month: '2026-10' })).rejects.toThrow(
      '已结账',
    );
    await expect(dues().generate(t.secretary, { orgId: t.branch.id, month: '2026-10' })).rejects.toThrow(
      '已结账',
    );
    await expect(dues().revokePayment(t.secretary, p.id, '误录')).rejects.toThrow('已结账');
    const listed = await dues().payments(t.secretary, { orgId: t.branch.id, month: '2026-10' });
    expect(listed.rows.map((r) => [r.id, r.revocable])).toEqual([[p.id, false]]);
    const raise = await basis(m, '2026-10', 600_000);
    expect(raise.closedUnchanged).toEqual(['2026-10']);
    expect((await rowOf(m, '2026-10')).dueFen).toBe(4000);
    await dues().adjust(t.secretary, {
      memberId: m,
      month: '2026-10',
      amountFen: 5000,
      reason: '10月起工资调整，补差',
    });
    await dues().recordPayment(t.secretary, {
      memberId: m,
      paidOn: '2026-11-20',
      lines: [{ month: '2026-10', amountFen: 8000 }],
      voluntaryFen: 0,
    });
    expect(await rowOf(m, '2026-10')).toMatchObject({ payableFen: 9000, paidFen: 9000, state: '已交清' });
    await expectRollupsConsistent();
  });

  it('computes open months again when the rounding rule changes, leaving closed months as they were', async () => {
    const m = t.members[0]!;
    // 5123.45 元 × 1.5% = 76.85175 元: 76.85 to the 分, 76.90 to the 角, 77 to the 元.
    await basis(m, '2026-10', 512_345);
    await dues().generate(t.secretary, { orgId: t.branch.id, month: '2026-11' });
    await dues().close(t.secretary, { orgId: t.branch.id, month: '2026-10' });
    expect(await rowOf(m, '2026-11')).toMatchObject({ dueFen: 7685, rounding: '分' });
    await dues().updateSettings(t.secretary, {
      orgId: t.branch.id,
      rounding: '元',
      allowPrepay: false,
      reminderLeadDays: 5,
    });
    expect(await rowOf(m, '2026-11')).toMatchObject({ dueFen: 7700, rounding: '元' });
    expect(await rowOf(m, '2026-10')).toMatchObject({ dueFen: 7685, rounding: '分' });
    // Each month's ledger states the rule its rows were computed with.
    expect((await ledger('2026-10')).roundingLabel).toBe('四舍五入到分');
    expect((await ledger('2026-11')).roundingLabel).toBe('四舍五入到元');
    expect((await ledger('2026-11')).totals.payableFen).toBe(6 * 4000 + 7700);
    await expectRollupsConsistent();
    // The annual sheet states the rule each month was computed with.
    const annual = await ctx.services.duesReports.annual(t.secretary, { orgId: t.branch.id, year: 2026 });
    expect(annual.roundingStatement).toBe('10月四舍五入到分，11月四舍五入到元');
    // Another branch keeps the rule in force there.
    await dues().setBasis(t.admin, {
      memberId: t.otherMembers[0]!,
      effectiveMonth: '2026-10',
      category: '在职',
      baseFen: 512_345,
    });
    await dues().generate(t.admin, { orgId: t.other.id, month: '2026-11' });
    const other = await dues().ledger(t.admin, { orgId: t.other.id, month: '2026-11' });
    expect(other.rows.find((r) => r.memberId === t.otherMembers[0])).toMatchObject({ dueFen: 7685 });
  });

  it('refuses to close while members still wait for their base', async () => {
    await dues().generate(t.admin, { orgId: t.other.id, month: '2026-10' });
    await expect(dues().close(t.admin, { orgId: t.unit.id, month: '2026-10' })).rejects.toThrow(
      '未核定计算基数',
    );
  });
});

describe('arrears and reminders', () => {
  it('lists runs of unpaid months and alerts the secretary at 3 and 6, the latter as a matter for the branch', async () => {
    const [paying, lapsed] = t.members;
    for (const m of [...t.members, ...t.groupMembers]) await basis(m, '2025-01', 400_000);
    for (const month of ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']) {
      await dues().generate(t.secretary, { orgId: t.branch.id, month });
      for (const m of [...t.members, ...t.groupMembers].filter((x) => x !== lapsed))
        await dues().recordPayment(t.secretary, {
          memberId: m,
          paidOn: `${month}-10`,
          lines: [{ month, amountFen: 4000 }],
          voluntaryFen: 0,
        });
    }
    const arrears = await ctx.services.duesReports.arrears(t.secretary, t.branch.id);
    expect(arrears.rows).toEqual([
      expect.objectContaining({
        memberId: lapsed,
        consecutiveMonths: 6,
        since: '2026-05',
        level: 6,
        owedFen: 24000,
      }),
    ]);
    expect(arrears.rows[0]!.note).toBe(SIX_MONTH_NOTE);
    expect(paying).toBeDefined();

    // The branch's committee hears of it; the 机关党委 secretary above and another branch's do not.
    const committee = await addAccount(ctx, `dues${t.root.id}-zuzhi`, [{ role: 'secretary', org: t.branch }]);
    const upper = await addAccount(ctx, `dues${t.root.id}-jiguan`, [{ role: 'secretary', org: t.unit }]);
    ctx.clock.set('2026-11-27');
    const job = new DuesJob(ctx.deps);
    const run = await job.run('2026-11-27', { today: '2026-11-27' });
    expect(run.secretaryAlerts).toBe(2);
    const duesItems = async (actor: { accountId: number }) =>
      (await inboxItemsOf(ctx.deps.db, actor.accountId)).filter((i) => i.kind.startsWith('dues.'));
    expect(await duesItems(committee)).toHaveLength(1);
    expect(await duesItems(upper)).toEqual([]);
    expect(await duesItems(t.otherSecretary)).toEqual([]);
    const items = await inboxItemsOf(ctx.deps.db, t.secretary.accountId);
    const alert = items.find((i) => i.kind === 'dues.arrears6')!;
    expect(alert.title).toContain('连续 6 个月未交纳党费');
    expect(alert.body).toContain('由支部按规定');
    expect(alert.body).toContain('不会自动变更党员状态');
    expect(items.filter((i) => i.kind.startsWith('dues.'))).toHaveLength(1);
    // Paid members hear nothing; the job is idempotent and never changes the member's status.
    expect(await inboxItemsOf(ctx.deps.db, t.member.accountId)).toEqual([]);
    expect((await job.run('2026-11-27', { today: '2026-11-27' })).secretaryAlerts).toBe(0);
    expect((await findMember(ctx.deps.db, lapsed!))!.status).toBe('正式党员');
  });

  it('sends the 3-month alert of a 党小组 member to the branch, not to the group or the org above', async () => {
    const lapsed = t.groupMembers[0]!;
    // Three unpaid months that are not one run, and a run of two: neither reaches an alert.
    const skipped: Record<string, number[]> = {
      '2026-08': [t.members[1]!],
      '2026-09': [t.members[2]!],
      '2026-10': [t.members[1]!, t.members[2]!],
    };
    for (const m of [...t.members, ...t.groupMembers]) await basis(m, '2025-01', 400_000);
    for (const month of ['2026-08', '2026-09', '2026-10', '2026-11']) {
      await dues().generate(t.secretary, { orgId: t.branch.id, month });
      for (const m of [...t.members, ...t.groupMembers].filter(
        (x) => x !== lapsed && !skipped[month]?.includes(x),
      ))
        await dues().recordPayment(t.secretary, {
          memberId: m,
          paidOn: `${month}-10`,
          lines: [{ month, amountFen: 4000 }],
          voluntaryFen: 0,
        });
    }
    const group = await addAccount(ctx, `dues${t.root.id}-xiaozu`, [{ role: 'secretary', org: t.group }]);
    const upper = await addAccount(ctx, `dues${t.root.id}-gongwei2`, [{ role: 'secretary', org: t.root }]);
    ctx.clock.set('2026-11-27');
    await new DuesJob(ctx.deps).run('2026-11-27', { today: '2026-11-27' });
    const kinds = async (actor: { accountId: number }) =>
      (await inboxItemsOf(ctx.deps.db, actor.accountId))
        .filter((i) => i.kind.startsWith('dues.arrears'))
        .map((i) => i.kind);
    expect(await kinds(t.secretary)).toEqual(['dues.arrears3']);
    expect(await kinds(group)).toEqual([]);
    expect(await kinds(upper)).toEqual([]);
  });

  it('reminds a member with an account who still owes within the lead time before the month ends', async () => {
    for (const m of [...t.members, ...t.groupMembers]) await basis(m, '2025-01', 400_000);
    await dues().generate(t.secretary, { orgId: t.branch.id, month: '2026-11' });
    const job = new DuesJob(ctx.deps);
    await job.run('2026-11-20', { today: '2026-11-20' });
    expect(await inboxItemsOf(ctx.deps.db, t.member.accountId)).toEqual([]);
    ctx.clock.set('2026-11-26');
    await dues().recordPayment(t.secretary, {
      memberId: t.members[0]!,
      paidOn: '2026-11-26',
      lines: [{ month: '2026-11', amountFen: 4000 }],
      voluntaryFen: 0,
    });
    await job.run('2026-11-26', { today: '2026-11-26' });
    expect(await inboxItemsOf(ctx.deps.db, t.secretary.accountId)).toEqual([]);
    const mine = await inboxItemsOf(ctx.deps.db, t.member.accountId);
    expect(mine).toEqual([
      expect.objectContaining({
        kind: 'dues.due',
        title: '请在月底前交纳2026年11月党费 40.00 元',
        link: '/my-dues',
      }),
    ]);
    await job.run('2026-11-27', { today: '2026-11-27' });
    expect(await inboxItemsOf(ctx.deps.db, t.member.accountId)).toHaveLength(1);
  });
});

describe('totals always equal the sum of the rows', () => {
  const MONTHS = ['2026-09', '2026-10', '2026-11'] as const;
  const PAID_ON = ['2026-09-15', '2026-10-15', '2026-11-15'] as const;

  /** The month's figures summed straight from the stored rows and payments, not through the domain code. */
  async function fromRows(month: string) {
    const [r] = await queryRows<Record<string, string | number | null>>(
      ctx.deps.db,
      sql`select count(*)::int as members,
            (count(*) filter (where calc_kind <> 'missing' and paid_fen >= greatest(0, due_fen + adjustment_fen)))::int as settled,
            coalesce(sum(greatest(0, due_fen + adjustment_fen)), 0)::int as payable,
            coalesce(sum(paid_fen), 0)::int as paid,
            coalesce(sum(greatest(0, greatest(0, due_fen + adjustment_fen) - paid_fen)), 0)::int as owed
          from dues_ledger where org_path like ${`${t.branch.path}%`} and month = ${`${month}-01`}`,
    );
    const [c] = await queryRows<{ collected: number }>(
      ctx.deps.db,
      sql`select coalesce(sum(dues_fen + voluntary_fen), 0)::int as collected from dues_payments
          where org_path like ${`${t.branch.path}%`} and revoked_at is null
            and paid_on between ${`${month}-01`} and ${monthEndOf(month)}`,
    );
    return {
      members: Number(r!.members),
      settled: Number(r!.settled),
      payableFen: Number(r!.payable),
      paidFen: Number(r!.paid),
      owedFen: Number(r!.owed),
      collectedFen: Number(c!.collected),
    };
  }
  const monthEndOf = (month: string) => `${month}-${month === '2026-09' || month === '2026-11' ? 30 : 31}`;

  const opArb = fc.oneof(
    fc.record({
      op: fc.constant('pay' as const),
      member: fc.nat(6),
      month: fc.nat(2),
      paidOn: fc.nat(2),
      amountFen: fc.integer({ min: 1, max: 9000 }),
      voluntaryFen: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 150_000 })),
    }),
    fc.record({
      op: fc.constant('adjust' as const),
      member: fc.nat(6),
      month: fc.nat(2),
      amountFen: fc.integer({ min: -5000, max: 5000 }).filter((v) => v !== 0),
    }),
    fc.record({ op: fc.constant('revoke' as const), payment: fc.nat(30) }),
    fc.record({ op: fc.constant('close' as const), month: fc.nat(1) }),
  );

  it('after any sequence of payments, adjustments, withdrawals and closings (accepted or refused)', async () => {
    const people = [...t.members, ...t.groupMembers];
    for (const [i, m] of people.entries()) await basis(m, '2025-01', 250_000 + i * 170_003);
    for (const month of MONTHS) await dues().generate(t.secretary, { orgId: t.branch.id, month });
    const payments: number[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 12 }), async (ops) => {
        for (const o of ops) {
          try {
            if (o.op === 'pay') {
              const p = await dues().recordPayment(t.secretary, {
                memberId: people[o.member]!,
                paidOn: PAID_ON[o.paidOn]!,
                lines: [{ month: MONTHS[o.month]!, amountFen: o.amountFen }],
                voluntaryFen: o.voluntaryFen,
              });
              payments.push(p.id);
            } else if (o.op === 'adjust')
              await dues().adjust(t.secretary, {
                memberId: people[o.member]!,
                month: MONTHS[o.month]!,
                amountFen: o.amountFen,
                reason: '随机调整',
              });
            else if (o.op === 'revoke') {
              const id = payments[o.payment % Math.max(1, payments.length)];
              if (id !== undefined) await dues().revokePayment(t.secretary, id, '随机撤销');
            } else await dues().close(t.secretary, { orgId: t.branch.id, month: MONTHS[o.month]! });
          } catch (e) {
            // Refusals (over-payment, below zero, closed month, already withdrawn) must change nothing.
            if (!(e instanceof AppError)) throw e;
          }
        }
        const annual = await ctx.services.duesReports.annual(t.secretary, { orgId: t.branch.id, year: 2026 });
        const rollups = await duesRepository.rollupsOf(
          ctx.deps.db,
          t.root.tenantId,
          [t.branch.id],
          '2026-01-01',
          '2026-12-01',
        );
        const sum = { members: 0, settled: 0, payableFen: 0, paidFen: 0, owedFen: 0 };
        for (const month of MONTHS) {
          const want = await fromRows(month);
          const { collectedFen, ...ledgerSide } = want;
          const l = await ledger(month);
          expect(l.totals).toMatchObject(ledgerSide);
          expect(l.rows.reduce((s, r) => s + r.payableFen, 0)).toBe(want.payableFen);
          expect(l.rows.reduce((s, r) => s + r.owedFen, 0)).toBe(want.owedFen);
          expect(annual.monthTotals[Number(month.slice(5)) - 1]).toMatchObject(ledgerSide);
          const rollup = rollups.find((r) => r.month === `${month}-01`)!;
          expect({
            members: rollup.members,
            settled: rollup.settled,
            payableFen: Number(rollup.payableFen),
            paidFen: Number(rollup.paidFen),
            collectedFen: Number(rollup.collectedFen),
          }).toEqual({
            members: want.members,
            settled: want.settled,
            payableFen: want.payableFen,
            paidFen: want.paidFen,
            collectedFen,
          });
          for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += want[k];
        }
        expect(annual.totals).toMatchObject(sum);
        // The exported sheet's total row says the same.
        const file = await ctx.services.duesFiles.sheet(t.secretary, {
          orgId: t.branch.id,
          year: 2026,
          month: '2026-10',
        });
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(file.body as unknown as ArrayBuffer);
        const total = wb.worksheets[0]!.getRows(1, wb.worksheets[0]!.rowCount)!.find(
          (r) => r.getCell(1).value === '合计',
        )!;
        const october = await fromRows('2026-10');
        expect([total.getCell(10).value, total.getCell(11).value].map(Number)).toEqual([
          october.paidFen / 100,
          october.owedFen / 100,
        ]);
      }),
      { numRuns: 6 },
    );
    await expectRollupsConsistent();
  });
});

describe('scope', () => {
  it('keeps a secretary out of another branch: reading, generating, paying and adjusting', async () => {
    await dues().generate(t.secretary, { orgId: t.branch.id, month: '2026-11' });
    const intruder = t.otherSecretary;
    await expect(dues().ledger(intruder, { orgId: t.branch.id, month: '2026-11' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(dues().generate(intruder, { orgId: t.branch.id, month: '2026-11' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      dues().recordPayment(intruder, {
        memberId: t.members[0]!,
        paidOn: '2026-11-10',
        lines: [],
        voluntaryFen: 100,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      dues().adjust(intruder, {
        memberId: t.members[0]!,
        month: '2026-11',
        amountFen: 100,
        reason: '越权调整',
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      dues().generate(t.supervisor, { orgId: t.branch.id, month: '2026-11' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(dues().generate(t.member, { orgId: t.branch.id, month: '2026-11' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

describe('rollups follow an org move', () => {
  it('moves a branch under another unit with its totals', async () => {
    for (const m of [...t.members, ...t.groupMembers, ...t.otherMembers])
      await dues().setBasis(t.admin, {
        memberId: m,
        effectiveMonth: '2025-01',
        category: '在职',
        baseFen: 400_000,
      });
    await dues().generate(t.admin, { orgId: t.unit.id, month: '2026-11' });
    await dues().recordPayment(t.admin, {
      memberId: t.members[0]!,
      paidOn: '2026-11-05',
      lines: [{ month: '2026-11', amountFen: 4000 }],
      voluntaryFen: 0,
    });
    const unit2 = await ctx.services.orgs.create(t.admin, {
      parentId: t.root.id,
      name: '中共测试二局机关委员会',
      type: '机关党委',
    });
    await ctx.services.orgs.move(t.admin, t.branch.id, { newParentId: unit2.id });
    const dash = await ctx.services.duesReports.dashboard(t.admin, {
      orgId: t.root.id,
      year: 2026,
      month: '2026-11',
    });
    expect(dash.children.map((c) => [c.org.name, c.members, c.paidFen])).toEqual(
      expect.arrayContaining([
        ['中共测试局机关委员会', 3, 0],
        ['中共测试二局机关委员会', 7, 4000],
      ]),
    );
    await expectRollupsConsistent();
  });
});
