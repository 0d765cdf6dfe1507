import type { Actor } from '../../../domain/access';
import { earlierOf } from '../../../domain/calendar';
import {
  basisFor,
  basisProblems,
  collectionRate,
  DUES_RULES,
  type DuesBasis,
  type DuesCategory,
  type DuesSettings,
  formatYuan,
  isLargeVoluntary,
  isSettled,
  type LedgerAmounts,
  ledgerTotals,
  lineKind,
  type MonthKey,
  monthEnd,
  monthLabel,
  monthOf,
  monthStart,
  needsBranchDecision,
  owedOf,
  payableOf,
  prepayLimit,
  ROUNDING_LABELS,
  type Rounding,
  roundingsLabel,
  rowState,
  snapshotFor,
  workingOf,
} from '../../../domain/dues';
import type { Executor } from '../../db/database';
import type { AppDeps } from '../../deps';
import { conflict, type FieldError, invalid, notFound } from '../../http/errors';
import { authorize, Scope } from '../../scope';
import { coveredMember, coveredOrg } from '../../scope/covered';
import { recordChange } from '../audit';
import { findMember } from '../members';
import { findOrg, findOrgs, type Org } from '../orgs';
import {
  type BasisRow,
  duesRepository,
  type LedgerListRow,
  type LedgerRow,
  type PaymentLineRow,
  type PaymentRow,
  type RollupDelta,
} from './dues.repository';
import type {
  TAdjustmentInput,
  TBasisInput,
  TLedgerRow,
  TOrgMonth,
  TPaymentInput,
  TSettingsInput,
} from './dues.schema';

export function presentLedgerRow(r: LedgerRow, name: string, orgName: string): TLedgerRow {
  const amounts = asAmounts(r);
  return {
    memberId: r.memberId,
    name,
    orgId: r.orgId,
    orgName,
    month: monthOf(r.month),
    memberStatus: r.memberStatus,
    category: r.category,
    baseFen: r.baseFen,
    basisPoints: r.basisPoints,
    calcKind: amounts.calcKind,
    rounding: r.rounding as TLedgerRow['rounding'],
    dueFen: r.dueFen,
    adjustmentFen: r.adjustmentFen,
    payableFen: payableOf(amounts),
    paidFen: r.paidFen,
    owedFen: owedOf(amounts),
    paidOn: r.paidOn,
    state: rowState(amounts),
    working: workingOf({
      category: r.category as DuesCategory,
      baseFen: r.baseFen,
      basisPoints: r.basisPoints,
      calcKind: amounts.calcKind,
      rounding: r.rounding as TLedgerRow['rounding'],
      dueFen: r.dueFen,
    }),
  };
}

export const presentListRow = (r: LedgerListRow) => presentLedgerRow(r.row, r.name, r.orgName);

export function asAmounts(r: LedgerRow): LedgerAmounts {
  return {
    calcKind: r.calcKind as LedgerAmounts['calcKind'],
    dueFen: r.dueFen,
    adjustmentFen: r.adjustmentFen,
    paidFen: r.paidFen,
  };
}

export function totalsOf(rows: readonly LedgerRow[]) {
  const t = ledgerTotals(rows.map(asAmounts));
  return { ...t, rate: collectionRate(t.settled, t.members) };
}

export function presentBasis(b: BasisRow) {
  return {
    id: b.id,
    memberId: b.memberId,
    effectiveMonth: monthOf(b.effectiveMonth),
    category: b.category,
    baseFen: b.baseFen,
    chosenFen: b.chosenFen,
    approvedFen: b.approvedFen,
    approvalNote: b.approvalNote,
    source: b.source,
    createdAt: b.createdAt.toISOString(),
  };
}

export function presentPayment(p: PaymentRow & { memberName: string }, lines: readonly PaymentLineRow[]) {
  return {
    id: p.id,
    memberId: p.memberId,
    memberName: p.memberName,
    paidOn: p.paidOn,
    duesFen: p.duesFen,
    voluntaryFen: p.voluntaryFen,
    remitInFull: p.remitInFull,
    branchDecision: p.branchDecision,
    note: p.note,
    recordedByName: p.recordedByName,
    revoked: p.revokedAt !== null,
    revokeReason: p.revokeReason,
    lines: lines
      .filter((l) => l.paymentId === p.id)
      .map((l) => ({ month: monthOf(l.month), amountFen: l.amountFen, kind: l.kind })),
  };
}

export const toBasis = (b: BasisRow): DuesBasis => ({
  effectiveMonth: monthOf(b.effectiveMonth),
  category: b.category as DuesCategory,
  baseFen: b.baseFen,
  chosenFen: b.chosenFen,
  approvedFen: b.approvedFen,
  seq: b.id,
});

/** The change a row's new amounts make to the rollups of its org and every org above it. */
function rowDelta(before: LedgerRow, after: LedgerAmounts): RollupDelta {
  const b = asAmounts(before);
  return {
    orgPath: before.orgPath,
    month: before.month,
    settled: Number(isSettled(after)) - Number(isSettled(b)),
    payableFen: payableOf(after) - payableOf(b),
    paidFen: after.paidFen - b.paidFen,
  };
}

/** The most rows one ledger, sheet or arrears list shows (a large agency branch has a few hundred). */
export const MAX_LEDGER_ROWS = 5000;

const actorName = (actor: Actor) => `${actor.displayName}（${actor.loginName}）`;

/**
 * Party dues: generating a month, bases with effective months, payments, adjustments and closing. Every
 * write changes the rollups in its own transaction (the dashboards read them).
 */
export class DuesService {
  constructor(private readonly deps: AppDeps) {}

  private get today(): string {
    return this.deps.clock.today();
  }

  get currentMonth(): MonthKey {
    return monthOf(this.today);
  }

  /**
   * Ledgers are read per branch: a subtree with more rows in a month than a sheet can hold is refused with
   * a pointer to the statistics page (its size comes from the rollups, so asking costs one row).
   */
  async assertLedgerSize(db: Executor, org: Org, from: MonthKey, to: MonthKey = from): Promise<void> {
    const rollups = await duesRepository.rollupsOf(
      db,
      org.tenantId,
      [org.id],
      monthStart(from),
      monthStart(to),
    );
    const rows = Math.max(0, ...rollups.map((r) => r.members));
    if (rows > MAX_LEDGER_ROWS)
      throw invalid(
        `${org.name}每月有 ${rows} 条台账记录，超过一张台账的上限（${MAX_LEDGER_ROWS}）。请在左侧选择下级党组织或党支部查看；全局情况请使用“党费统计”。`,
      );
  }

  /* ---------- settings ---------- */

  async settings(actor: Actor, orgId: number) {
    const scope = authorize(actor, 'dues.read');
    const org = await coveredOrg(this.deps.db, scope, orgId);
    const s = await duesRepository.settingsFor(this.deps.db, org.path);
    const from = s.fromOrgId === null ? null : await findOrg(this.deps.db, s.fromOrgId);
    return {
      orgId: org.id,
      rounding: s.rounding,
      allowPrepay: s.allowPrepay,
      reminderLeadDays: s.reminderLeadDays,
      fromOrgId: s.fromOrgId,
      fromOrgName: from?.name ?? null,
    };
  }

  async updateSettings(actor: Actor, input: TSettingsInput) {
    const scope = authorize(actor, 'dues.write');
    await this.deps.db.transaction(async (tx) => {
      const org = await coveredOrg(tx, scope, input.orgId);
      const before = await duesRepository.settingsFor(tx, org.path);
      const next: DuesSettings = {
        rounding: input.rounding,
        allowPrepay: input.allowPrepay,
        reminderLeadDays: input.reminderLeadDays,
      };
      await duesRepository.upsertSettings(tx, org, next);
      // A new rounding rule applies to every open month already generated, at once, so open months never
      // keep the old rule until some later base change silently applies the new one; closed months keep
      // their snapshot (corrections there are adjustments). Orgs below with their own setting are unchanged.
      let recomputedRows = 0;
      if (before.rounding !== next.rounding) {
        const open = await duesRepository.openMonthsOf(tx, org.path);
        const effect = await this.recompute(
          tx,
          org.tenantId,
          new Map(open.map((o) => [o.memberId, monthOf(o.month)])),
        );
        recomputedRows = effect.rows;
      }
      await recordChange(tx, actor, {
        action: 'update',
        entity: 'dues_settings',
        entityId: org.id,
        summary: `修改${org.name}党费设置：${ROUNDING_LABELS[next.rounding]}，${next.allowPrepay ? '允许' : '不允许'}按季度预交，月末前 ${next.reminderLeadDays} 天提醒${recomputedRows > 0 ? `；未结账月份 ${recomputedRows} 条记录按新舍入规则重新计算` : ''}`,
        tenantId: org.tenantId,
        orgPath: org.path,
        before,
        after: next,
      });
    });
    return this.settings(actor, input.orgId);
  }

  /* ---------- generating a month ---------- */

  /**
   * Creates the month's rows for every member of the subtree who has none yet; running it again adds only
   * members who joined since (idempotent). Members are those active on the month's last day (today, for
   * the current month): a 预备党员 pays from the month of acceptance.
   */
  async generate(actor: Actor, input: TOrgMonth) {
    const scope = authorize(actor, 'dues.write');
    if (input.month > this.currentMonth)
      throw invalid('不能生成未来月份的台账（按季度预交时会自动生成所交月份）');
    return this.deps.db.transaction(async (tx) => {
      const org = await coveredOrg(tx, scope, input.orgId);
      if (org.dissolvedOn) throw invalid(`“${org.name}”已撤销`);
      const month = monthStart(input.month);
      const closed = await duesRepository.closedMonths(tx, org.path, [month]);
      if (closed.size > 0) throw conflict(`${monthLabel(input.month)}已结账，不能再生成`);
      const end = monthEnd(input.month);
      const created = await duesRepository.generate(tx, {
        tenantId: org.tenantId,
        subtreePath: org.path,
        month: input.month,
        asOf: earlierOf(end, this.today),
      });
      const { total, missingBase } = await duesRepository.monthCounts(tx, org.path, month);
      if (created > 0)
        await recordChange(tx, actor, {
          action: 'create',
          entity: 'dues_month',
          entityId: `${org.id}:${input.month}`,
          summary: `生成${org.name}${monthLabel(input.month)}党费台账：新增 ${created} 人`,
          tenantId: org.tenantId,
          orgPath: org.path,
          after: { month: input.month, created, total },
        });
      return { month: input.month, created, total, missingBase };
    });
  }

  /* ---------- the monthly ledger ---------- */

  async ledger(actor: Actor, input: TOrgMonth) {
    const scope = authorize(actor, 'dues.read');
    const db = this.deps.db;
    const org = await coveredOrg(db, scope, input.orgId);
    await this.assertLedgerSize(db, org, input.month);
    const month = monthStart(input.month);
    const [rows, closings, settings, rollups] = await Promise.all([
      duesRepository.ledgerPage(db, org.path, month),
      duesRepository.closingsAround(db, org.path, month),
      duesRepository.settingsFor(db, org.path),
      duesRepository.rollupsOf(db, org.tenantId, [org.id], month, month),
    ]);
    const own = closings.find((c) => org.path.startsWith(c.orgPath));
    const below = closings.filter((c) => c.orgPath.startsWith(org.path) && c.orgPath !== org.path);
    const belowNames = await findOrgs(
      db,
      below.map((c) => c.orgId),
    );
    const writable = Scope.of(actor, 'dues.write').covers(org.path);
    return {
      org: { id: org.id, name: org.name, type: org.type },
      month: input.month,
      closed: own !== undefined,
      closedBy: own?.closedByName ?? null,
      closedAt: own?.closedAt.toISOString() ?? null,
      closedBelow: belowNames.map((o) => o.name),
      canClose: writable && !own && rows.length > 0 && monthEnd(input.month) <= this.today,
      settings: {
        rounding: settings.rounding,
        allowPrepay: settings.allowPrepay,
        reminderLeadDays: settings.reminderLeadDays,
      },
      // As the month's rows were computed (a closed month keeps the rule it was closed with).
      roundingLabel:
        roundingsLabel(
          rows.filter((r) => r.row.calcKind !== 'missing').map((r) => r.row.rounding as Rounding),
        ) ?? ROUNDING_LABELS[settings.rounding],
      rows: rows.map(presentListRow),
      totals: totalsOf(rows.map((r) => r.row)),
      voluntaryFen: Number(rollups[0]?.voluntaryFen ?? 0),
      remitInFullFen: Number(rollups[0]?.remitInFullFen ?? 0),
    };
  }

  /* ---------- bases ---------- */

  /** Members of a subtree with the basis in force in a month, the amount it gives, and its history. */
  async bases(actor: Actor, input: TOrgMonth) {
    const scope = authorize(actor, 'dues.read');
    const db = this.deps.db;
    const org = await coveredOrg(db, scope, input.orgId);
    const roster = await duesRepository.rosterOf(db, org.path);
    const bases = await duesRepository.basesOf(
      db,
      roster.map((m) => m.id),
    );
    const settings = await this.settingsCache(db);
    const byMember = groupBy(bases, (b) => b.memberId);
    const rows = [];
    for (const m of roster) {
      const history = byMember.get(m.id) ?? [];
      const inForce = basisFor(history.map(toBasis), input.month);
      const row = inForce ? history.find((h) => h.id === inForce.seq)! : null;
      const snap = snapshotFor(inForce, m.category, (await settings(m.orgPath)).rounding);
      rows.push({
        memberId: m.id,
        name: m.name,
        orgName: m.orgName,
        status: m.status,
        rosterCategory: m.category,
        basis: row ? presentBasis(row) : null,
        dueFen: snap.dueFen,
        working: workingOf(snap),
        history: history.map(presentBasis).reverse(),
      });
    }
    return { month: input.month, rows };
  }

  /** A new basis from a month on; open months already generated from then on are computed again. */
  async setBasis(actor: Actor, input: TBasisInput) {
    const scope = authorize(actor, 'dues.write');
    const problems = basisProblems(input);
    if (problems.length > 0)
      throw invalid(
        problems.map((p) => p.message).join('；'),
        problems.map((p) => ({ path: p.field, message: p.message })),
      );
    return this.deps.db.transaction(async (tx) => {
      const member = await coveredMember(tx, scope, input.memberId);
      const [row] = await duesRepository.insertBases(tx, [
        {
          tenantId: member.tenantId,
          memberId: member.id,
          effectiveMonth: monthStart(input.effectiveMonth),
          ...normalizedBasis(input),
          source: 'manual',
          createdBy: actor.accountId,
        },
      ]);
      const effect = await this.recompute(tx, member.tenantId, new Map([[member.id, input.effectiveMonth]]));
      await recordChange(tx, actor, {
        action: 'create',
        entity: 'dues_basis',
        entityId: row!.id,
        summary: `核定${member.name}党费基数：自${monthLabel(input.effectiveMonth)}起${input.category}${input.baseFen != null ? `，月收入 ${formatYuan(input.baseFen)} 元` : ''}${input.approvedFen != null ? `，经批准按 ${formatYuan(input.approvedFen)} 元` : ''}`,
        tenantId: member.tenantId,
        orgPath: member.orgPath,
        after: presentBasis(row!),
      });
      return {
        basis: presentBasis(row!),
        recomputed: effect.recomputed,
        closedUnchanged: effect.closedUnchanged,
      };
    });
  }

  /** A function giving the settings in force for an org path, asking the database once per path. */
  async settingsCache(db: Executor) {
    const cache = new Map<string, Promise<DuesSettings>>();
    return (path: string) => {
      let hit = cache.get(path);
      if (!hit) {
        hit = duesRepository.settingsFor(db, path);
        cache.set(path, hit);
      }
      return hit;
    };
  }

  /**
   * Computes the rows of open months from each member's month on again from the bases in force (payments
   * and adjustments stay). Closed months keep their snapshot: their corrections are adjustments.
   */
  async recompute(tx: Executor, tenantId: number, fromByMember: ReadonlyMap<number, MonthKey>) {
    const ids = [...fromByMember.keys()];
    const earliest = [...fromByMember.values()].sort()[0];
    const recomputed = new Set<string>();
    const closedUnchanged = new Set<string>();
    if (!earliest) return { recomputed: [], closedUnchanged: [], rows: 0 };
    const rows = await duesRepository.lockRowsFrom(tx, ids, monthStart(earliest));
    const [bases, roster, closings] = await Promise.all([
      duesRepository.basesOf(tx, ids),
      Promise.all(ids.map((id) => findMember(tx, id))),
      duesRepository.closingsIn(tx, tenantId, [...new Set(rows.map((r) => r.month))]),
    ]);
    const basesBy = groupBy(bases, (b) => b.memberId);
    const categoryOf = new Map(roster.filter((m) => m).map((m) => [m!.id, m!.category]));
    const settings = await this.settingsCache(tx);
    const deltas: RollupDelta[] = [];
    let changed = 0;
    for (const row of rows) {
      const month = monthOf(row.month);
      if (month < fromByMember.get(row.memberId)!) continue;
      if (closings.some((c) => c.month === row.month && row.orgPath.startsWith(c.orgPath))) {
        closedUnchanged.add(month);
        continue;
      }
      const snap = snapshotFor(
        basisFor((basesBy.get(row.memberId) ?? []).map(toBasis), month),
        categoryOf.get(row.memberId) ?? '其他',
        (await settings(row.orgPath)).rounding,
      );
      const same =
        snap.category === row.category &&
        snap.baseFen === row.baseFen &&
        snap.basisPoints === row.basisPoints &&
        snap.calcKind === row.calcKind &&
        snap.rounding === row.rounding &&
        snap.dueFen === row.dueFen;
      if (same) continue;
      await duesRepository.updateRow(tx, row.memberId, row.month, {
        category: snap.category,
        baseFen: snap.baseFen,
        basisPoints: snap.basisPoints,
        calcKind: snap.calcKind,
        rounding: snap.rounding,
        dueFen: snap.dueFen,
      });
      deltas.push(rowDelta(row, { ...asAmounts(row), calcKind: snap.calcKind, dueFen: snap.dueFen }));
      recomputed.add(month);
      changed++;
    }
    await duesRepository.applyDeltas(tx, tenantId, deltas);
    return {
      recomputed: [...recomputed].sort(),
      closedUnchanged: [...closedUnchanged].sort(),
      rows: changed,
    };
  }

  /* ---------- payments ---------- */

  /**
   * One payment: months paid (this month, back payments, prepayment where the branch allows it) and any
   * voluntary extra. Nothing is written unless every line is acceptable.
   */
  async recordPayment(actor: Actor, input: TPaymentInput) {
    const scope = authorize(actor, 'dues.write');
    if (input.paidOn > this.today)
      throw invalid('交纳日期不能晚于今天', [{ path: 'paidOn', message: '交纳日期不能晚于今天' }]);
    if (input.lines.length === 0 && input.voluntaryFen === 0)
      throw invalid('请填写交纳的月份和金额，或自愿多交的金额');
    const paidMonth = monthOf(input.paidOn);
    return this.deps.db.transaction(async (tx) => {
      const member = await coveredMember(tx, scope, input.memberId);
      const settings = await duesRepository.settingsFor(tx, member.orgPath);
      const errors: FieldError[] = [];
      const lines = [...input.lines].sort((a, b) => a.month.localeCompare(b.month));
      lines.forEach((line) => {
        const i = input.lines.indexOf(line);
        const kind = lineKind(line.month, paidMonth);
        const path = `lines.${i}.month`;
        if (kind === '预交') {
          if (!settings.allowPrepay)
            errors.push({ path, message: `${monthLabel(line.month)}尚未到期：本支部未开通按季度预交党费` });
          else if (line.month > prepayLimit(paidMonth))
            errors.push({
              path,
              message: `预交最多到${monthLabel(prepayLimit(paidMonth))}（按季度预交）`,
            });
        }
        if (kind === '补交' && needsBranchDecision(line.month, paidMonth) && !input.branchDecision?.trim())
          errors.push({
            path: 'branchDecision',
            message: `补交${monthLabel(line.month)}党费已超过 6 个月，须有支部决定，请填写决定情况`,
          });
      });
      if (errors.length) throw invalid(errors.map((e) => e.message).join('；'), errors);

      const deltas: RollupDelta[] = [];
      const lineRows = [];
      for (const line of lines) {
        const month = monthStart(line.month);
        let row = await duesRepository.lockRow(tx, member.id, month);
        if (!row && line.month > this.currentMonth) {
          await duesRepository.generate(tx, {
            tenantId: member.tenantId,
            subtreePath: member.orgPath,
            month: line.month,
            asOf: this.today,
            memberIds: [member.id],
          });
          row = await duesRepository.lockRow(tx, member.id, month);
        }
        const path = `lines.${input.lines.indexOf(line)}.amountFen`;
        if (!row) {
          errors.push({
            path,
            message: `${monthLabel(line.month)}的党费台账中没有${member.name}，请先生成该月台账`,
          });
          continue;
        }
        const amounts = asAmounts(row);
        if (amounts.calcKind === 'missing') {
          errors.push({
            path,
            message: `${member.name}${monthLabel(line.month)}尚未核定计算基数，请先录入基数`,
          });
          continue;
        }
        const owed = owedOf(amounts);
        if (line.amountFen > owed) {
          errors.push({
            path,
            message:
              owed === 0
                ? `${monthLabel(line.month)}已交清；多交部分请填写“自愿多交”`
                : `${monthLabel(line.month)}应交 ${formatYuan(payableOf(amounts))} 元，已交 ${formatYuan(row.paidFen)} 元，本次最多 ${formatYuan(owed)} 元；多交部分请填写“自愿多交”`,
          });
          continue;
        }
        const after = { ...amounts, paidFen: row.paidFen + line.amountFen };
        await duesRepository.updateRow(tx, member.id, month, {
          paidFen: after.paidFen,
          paidOn: row.paidOn && row.paidOn > input.paidOn ? row.paidOn : input.paidOn,
        });
        deltas.push(rowDelta(row, after));
        lineRows.push({
          tenantId: member.tenantId,
          memberId: member.id,
          month,
          amountFen: line.amountFen,
          kind: lineKind(line.month, paidMonth),
        });
      }
      if (errors.length) throw invalid(errors.map((e) => e.message).join('；'), errors);

      const duesFen = lineRows.reduce((s, l) => s + l.amountFen, 0);
      const remitInFull = isLargeVoluntary(input.voluntaryFen);
      const payment = await duesRepository.insertPayment(
        tx,
        {
          tenantId: member.tenantId,
          memberId: member.id,
          orgId: member.orgId,
          orgPath: member.orgPath,
          paidOn: input.paidOn,
          duesFen,
          voluntaryFen: input.voluntaryFen,
          remitInFull,
          branchDecision: input.branchDecision?.trim() || null,
          note: input.note?.trim() || null,
          recordedBy: actor.accountId,
          recordedByName: actorName(actor),
        },
        lineRows,
      );
      deltas.push({
        orgPath: member.orgPath,
        month: monthStart(paidMonth),
        collectedFen: duesFen + input.voluntaryFen,
        voluntaryFen: input.voluntaryFen,
        remitInFullFen: remitInFull ? input.voluntaryFen : 0,
      });
      await duesRepository.applyDeltas(tx, member.tenantId, deltas);
      const lines_ = await duesRepository.linesOf(tx, [payment.id]);
      const view = presentPayment({ ...payment, memberName: member.name }, lines_);
      await recordChange(tx, actor, {
        action: 'create',
        entity: 'dues_payment',
        entityId: payment.id,
        summary: `登记${member.name}交纳党费 ${formatYuan(duesFen)} 元${lines.length ? `（${lines.map((l) => monthLabel(l.month)).join('、')}）` : ''}${input.voluntaryFen ? `，自愿多交 ${formatYuan(input.voluntaryFen)} 元${remitInFull ? '（全额上缴）' : ''}` : ''}`,
        tenantId: member.tenantId,
        orgPath: member.orgPath,
        after: view,
      });
      return view;
    });
  }

  async payments(actor: Actor, input: TOrgMonth) {
    const scope = authorize(actor, 'dues.read');
    const org = await coveredOrg(this.deps.db, scope, input.orgId);
    const rows = await duesRepository.paymentsOfMonth(this.deps.db, {
      orgPath: org.path,
      month: monthStart(input.month),
      from: monthStart(input.month),
      to: monthEnd(input.month),
    });
    const lines = await duesRepository.linesOf(
      this.deps.db,
      rows.map((r) => r.id),
    );
    // Whether a withdrawal would be accepted: every month it touches (its lines and the month received)
    // is still open. revokePayment decides again under lock; this only spares the user a refusal.
    const closings = await duesRepository.closingsIn(this.deps.db, org.tenantId, [
      ...new Set([...lines.map((l) => l.month), ...rows.map((r) => monthStart(monthOf(r.paidOn)))]),
    ]);
    const closedFor = (orgPath: string, month: string) =>
      closings.some((c) => c.month === month && orgPath.startsWith(c.orgPath));
    return {
      rows: rows.map((r) => ({
        ...presentPayment(r, lines),
        revocable:
          r.revokedAt === null &&
          !closedFor(r.orgPath, monthStart(monthOf(r.paidOn))) &&
          !lines.some((l) => l.paymentId === r.id && closedFor(r.orgPath, l.month)),
      })),
    };
  }

  /** Withdraws a payment entered in error, while every month it touches is still open. */
  async revokePayment(actor: Actor, id: number, reason: string) {
    const scope = authorize(actor, 'dues.write');
    return this.deps.db.transaction(async (tx) => {
      const payment = await duesRepository.paymentById(tx, id);
      if (!payment) throw notFound('交纳记录');
      scope.assertCovers(payment.orgPath, '交纳记录');
      if (payment.revokedAt) throw conflict('该交纳记录已撤销');
      const lines = await duesRepository.linesOf(tx, [id]);
      const months = [...new Set([...lines.map((l) => l.month), monthStart(monthOf(payment.paidOn))])];
      const closings = await duesRepository.closingsIn(tx, payment.tenantId, months);
      const deltas: RollupDelta[] = [];
      for (const line of lines) {
        const row = await duesRepository.lockRow(tx, payment.memberId, line.month);
        if (!row) continue;
        if (closings.some((c) => c.month === line.month && row.orgPath.startsWith(c.orgPath)))
          throw conflict(`${monthLabel(monthOf(line.month))}已结账，交纳记录不能撤销；如有差错请录入调整`);
        const after = { ...asAmounts(row), paidFen: row.paidFen - line.amountFen };
        await duesRepository.updateRow(tx, row.memberId, row.month, { paidFen: after.paidFen });
        deltas.push(rowDelta(row, after));
      }
      const paidMonth = monthStart(monthOf(payment.paidOn));
      if (closings.some((c) => c.month === paidMonth && payment.orgPath.startsWith(c.orgPath)))
        throw conflict(`${monthLabel(monthOf(payment.paidOn))}已结账，交纳记录不能撤销；如有差错请录入调整`);
      deltas.push({
        orgPath: payment.orgPath,
        month: paidMonth,
        collectedFen: -(payment.duesFen + payment.voluntaryFen),
        voluntaryFen: -payment.voluntaryFen,
        remitInFullFen: payment.remitInFull ? -payment.voluntaryFen : 0,
      });
      await duesRepository.applyDeltas(tx, payment.tenantId, deltas);
      await duesRepository.revokePayment(tx, id, this.deps.clock.now(), reason);
      await recordChange(tx, actor, {
        action: 'update',
        entity: 'dues_payment',
        entityId: id,
        summary: `撤销党费交纳记录 ${formatYuan(payment.duesFen + payment.voluntaryFen)} 元：${reason}`,
        tenantId: payment.tenantId,
        orgPath: payment.orgPath,
        before: payment,
        after: { revoked: true, reason },
      });
      return { ok: true as const };
    });
  }

  /* ---------- adjustments ---------- */

  /** Corrects a month's amount (closed months too) with a reason; the snapshot itself never changes. */
  async adjust(actor: Actor, input: TAdjustmentInput) {
    const scope = authorize(actor, 'dues.write');
    return this.deps.db.transaction(async (tx) => {
      const month = monthStart(input.month);
      const row = await duesRepository.lockRow(tx, input.memberId, month);
      if (!row) throw notFound(`${monthLabel(input.month)}的台账记录`);
      scope.assertCovers(row.orgPath, `${monthLabel(input.month)}的台账记录`);
      const member = (await findMember(tx, row.memberId))!;
      const adjustmentFen = row.adjustmentFen + input.amountFen;
      if (row.dueFen + adjustmentFen < 0)
        throw invalid(
          `调整后应交金额为负数（原应交 ${formatYuan(row.dueFen + row.adjustmentFen)} 元），请检查调整金额`,
          [{ path: 'amountFen', message: '调整后应交金额不能为负数' }],
        );
      await duesRepository.updateRow(tx, row.memberId, month, { adjustmentFen });
      await duesRepository.applyDeltas(tx, row.tenantId, [
        rowDelta(row, { ...asAmounts(row), adjustmentFen }),
      ]);
      const adj = await duesRepository.insertAdjustment(tx, {
        tenantId: row.tenantId,
        memberId: row.memberId,
        month,
        orgId: row.orgId,
        orgPath: row.orgPath,
        amountFen: input.amountFen,
        reason: input.reason,
        createdBy: actor.accountId,
        createdByName: actorName(actor),
      });
      await recordChange(tx, actor, {
        action: 'create',
        entity: 'dues_adjustment',
        entityId: adj.id,
        summary: `调整${member.name}${monthLabel(input.month)}应交党费 ${input.amountFen > 0 ? '+' : ''}${formatYuan(input.amountFen)} 元：${input.reason}`,
        tenantId: row.tenantId,
        orgPath: row.orgPath,
        before: { adjustmentFen: row.adjustmentFen },
        after: { adjustmentFen },
      });
      const updated = (await duesRepository.lockRow(tx, row.memberId, month))!;
      const org = await findOrg(tx, updated.orgId);
      return presentLedgerRow(updated, member.name, org?.name ?? '');
    });
  }

  async adjustments(actor: Actor, input: TOrgMonth) {
    const scope = authorize(actor, 'dues.read');
    const org = await coveredOrg(this.deps.db, scope, input.orgId);
    const rows = await duesRepository.adjustmentsOf(this.deps.db, {
      orgPath: org.path,
      month: monthStart(input.month),
    });
    return { rows: rows.map((r) => presentAdjustment(r.a, r.memberName)) };
  }

  /* ---------- closing ---------- */

  /**
   * Closes a month for an org's subtree once the month has ended and every row has its base: the rows'
   * snapshots become final (no regeneration, no recomputation, no withdrawn payments), and the totals at
   * closing are kept. Later payments are still recorded (补交); corrections are adjustments.
   */
  async close(actor: Actor, input: TOrgMonth) {
    const scope = authorize(actor, 'dues.write');
    if (monthEnd(input.month) > this.today)
      throw invalid(`${monthLabel(input.month)}尚未结束，月末（${monthEnd(input.month)}）起才能结账`);
    return this.deps.db.transaction(async (tx) => {
      const org = await coveredOrg(tx, scope, input.orgId);
      const month = monthStart(input.month);
      if ((await duesRepository.closedMonths(tx, org.path, [month])).size > 0)
        throw conflict(`${monthLabel(input.month)}已结账`);
      const rows = (await duesRepository.ledgerPage(tx, org.path, month)).map((r) => r.row);
      if (rows.length === 0) throw invalid(`${monthLabel(input.month)}的台账尚未生成`);
      const missing = rows.filter((r) => r.calcKind === 'missing').length;
      if (missing > 0) throw invalid(`还有 ${missing} 名党员未核定计算基数，请先录入基数再结账`);
      const totals = totalsOf(rows);
      const closing = await duesRepository.insertClosing(tx, {
        tenantId: org.tenantId,
        orgId: org.id,
        orgPath: org.path,
        month,
        totals,
        closedBy: actor.accountId,
        closedByName: actorName(actor),
      });
      await recordChange(tx, actor, {
        action: 'update',
        entity: 'dues_month',
        entityId: `${org.id}:${input.month}`,
        summary: `${org.name}${monthLabel(input.month)}党费结账：应交 ${formatYuan(totals.payableFen)} 元，实交 ${formatYuan(totals.paidFen)} 元，${totals.settled}/${totals.members} 人交清`,
        tenantId: org.tenantId,
        orgPath: org.path,
        after: totals,
      });
      return { month: input.month, closedAt: closing.closedAt.toISOString(), totals };
    });
  }
}

export function presentAdjustment(
  a: {
    id: number;
    memberId: number;
    month: string;
    amountFen: number;
    reason: string;
    createdByName: string;
    createdAt: Date;
  },
  memberName: string,
) {
  return {
    id: a.id,
    memberId: a.memberId,
    memberName,
    month: monthOf(a.month),
    amountFen: a.amountFen,
    reason: a.reason,
    createdByName: a.createdByName,
    createdAt: a.createdAt.toISOString(),
  };
}

/** Only the fields the category uses are kept (a student's stray base is not stored). */
export function normalizedBasis(input: {
  category: DuesCategory;
  baseFen?: number | null | undefined;
  chosenFen?: number | null | undefined;
  approvedFen?: number | null | undefined;
  approvalNote?: string | null | undefined;
}) {
  const approved = input.approvedFen ?? null;
  const banded = DUES_RULES[input.category].kind === 'bands';
  return {
    category: input.category,
    baseFen: banded ? (input.baseFen ?? null) : null,
    chosenFen: DUES_RULES[input.category].kind === 'range' ? (input.chosenFen ?? null) : null,
    approvedFen: approved,
    approvalNote: approved !== null ? (input.approvalNote?.trim() ?? null) : null,
  };
}

export function groupBy<T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
