import type { WebModule } from './app/module';
import { accountsWebModule } from './features/accounts';
import { auditWebModule } from './features/audit';
import { dictionariesWebModule } from './features/dictionaries';
import { duesWebModule } from './features/dues';
import { inboxWebModule } from './features/inbox';
import { membersWebModule } from './features/members';
import { orgLifeWebModule } from './features/org-life';
import { orgsWebModule } from './features/orgs';
import { studyWebModule } from './features/study';
import { workbenchWebModule } from './features/workbench';

/**
 * The only place on the web that names the modules: the router adds their pages, the app shell their menu
 * entries, within each menu section in this order.
 */
export const WEB_MODULES: readonly WebModule[] = [
  workbenchWebModule,
  membersWebModule,
  orgsWebModule,
  orgLifeWebModule,
  duesWebModule,
  studyWebModule,
  accountsWebModule,
  auditWebModule,
  dictionariesWebModule,
  inboxWebModule,
];
