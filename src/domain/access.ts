/**
 * Roles and what each may do, as data. Where a role may act is always an org subtree (a path prefix);
 * the server turns these into one SQL filter and one check (src/server/scope).
 */
export const ROLES = ['admin', 'supervisor', 'secretary', 'member'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '管理员',
  supervisor: '上级党组织',
  secretary: '支部书记/支委',
  member: '党员',
};

export const PERMISSIONS = [
  'org.read',
  'org.edit',
  'org.structure',
  'member.read',
  'member.write',
  'member.revealIdCard',
  'account.manage',
  'account.grantRoles',
  'audit.read',
  'dictionary.write',
  'meeting.read',
  'meeting.write',
  'rulebook.write',
  'dashboard.read',
  'dues.read',
  'dues.write',
  'study.read',
  'study.write',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** member: self only, handled separately (never a subtree). */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  supervisor: [
    'org.read',
    'org.edit',
    'org.structure',
    'member.read',
    'member.write',
    'account.manage',
    'account.grantRoles',
    'audit.read',
    'meeting.read',
    'rulebook.write',
    'dashboard.read',
    'dues.read',
    'study.read',
  ],
  secretary: [
    'org.read',
    'org.edit',
    'org.structure',
    'member.read',
    'member.write',
    'member.revealIdCard',
    'account.manage',
    'meeting.read',
    'meeting.write',
    'dashboard.read',
    'dues.read',
    'dues.write',
    'study.read',
    'study.write',
  ],
  member: [],
};

export interface Grant {
  role: Exclude<Role, 'member'>;
  orgId: number;
  orgPath: string;
}

export interface Actor {
  accountId: number;
  loginName: string;
  displayName: string;
  /** The roster record behind the account, if any: a member always reads their own record. */
  memberId: number | null;
  memberOrgPath: string | null;
  grants: readonly Grant[];
  /** Where the request came from, for the audit log. */
  ip?: string | null;
}

/** The subtrees (path prefixes) where the actor holds the permission; empty means nowhere. */
export function pathsWith(actor: Actor, permission: Permission): string[] {
  const roots = actor.grants
    .filter((g) => ROLE_PERMISSIONS[g.role].includes(permission))
    .map((g) => g.orgPath);
  return minimalRoots(roots);
}

/** Drops paths already covered by a shorter one, so the SQL filter stays small. */
export function minimalRoots(paths: readonly string[]): string[] {
  const sorted = [...new Set(paths)].sort((a, b) => a.length - b.length);
  const out: string[] = [];
  for (const p of sorted) if (!out.some((r) => p.startsWith(r))) out.push(p);
  return out;
}

export function covers(roots: readonly string[], path: string): boolean {
  return roots.some((r) => path.startsWith(r));
}

/** Structure changes (move, dissolve, edit an org's identity) stay strictly inside a grant, never on its root. */
export function coversStrictly(roots: readonly string[], path: string): boolean {
  return roots.some((r) => path.startsWith(r) && path !== r);
}

export function primaryRole(actor: Actor): Role {
  for (const role of ['admin', 'supervisor', 'secretary'] as const)
    if (actor.grants.some((g) => g.role === role)) return role;
  return 'member';
}
