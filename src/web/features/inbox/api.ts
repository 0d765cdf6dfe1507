import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type * as schema from '../../../server/features/inbox/inbox.schema';
import { http } from '../../app/http';
import { readQuery } from '../../app/queries';

export type InboxItem = z.infer<typeof schema.ZInboxItem>;
export type InboxPage = z.infer<typeof schema.ZInboxPage>;
export type UnreadCount = z.infer<typeof schema.ZUnreadCount>;
export type MarkedRead = z.infer<typeof schema.ZMarkedRead>;

export interface InboxQuery {
  unreadOnly: boolean;
  page: number;
  pageSize: number;
}

export const inboxKeys = {
  all: ['inbox'] as const,
  list: (query: InboxQuery) => ['inbox', 'list', query] as const,
  unread: ['inbox', 'unread'] as const,
};

export const fetchInbox = (query: InboxQuery) =>
  http.get<InboxPage>('/inbox', { ...query, unreadOnly: query.unreadOnly ? 'true' : 'false' });
export const fetchUnreadCount = () => http.get<UnreadCount>('/inbox/unread-count');

/** The reads, each with its key. */
export const inboxQueries = {
  list: readQuery(inboxKeys.list, fetchInbox),
  unread: () => queryOptions({ queryKey: inboxKeys.unread, queryFn: fetchUnreadCount }),
};

export const markRead = (id: number) => http.post<InboxItem>(`/inbox/${id}/read`);
export const markAllRead = () => http.post<MarkedRead>('/inbox/read-all');
