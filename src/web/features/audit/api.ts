import type { z } from 'zod';
import type { ZAuditEntry, ZAuditPage, ZAuditQuery } from '../../../server/features/audit/audit.schema';
import { http } from '../../app/http';
import { readQuery } from '../../app/queries';

export type AuditEntry = z.infer<typeof ZAuditEntry>;
export type AuditQuery = Partial<z.infer<typeof ZAuditQuery>>;

export const auditKeys = {
  list: (query: AuditQuery) => ['audit', query] as const,
};

export const fetchAudit = (query: AuditQuery) => http.get<z.infer<typeof ZAuditPage>>('/audit', query);

/** The reads, each with its key. */
export const auditQueries = {
  list: readQuery(auditKeys.list, fetchAudit),
};
