import { defineModule } from '../../module';
import { inboxCards } from './inbox.cards';
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
