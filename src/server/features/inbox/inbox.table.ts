import { bigint, date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from '../auth/auth.table';

/**
 * Every user's inbox. Whatever comes due in any module lands here; `dedupe_key` is unique per tree, so a
 * job that runs twice (restart, catch-up, two processes) never delivers the same reminder twice.
 */
export const inboxItems = pgTable(
  'inbox_items',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    tenantId: integer('tenant_id').notNull(),
    recipientAccountId: integer('recipient_account_id')
      .notNull()
      .references(() => accounts.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    /** A path inside the web app, e.g. "/org-life/meetings/12". */
    link: text('link'),
    dueOn: date('due_on'),
    dedupeKey: text('dedupe_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('inbox_items_dedupe_uq').on(t.tenantId, t.dedupeKey),
    index('inbox_items_recipient_idx').on(t.recipientAccountId, t.createdAt),
  ],
);
