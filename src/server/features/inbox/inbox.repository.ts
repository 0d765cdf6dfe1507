import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { IsoDate } from '../../../domain/calendar';
import { type Executor, queryRows } from '../../db/database';
import { inboxItems } from './inbox.table';

export type InboxItem = typeof inboxItems.$inferSelect;

/** What a module hands over to be delivered; `dedupeKey` makes a second delivery a no-op. */
export interface InboxItemInput {
  tenantId: number;
  recipientAccountId: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  dueOn: IsoDate | null;
  dedupeKey: string;
}

export const inboxRepository = {
  /** Inserts what is new and skips what was delivered before; returns how many were new. */
  async deliver(db: Executor, items: readonly InboxItemInput[]): Promise<number> {
    let delivered = 0;
    for (let i = 0; i < items.length; i += 2000) {
      const chunk = items.slice(i, i + 2000);
      const col = <K extends keyof InboxItemInput>(k: K) => chunk.map((c) => c[k] as unknown);
      const rows = await queryRows<{ id: number }>(
        db,
        sql`insert into inbox_items (tenant_id, recipient_account_id, kind, title, body, link, due_on, dedupe_key)
            select * from unnest(${sql.param(col('tenantId'))}::int[], ${sql.param(col('recipientAccountId'))}::int[],
              ${sql.param(col('kind'))}::text[], ${sql.param(col('title'))}::text[], ${sql.param(col('body'))}::text[],
              ${sql.param(col('link'))}::text[], ${sql.param(col('dueOn'))}::date[], ${sql.param(col('dedupeKey'))}::text[])
            on conflict (tenant_id, dedupe_key) do nothing
            returning id`,
      );
      delivered += rows.length;
    }
    return delivered;
  },

  async page(db: Executor, accountId: number, unreadOnly: boolean, page: number, pageSize: number) {
    const where = and(
      eq(inboxItems.recipientAccountId, accountId),
      unreadOnly ? isNull(inboxItems.readAt) : undefined,
    );
    const [rows, [total]] = await Promise.all([
      db
        .select()
        .from(inboxItems)
        .where(where)
        .orderBy(desc(inboxItems.createdAt), desc(inboxItems.id))
        .limit(pageSize)
        .offset((page - 1) * pageSize),
      db.select({ n: count() }).from(inboxItems).where(where),
    ]);
    return { rows, total: total?.n ?? 0 };
  },

  async unreadCount(db: Executor, accountId: number): Promise<number> {
    const [row] = await db
      .select({ n: count() })
      .from(inboxItems)
      .where(and(eq(inboxItems.recipientAccountId, accountId), isNull(inboxItems.readAt)));
    return row?.n ?? 0;
  },

  async markRead(db: Executor, accountId: number, id: number, at: Date): Promise<InboxItem | undefined> {
    const [row] = await db
      .update(inboxItems)
      .set({ readAt: sql`coalesce(${inboxItems.readAt}, ${at.toISOString()}::timestamptz)` })
      .where(and(eq(inboxItems.id, id), eq(inboxItems.recipientAccountId, accountId)))
      .returning();
    return row;
  },

  async markAllRead(db: Executor, accountId: number, at: Date): Promise<number> {
    const rows = await db
      .update(inboxItems)
      .set({ readAt: at })
      .where(and(eq(inboxItems.recipientAccountId, accountId), isNull(inboxItems.readAt)))
      .returning({ id: inboxItems.id });
    return rows.length;
  },

  async forRecipient(db: Executor, accountId: number): Promise<InboxItem[]> {
    return db
      .select()
      .from(inboxItems)
      .where(eq(inboxItems.recipientAccountId, accountId))
      .orderBy(desc(inboxItems.id));
  },
};
