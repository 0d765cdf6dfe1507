import type { Actor } from '../../../domain/access';
import type { AppDeps } from '../../deps';
import { notFound } from '../../http/errors';
import { type InboxItem, inboxRepository } from './inbox.repository';

export function presentInboxItem(item: InboxItem) {
  return {
    id: item.id,
    kind: item.kind,
    title: item.title,
    body: item.body,
    link: item.link,
    dueOn: item.dueOn,
    createdAt: item.createdAt.toISOString(),
    readAt: item.readAt ? item.readAt.toISOString() : null,
  };
}

/** Every user's inbox: only ever their own items, whatever their role. */
export class InboxService {
  constructor(private readonly deps: AppDeps) {}

  async list(actor: Actor, query: { unreadOnly: boolean; page: number; pageSize: number }) {
    const [{ rows, total }, unread] = await Promise.all([
      inboxRepository.page(this.deps.db, actor.accountId, query.unreadOnly, query.page, query.pageSize),
      inboxRepository.unreadCount(this.deps.db, actor.accountId),
    ]);
    return { rows: rows.map(presentInboxItem), total, unread };
  }

  async unreadCount(actor: Actor): Promise<number> {
    return inboxRepository.unreadCount(this.deps.db, actor.accountId);
  }

  async markRead(actor: Actor, id: number) {
    const item = await inboxRepository.markRead(this.deps.db, actor.accountId, id, this.deps.clock.now());
    if (!item) throw notFound('消息');
    return presentInboxItem(item);
  }

  async markAllRead(actor: Actor): Promise<number> {
    return inboxRepository.markAllRead(this.deps.db, actor.accountId, this.deps.clock.now());
  }
}
