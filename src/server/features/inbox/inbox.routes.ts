import { type Api, ZIdParam } from '../../http/api';
import { signedInRoutes } from '../../http/routes';
import { ZInboxItem, ZInboxPage, ZInboxQuery, ZMarkedRead, ZUnreadCount } from './inbox.schema';
import type { InboxService } from './inbox.service';

export function inboxRoutes(api: Api, inbox: InboxService) {
  const route = signedInRoutes(api, ['inbox']);
  route.get(
    '/api/v1/inbox',
    {
      summary: '我的消息（提醒、通知），最新在前；unreadOnly=true 只看未读',
      querystring: ZInboxQuery,
      response: ZInboxPage,
    },
    (actor, { query }) => inbox.list(actor, { ...query, unreadOnly: query.unreadOnly === 'true' }),
  );

  route.get(
    '/api/v1/inbox/unread-count',
    { summary: '未读消息数（页头角标）', response: ZUnreadCount },
    async (actor) => ({ unread: await inbox.unreadCount(actor) }),
  );

  route.post(
    '/api/v1/inbox/:id/read',
    { summary: '标记为已读', params: ZIdParam, response: ZInboxItem },
    (actor, { params }) => inbox.markRead(actor, params.id),
  );

  route.post(
    '/api/v1/inbox/read-all',
    { summary: '全部标记为已读', response: ZMarkedRead },
    async (actor) => ({ updated: await inbox.markAllRead(actor) }),
  );
}
