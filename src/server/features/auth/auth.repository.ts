import { and, asc, count, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { IsoDate } from '../../../domain/calendar';
import { type Executor, queryRows } from '../../db/database';
import { inSubtree, type Scope } from '../../scope';
import { members } from '../members/members.table';
import { orgs } from '../orgs/orgs.table';
import { accountGrants, accounts, sessions } from './auth.table';

export type Account = typeof accounts.$inferSelect;
export type AccountGrant = typeof accountGrants.$inferSelect;
export type Session = typeof sessions.$inferSelect;

export const accountsRepository = {
  async findById(db: Executor, id: number): Promise<Account | undefined> {
    const [row] = await db.select().from(accounts).where(eq(accounts.id, id));
    return row;
  },

  async findByLogin(db: Executor, loginName: string): Promise<Account | undefined> {
    const [row] = await db.select().from(accounts).where(eq(accounts.loginName, loginName));
    return row;
  },

  async findByMemberId(db: Executor, memberId: number): Promise<Account | undefined> {
    const [row] = await db.select().from(accounts).where(eq(accounts.memberId, memberId));
    return row;
  },

  async insert(db: Executor, row: typeof accounts.$inferInsert): Promise<Account> {
    const [created] = await db.insert(accounts).values(row).returning();
    return created!;
  },

  async update(db: Executor, id: number, patch: Partial<typeof accounts.$inferInsert>): Promise<Account> {
    const [row] = await db.update(accounts).set(patch).where(eq(accounts.id, id)).returning();
    return row!;
  },

  /** Counts a failed login; a lock that has run out starts a fresh count (the next mistake is the first). */
  async recordFailure(
    db: Executor,
    id: number,
    maxAttempts: number,
    now: Date,
    lockUntil: Date,
  ): Promise<Account> {
    const lockOver = sql`(${accounts.lockedUntil} is not null and ${accounts.lockedUntil} <= ${now.toISOString()}::timestamptz)`;
    const attempts = sql`(case when ${lockOver} then 1 else ${accounts.failedAttempts} + 1 end)`;
    const [row] = await db
      .update(accounts)
      .set({
        failedAttempts: attempts,
        lockedUntil: sql`case when ${attempts} >= ${maxAttempts} then ${lockUntil.toISOString()}::timestamptz when ${lockOver} then null else ${accounts.lockedUntil} end`,
      })
      .where(eq(accounts.id, id))
      .returning();
    return row!;
  },

  /** Grants in force on a date, with their org paths as they are now. */
  async grantsOn(db: Executor, accountId: number, today: string): Promise<AccountGrant[]> {
    return db
      .select()
      .from(accountGrants)
      .where(
        and(
          eq(accountGrants.accountId, accountId),
          lte(accountGrants.validFrom, today),
          or(isNull(accountGrants.validTo), gt(accountGrants.validTo, today)),
        ),
      );
  },

  /** Grants of a role in force on a date inside a tree (who gets reminders and digests). */
  async holdersOfRoleOn(db: Executor, tenantId: number, role: string, date: IsoDate) {
    const rows = await queryRows<{ account_id: number; org_id: number; org_path: string }>(
      db,
      sql`select g.account_id, g.org_id, g.org_path from account_grants g
          join accounts a on a.id = g.account_id and a.disabled_at is null
          join orgs o on o.id = g.org_id and o.tenant_id = ${tenantId}
          where g.role = ${role} and g.valid_from <= ${date} and (g.valid_to is null or g.valid_to > ${date})
          order by g.account_id, g.org_path`,
    );
    return rows.map((r) => ({
      accountId: Number(r.account_id),
      orgId: Number(r.org_id),
      orgPath: r.org_path,
    }));
  },

  async allGrants(db: Executor, accountIds: number[]) {
    if (accountIds.length === 0) return [];
    return db
      .select({ grant: accountGrants, orgName: orgs.name })
      .from(accountGrants)
      .innerJoin(orgs, eq(orgs.id, accountGrants.orgId))
      .where(inArray(accountGrants.accountId, accountIds))
      .orderBy(asc(accountGrants.id));
  },

  async findGrant(db: Executor, id: number): Promise<AccountGrant | undefined> {
    const [row] = await db.select().from(accountGrants).where(eq(accountGrants.id, id));
    return row;
  },

  async insertGrant(db: Executor, row: typeof accountGrants.$inferInsert): Promise<AccountGrant> {
    const [created] = await db.insert(accountGrants).values(row).returning();
    return created!;
  },

  async endGrant(db: Executor, id: number, validTo: string): Promise<AccountGrant> {
    const [row] = await db.update(accountGrants).set({ validTo }).where(eq(accountGrants.id, id)).returning();
    return row!;
  },

  /** A member left a branch: the grants their account held inside it end on that date. */
  async endGrantsUnder(db: Executor, memberId: number, pathPrefix: string, validTo: string): Promise<void> {
    await db.execute(sql`
      update account_grants set valid_to = ${validTo}
      where account_id in (select id from accounts where member_id = ${memberId})
        and ${inSubtree(sql`org_path`, pathPrefix)}
        and (valid_to is null or valid_to > ${validTo})`);
  },

  async disableForMember(db: Executor, memberId: number, at: Date): Promise<void> {
    await db
      .update(accounts)
      .set({ disabledAt: at })
      .where(and(eq(accounts.memberId, memberId), isNull(accounts.disabledAt)));
    await db.execute(
      sql`delete from sessions where account_id in (select id from accounts where member_id = ${memberId})`,
    );
  },

  /** Accounts visible in a scope: those of members inside it, and those holding a grant inside it. */
  async page(db: Executor, scope: Scope, q: string | undefined, page: number, pageSize: number) {
    const where = and(
      or(
        sql`${accounts.memberId} in (select ${members.id} from ${members} where ${scope.where(members.orgPath)})`,
        sql`${accounts.id} in (select ${accountGrants.accountId} from ${accountGrants} where ${scope.where(accountGrants.orgPath)})`,
      ),
      q
        ? or(sql`${accounts.loginName} ilike ${`%${q}%`}`, sql`${accounts.displayName} ilike ${`%${q}%`}`)
        : undefined,
    );
    const [rows, [total]] = await Promise.all([
      db
        .select()
        .from(accounts)
        .where(where)
        .orderBy(asc(accounts.id))
        .limit(pageSize)
        .offset((page - 1) * pageSize),
      db.select({ n: count() }).from(accounts).where(where),
    ]);
    return { rows, total: total?.n ?? 0 };
  },
};

export const sessionsRepository = {
  async insert(db: Executor, row: typeof sessions.$inferInsert): Promise<void> {
    await db.insert(sessions).values(row);
  },

  async find(db: Executor, id: string): Promise<Session | undefined> {
    const [row] = await db.select().from(sessions).where(eq(sessions.id, id));
    return row;
  },

  async touch(db: Executor, id: string, at: Date): Promise<void> {
    await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
  },

  async delete(db: Executor, id: string): Promise<void> {
    await db.delete(sessions).where(eq(sessions.id, id));
  },

  async deleteForAccount(db: Executor, accountId: number, exceptId?: string): Promise<void> {
    await db
      .delete(sessions)
      .where(
        and(eq(sessions.accountId, accountId), exceptId ? sql`${sessions.id} <> ${exceptId}` : undefined),
      );
  },

  async deleteExpired(db: Executor, now: Date, idleBefore: Date): Promise<void> {
    await db.delete(sessions).where(or(lte(sessions.expiresAt, now), lte(sessions.lastSeenAt, idleBefore)));
  },
};
