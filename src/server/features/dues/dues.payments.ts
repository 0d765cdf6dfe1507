import type { Actor } from '../../../domain/access';
import {
  formatYuan,
  isLargeVoluntary,
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
} from '../../../domain/dues';
import type { AppDeps } from '../../deps';
import { conflict, type FieldError, invalid, notFound } from '../../http/errors';
import { authorize } from '../../scope';
import { coveredMember, coveredOrg } from '../../scope/covered';
import { recordChange } from '../audit';
import { duesRepository, type RollupDelta } from './dues.repository';
import type { TOrgMonth, TPaymentInput } from './dues.schema';
import { actorName, asAmounts, presentPayment, rowDelta } from './dues.shared';

/**
 * Collection: recording a payment (months paid and any voluntary extra), the month's payments, and
 * withdrawing one entered in error. DuesService delegates here.
 */
export class DuesPayments {
  constructor(private readonly deps: AppDeps) {}

  private get today(): string {
    return this.deps.clock.today();
  }

  private get currentMonth(): MonthKey {
    return monthOf(this.today);
  }

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
}
