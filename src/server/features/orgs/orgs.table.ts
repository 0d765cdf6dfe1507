import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * The org tree. `path` is the materialized path "/1/5/23/" (ids from the root down, this org last), so a
 * subtree is one indexed prefix scan; `tenant_id` is the root of the installation's tree, the shard key of a
 * distributed deployment.
 */
export const orgs = pgTable(
  'orgs',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    tenantId: integer('tenant_id').notNull(),
    parentId: integer('parent_id'),
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    type: text('type').notNull(),
    unitName: text('unit_name'),
    establishedOn: date('established_on'),
    dissolvedOn: date('dissolved_on'),
    dissolveReason: text('dissolve_reason'),
    termStart: date('term_start'),
    termExtensionMonths: integer('term_extension_months').notNull().default(0),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('orgs_path_uq').on(t.path.op('text_pattern_ops')),
    index('orgs_parent_idx').on(t.parentId),
    index('orgs_tenant_idx').on(t.tenantId),
  ],
);

/** Committee posts with holders and dates: history is kept, a post ends rather than being overwritten. */
export const orgPosts = pgTable(
  'org_posts',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    tenantId: integer('tenant_id').notNull(),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id),
    orgPath: text('org_path').notNull(),
    post: text('post').notNull(),
    memberId: integer('member_id'),
    holderName: text('holder_name').notNull(),
    startDate: date('start_date').notNull(),
    endDate: date('end_date'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('org_posts_org_idx').on(t.orgId),
    index('org_posts_member_idx').on(t.memberId),
    index('org_posts_open_idx').on(t.orgPath.op('text_pattern_ops')).where(sql`end_date is null`),
  ],
);
