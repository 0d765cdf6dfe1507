import { type Api, actorOf } from '../../http/api';
import { ZAuditPage, ZAuditQuery } from './audit.schema';
import type { AuditService } from './audit.service';

export function auditRoutes(api: Api, audit: AuditService) {
  api.get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['audit'],
        summary: '审计日志（权限范围内，最新在前）',
        querystring: ZAuditQuery,
        response: { 200: ZAuditPage },
      },
    },
    async (request) => {
      const { rows, total } = await audit.search(actorOf(request), request.query);
      return {
        total,
        rows: rows.map((r) => ({
          id: r.id,
          at: r.at.toISOString(),
          actorName: r.actorName,
          action: r.action,
          entity: r.entity,
          entityId: r.entityId,
          summary: r.summary,
          before: r.before,
          after: r.after,
          ip: r.ip,
        })),
      };
    },
  );
}
