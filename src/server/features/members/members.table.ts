import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { orgPathText } from '../../db/columns';
import { orgs } from '../orgs/orgs.table';

/**
 * The roster (花名册). `status`, `org_id` and `org_path` are the current state, kept equal to the latest
 * event in member_events on or before today; the events are the history every later module judges by.
 */
export const members = pgTable(
  'members',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    tenantId: integer('tenant_id').notNull(),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id),
    orgPath: orgPathText('org_path').notNull(),
    name: text('name').notNull(),
    sex: text('sex').notNull(),
    ethnicity: text('ethnicity').notNull(),
    birthDate: date('birth_date').notNull(),
    education: text('education'),
    /** AES-256-GCM ciphertext of the 18-character number. */
    idCardEnc: text('id_card_enc').notNull(),
    /** HMAC-SHA256 of the number: uniqueness and exact search without decrypting. */
    idCardHash: text('id_card_hash').notNull(),
    idCardMasked: text('id_card_masked').notNull(),
    phone: text('phone'),
    joinedOn: date('joined_on').notNull(),
    confirmedOn: date('confirmed_on'),
    workStartedOn: date('work_started_on'),
    jobTitle: text('job_title'),
    category: text('category').notNull(),
    status: text('status').notNull(),
    isFlowing: boolean('is_flowing').notNull().default(false),
    flowNote: text('flow_note'),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('members_id_card_uq').on(t.tenantId, t.idCardHash),
    index('members_path_name_idx').on(t.orgPath, t.name, t.id),
    index('members_org_idx').on(t.orgId),
    index('members_phone_idx').on(t.phone),
    index('members_tenant_name_idx').on(t.tenantId, t.name, t.id),
    // Name search is a substring match on two- or three-character Chinese names, too short for trigrams:
    // every single character and every pair of a name (zhibu_name_grams, migration 0007) narrows the rows
    // the LIKE then confirms.
    index('members_name_grams_idx').using('gin', sql`zhibu_name_grams(${t.name})`),
  ],
);

/**
 * Active members attached directly to each org, kept by statement triggers on members (migration 0007) so
 * every write path — forms, imports, transfers, status events, org moves — keeps it exact in the same
 * transaction. A subtree's head count is then a sum over its orgs, not a scan of its members.
 */
export const orgMemberCounts = pgTable(
  'org_member_counts',
  {
    orgId: integer('org_id')
      .primaryKey()
      .references(() => orgs.id),
    tenantId: integer('tenant_id').notNull(),
    orgPath: orgPathText('org_path').notNull(),
    fullMembers: integer('full_members').notNull(),
    allMembers: integer('all_members').notNull(),
  },
  (t) => [index('org_member_counts_path_idx').on(t.orgPath)],
);

/**
 * Status and org history with effective dates. Each row is the state from its date on; the row with the
 * latest (effective_date, id) on or before a date is the member's state that day.
 */
export const memberEvents = pgTable(
  'member_events',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    tenantId: integer('tenant_id').notNull(),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    kind: text('kind').notNull(),
    effectiveDate: date('effective_date').notNull(),
    status: text('status').notNull(),
    orgId: integer('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    /** 组织关系介绍信: number, counterpart org and validity (3 months from issue). */
    letterNo: text('letter_no'),
    counterpartOrg: text('counterpart_org'),
    letterValidUntil: date('letter_valid_until'),
    note: text('note'),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('member_events_member_idx').on(t.memberId, t.effectiveDate, t.id),
    index('member_events_org_idx').on(t.orgId, t.effectiveDate),
  ],
);
