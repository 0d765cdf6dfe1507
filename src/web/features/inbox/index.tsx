import { defineWebModule, lazyPage } from '../../app/module';

const InboxPage = lazyPage(() => import('./InboxPage'), 'InboxPage');

export const inboxWebModule = defineWebModule({
  name: 'inbox',
  // Every signed-in user has an inbox (reminders, notices); the bell in the header opens it.
  routes: [{ path: 'inbox', page: InboxPage, access: 'signed-in' }],
});
