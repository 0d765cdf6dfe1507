import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database';
import { inSubtree } from '../../scope';
import { members } from '../members/members.table';
import { duesAdjustments, duesLedger, duesPaymentLines, duesPayments } from './dues.table';

export type PaymentRow = typeof duesPayments.$inferSelect;
export type PaymentLineRow = typeof duesPaymentLines.$inferSelect;
export type AdjustmentRow = typeof duesAdjustments.$inferSelect;

/** Collection: payments with their lines (months paid), withdrawals, and adjustments of a month's amount. */
export const duesPaymentsRepository = {
  async insertPayment(
    db: Executor,
    payment: typeof duesPayments.$inferInsert,
    lines: Omit<typeof duesPaymentLines.$inferInsert, 'paymentId'>[],
  ): Promise<PaymentRow> {
    const [row] = await db.insert(duesPayments).values(payment).returning();
    if (lines.length)
      await db.insert(duesPaymentLines).values(lines.map((l) => ({ ...l, paymentId: row!.id })));
    return row!;
  },

  async paymentById(db: Executor, id: number): Promise<PaymentRow | undefined> {
    const [row] = await db.select().from(duesPayments).where(eq(duesPayments.id, id)).for('update');
    return row;
  },

  async linesOf(db: Executor, paymentIds: readonly number[]): Promise<PaymentLineRow[]> {
    if (paymentIds.length === 0) return [];
    return db
      .select()
      .from(duesPaymentLines)
      .where(inArray(duesPaymentLines.paymentId, [...paymentIds]))
      .orderBy(asc(duesPaymentLines.paymentId), asc(duesPaymentLines.month));
  },

  async revokePayment(db: Executor, id: number, at: Date, reason: string): Promise<void> {
    await db.update(duesPayments).set({ revokedAt: at, revokeReason: reason }).where(eq(duesPayments.id, id));
  },

  async paymentsOf(
    db: Executor,
    filter: { orgPath?: string; memberId?: number; from: string; to: string },
  ): Promise<(PaymentRow & { memberName: string })[]> {
    const rows = await db
      .select({ p: duesPayments, memberName: members.name })
      .from(duesPayments)
      .innerJoin(members, eq(members.id, duesPayments.memberId))
      .where(
        and(
          filter.orgPath ? inSubtree(duesPayments.orgPath, filter.orgPath) : undefined,
          filter.memberId !== undefined ? eq(duesPayments.memberId, filter.memberId) : undefined,
          sql`${duesPayments.paidOn} between ${filter.from} and ${filter.to}`,
        ),
      )
      .orderBy(desc(duesPayments.paidOn), desc(duesPayments.id));
    return rows.map((r) => ({ ...r.p, memberName: r.memberName }));
  },

  /**
   * The payments a month's ledger of a subtree shows: received in the month, or paying toward one of the
   * month's rows (a back payment received later, a prepayment received earlier). The second part goes
   * through the month's ledger rows, so a member who has moved in since is found by the row's org.
   */
  async paymentsOfMonth(
    db: Executor,
    filter: { orgPath: string; month: string; from: string; to: string },
  ): Promise<(PaymentRow & { memberName: string })[]> {
    const paymentInTree = inSubtree(duesPayments.orgPath, filter.orgPath);
    const rowInTree = inSubtree(sql`d.org_path`, filter.orgPath);
    const rows = await db
      .select({ p: duesPayments, memberName: members.name })
      .from(duesPayments)
      .innerJoin(members, eq(members.id, duesPayments.memberId))
      .where(
        sql`(${paymentInTree} and ${duesPayments.paidOn} between ${filter.from} and ${filter.to})
            or ${duesPayments.id} in (
              select l.payment_id from ${duesPaymentLines} l
              join ${duesLedger} d on d.member_id = l.member_id and d.month = l.month
              where ${rowInTree} and d.month = ${filter.month})`,
      )
      .orderBy(desc(duesPayments.paidOn), desc(duesPayments.id));
    return rows.map((r) => ({ ...r.p, memberName: r.memberName }));
  },

  async insertAdjustment(db: Executor, row: typeof duesAdjustments.$inferInsert): Promise<AdjustmentRow> {
    const [inserted] = await db.insert(duesAdjustments).values(row).returning();
    return inserted!;
  },

  async adjustmentsOf(db: Executor, filter: { orgPath?: string; memberId?: number; month?: string }) {
    return db
      .select({ a: duesAdjustments, memberName: members.name })
      .from(duesAdjustments)
      .innerJoin(members, eq(members.id, duesAdjustments.memberId))
      .where(
        and(
          filter.orgPath ? inSubtree(duesAdjustments.orgPath, filter.orgPath) : undefined,
          filter.memberId !== undefined ? eq(duesAdjustments.memberId, filter.memberId) : undefined,
          filter.month ? eq(duesAdjustments.month, filter.month) : undefined,
        ),
      )
      .orderBy(desc(duesAdjustments.id));
  },
};
