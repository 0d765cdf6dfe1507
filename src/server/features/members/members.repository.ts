import { and, asc, count, desc, eq, ilike, inArray, isNotNull, like, or, type SQL, sql } from 'drizzle-orm';
import { LIMITS } from '../../../shared/limits';
import { type Executor, queryRows } from '../../db/database';
import { inSubtree, isActiveMember, type Scope } from '../../scope';
import { accounts } from '../auth/auth.table';
import { orgs } from '../orgs/orgs.table';
import { memberEvents, members } from './members.table';

export type Member = typeof members.$inferSelect;
export type MemberInsert = typeof members.$inferInsert;
export type MemberEvent = typeof memberEvents.$inferSelect;

export interface MemberFilter {
  /** Who reads: the members in the scope's subtrees, or, with an empty scope, only the reader's own record. */
  reader: { scope: Scope; ownMemberId: number | null };
  orgPath?: string | undefined;
  q?: string | undefined;
  idCardHash?: string | undefined;
  status?: string | undefined;
  category?: string | undefined;
}

export interface MemberSort {
  sort: 'name' | 'joinedOn' | 'birthDate' | 'org' | 'id';
  order: 'asc' | 'desc';
}

/**
 * What every name containing q contains too (the single character, or each pair of neighbours), in the form
 * of zhibu_name_grams (migration 0007), so the name index narrows the rows the ILIKE then confirms.
 */
export function queryGrams(q: string): string[] {
  const chars = Array.from(q.toLowerCase());
  if (chars.length === 1) return chars;
  return [...new Set(chars.slice(1).map((c, i) => chars[i] + c))];
}

function whereOf(f: MemberFilter): SQL {
  const { scope, ownMemberId } = f.reader;
  const c: SQL[] = [
    scope.isEmpty && ownMemberId !== null ? eq(members.id, ownMemberId) : scope.where(members.orgPath),
  ];
  if (f.orgPath) c.push(inSubtree(members.orgPath, f.orgPath));
  if (f.status === '在册') c.push(isActiveMember(members.status));
  else if (f.status) c.push(eq(members.status, f.status));
  if (f.category) c.push(eq(members.category, f.category));
  if (f.idCardHash) c.push(eq(members.idCardHash, f.idCardHash));
  else if (f.q) {
    const q = f.q;
    const alternatives: SQL[] = [
      and(
        sql`zhibu_name_grams(${members.name}) @> ${sql.param(queryGrams(q))}::text[]`,
        ilike(members.name, `%${q.replace(/[\\%_]/g, '\\$&')}%`),
      ) as SQL,
    ];
    if (/^\d{3,11}$/.test(q)) alternatives.push(like(members.phone, `${q}%`));
    if (/^[\dXx]{1,4}$/.test(q)) alternatives.push(like(members.idCardMasked, `%${q.toUpperCase()}`));
    c.push(or(...alternatives) as SQL);
  }
  return and(...c) as SQL;
}

function orderOf(s: MemberSort): SQL[] {
  const dir = s.order === 'desc' ? desc : asc;
  switch (s.sort) {
    case 'name':
      return [dir(members.name), asc(members.id)];
    case 'joinedOn':
      return [dir(members.joinedOn), asc(members.id)];
    case 'birthDate':
      return [dir(members.birthDate), asc(members.id)];
    case 'id':
      return [dir(members.id)];
    case 'org':
      return [dir(members.orgPath), asc(members.name), asc(members.id)];
  }
}

/** Roster fields whose values are dictionary labels (kept as text, so a record reads without a join). */
export type VocabularyField = 'ethnicity' | 'education' | 'category' | 'jobTitle';

export const membersRepository = {
  /** How many records, of any status, hold a label in a dictionary field. */
  async countWithLabel(db: Executor, field: VocabularyField, label: string): Promise<number> {
    const [row] = await db.select({ n: count() }).from(members).where(eq(members[field], label));
    return row?.n ?? 0;
  },

  async findById(db: Executor, id: number): Promise<Member | undefined> {
    const [row] = await db.select().from(members).where(eq(members.id, id));
    return row;
  },

  async page(db: Executor, filter: MemberFilter, sort: MemberSort, page: number, pageSize: number) {
    const where = whereOf(filter);
    const [rows, [total]] = await Promise.all([
      db
        .select({ member: members, orgName: orgs.name, accountId: accounts.id })
        .from(members)
        .innerJoin(orgs, eq(orgs.id, members.orgId))
        .leftJoin(accounts, eq(accounts.memberId, members.id))
        .where(where)
        .orderBy(...orderOf(sort))
        .limit(pageSize)
        .offset((page - 1) * pageSize),
      db.select({ n: count() }).from(
        db
          .select({ one: sql`1` })
          .from(members)
          .where(where)
          .limit(LIMITS.countCap + 1)
          .as('capped'),
      ),
    ]);
    const n = total?.n ?? 0;
    return { rows, total: Math.min(n, LIMITS.countCap), totalCapped: n > LIMITS.countCap };
  },

  /** Every matching row, for exports (bounded by the caller). */
  async all(db: Executor, filter: MemberFilter, sort: MemberSort, limit: number) {
    return db
      .select({ member: members, orgName: orgs.name })
      .from(members)
      .innerJoin(orgs, eq(orgs.id, members.orgId))
      .where(whereOf(filter))
      .orderBy(...orderOf(sort))
      .limit(limit);
  },

  async insert(db: Executor, row: MemberInsert): Promise<Member> {
    const [created] = await db.insert(members).values(row).returning();
    return created!;
  },

  async update(db: Executor, id: number, patch: Partial<MemberInsert>): Promise<Member> {
    const [row] = await db
      .update(members)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(members.id, id))
      .returning();
    return row!;
  },

  async findByIdCardHashes(db: Executor, tenantId: number, hashes: string[]) {
    if (hashes.length === 0) return [];
    return db
      .select({ id: members.id, name: members.name, idCardHash: members.idCardHash, orgId: members.orgId })
      .from(members)
      .where(and(eq(members.tenantId, tenantId), inArray(members.idCardHash, hashes)));
  },

  async findByPhones(db: Executor, tenantId: number, phones: string[]) {
    if (phones.length === 0) return [];
    return db
      .select({ id: members.id, name: members.name, phone: members.phone })
      .from(members)
      .where(and(eq(members.tenantId, tenantId), inArray(members.phone, phones), isNotNull(members.phone)));
  },

  async events(db: Executor, memberId: number) {
    return db
      .select({ event: memberEvents, orgName: orgs.name })
      .from(memberEvents)
      .innerJoin(orgs, eq(orgs.id, memberEvents.orgId))
      .where(eq(memberEvents.memberId, memberId))
      .orderBy(asc(memberEvents.effectiveDate), asc(memberEvents.id));
  },

  async correctEventDate(
    db: Executor,
    memberId: number,
    kind: string,
    from: string,
    to: string,
  ): Promise<void> {
    await db
      .update(memberEvents)
      .set({ effectiveDate: to })
      .where(
        and(
          eq(memberEvents.memberId, memberId),
          eq(memberEvents.kind, kind),
          eq(memberEvents.effectiveDate, from),
        ),
      );
  },

  async insertEvent(db: Executor, row: typeof memberEvents.$inferInsert): Promise<MemberEvent> {
    const [created] = await db.insert(memberEvents).values(row).returning();
    return created!;
  },

  /**
   * Who was an active member of an org's subtree on a date, judged by the status history — the question
   * every later ledger asks ("expected attendees on the meeting date", "dues owed that month").
   */
  /** The 预备党员 on the roster accepted on one of these days: whose 预备期 can end on a given day. */
  async probationersAcceptedOn(
    db: Executor,
    days: readonly string[],
  ): Promise<{ memberId: number; tenantId: number; name: string; orgPath: string; joinedOn: string }[]> {
    if (days.length === 0) return [];
    const rows = await db
      .select({
        memberId: members.id,
        tenantId: members.tenantId,
        name: members.name,
        orgPath: members.orgPath,
        joinedOn: members.joinedOn,
      })
      .from(members)
      .where(and(eq(members.status, '预备党员'), inArray(members.joinedOn, [...days])))
      .orderBy(members.id);
    return rows;
  },

  async activeOn(
    db: Executor,
    orgPath: string,
    date: string,
  ): Promise<{ memberId: number; status: string; orgId: number }[]> {
    const rows = await queryRows<{ member_id: number; status: string; org_id: number }>(
      db,
      sql`
      select member_id, status, org_id from (
        select distinct on (member_id) member_id, status, org_id, org_path
        from member_events
        where effective_date <= ${date}
          and member_id in (select member_id from member_events where ${inSubtree(sql`org_path`, orgPath)})
        order by member_id, effective_date desc, id desc
      ) latest
      where ${inSubtree(sql`org_path`, orgPath)} and ${isActiveMember(sql`status`)}
      order by member_id`,
    );
    return rows.map((r) => ({ memberId: Number(r.member_id), status: r.status, orgId: Number(r.org_id) }));
  },

  /**
   * Bulk insert with one statement per table (unnest over column arrays): the roster import and the data
   * generator load thousands of rows a second this way, where row-by-row inserts crawl. `initialHistory:
   * false` leaves the history to the caller: a member arriving by 转入 joined the party elsewhere, so their
   * history here starts with the transfer, not with the joining date.
   */
  async bulkInsert(
    db: Executor,
    rows: MemberInsert[],
    createdBy: number | null,
    options: { initialHistory?: boolean } = {},
  ): Promise<number[]> {
    if (rows.length === 0) return [];
    const col = <K extends keyof MemberInsert>(k: K) => rows.map((r) => (r[k] ?? null) as unknown);
    const inserted = await queryRows<{ id: number }>(
      db,
      sql`
      insert into members (tenant_id, org_id, org_path, name, sex, ethnicity, birth_date, education, id_card_enc,
        id_card_hash, id_card_masked, phone, joined_on, confirmed_on, work_started_on, job_title, category, status,
        is_flowing, note)
      select * from unnest(${sql.param(col('tenantId'))}::int[], ${sql.param(col('orgId'))}::int[], ${sql.param(col('orgPath'))}::text[],
        ${sql.param(col('name'))}::text[], ${sql.param(col('sex'))}::text[], ${sql.param(col('ethnicity'))}::text[], ${sql.param(col('birthDate'))}::date[],
        ${sql.param(col('education'))}::text[], ${sql.param(col('idCardEnc'))}::text[], ${sql.param(col('idCardHash'))}::text[],
        ${sql.param(col('idCardMasked'))}::text[], ${sql.param(col('phone'))}::text[], ${sql.param(col('joinedOn'))}::date[],
        ${sql.param(col('confirmedOn'))}::date[], ${sql.param(col('workStartedOn'))}::date[], ${sql.param(col('jobTitle'))}::text[],
        ${sql.param(col('category'))}::text[], ${sql.param(col('status'))}::text[], ${sql.param(rows.map((r) => r.isFlowing ?? false))}::boolean[],
        ${sql.param(col('note'))}::text[])
      returning id`,
    );
    const ids = inserted.map((r) => Number(r.id));
    if (options.initialHistory === false) return ids;
    // Initial history: accepted as 预备党员 on the joining date, 正式党员 from the confirmation date.
    const ev = {
      memberId: [] as number[],
      kind: [] as string[],
      date: [] as string[],
      status: [] as string[],
      orgId: [] as number[],
      orgPath: [] as string[],
      tenantId: [] as number[],
    };
    rows.forEach((r, i) => {
      const push = (kind: string, date: string, status: string) => {
        ev.memberId.push(ids[i]!);
        ev.kind.push(kind);
        ev.date.push(date);
        ev.status.push(status);
        ev.orgId.push(r.orgId);
        ev.orgPath.push(r.orgPath);
        ev.tenantId.push(r.tenantId);
      };
      push('接收预备党员', r.joinedOn, '预备党员');
      if (r.confirmedOn && r.status !== '预备党员') push('转正', r.confirmedOn, '正式党员');
    });
    await db.execute(sql`
      insert into member_events (tenant_id, member_id, kind, effective_date, status, org_id, org_path, created_by)
      select t, m, k, d, s, o, p, ${createdBy}::int from unnest(${sql.param(ev.tenantId)}::int[], ${sql.param(ev.memberId)}::int[],
        ${sql.param(ev.kind)}::text[], ${sql.param(ev.date)}::date[], ${sql.param(ev.status)}::text[], ${sql.param(ev.orgId)}::int[], ${sql.param(ev.orgPath)}::text[])
        as x(t, m, k, d, s, o, p)`);
    return ids;
  },
};
