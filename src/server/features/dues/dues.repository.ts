import { duesGenerationRepository } from './dues.generation.repository';
import { duesLedgerRepository } from './dues.ledger.repository';
import { duesPaymentsRepository } from './dues.payments.repository';
import { duesRollupsRepository } from './dues.rollups.repository';
import { duesSettingsRepository } from './dues.settings.repository';

export type { ClosingRow, LedgerListRow, LedgerRow } from './dues.ledger.repository';
export type { AdjustmentRow, PaymentLineRow, PaymentRow } from './dues.payments.repository';
export type { RollupDelta, RollupRow } from './dues.rollups.repository';
export type { BasisRow } from './dues.settings.repository';

/**
 * The dues repository, one object for the services, the seed, the bench and the tests, assembled from the
 * area files: settings and bases, the ledger and closings, month generation, payments and adjustments, and
 * the rollups.
 */
export const duesRepository = {
  ...duesSettingsRepository,
  ...duesLedgerRepository,
  ...duesGenerationRepository,
  ...duesPaymentsRepository,
  ...duesRollupsRepository,
};
