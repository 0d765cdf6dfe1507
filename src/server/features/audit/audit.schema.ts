import { z } from 'zod';
import { zIsoDate, zPage } from '../../../shared/validation';

export const ZAuditQuery = zPage.extend({
  q: z.string().trim().max(50).optional(),
  entity: z.string().trim().max(30).optional(),
  from: zIsoDate('开始日期').optional(),
  to: zIsoDate('结束日期').optional(),
});

export const ZAuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorName: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  summary: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
});

export const ZAuditPage = z.object({ rows: z.array(ZAuditEntry), total: z.number().int() });
