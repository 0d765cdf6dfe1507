import { z } from 'zod';
import { zPage } from '../../../shared/validation';

export const ZInboxQuery = zPage.extend({
  unreadOnly: z.enum(['true', 'false']).default('false'),
});

export const ZInboxItem = z.object({
  id: z.number().int(),
  /** e.g. orglife.due, orglife.overdueDigest, meeting.planned */
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** A path inside the web app to open, or null. */
  link: z.string().nullable(),
  dueOn: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export const ZInboxPage = z.object({
  rows: z.array(ZInboxItem),
  total: z.number().int(),
  unread: z.number().int(),
});

export const ZUnreadCount = z.object({ unread: z.number().int() });
export const ZMarkedRead = z.object({ updated: z.number().int() });
