import type { IsoDate } from '../../../domain/calendar';
import { LOGINS_PER_MINUTE } from '../../config';
import type { Executor } from '../../db/database';
import { defineModule } from '../../module';
import { accountsRepository } from './auth.repository';
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

// The public face: what other features may know and do about accounts and grants.
export type { Account } from './auth.repository';
export type { AuthService } from './auth.service';

/** The account of a roster member, if they have one. */
export const accountOfMember = (db: Executor, memberId: number) =>
  accountsRepository.findByMemberId(db, memberId);

/** A member left a branch: the grants their account held inside it end on that date. */
export const endGrantsOfMemberUnder = (db: Executor, memberId: number, pathPrefix: string, validTo: string) =>
  accountsRepository.endGrantsUnder(db, memberId, pathPrefix, validTo);

/** A member is no longer active: their account is disabled and signed out. */
export const disableAccountOfMember = (db: Executor, memberId: number, at: Date) =>
  accountsRepository.disableForMember(db, memberId, at);

/** Who holds a role (secretary, supervisor, …) in a tenant on a date: the recipients of reminders and digests. */
export const holdersOfRoleOn = (db: Executor, tenantId: number, role: string, date: IsoDate) =>
  accountsRepository.holdersOfRoleOn(db, tenantId, role, date);
