import { asc, count, eq } from 'drizzle-orm';
import type { Executor } from '../../db/database';
import { dictionaryEntries } from './dictionaries.table';

export type DictionaryEntry = typeof dictionaryEntries.$inferSelect;

export const dictionariesRepository = {
  async isEmpty(db: Executor): Promise<boolean> {
    const [row] = await db.select({ n: count() }).from(dictionaryEntries);
    return (row?.n ?? 0) === 0;
  },

  async insertMany(db: Executor, rows: (typeof dictionaryEntries.$inferInsert)[]): Promise<void> {
    if (rows.length > 0) await db.insert(dictionaryEntries).values(rows);
  },

  async list(db: Executor): Promise<DictionaryEntry[]> {
    return db
      .select()
      .from(dictionaryEntries)
      .orderBy(asc(dictionaryEntries.kind), asc(dictionaryEntries.sortOrder));
  },

  async findById(db: Executor, id: number): Promise<DictionaryEntry | undefined> {
    const [row] = await db.select().from(dictionaryEntries).where(eq(dictionaryEntries.id, id));
    return row;
  },

  async insert(db: Executor, row: typeof dictionaryEntries.$inferInsert): Promise<DictionaryEntry> {
    const [created] = await db.insert(dictionaryEntries).values(row).returning();
    return created!;
  },

  async update(db: Executor, id: number, patch: Partial<typeof dictionaryEntries.$inferInsert>) {
    const [row] = await db
      .update(dictionaryEntries)
      .set(patch)
      .where(eq(dictionaryEntries.id, id))
      .returning();
    return row;
  },
};
