import { createHash, randomBytes } from 'node:crypto';
import type { Actor, Grant, Role } from '../../../domain/access';
import { isActive, type MemberStatus } from '../../../domain/member-status';
import { isBranch, type OrgType } from '../../../domain/org-rules';
import type { Executor } from '../../db/database';
import type { AppDeps } from '../../deps';
import { AppError, conflict, forbidden, invalid, notFound } from '../../http/errors';
import { authorize, type Scope } from '../../scope';
import { recordChange } from '../audit';
import { findMember } from '../members';
import { findOrg } from '../orgs';
import { type Account, accountsRepository, sessionsRepository } from './auth.repository';
import { generateInitialPassword, hashPassword, verifyPassword } from './passwords';

/** Lockout policy: after this many consecutive failures the account is locked for LOCK_MINUTES. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

const sha256 = (token: string) => createHash('sha256').update(token).digest('base64url');

export interface LoginResult {
  token: string;
  csrfToken: string;
  mustChangePassword: boolean;
}

export interface ResolvedSession {
  sessionId: string;
  csrfToken: string;
  account: Account;
  actor: Actor;
}

export class AuthService {
  /** A real hash to verify against when the login name is unknown, so both paths take the same time. */
  private dummyHash: Promise<string> | null = null;

  constructor(private readonly deps: AppDeps) {}

  async login(loginName: string, password: string, ip: string | null): Promise<LoginResult> {
    const db = this.deps.db;
    const now = this.deps.clock.now();
    const account = await accountsRepository.findByLogin(db, loginName.trim());
    const wrong = new AppError('UNAUTHENTICATED', '用户名或密码错误');
    if (!account) {
      this.dummyHash ??= hashPassword('zhibu-dummy-password-1');
      await verifyPassword(await this.dummyHash, password);
      throw wrong;
    }
    if (account.lockedUntil && account.lockedUntil > now) {
      const minutes = Math.ceil((account.lockedUntil.getTime() - now.getTime()) / 60_000);
      throw new AppError('LOCKED', `连续登录失败次数过多，账号已锁定，请 ${minutes} 分钟后再试`);
    }
    if (!(await verifyPassword(account.passwordHash, password))) {
      const after = await accountsRepository.recordFailure(
        db,
        account.id,
        MAX_FAILED_LOGINS,
        now,
        new Date(now.getTime() + LOCK_MINUTES * 60_000),
      );
      if (after.failedAttempts === MAX_FAILED_LOGINS)
        await recordChange(db, null, {
          action: 'security',
          entity: 'account',
          entityId: account.id,
          summary: `账号 ${account.loginName} 连续 ${MAX_FAILED_LOGINS} 次登录失败，锁定 ${LOCK_MINUTES} 分钟`,
          tenantId: account.tenantId,
          orgPath: await this.accountOrgPath(account),
        });
      const left = MAX_FAILED_LOGINS - after.failedAttempts;
      if (left <= 0)
        throw new AppError('LOCKED', `连续登录失败次数过多，账号已锁定，请 ${LOCK_MINUTES} 分钟后再试`);
      throw new AppError('UNAUTHENTICATED', `用户名或密码错误，再失败 ${left} 次账号将被锁定`);
    }
    if (account.disabledAt) throw new AppError('FORBIDDEN', '账号已停用，请联系支部书记或管理员');
    await accountsRepository.update(db, account.id, {
      failedAttempts: 0,
      lockedUntil: null,
      lastLoginAt: now,
    });
    // Expired sessions are swept here rather than by a timer: logins are rare enough and always come.
    await sessionsRepository.deleteExpired(
      db,
      now,
      new Date(now.getTime() - this.deps.config.sessionIdleMinutes * 60_000),
    );
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    await sessionsRepository.insert(db, {
      id: sha256(token),
      accountId: account.id,
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + this.deps.config.sessionAbsoluteHours * 3600_000),
    });
    const actor = await this.actorFor(account, ip);
    await recordChange(db, actor, {
      action: 'login',
      entity: 'account',
      entityId: account.id,
      summary: `${account.displayName} 登录`,
      tenantId: account.tenantId,
      orgPath: await this.accountOrgPath(account),
    });
    return { token, csrfToken, mustChangePassword: account.mustChangePassword };
  }

  /** A session is valid until its absolute expiry, and only while it is used within the idle timeout. */
  async resolve(token: string, ip: string | null): Promise<ResolvedSession | null> {
    const db = this.deps.db;
    const now = this.deps.clock.now();
    const id = sha256(token);
    const session = await sessionsRepository.find(db, id);
    if (!session) return null;
    const idleLimit = new Date(now.getTime() - this.deps.config.sessionIdleMinutes * 60_000);
    if (session.expiresAt <= now || session.lastSeenAt <= idleLimit) {
      await sessionsRepository.delete(db, id);
      return null;
    }
    const account = await accountsRepository.findById(db, session.accountId);
    if (!account || account.disabledAt) {
      await sessionsRepository.delete(db, id);
      return null;
    }
    // Writing on every request would serialize reads on one row; a minute's precision is enough.
    if (now.getTime() - session.lastSeenAt.getTime() > 60_000) await sessionsRepository.touch(db, id, now);
    return { sessionId: id, csrfToken: session.csrfToken, account, actor: await this.actorFor(account, ip) };
  }

  async logout(actor: Actor, sessionId: string): Promise<void> {
    await sessionsRepository.delete(this.deps.db, sessionId);
    await recordChange(this.deps.db, actor, {
      action: 'logout',
      entity: 'account',
      entityId: actor.accountId,
      summary: `${actor.displayName} 退出登录`,
      tenantId: null,
      orgPath: actor.memberOrgPath ?? actor.grants[0]?.orgPath ?? null,
    });
  }

  async actorFor(account: Account, ip: string | null): Promise<Actor> {
    const today = this.deps.clock.today();
    const grants = await accountsRepository.grantsOn(this.deps.db, account.id, today);
    let memberOrgPath: string | null = null;
    if (account.memberId !== null) {
      const member = await findMember(this.deps.db, account.memberId);
      if (member && isActive(member.status as MemberStatus)) memberOrgPath = member.orgPath;
    }
    return {
      accountId: account.id,
      loginName: account.loginName,
      displayName: account.displayName,
      memberId: memberOrgPath !== null ? account.memberId : null,
      memberOrgPath,
      grants: grants.map(
        (g): Grant => ({ role: g.role as Grant['role'], orgId: g.orgId, orgPath: g.orgPath }),
      ),
      ip,
    };
  }

  private async accountOrgPath(account: Account): Promise<string | null> {
    if (account.memberId !== null) {
      const member = await findMember(this.deps.db, account.memberId);
      if (member) return member.orgPath;
    }
    const grants = await accountsRepository.grantsOn(this.deps.db, account.id, this.deps.clock.today());
    return grants[0]?.orgPath ?? null;
  }

  async me(actor: Actor, account: Account) {
    const grants = await accountsRepository.allGrants(this.deps.db, [actor.accountId]);
    const today = this.deps.clock.today();
    return {
      accountId: actor.accountId,
      loginName: actor.loginName,
      displayName: actor.displayName,
      memberId: actor.memberId,
      mustChangePassword: account.mustChangePassword,
      roles: grants
        .filter(({ grant: g }) => g.validFrom <= today && (g.validTo === null || g.validTo > today))
        .map(({ grant: g, orgName }) => ({
          role: g.role as Role,
          orgId: g.orgId,
          orgName: g.orgPath === '/' ? '全部组织' : orgName,
        })),
      today,
    };
  }

  async changePassword(
    actor: Actor,
    sessionId: string,
    oldPassword: string,
    newPassword: string,
  ): Promise<void> {
    const db = this.deps.db;
    const account = await accountsRepository.findById(db, actor.accountId);
    if (!account) throw notFound('账号');
    if (!(await verifyPassword(account.passwordHash, oldPassword))) throw invalid('原密码不正确');
    if (oldPassword === newPassword) throw invalid('新密码不能与原密码相同');
    await db.transaction(async (tx) => {
      await accountsRepository.update(tx, account.id, {
        passwordHash: await hashPassword(newPassword),
        mustChangePassword: false,
      });
      // Other sessions of this account end: a changed password must lock out whoever knew the old one.
      await sessionsRepository.deleteForAccount(tx, account.id, sessionId);
      await recordChange(tx, actor, {
        action: 'security',
        entity: 'account',
        entityId: account.id,
        summary: `${account.displayName} 修改了密码`,
        tenantId: account.tenantId,
        orgPath: actor.memberOrgPath ?? actor.grants[0]?.orgPath ?? null,
      });
    });
  }

  // ── Account administration ────────────────────────────────────────────────────────────────────────

  /**
   * Where an account lives, for scope checks: its member's branch and every org it holds a grant on (now or
   * from a later date). Whoever manages the account must cover all of them, or a branch secretary could
   * reset the password of a supervisor who happens to be a member of the branch and log in as them.
   */
  private async accountPaths(db: Executor, account: Account): Promise<string[]> {
    const today = this.deps.clock.today();
    const paths = (await accountsRepository.allGrants(db, [account.id]))
      .filter(({ grant }) => grant.validTo === null || grant.validTo > today)
      .map(({ grant }) => grant.orgPath);
    if (account.memberId !== null) {
      const member = await findMember(db, account.memberId);
      if (member) paths.unshift(member.orgPath);
    }
    return paths;
  }

  private async loadManaged(
    actor: Actor,
    accountId: number,
  ): Promise<{ account: Account; scope: Scope; paths: string[] }> {
    const scope = authorize(actor, 'account.manage');
    const account = await accountsRepository.findById(this.deps.db, accountId);
    if (!account) throw notFound('账号');
    const paths = await this.assertCoversAccount(this.deps.db, scope, account);
    if (account.id === actor.accountId) throw forbidden('不能对自己的账号执行此操作，请使用“修改密码”');
    return { account, scope, paths };
  }

  /** An account outside the scope is reported as not found, like any other record there. */
  private async assertCoversAccount(db: Executor, scope: Scope, account: Account): Promise<string[]> {
    const paths = await this.accountPaths(db, account);
    if (paths.length === 0 ? !scope.roots.includes('/') : !paths.every((p) => scope.covers(p)))
      throw notFound('账号');
    return paths;
  }

  /** A secretary opens login for a member of the branch; the initial password is shown once. */
  async enableLogin(actor: Actor, memberId: number, loginName: string | undefined) {
    const scope = authorize(actor, 'account.manage');
    return this.deps.db.transaction(async (tx) => {
      const member = await findMember(tx, memberId);
      if (!member) throw notFound('党员');
      scope.assertCovers(member.orgPath, '党员');
      if (!isActive(member.status as MemberStatus))
        throw invalid(`该党员状态为“${member.status}”，不能开通账号`);
      if (await accountsRepository.findByMemberId(tx, memberId)) throw conflict('该党员已开通账号');
      const name = (loginName ?? member.phone ?? '').trim();
      if (!name) throw invalid('该党员没有登记手机号，请填写登录名');
      if (await accountsRepository.findByLogin(tx, name)) throw conflict(`登录名“${name}”已被使用`);
      const initialPassword = generateInitialPassword();
      const account = await accountsRepository.insert(tx, {
        tenantId: member.tenantId,
        memberId: member.id,
        loginName: name,
        displayName: member.name,
        passwordHash: await hashPassword(initialPassword),
        mustChangePassword: true,
      });
      await recordChange(tx, actor, {
        action: 'create',
        entity: 'account',
        entityId: account.id,
        summary: `为党员 ${member.name} 开通账号（登录名 ${name}）`,
        tenantId: member.tenantId,
        orgPath: member.orgPath,
        after: { loginName: name, memberId: member.id },
      });
      return { accountId: account.id, loginName: name, initialPassword };
    });
  }

  async resetPassword(actor: Actor, accountId: number) {
    const { account, paths } = await this.loadManaged(actor, accountId);
    const initialPassword = generateInitialPassword();
    await this.deps.db.transaction(async (tx) => {
      await accountsRepository.update(tx, account.id, {
        passwordHash: await hashPassword(initialPassword),
        mustChangePassword: true,
        failedAttempts: 0,
        lockedUntil: null,
      });
      await sessionsRepository.deleteForAccount(tx, account.id);
      await recordChange(tx, actor, {
        action: 'security',
        entity: 'account',
        entityId: account.id,
        summary: `重置 ${account.displayName}（${account.loginName}）的密码`,
        tenantId: account.tenantId,
        orgPath: paths[0] ?? null,
      });
    });
    return { accountId: account.id, loginName: account.loginName, initialPassword };
  }

  async setDisabled(actor: Actor, accountId: number, disabled: boolean) {
    const { account, paths } = await this.loadManaged(actor, accountId);
    await this.deps.db.transaction(async (tx) => {
      await accountsRepository.update(tx, account.id, {
        disabledAt: disabled ? this.deps.clock.now() : null,
      });
      if (disabled) await sessionsRepository.deleteForAccount(tx, account.id);
      await recordChange(tx, actor, {
        action: 'security',
        entity: 'account',
        entityId: account.id,
        summary: `${disabled ? '停用' : '启用'}账号 ${account.displayName}（${account.loginName}）`,
        tenantId: account.tenantId,
        orgPath: paths[0] ?? null,
      });
    });
  }

  /**
   * Role grants: supervisors and admins give a secretary role over a branch, or a supervisor role over a
   * higher org, inside their own scope, to an account inside it. Only an admin creates admins.
   */
  async grantRole(
    actor: Actor,
    accountId: number,
    input: { role: Grant['role']; orgId: number; validFrom?: string | undefined },
  ) {
    const scope = authorize(actor, 'account.grantRoles');
    return this.deps.db.transaction(async (tx) => {
      const account = await accountsRepository.findById(tx, accountId);
      if (!account) throw notFound('账号');
      // The grantee must be the grantor's to manage too: otherwise a supervisor could hand a branch of their
      // subtree to anyone's account, a member of another unit's or a higher supervisor's.
      await this.assertCoversAccount(tx, scope, account);
      if (account.id === actor.accountId) throw forbidden('不能给自己授予角色');
      const org = await findOrg(tx, input.orgId);
      if (!org) throw notFound('组织');
      scope.assertCovers(org.path, '组织');
      if (org.dissolvedOn) throw invalid('该组织已撤销');
      const type = org.type as OrgType;
      if (input.role === 'admin' && !scope.roots.includes('/'))
        throw forbidden('只有管理员可以授予管理员角色');
      if (input.role === 'secretary' && !isBranch(type)) throw invalid('支部书记/支委角色只能授予在党支部');
      if (input.role === 'supervisor' && (isBranch(type) || type === '党小组'))
        throw invalid('上级党组织角色应授予在党委、党总支或工委');
      const grant = await accountsRepository.insertGrant(tx, {
        accountId,
        role: input.role,
        orgId: org.id,
        orgPath: input.role === 'admin' ? '/' : org.path,
        validFrom: input.validFrom ?? this.deps.clock.today(),
      });
      await recordChange(tx, actor, {
        action: 'security',
        entity: 'account',
        entityId: accountId,
        summary: `授予 ${account.displayName} “${input.role}”角色（${org.name}）`,
        tenantId: org.tenantId,
        orgPath: org.path,
        after: grant,
      });
      return grant;
    });
  }

  async endGrant(actor: Actor, grantId: number) {
    const scope = authorize(actor, 'account.grantRoles');
    return this.deps.db.transaction(async (tx) => {
      const grant = await accountsRepository.findGrant(tx, grantId);
      if (!grant) throw notFound('角色');
      scope.assertCovers(grant.orgPath, '角色');
      if (grant.accountId === actor.accountId) throw forbidden('不能撤销自己的角色');
      const today = this.deps.clock.today();
      const after = await accountsRepository.endGrant(tx, grantId, today);
      await recordChange(tx, actor, {
        action: 'security',
        entity: 'account',
        entityId: grant.accountId,
        summary: `撤销账号 ${grant.accountId} 的“${grant.role}”角色`,
        tenantId: null,
        orgPath: grant.orgPath,
        before: grant,
        after,
      });
      return after;
    });
  }

  async listAccounts(actor: Actor, q: string | undefined, page: number, pageSize: number) {
    const scope = authorize(actor, 'account.manage');
    const { rows, total } = await accountsRepository.page(this.deps.db, scope, q, page, pageSize);
    const grants = await accountsRepository.allGrants(
      this.deps.db,
      rows.map((r) => r.id),
    );
    const today = this.deps.clock.today();
    return {
      total,
      rows: rows.map((a) => ({
        id: a.id,
        loginName: a.loginName,
        displayName: a.displayName,
        memberId: a.memberId,
        disabled: a.disabledAt !== null,
        locked: a.lockedUntil !== null && a.lockedUntil > this.deps.clock.now(),
        mustChangePassword: a.mustChangePassword,
        lastLoginAt: a.lastLoginAt?.toISOString() ?? null,
        grants: grants
          .filter((g) => g.grant.accountId === a.id)
          .map(({ grant: g, orgName }) => ({
            id: g.id,
            // An admin grant covers the installation, whatever org it was recorded on.
            orgName: g.orgPath === '/' ? '全部组织' : orgName,
            role: g.role as Role,
            orgId: g.orgId,
            validFrom: g.validFrom,
            validTo: g.validTo,
            active: g.validFrom <= today && (g.validTo === null || g.validTo > today),
          })),
      })),
    };
  }
}
