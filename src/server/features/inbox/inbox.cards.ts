import type { WorkbenchCard } from '../../module';
import { countStatus } from '../../workbench/card-kit';
import type { InboxService } from './inbox.service';

const ITEMS = 5;

/** The newest unread reminders, whatever module raised them. */
const reminders = ({ inbox }: { inbox: InboxService }): WorkbenchCard => ({
  id: 'inbox.unread',
  title: '提醒',
  needs: 'signed-in',
  async load(actor, today) {
    const unread = await inbox.list(actor, { unreadOnly: true, page: 1, pageSize: ITEMS });
    return {
      figures: [{ label: '未读提醒', value: unread.unread, unit: '条', status: countStatus(unread.unread) }],
      items: unread.rows.map((r) => ({
        text: r.title,
        hint: r.dueOn ? `${r.dueOn} 前` : undefined,
        status: r.dueOn && r.dueOn < today ? 'overdue' : 'due',
        // Links are the app's own paths; anything else opens the inbox, where the item is read in full.
        link: r.link?.startsWith('/') ? r.link : '/inbox',
      })),
      empty: '没有未读提醒',
      link: { label: '查看全部消息', to: '/inbox' },
    };
  },
});

export const inboxCards = (services: { inbox: InboxService }): WorkbenchCard[] => [reminders(services)];
