import { defineModule } from '../../module';
import { auditRoutes } from './audit.routes';
import { AuditService } from './audit.service';
import * as tables from './audit.table';

/** The append-only audit log every change writes. */
export const auditModule = defineModule({
  name: 'audit',
  tables,
  // The path where the change happened, at the time: history, which an org move must not rewrite.
  historicalOrgPaths: [tables.auditLog],
  permissions: ['audit.read'],
  services: (deps) => ({ audit: new AuditService(deps) }),
  routes: (api, { audit }) => auditRoutes(api, audit),
});

// The public face: every feature writes its changes to the log this way.
export { type ChangeRecord, recordChange } from './audit.service';
