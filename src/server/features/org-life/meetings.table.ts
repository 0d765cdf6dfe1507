import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import type { Vote } from '../../../domain/meeting-record';
import { orgColumns } from '../../db/columns';

/**
 * Sittings of organizational life (三会一课 and the rest). `types` holds every type one sitting counts as
 * (套会). A held record locks some days after `recorded_on`; afterwards it changes only by amendment.
 */
export const meetings = pgTable(
  'meetings',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    ...orgColumns(),
    types: text('types').array().notNull(),
    title: text('title').notNull(),
    status: text('status').notNull(),
    date: date('date').notNull(),
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    place: text('place').notNull().default(''),
    hostName: text('host_name'),
    hostMemberId: integer('host_member_id'),
    recorderName: text('recorder_name'),
    recorderMemberId: integer('recorder_member_id'),
    lecturerName: text('lecturer_name'),
    lecturerMemberId: integer('lecturer_member_id'),
    topic: text('topic'),
    guests: text('guests').array().notNull().default(sql`'{}'::text[]`),
    agenda: text('agenda'),
    minutes: text('minutes'),
    resolutions: text('resolutions'),
    votes: jsonb('votes').$type<Vote[]>().notNull().default([]),
    recordedAt: timestamp('recorded_at', { withTimezone: true }),
    recordedOn: date('recorded_on'),
    amendmentCount: integer('amendment_count').notNull().default(0),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('meetings_path_date_idx').on(t.orgPath.op('text_pattern_ops'), t.date),
    index('meetings_org_date_idx').on(t.orgId, t.date),
    index('meetings_tenant_date_idx').on(t.tenantId, t.date),
  ],
);

/**
 * Who was expected (the roster on the meeting date, snapshotted when recorded and recomputed when the date
 * changes) and who came. Non-expected rows are people who attended without being on the list.
 */
export const meetingAttendees = pgTable(
  'meeting_attendees',
  {
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    tenantId: integer('tenant_id').notNull(),
    orgPath: text('org_path').notNull(),
    memberId: integer('member_id').notNull(),
    memberName: text('member_name').notNull(),
    /** The member's status on the meeting date (正式党员 / 预备党员): who may vote. */
    memberStatus: text('member_status').notNull(),
    expected: boolean('expected').notNull(),
    attendance: text('attendance').notNull().default('unknown'),
    absenceReason: text('absence_reason'),
    note: text('note'),
    signedInAt: timestamp('signed_in_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.meetingId, t.memberId] }),
    index('meeting_attendees_member_idx').on(t.memberId),
  ],
);

/** Photos, PDFs and Office files, stored once per content hash under <DATA_DIR>/files/. */
export const meetingAttachments = pgTable(
  'meeting_attachments',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    tenantId: integer('tenant_id').notNull(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    orgPath: text('org_path').notNull(),
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    uploadedBy: integer('uploaded_by'),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('meeting_attachments_meeting_idx').on(t.meetingId)],
);

/** Corrections of locked records: the record before and after, with the reason, never overwritten. */
export const meetingAmendments = pgTable(
  'meeting_amendments',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    tenantId: integer('tenant_id').notNull(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    orgPath: text('org_path').notNull(),
    reason: text('reason').notNull(),
    before: jsonb('before').notNull(),
    after: jsonb('after').notNull(),
    amendedBy: integer('amended_by'),
    amendedByName: text('amended_by_name').notNull(),
    amendedAt: timestamp('amended_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('meeting_amendments_meeting_idx').on(t.meetingId, t.id)],
);

/**
 * The rulebook's local part: a supervising org tightens a meeting frequency for its subtree from a date.
 * Versions, not edits: a new row supersedes the previous one, which keeps its dates.
 */
export const orgLifeRuleOverrides = pgTable(
  'org_life_rule_overrides',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    ...orgColumns(),
    meetingType: text('meeting_type').notNull(),
    unit: text('unit').notNull(),
    minCount: integer('min_count').notNull(),
    regulation: text('regulation').notNull(),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('org_life_rule_overrides_tenant_idx').on(t.tenantId),
    index('org_life_rule_overrides_path_idx').on(t.orgPath.op('text_pattern_ops')),
  ],
);

/** Per installation tree: from when compliance is tracked, how far obligations are materialized, timers. */
export const orgLifeSettings = pgTable('org_life_settings', {
  tenantId: integer('tenant_id').primaryKey(),
  trackingSince: date('tracking_since').notNull(),
  /** Obligations exist in the rollups for every period starting on or before this date. */
  materializedThrough: date('materialized_through'),
  reminderLeadDays: integer('reminder_lead_days').notNull(),
  lockAfterDays: integer('lock_after_days').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Dashboard rollups, written in the transaction of every change that moves them. One row per org, meeting
 * type and period: the org's own obligation (`required`, 0 where no rule binds it) and sittings (`held`),
 * and the totals over its whole subtree including itself (`sub_*`), so a dashboard reads one row per org it
 * shows, whatever lies below. The status (逾期 depends on today) is derived when read.
 */
export const orgLifeRollups = pgTable(
  'org_life_rollups',
  {
    tenantId: integer('tenant_id').notNull(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    meetingType: text('meeting_type').notNull(),
    periodKey: text('period_key').notNull(),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    required: integer('required').notNull().default(0),
    held: integer('held').notNull().default(0),
    /** Binding obligations in the subtree. */
    subDue: integer('sub_due').notNull().default(0),
    /** Of which fulfilled. */
    subDone: integer('sub_done').notNull().default(0),
    subHeld: integer('sub_held').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.orgId, t.meetingType, t.periodKey] }),
    index('org_life_rollups_org_period_idx').on(t.orgId, t.periodStart),
    index('org_life_rollups_path_idx').on(t.orgPath.op('text_pattern_ops'), t.periodEnd),
    index('org_life_rollups_due_idx').on(t.tenantId, t.periodEnd).where(sql`required > held`),
  ],
);
