import { LOGINS_PER_MINUTE } from '../../config';
import { defineModule } from '../../module';
import { authRoutes } from './auth.routes';
import { AuthService } from './auth.service';
import * as tables from './auth.table';

/** Accounts, sessions, grants and login: the platform's identity. */
export const authModule = defineModule({
  name: 'auth',
  tables,
  permissions: ['account.manage', 'account.grantRoles'],
  services: (deps) => ({ auth: new AuthService(deps) }),
  routes: (api, { auth }, deps) =>
    authRoutes(api, auth, {
      cookieSecure: deps.config.cookieSecure,
      absoluteHours: deps.config.sessionAbsoluteHours,
      loginsPerMinute: deps.config.loginsPerMinute ?? LOGINS_PER_MINUTE,
    }),
});
