import type { Actor } from '../../../domain/access';
import type { Executor } from '../../db/database';
import type { AppDeps } from '../../deps';
import { authorize } from '../../scope';
import { type AuditQuery, auditRepository } from './audit.repository';

export interface ChangeRecord {
  action: 'create' | 'update' | 'delete' | 'import' | 'login' | 'logout' | 'security' | 'event';
  entity: string;
  entityId: string | number;
  summary: string;
  tenantId: number | null;
  orgPath: string | null;
  before?: unknown;
  after?: unknown;
}

/** Fields never written to the audit log, whatever the entity. */
const SECRET_FIELDS = new Set(['idCardEnc', 'idCardHash', 'passwordHash', 'csrfToken']);

function redact(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(redact);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!SECRET_FIELDS.has(k)) out[k] = redact(v);
    return out;
  }
  return value;
}

/** Writes one audit entry inside the caller's transaction, so a change and its record commit together. */
export async function recordChange(db: Executor, actor: Actor | null, change: ChangeRecord): Promise<void> {
  await auditRepository.append(db, {
    tenantId: change.tenantId,
    actorAccountId: actor?.accountId ?? null,
    actorName: actor ? `${actor.displayName}（${actor.loginName}）` : '系统',
    action: change.action,
    entity: change.entity,
    entityId: String(change.entityId),
    summary: change.summary,
    orgPath: change.orgPath,
    before: redact(change.before),
    after: redact(change.after),
    ip: actor?.ip ?? null,
  });
}

export class AuditService {
  constructor(private readonly deps: AppDeps) {}

  async search(actor: Actor, query: AuditQuery) {
    const scope = authorize(actor, 'audit.read');
    return auditRepository.search(this.deps.db, scope, query);
  }
}
