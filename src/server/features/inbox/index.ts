import type { Executor } from '../../db/database';
import { defineModule } from '../../module';
import { inboxCards } from './inbox.cards';
import { type InboxItemInput, inboxRepository } from './inbox.repository';
import { inboxRoutes } from './inbox.routes';
import { InboxService } from './inbox.service';
import * as tables from './inbox.table';

/** Every user's inbox, where the reminders of all modules are delivered. */
export const inboxModule = defineModule({
  name: 'inbox',
  tables,
  services: (deps) => ({ inbox: new InboxService(deps) }),
  routes: (api, { inbox }) => inboxRoutes(api, inbox),
  cards: (services) => inboxCards(services),
});

// The public face: how every module delivers its reminders.
export type { InboxItemInput } from './inbox.repository';

/** Delivers items, skipping those whose dedupe key was delivered before; returns how many were new. */
export const deliverToInbox = (db: Executor, items: readonly InboxItemInput[]) =>
  inboxRepository.deliver(db, items);

/** Everything delivered to an account, newest first. */
export const inboxItemsOf = (db: Executor, accountId: number) => inboxRepository.forRecipient(db, accountId);
