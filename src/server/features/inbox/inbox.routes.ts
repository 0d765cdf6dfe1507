import { type Api, actorOf, ZIdParam } from '../../http/api';
import { ZInboxItem, ZInboxPage, ZInboxQuery, ZMarkedRead, ZUnreadCount } from './inbox.schema';
import type { InboxService } from './inbox.service';

export function inboxRoutes(api: Api, inbox: InboxService) {
  const tags = ['inbox'];
  api.get(
    '/api/v1/inbox',
    {
      schema: {
        tags,
        summary: '我的消息（提醒、通知），最新在前；unreadOnly=true 只看未读',
        querystring: ZInboxQuery,
        response: { 200: ZInboxPage },
      },
    },
    async (request) =>
      inbox.list(actorOf(request), { ...request.query, unreadOnly: request.query.unreadOnly === 'true' }),
  );

  api.get(
    '/api/v1/inbox/unread-count',
    { schema: { tags, summary: '未读消息数（页头角标）', response: { 200: ZUnreadCount } } },
    async (request) => ({ unread: await inbox.unreadCount(actorOf(request)) }),
  );

  api.post(
    '/api/v1/inbox/:id/read',
    { schema: { tags, summary: '标记为已读', params: ZIdParam, response: { 200: ZInboxItem } } },
    async (request) => inbox.markRead(actorOf(request), request.params.id),
  );

  api.post(
    '/api/v1/inbox/read-all',
    { schema: { tags, summary: '全部标记为已读', response: { 200: ZMarkedRead } } },
    async (request) => ({ updated: await inbox.markAllRead(actorOf(request)) }),
  );
}
