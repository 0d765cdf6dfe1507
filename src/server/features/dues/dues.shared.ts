import type { Actor } from '../../../domain/access';
import {
  collectionRate,
  DUES_RULES,
  type DuesBasis,
  type DuesCategory,
  isSettled,
  type LedgerAmounts,
  ledgerTotals,
  monthOf,
  owedOf,
  payableOf,
  rowState,
  workingOf,
} from '../../../domain/dues';
import type {
  BasisRow,
  LedgerListRow,
  LedgerRow,
  PaymentLineRow,
  PaymentRow,
  RollupDelta,
} from './dues.repository';
import type { TLedgerRow } from './dues.schema';

// What the dues services share: how rows, bases, payments and adjustments are presented, the change a row
// makes to the rollups, and small helpers over lists.

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
export function rowDelta(before: LedgerRow, after: LedgerAmounts): RollupDelta {
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

export const actorName = (actor: Actor) => `${actor.displayName}（${actor.loginName}）`;

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
