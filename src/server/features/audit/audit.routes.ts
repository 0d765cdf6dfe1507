import type { Api } from '../../http/api';
import { signedInRoutes } from '../../http/routes';
import { ZAuditPage, ZAuditQuery } from './audit.schema';
import type { AuditService } from './audit.service';

export function auditRoutes(api: Api, audit: AuditService) {
  const route = signedInRoutes(api, ['audit']);
  route.get(
    '/api/v1/audit',
    { summary: '审计日志（权限范围内，最新在前）', querystring: ZAuditQuery, response: ZAuditPage },
    async (actor, { query }) => {
      const { rows, total } = await audit.search(actor, query);
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
