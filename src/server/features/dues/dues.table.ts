import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { orgColumns } from '../../db/columns';
import { members } from '../members/members.table';
import { orgs } from '../orgs/orgs.table';

/**
 * What a member's dues are computed from, from a month on (category, monthly base in 分, a farmer's chosen
 * amount, an approved reduction or exemption). Versions, never edited: a new salary is a new row from the
 * month it is paid. Belongs to the member (wherever they move), so it carries no org path; reads join the
 * roster for scope.
 */
export const duesBases = pgTable(
  'dues_bases',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    tenantId: integer('tenant_id').notNull(),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    /** First day of the first month the basis applies to. */
    effectiveMonth: date('effective_month').notNull(),
    category: text('category').notNull(),
    baseFen: bigint('base_fen', { mode: 'number' }),
    chosenFen: integer('chosen_fen'),
    approvedFen: integer('approved_fen'),
    /** The approval behind a reduction or exemption (who approved, when, document). */
    approvalNote: text('approval_note'),
    source: text('source').notNull().default('manual'),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('dues_bases_member_idx').on(t.memberId, t.effectiveMonth, t.id)],
);

/**
 * The monthly ledger: one row per member and month, a snapshot of how the amount was computed (category,
 * base, rate, rounding, amount). Adjustments and payments accumulate in `adjustment_fen` / `paid_fen`
 * (their own tables hold every entry). The org is the member's on the month's last day.
 */
export const duesLedger = pgTable(
  'dues_ledger',
  {
    tenantId: integer('tenant_id').notNull(),
    // No foreign keys on this, the high-volume table: a province month is two million rows written in one
    // statement, where per-row key checks would cost more than the rest; rows are only ever written from
    // the roster's own ids.
    memberId: integer('member_id').notNull(),
    month: date('month').notNull(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    memberStatus: text('member_status').notNull(),
    category: text('category').notNull(),
    baseFen: bigint('base_fen', { mode: 'number' }),
    basisPoints: integer('basis_points'),
    calcKind: text('calc_kind').notNull(),
    rounding: text('rounding').notNull(),
    dueFen: integer('due_fen').notNull(),
    adjustmentFen: integer('adjustment_fen').notNull().default(0),
    paidFen: integer('paid_fen').notNull().default(0),
    /** Last payment toward this month. */
    paidOn: date('paid_on'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.memberId, t.month] }),
    index('dues_ledger_path_month_idx').on(t.orgPath.op('text_pattern_ops'), t.month),
  ],
);

/** A payment as received: one or more months (lines), and any voluntary extra. Never edited. */
export const duesPayments = pgTable(
  'dues_payments',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    tenantId: integer('tenant_id').notNull(),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    paidOn: date('paid_on').notNull(),
    /** Sum of the lines (dues) — voluntary extra not included. */
    duesFen: integer('dues_fen').notNull(),
    voluntaryFen: integer('voluntary_fen').notNull().default(0),
    /** A one-off voluntary payment of 1000 元 or more is remitted in full (中组发〔2008〕3号). */
    remitInFull: boolean('remit_in_full').notNull().default(false),
    /** The branch decision that allows a back payment more than six months back. */
    branchDecision: text('branch_decision'),
    note: text('note'),
    recordedBy: integer('recorded_by'),
    recordedByName: text('recorded_by_name').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    /** Withdrawn as entered in error (open months only); kept for the record. */
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokeReason: text('revoke_reason'),
  },
  (t) => [
    index('dues_payments_member_idx').on(t.memberId, t.paidOn),
    index('dues_payments_path_idx').on(t.orgPath.op('text_pattern_ops'), t.paidOn),
  ],
);

export const duesPaymentLines = pgTable(
  'dues_payment_lines',
  {
    paymentId: integer('payment_id')
      .notNull()
      .references(() => duesPayments.id),
    tenantId: integer('tenant_id').notNull(),
    memberId: integer('member_id').notNull(),
    month: date('month').notNull(),
    amountFen: integer('amount_fen').notNull(),
    kind: text('kind').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.paymentId, t.month] }),
    index('dues_payment_lines_member_idx').on(t.memberId, t.month),
  ],
);

/** Corrections of a month's amount after the fact, with the reason; the snapshot itself stays. */
export const duesAdjustments = pgTable(
  'dues_adjustments',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    tenantId: integer('tenant_id').notNull(),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    month: date('month').notNull(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    amountFen: integer('amount_fen').notNull(),
    reason: text('reason').notNull(),
    createdBy: integer('created_by'),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('dues_adjustments_member_idx').on(t.memberId, t.month),
    index('dues_adjustments_path_idx').on(t.orgPath.op('text_pattern_ops')),
  ],
);

/** A month closed for an org's subtree: snapshots there are final; the totals at closing are kept. */
export const duesClosings = pgTable(
  'dues_closings',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    ...orgColumns(),
    month: date('month').notNull(),
    totals: jsonb('totals').notNull(),
    closedBy: integer('closed_by'),
    closedByName: text('closed_by_name').notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('dues_closings_org_month_uq').on(t.orgId, t.month),
    index('dues_closings_path_idx').on(t.orgPath.op('text_pattern_ops'), t.month),
  ],
);

/** Per-org settings inherited down the tree (the nearest org above with a row decides). */
export const duesSettings = pgTable('dues_settings', {
  orgId: integer('org_id')
    .primaryKey()
    .references(() => orgs.id),
  tenantId: integer('tenant_id').notNull(),
  orgPath: text('org_path').notNull(),
  rounding: text('rounding').notNull(),
  allowPrepay: boolean('allow_prepay').notNull(),
  reminderLeadDays: integer('reminder_lead_days').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Dashboard rollups: one row per org and month with the totals of its whole subtree (itself included),
 * changed in the transaction of every write that moves them, so a dashboard reads one row per org and
 * month it shows. Ledger side (by the month owed): rows, amount payable, paid toward it, members settled.
 * Cash side (by the month received): dues collected, voluntary extra, of which remitted in full.
 */
export const duesRollups = pgTable(
  'dues_rollups',
  {
    tenantId: integer('tenant_id').notNull(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    month: date('month').notNull(),
    members: integer('members').notNull().default(0),
    settled: integer('settled').notNull().default(0),
    payableFen: bigint('payable_fen', { mode: 'number' }).notNull().default(0),
    paidFen: bigint('paid_fen', { mode: 'number' }).notNull().default(0),
    collectedFen: bigint('collected_fen', { mode: 'number' }).notNull().default(0),
    voluntaryFen: bigint('voluntary_fen', { mode: 'number' }).notNull().default(0),
    remitInFullFen: bigint('remit_in_full_fen', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.orgId, t.month] }),
    index('dues_rollups_path_idx').on(t.orgPath.op('text_pattern_ops'), t.month),
  ],
);
