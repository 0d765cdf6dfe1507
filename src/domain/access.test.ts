import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Actor,
  covers,
  coversStrictly,
  type Grant,
  minimalRoots,
  PERMISSIONS,
  pathsWith,
  primaryRole,
  ROLE_PERMISSIONS,
} from './access';

const actor = (grants: Grant[], memberOrgPath: string | null = null): Actor => ({
  accountId: 1,
  loginName: 'x',
  displayName: 'x',
  memberId: memberOrgPath ? 1 : null,
  memberOrgPath,
  grants,
});
const secretaryOf = (orgPath: string): Grant => ({ role: 'secretary', orgId: 0, orgPath });
const supervisorOf = (orgPath: string): Grant => ({ role: 'supervisor', orgId: 0, orgPath });

describe('role permissions', () => {
  it('gives the admin every permission and a plain member none', () => {
    expect([...ROLE_PERMISSIONS.admin].sort()).toEqual([...PERMISSIONS].sort());
    expect(ROLE_PERMISSIONS.member).toEqual([]);
  });

  it('keeps dictionaries to the admin', () => {
    expect(ROLE_PERMISSIONS.supervisor).not.toContain('dictionary.write');
    expect(ROLE_PERMISSIONS.secretary).not.toContain('dictionary.write');
  });

  it('shows full ID numbers to the branch, not to supervisors', () => {
    expect(ROLE_PERMISSIONS.secretary).toContain('member.revealIdCard');
    expect(ROLE_PERMISSIONS.supervisor).not.toContain('member.revealIdCard');
  });

  it('lets supervisors, not secretaries, grant roles and read the audit log', () => {
    expect(ROLE_PERMISSIONS.supervisor).toEqual(expect.arrayContaining(['account.grantRoles', 'audit.read']));
    expect(ROLE_PERMISSIONS.secretary).not.toContain('account.grantRoles');
    expect(ROLE_PERMISSIONS.secretary).not.toContain('audit.read');
  });
});

describe('pathsWith', () => {
  it('returns the subtrees of the grants that carry the permission', () => {
    const a = actor([secretaryOf('/1/2/3/'), supervisorOf('/1/12/')]);
    expect(pathsWith(a, 'member.read').sort()).toEqual(['/1/12/', '/1/2/3/']);
    expect(pathsWith(a, 'member.revealIdCard')).toEqual(['/1/2/3/']);
    expect(pathsWith(a, 'audit.read')).toEqual(['/1/12/']);
    expect(pathsWith(a, 'dictionary.write')).toEqual([]);
  });

  it('gives a plain member no subtree at all, even their own branch', () => {
    expect(pathsWith(actor([], '/1/2/3/'), 'member.read')).toEqual([]);
    expect(pathsWith(actor([], '/1/2/3/'), 'org.read')).toEqual([]);
  });

  it('drops a secretary grant already covered by a supervisor grant above it', () => {
    expect(pathsWith(actor([secretaryOf('/1/2/3/'), supervisorOf('/1/2/')]), 'member.read')).toEqual([
      '/1/2/',
    ]);
  });
});

describe('subtree checks', () => {
  it('keeps sibling paths that share a numeric prefix apart', () => {
    expect(minimalRoots(['/1/2/', '/1/23/'])).toEqual(['/1/2/', '/1/23/']);
    expect(covers(['/1/2/'], '/1/23/')).toBe(false);
    expect(covers(['/1/2/'], '/1/2/3/')).toBe(true);
  });

  it('removes duplicates and covered paths', () => {
    expect(minimalRoots(['/1/2/3/', '/1/', '/1/2/3/', '/1/12/'])).toEqual(['/1/']);
    expect(minimalRoots([])).toEqual([]);
  });

  it('allows structure changes strictly below a grant, never on its root', () => {
    expect(coversStrictly(['/1/2/'], '/1/2/')).toBe(false);
    expect(coversStrictly(['/1/2/'], '/1/2/3/')).toBe(true);
    expect(coversStrictly(['/1/2/'], '/1/12/')).toBe(false);
    expect(coversStrictly(['/'], '/1/')).toBe(true);
  });

  it('covers exactly what the original paths covered (property)', () => {
    const segment = fc.integer({ min: 1, max: 30 });
    const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((ids) => `/${ids.join('/')}/`);
    fc.assert(
      fc.property(fc.array(path, { maxLength: 6 }), path, (roots, target) => {
        const reduced = minimalRoots(roots);
        expect(covers(reduced, target)).toBe(roots.some((r) => target.startsWith(r)));
        for (const a of reduced) for (const b of reduced) if (a !== b) expect(a.startsWith(b)).toBe(false);
      }),
    );
  });
});

describe('primaryRole', () => {
  it('ranks admin over supervisor over secretary over member', () => {
    const admin: Grant = { role: 'admin', orgId: 0, orgPath: '/' };
    expect(primaryRole(actor([secretaryOf('/1/2/3/'), admin, supervisorOf('/1/')]))).toBe('admin');
    expect(primaryRole(actor([secretaryOf('/1/2/3/'), supervisorOf('/1/')]))).toBe('supervisor');
    expect(primaryRole(actor([secretaryOf('/1/2/3/')]))).toBe('secretary');
    expect(primaryRole(actor([], '/1/2/3/'))).toBe('member');
  });
});
