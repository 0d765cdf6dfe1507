import { sql } from 'drizzle-orm';
import type { IsoDate } from '../../src/domain/calendar';
import { type Database, type Executor, migrate, queryRows } from '../../src/server/db/database';
import { accountsRepository } from '../../src/server/features/auth/auth.repository';
import { hashPassword } from '../../src/server/features/auth/passwords';
import { DictionariesService } from '../../src/server/features/dictionaries/dictionaries.service';
import type { IdCardCipher } from '../../src/server/features/members/id-card.crypto';
import { type MemberInsert, membersRepository } from '../../src/server/features/members/members.repository';
import {
  CITY,
  type GeneratedOrg,
  generateOrgs,
  insertOrgs,
  memberFactory,
  PROVINCE,
  prng,
  type TreeShape,
} from '../../src/server/seed/generator';
import { log, type SectionRecorder } from './report';

export type Scale = 'city' | 'province';

export const SHAPES: Record<Scale, { shape: Omit<TreeShape, 'today'>; rootName: string }> = {
  city: { shape: CITY, rootName: '青川市直机关工委' },
  province: { shape: PROVINCE, rootName: '云岭省直机关工委' },
};

export const BENCH_PASSWORD = 'bench-2026-zhibu';

export interface OrgRef {
  id: number;
  path: string;
  name: string;
  type: string;
  depth: number;
  /** Members whose org lies in the subtree (any status). */
  members: number;
}

export type AccountKey = 'admin' | 'rootSupervisor' | 'middleSupervisor' | 'leafSecretary';

export interface BenchAccount {
  loginName: string;
}

/** The accounts the measures act as: an admin, supervisors at the root and a middle org, a secretary. */
export const ACCOUNTS: Record<AccountKey, BenchAccount> = {
  admin: { loginName: 'bench-admin' },
  rootSupervisor: { loginName: 'bench-root' },
  middleSupervisor: { loginName: 'bench-middle' },
  leafSecretary: { loginName: 'bench-leaf' },
};

export interface Fixtures {
  root: OrgRef;
  /** A city 工委 (province) or an agency 机关党委 (city): the first child of the root. */
  middle: OrgRef;
  /** A 党支部 without party groups inside `middle`. */
  leaf: OrgRef;
  /** Another leaf branch, outside `middle`, that receives the roster import. */
  importTarget: OrgRef;
  /** A member's name from the leaf branch: the name search finds it at every level. */
  searchName: string;
  totals: { orgs: number; members: number; memberEvents: number };
}

/** Migrations and default dictionaries, as the server does at start-up. */
export async function prepareSchema(database: Database): Promise<void> {
  await migrate(database);
  await DictionariesService.ensureDefaults(database.db);
}

export interface LoadOptions {
  batchSize: number;
  cipher: IdCardCipher;
  today: IsoDate;
}

/**
 * The generated tree and roster: orgs in 5,000-row statements (the generator's insertOrgs), members in
 * `batchSize` batches through the roster's own bulk insert, generating the next batch while the database
 * writes the previous one, then ANALYZE so the planner knows the new sizes.
 */
export async function loadData(database: Database, scale: Scale, options: LoadOptions, rec: SectionRecorder) {
  const { shape: base, rootName } = SHAPES[scale];
  const shape: TreeShape = { ...base, today: options.today };
  const db = database.db;
  const orgs = generateOrgs(shape, rootName);
  const orgSeconds = (await rec.once('orgs: insert', () => insertOrgs(db, orgs))).seconds;
  rec.figure('orgs: rows', orgs.length, 'rows');
  rec.figure('orgs: rate', orgs.length / orgSeconds, 'rows/s');

  const started = performance.now();
  let lastLog = started;
  const members = await loadMembers(db, orgs, shape, options, (done) => {
    const now = performance.now();
    if (now - lastLog > 15_000) {
      lastLog = now;
      const rate = done / ((now - started) / 1000);
      const rss = Math.round(process.memoryUsage().rss / 1024 ** 2);
      log(
        `    … ${done.toLocaleString('en-US')} members, ${Math.round(rate).toLocaleString('en-US')}/s, bench RSS ${rss} MB`,
      );
    }
  });
  const memberSeconds = (performance.now() - started) / 1000;
  rec.figure(
    'members: insert (generation overlapped)',
    memberSeconds,
    's',
    `batches of ${options.batchSize}`,
  );
  rec.figure('members: rows', members, 'rows');
  rec.figure('members: rate', members / memberSeconds, 'rows/s', 'members + their initial history events');
  rec.figure('bench process peak RSS during the load', process.resourceUsage().maxRSS / 1024, 'MB');
  // VACUUM too: a bulk-loaded table has no visibility map yet, so index-only scans would visit the heap
  // until autovacuum came by; a server in service is past that point.
  await rec.once('vacuum analyze', () => db.execute(sql`vacuum analyze`));
  return { orgs: orgs.length, members, seconds: orgSeconds + memberSeconds };
}

/**
 * The member half of the generator's insertMembers (src/server/seed/generator.ts) — same holders, same
 * per-org counts from the same random stream, same factory, so the rows are identical — but pipelined:
 * batch n+1 is generated (hashing and encrypting ID numbers is most of the client's work) while the
 * database inserts batch n. Keep the count rule in step with insertMembers.
 */
async function loadMembers(
  db: Executor,
  orgs: GeneratedOrg[],
  shape: TreeShape,
  options: LoadOptions,
  onProgress: (done: number) => void,
): Promise<number> {
  const factory = memberFactory(shape.seed, shape.today, options.cipher);
  const rand = prng(shape.seed ^ 0x1234);
  const holders = orgs.filter((o) => o.type === '党支部' || o.type === '党小组');
  let total = 0;
  let failure: unknown = null;
  let inFlight: Promise<void> = Promise.resolve();
  let batch: MemberInsert[] = [];
  const send = (rows: MemberInsert[]) =>
    membersRepository.bulkInsert(db, rows, null).then(
      () => {
        total += rows.length;
        onProgress(total);
      },
      (error: unknown) => {
        failure = error;
      },
    );
  const flush = async () => {
    await inFlight;
    if (failure) throw failure;
    inFlight = send(batch);
    batch = [];
  };
  for (const org of holders) {
    const base = org.type === '党小组' ? Math.ceil(shape.membersPerBranch / 3) : shape.membersPerBranch;
    const count = Math.max(2, Math.round(base * (0.6 + rand() * 0.8)));
    for (let i = 0; i < count; i++) {
      batch.push(factory.next(org));
      // Let the driver send the in-flight batch and read its result while this one is being built.
      if (batch.length % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
      if (batch.length >= options.batchSize) await flush();
    }
  }
  if (batch.length > 0) await flush();
  await inFlight;
  if (failure) throw failure;
  return total;
}

/** The four accounts the measures act as; their secretary is a member of the leaf branch. */
export async function createAccounts(db: Executor, fixtures: Fixtures): Promise<void> {
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const [secretary] = await queryRows<{ id: number; name: string }>(
    db,
    sql`select id, name from members where org_id = ${fixtures.leaf.id} and status = '正式党员' order by id limit 1`,
  );
  if (!secretary) throw new Error(`leaf branch ${fixtures.leaf.id} has no full member to be its secretary`);
  const make = async (
    account: BenchAccount,
    displayName: string,
    memberId: number | null,
    role: 'admin' | 'supervisor' | 'secretary',
    org: OrgRef,
    orgPath: string,
  ) => {
    if (await accountsRepository.findByLogin(db, account.loginName)) return;
    const created = await accountsRepository.insert(db, {
      tenantId: fixtures.root.id,
      memberId,
      loginName: account.loginName,
      displayName,
      passwordHash,
      mustChangePassword: false,
    });
    await accountsRepository.insertGrant(db, {
      accountId: created.id,
      role,
      orgId: org.id,
      orgPath,
      validFrom: '2020-01-01',
    });
  };
  await make(ACCOUNTS.admin, '基准测试管理员', null, 'admin', fixtures.root, '/');
  await make(ACCOUNTS.rootSupervisor, '基准测试工委', null, 'supervisor', fixtures.root, fixtures.root.path);
  await make(
    ACCOUNTS.middleSupervisor,
    '基准测试上级党组织',
    null,
    'supervisor',
    fixtures.middle,
    fixtures.middle.path,
  );
  await make(
    ACCOUNTS.leafSecretary,
    secretary.name,
    secretary.id,
    'secretary',
    fixtures.leaf,
    fixtures.leaf.path,
  );
}

interface OrgRow {
  id: number;
  path: string;
  name: string;
  type: string;
  depth: number;
}

/** The orgs the measures look at, found in whatever tree the database holds. */
export async function findFixtures(db: Executor): Promise<Fixtures> {
  const one = async (query: ReturnType<typeof sql>, what: string): Promise<OrgRef> => {
    const [row] = await queryRows<OrgRow>(db, query);
    if (!row) throw new Error(`no ${what} in the bench database`);
    const [count] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from members where org_path like ${`${row.path}%`}`,
    );
    return { ...row, id: Number(row.id), depth: Number(row.depth), members: Number(count?.n ?? 0) };
  };
  const cols = sql`id, path, name, type, depth`;
  const root = await one(sql`select ${cols} from orgs where parent_id is null order by id limit 1`, 'root');
  const middle = await one(
    sql`select ${cols} from orgs where parent_id = ${root.id} order by id limit 1`,
    'child of the root',
  );
  const leafBranch = sql`type = '党支部' and not exists (select 1 from orgs c where c.parent_id = o.id)`;
  const leaf = await one(
    sql`select ${cols} from orgs o where ${leafBranch} and path like ${`${middle.path}%`} order by id limit 1`,
    'leaf branch',
  );
  const importTarget = await one(
    sql`select ${cols} from orgs o where ${leafBranch} and path not like ${`${middle.path}%`} order by id desc limit 1`,
    'second leaf branch',
  );
  const [named] = await queryRows<{ name: string }>(
    db,
    sql`select name from members where org_id = ${leaf.id} order by id offset 1 limit 1`,
  );
  const [totals] = await queryRows<{ orgs: number; members: number; events: number }>(
    db,
    sql`select (select count(*) from orgs)::int as orgs, (select count(*) from members)::int as members,
               (select count(*) from member_events)::int as events`,
  );
  return {
    root,
    middle,
    leaf,
    importTarget,
    searchName: named?.name ?? '王',
    totals: {
      orgs: Number(totals?.orgs ?? 0),
      members: Number(totals?.members ?? 0),
      memberEvents: Number(totals?.events ?? 0),
    },
  };
}

export async function databaseSize(db: Executor): Promise<number> {
  const [row] = await queryRows<{ bytes: number }>(
    db,
    sql`select pg_database_size(current_database()) as bytes`,
  );
  return Number(row?.bytes ?? 0);
}
