import { and, asc, count, eq, ilike, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { pathIds } from '../../../domain/org-rules';
import type { Executor } from '../../db/database';
import { inSubtree, type Scope } from '../../scope';
import { orgMemberCounts } from '../members/members.table';
import { orgPosts, orgs } from './orgs.table';

export type Org = typeof orgs.$inferSelect;
export type OrgPost = typeof orgPosts.$inferSelect;

export const orgsRepository = {
  async findById(db: Executor, id: number): Promise<Org | undefined> {
    const [row] = await db.select().from(orgs).where(eq(orgs.id, id));
    return row;
  },

  async rootsOfInstallation(db: Executor): Promise<Org[]> {
    return db.select().from(orgs).where(isNull(orgs.parentId)).orderBy(asc(orgs.id));
  },

  async findByIds(db: Executor, ids: number[]): Promise<Org[]> {
    if (ids.length === 0) return [];
    return db.select().from(orgs).where(inArray(orgs.id, ids));
  },

  async children(db: Executor, parentId: number, includeDissolved: boolean): Promise<Org[]> {
    const conditions: SQL[] = [eq(orgs.parentId, parentId)];
    if (!includeDissolved) conditions.push(isNull(orgs.dissolvedOn));
    return db
      .select()
      .from(orgs)
      .where(and(...conditions))
      .orderBy(asc(orgs.sortOrder), asc(orgs.id));
  },

  async search(db: Executor, scope: Scope, q: string, limit: number): Promise<Org[]> {
    return db
      .select()
      .from(orgs)
      .where(and(scope.where(orgs.path), ilike(orgs.name, `%${q}%`), isNull(orgs.dissolvedOn)))
      .orderBy(asc(orgs.depth), asc(orgs.name))
      .limit(limit);
  },

  async listInScope(db: Executor, scope: Scope): Promise<Org[]> {
    return db
      .select()
      .from(orgs)
      .where(and(scope.where(orgs.path), isNull(orgs.dissolvedOn)))
      .orderBy(asc(orgs.depth), asc(orgs.sortOrder), asc(orgs.id));
  },

  /** Active members of one org's whole subtree: a sum over its orgs' kept counts, whatever its size. */
  async subtreeCounts(db: Executor, path: string): Promise<{ fullMembers: number; allMembers: number }> {
    const [m] = await db
      .select({
        full: sql<number>`coalesce(sum(${orgMemberCounts.fullMembers}), 0)`.mapWith(Number),
        all: sql<number>`coalesce(sum(${orgMemberCounts.allMembers}), 0)`.mapWith(Number),
      })
      .from(orgMemberCounts)
      .where(inSubtree(orgMemberCounts.orgPath, path));
    return { fullMembers: m?.full ?? 0, allMembers: m?.all ?? 0 };
  },

  /** Active members attached directly to each org. */
  async directMemberCounts(db: Executor, ids: number[]): Promise<Map<number, number>> {
    if (ids.length === 0) return new Map();
    const rows = await db
      .select({ orgId: orgMemberCounts.orgId, n: orgMemberCounts.allMembers })
      .from(orgMemberCounts)
      .where(inArray(orgMemberCounts.orgId, ids));
    return new Map(rows.map((r) => [r.orgId, r.n]));
  },

  async childCounts(db: Executor, ids: number[], includeDissolved = false): Promise<Map<number, number>> {
    if (ids.length === 0) return new Map();
    const rows = await db
      .select({ parentId: orgs.parentId, n: count() })
      .from(orgs)
      .where(and(inArray(orgs.parentId, ids), includeDissolved ? undefined : isNull(orgs.dissolvedOn)))
      .groupBy(orgs.parentId);
    return new Map(rows.map((r) => [r.parentId as number, r.n]));
  },

  async insert(
    db: Executor,
    row: Omit<typeof orgs.$inferInsert, 'path' | 'depth'> & { parentPath: string | null },
  ) {
    const { parentPath, ...values } = row;
    const [created] = await db
      .insert(orgs)
      .values({ ...values, path: 'pending', depth: parentPath ? pathIds(parentPath).length : 0 })
      .returning();
    const path = `${parentPath ?? '/'}${created!.id}/`;
    const [withPath] = await db
      .update(orgs)
      .set({ path, tenantId: values.tenantId || created!.id })
      .where(eq(orgs.id, created!.id))
      .returning();
    return withPath!;
  },

  async update(db: Executor, id: number, patch: Partial<typeof orgs.$inferInsert>): Promise<Org> {
    const [row] = await db
      .update(orgs)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(orgs.id, id))
      .returning();
    return row!;
  },

  async setDepthsUnder(db: Executor, pathPrefix: string): Promise<void> {
    await db.execute(
      // "/1/5/23/" has four slashes and depth 2: the root is depth 0.
      sql`update orgs set depth = length(path) - length(replace(path, '/', '')) - 2 where ${inSubtree(sql`path`, pathPrefix)}`,
    );
  },

  async hasLiveChildren(db: Executor, id: number): Promise<boolean> {
    const [row] = await db
      .select({ n: count() })
      .from(orgs)
      .where(and(eq(orgs.parentId, id), isNull(orgs.dissolvedOn)));
    return (row?.n ?? 0) > 0;
  },

  async posts(db: Executor, orgId: number): Promise<OrgPost[]> {
    return db
      .select()
      .from(orgPosts)
      .where(eq(orgPosts.orgId, orgId))
      .orderBy(asc(sql`${orgPosts.endDate} is not null`), asc(orgPosts.id));
  },

  async findPost(db: Executor, id: number): Promise<OrgPost | undefined> {
    const [row] = await db.select().from(orgPosts).where(eq(orgPosts.id, id));
    return row;
  },

  async insertPost(db: Executor, row: typeof orgPosts.$inferInsert): Promise<OrgPost> {
    const [created] = await db.insert(orgPosts).values(row).returning();
    return created!;
  },

  async endPost(db: Executor, id: number, endDate: string): Promise<OrgPost> {
    const [row] = await db.update(orgPosts).set({ endDate }).where(eq(orgPosts.id, id)).returning();
    return row!;
  },

  /** Ends every open post a member holds inside a subtree (the member left it). */
  /** Ends a member's open posts below a path; returns the orgs whose committee changed. */
  async endPostsOfMember(
    db: Executor,
    memberId: number,
    pathPrefix: string,
    endDate: string,
  ): Promise<number[]> {
    const ended = await db
      .update(orgPosts)
      .set({ endDate })
      .where(
        and(
          eq(orgPosts.memberId, memberId),
          isNull(orgPosts.endDate),
          inSubtree(orgPosts.orgPath, pathPrefix),
        ),
      )
      .returning({ orgId: orgPosts.orgId });
    return [...new Set(ended.map((r) => r.orgId))];
  },

  async openCommitteeSize(db: Executor, orgId: number, today: string): Promise<number> {
    const [row] = await db
      .select({
        n: sql<number>`count(distinct coalesce(${orgPosts.memberId}::text, ${orgPosts.holderName}))`.mapWith(
          Number,
        ),
      })
      .from(orgPosts)
      .where(
        and(
          eq(orgPosts.orgId, orgId),
          sql`${orgPosts.startDate} <= ${today}`,
          sql`(${orgPosts.endDate} is null or ${orgPosts.endDate} > ${today})`,
        ),
      );
    return row?.n ?? 0;
  },
};
