import { auditModule } from './features/audit';
import { authModule } from './features/auth';
import { dictionariesModule } from './features/dictionaries';
import { duesModule } from './features/dues';
import { inboxModule } from './features/inbox';
import { membersModule } from './features/members';
import { orgLifeModule } from './features/org-life';
import { orgsModule } from './features/orgs';
import { studyModule } from './features/study';
import { ModuleList } from './module';

/**
 * The only place that names the modules. Order matters: a module may use the services of those above it, its
 * routes, daily tasks and demo step run in this order, and an org move rewrites its tables in this order.
 */

/** The platform's own features, which every module may build on. */
export const PLATFORM = ModuleList.empty()
  .add(authModule)
  .add(orgsModule)
  .add(membersModule)
  .add(auditModule)
  .add(dictionariesModule)
  .add(inboxModule);

/** Every module: the platform's, then the capabilities built on it. */
export const MODULES = PLATFORM.add(orgLifeModule).add(duesModule).add(studyModule);
