import { type Permission, primaryRole, ROLE_LABELS, ROLE_PERMISSIONS, type Role } from '../../domain/access';
import type { Me } from '../features/auth/api';

/**
 * What the signed-in user may use, derived from their grants with the same role table the server enforces
 * (src/domain/access.ts). The server still decides every request; this only hides what would be refused.
 */
export function permissionsOf(me: Me): Set<Permission> {
  return new Set(me.roles.flatMap((r) => (r.role === 'member' ? [] : ROLE_PERMISSIONS[r.role])));
}

export function primaryRoleOf(me: Me): Role {
  return primaryRole({
    accountId: me.accountId,
    loginName: me.loginName,
    displayName: me.displayName,
    memberId: me.memberId,
    memberOrgPath: null,
    grants: me.roles.flatMap((r) =>
      r.role === 'member' ? [] : [{ role: r.role, orgId: r.orgId, orgPath: '' }],
    ),
  });
}

/** "支部书记/支委 · 机关第一党支部", for the header. */
export function roleCaption(me: Me): string {
  const role = primaryRoleOf(me);
  const grant = me.roles.find((r) => r.role === role);
  return grant ? `${ROLE_LABELS[role]} · ${grant.orgName}` : ROLE_LABELS[role];
}

/** Where a user lands after signing in: every role on its 工作台; an account with no role has nothing there. */
export function homePath(permissions: ReadonlySet<Permission>, me: Me): string {
  return permissions.size > 0 || me.memberId !== null ? '/workbench' : '/no-access';
}
