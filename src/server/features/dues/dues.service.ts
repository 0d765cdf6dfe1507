import type { Actor } from '../../../domain/access';
import { type MonthKey, monthOf } from '../../../domain/dues';
import type { Executor } from '../../db/database';
import type { AppDeps } from '../../deps';
import type { Org } from '../orgs';
import { DuesBases } from './dues.bases';
import { DuesLedger } from './dues.ledger';
import { DuesPayments } from './dues.payments';
import type { TAdjustmentInput, TBasisInput, TOrgMonth, TPaymentInput, TSettingsInput } from './dues.schema';

/**
 * Party dues: generating a month, bases with effective months, payments, adjustments and closing. Every
 * write changes the rollups in its own transaction (the dashboards read them). The work is done by area:
 * settings and bases (dues.bases.ts), the ledger and closing (dues.ledger.ts), collection
 * (dues.payments.ts); this class is the one service the routes, reports, files and cards use.
 */
export class DuesService {
  private readonly basesArea: DuesBases;
  private readonly ledgerArea: DuesLedger;
  private readonly paymentsArea: DuesPayments;

  constructor(private readonly deps: AppDeps) {
    this.basesArea = new DuesBases(deps);
    this.ledgerArea = new DuesLedger(deps);
    this.paymentsArea = new DuesPayments(deps);
  }

  get currentMonth(): MonthKey {
    return monthOf(this.deps.clock.today());
  }

  /**
   * Ledgers are read per branch: a subtree with more rows in a month than a sheet can hold is refused with
   * a pointer to the statistics page (its size comes from the rollups, so asking costs one row).
   */
  assertLedgerSize(db: Executor, org: Org, from: MonthKey, to: MonthKey = from): Promise<void> {
    return this.ledgerArea.assertLedgerSize(db, org, from, to);
  }

  /* ---------- settings ---------- */

  settings(actor: Actor, orgId: number) {
    return this.basesArea.settings(actor, orgId);
  }

  updateSettings(actor: Actor, input: TSettingsInput) {
    return this.basesArea.updateSettings(actor, input);
  }

  /* ---------- the monthly ledger ---------- */

  /** Creates the month's rows for every member of the subtree who has none yet (idempotent). */
  generate(actor: Actor, input: TOrgMonth) {
    return this.ledgerArea.generate(actor, input);
  }

  ledger(actor: Actor, input: TOrgMonth) {
    return this.ledgerArea.ledger(actor, input);
  }

  /* ---------- bases ---------- */

  /** Members of a subtree with the basis in force in a month, the amount it gives, and its history. */
  bases(actor: Actor, input: TOrgMonth) {
    return this.basesArea.bases(actor, input);
  }

  /** A new basis from a month on; open months already generated from then on are computed again. */
  setBasis(actor: Actor, input: TBasisInput) {
    return this.basesArea.setBasis(actor, input);
  }

  /** A function giving the settings in force for an org path, asking the database once per path. */
  settingsCache(db: Executor) {
    return this.basesArea.settingsCache(db);
  }

  /** Computes the rows of open months from each member's month on again from the bases in force. */
  recompute(tx: Executor, tenantId: number, fromByMember: ReadonlyMap<number, MonthKey>) {
    return this.basesArea.recompute(tx, tenantId, fromByMember);
  }

  /* ---------- payments ---------- */

  /** One payment: months paid and any voluntary extra; nothing is written unless every line is acceptable. */
  recordPayment(actor: Actor, input: TPaymentInput) {
    return this.paymentsArea.recordPayment(actor, input);
  }

  payments(actor: Actor, input: TOrgMonth) {
    return this.paymentsArea.payments(actor, input);
  }

  /** Withdraws a payment entered in error, while every month it touches is still open. */
  revokePayment(actor: Actor, id: number, reason: string) {
    return this.paymentsArea.revokePayment(actor, id, reason);
  }

  /* ---------- adjustments and closing ---------- */

  /** Corrects a month's amount (closed months too) with a reason; the snapshot itself never changes. */
  adjust(actor: Actor, input: TAdjustmentInput) {
    return this.ledgerArea.adjust(actor, input);
  }

  adjustments(actor: Actor, input: TOrgMonth) {
    return this.ledgerArea.adjustments(actor, input);
  }

  /** Closes a month for an org's subtree once the month has ended and every row has its base. */
  close(actor: Actor, input: TOrgMonth) {
    return this.ledgerArea.close(actor, input);
  }
}
