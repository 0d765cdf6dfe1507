import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ZAuditEntry, ZAuditPage, ZAuditQuery } from '../../../server/features/audit/audit.schema';
import { http } from '../../app/http';

export type AuditEntry = z.infer<typeof ZAuditEntry>;
export type AuditQuery = Partial<z.infer<typeof ZAuditQuery>>;

export const auditKeys = {
  list: (query: AuditQuery) => ['audit', query] as const,
};

export const fetchAudit = (query: AuditQuery) => http.get<z.infer<typeof ZAuditPage>>('/audit', query);

/** The reads, each with its key. */
export const auditQueries = {
  list: (query: AuditQuery) =>
    queryOptions({ queryKey: auditKeys.list(query), queryFn: () => fetchAudit(query) }),
};
