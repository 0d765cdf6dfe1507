import { boolean, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';

/** Shared vocabularies (民族, 学历, 人员类别, 职务…): reference data, replicated to every node when sharded. */
export const dictionaryEntries = pgTable(
  'dictionary_entries',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    kind: text('kind').notNull(),
    code: text('code'),
    label: text('label').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    active: boolean('active').notNull().default(true),
  },
  (t) => [uniqueIndex('dictionary_kind_label_uq').on(t.kind, t.label)],
);
