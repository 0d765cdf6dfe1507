import type { Actor } from '../../../domain/access';
import { earlierOf } from '../../../domain/calendar';
import {
  formatYuan,
  type MonthKey,
  monthEnd,
  monthLabel,
  monthOf,
  monthStart,
  ROUNDING_LABELS,
  type Rounding,
  roundingsLabel,
} from '../../../domain/dues';
import type { Executor } from '../../db/database';
import type { AppDeps } from '../../deps';
import { conflict, invalid, notFound } from '../../http/errors';
import { authorize, Scope } from '../../scope';
import { coveredOrg } from '../../scope/covered';
import { recordChange } from '../audit';
import { findMember } from '../members';
import { findOrg, findOrgs, type Org } from '../orgs';
import { duesRepository } from './dues.repository';
import type { TAdjustmentInput, TOrgMonth } from './dues.schema';
import {
  actorName,
  asAmounts,
  MAX_LEDGER_ROWS,
  presentAdjustment,
  presentLedgerRow,
  presentListRow,
  rowDelta,
  totalsOf,
} from './dues.shared';

/**
 * The monthly ledger: generating a month, reading it, adjusting a month's amount and closing the month.
 * DuesService delegates here.
 */
export class DuesLedger {
  constructor(private readonly deps: AppDeps) {}

  private get today(): string {
    return this.deps.clock.today();
  }

  private get currentMonth(): MonthKey {
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
