import { and, count, eq, sql } from 'drizzle-orm';
import type { Role } from '../../domain/access';
import type { IsoDate } from '../../domain/calendar';
import type { Executor } from '../db/database';
import { OrgChanges } from '../db/org-paths';
import { accountGrants, accounts } from '../features/auth/auth.table';
import { hashPassword } from '../features/auth/passwords';
import type { IdCardCipher } from '../features/members/id-card.crypto';
import { members } from '../features/members/members.table';
import { orgPosts, orgs } from '../features/orgs/orgs.table';
import { MODULES } from '../modules';
import { inSubtree } from '../scope';
import { generateOrgs, insertMembers, insertOrgs, type TreeShape } from './generator';

export const DEMO_PASSWORD = 'zhibu2026';

export interface DemoAccount {
  loginName: string;
  role: string;
  scope: string;
}

export const DEMO_SHAPE: Omit<TreeShape, 'today'> = {
  cities: 0,
  unitsPerCity: 4,
  branchesPerUnit: 5,
  membersPerBranch: 14,
  groupsEvery: 3,
  generalBranchEvery: 4,
  seed: 7,
};

export async function isEmpty(db: Executor): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(orgs);
  return (row?.n ?? 0) === 0;
}

/**
 * The demo installation: a city working committee with four agency party committees (one with a 党总支),
 * twenty branches, party groups, ~300 members with committees, two years of roster changes, one account per
 * role, and a year of organizational life (meetings, attendance, rollups, inbox items), of dues and of study.
 */
export async function seedDemo(db: Executor, cipher: IdCardCipher, today: IsoDate): Promise<DemoAccount[]> {
  const shape = { ...DEMO_SHAPE, today };
  const tree = generateOrgs(shape, '青川市直机关工委');
  await insertOrgs(db, tree);
  await insertMembers(db, tree, shape, cipher);

  // Committees: 书记 for every branch, a full committee where there are seven or more members.
  const branches = tree.filter((o) => o.type === '党支部');
  for (const branch of branches) {
    const roster = await db
      .select({ id: members.id, name: members.name })
      .from(members)
      .where(
        and(
          inSubtree(members.orgPath, branch.path),
          eq(members.status, '正式党员'),
          eq(members.category, '在职'),
        ),
      )
      .orderBy(members.id);
    const posts = roster.length >= 7 ? ['书记', '组织委员', '宣传委员', '纪检委员'] : ['书记'];
    const rows = posts.slice(0, roster.length).map((post, i) => ({
      tenantId: branch.tenantId,
      orgId: branch.id,
      orgPath: branch.path,
      post,
      memberId: roster[i]!.id,
      holderName: roster[i]!.name,
      startDate: branch.termStart ?? '2023-01-01',
    }));
    if (rows.length) await db.insert(orgPosts).values(rows);
  }

  const root = tree[0]!;
  const units = tree.filter((o) => o.type === '机关党委');
  const firstBranch = branches[0]!;
  const otherBranch = branches.find((b) => b.path.startsWith(units[1]!.path))!;
  const secretaryOf = async (branchId: number) =>
    (await db.select().from(orgPosts).where(eq(orgPosts.orgId, branchId)).orderBy(orgPosts.id))[0]!;
  const secretary = await secretaryOf(firstBranch.id);
  const secretary2 = await secretaryOf(otherBranch.id);
  const [ordinary] = await db
    .select({ id: members.id, name: members.name })
    .from(members)
    .where(
      sql`${members.orgId} = ${firstBranch.id} and ${members.id} not in (select member_id from org_posts where member_id is not null)`,
    )
    .orderBy(members.id)
    .limit(1);

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const make = async (
    loginName: string,
    displayName: string,
    memberId: number | null,
    grant: { role: Exclude<Role, 'member'>; orgId: number; orgPath: string } | null,
  ) => {
    const [account] = await db
      .insert(accounts)
      .values({
        tenantId: root.tenantId,
        memberId,
        loginName,
        displayName,
        passwordHash,
        mustChangePassword: false,
      })
      .returning();
    if (grant)
      await db.insert(accountGrants).values({ accountId: account!.id, ...grant, validFrom: '2020-01-01' });
  };
  await make('admin', '系统管理员', null, { role: 'admin', orgId: root.id, orgPath: '/' });
  await make('gongwei', '工委组织部', null, { role: 'supervisor', orgId: root.id, orgPath: root.path });
  await make('jiguan', `${units[0]!.unitName}机关党委`, null, {
    role: 'supervisor',
    orgId: units[0]!.id,
    orgPath: units[0]!.path,
  });
  await make('shuji', secretary.holderName, secretary.memberId, {
    role: 'secretary',
    orgId: firstBranch.id,
    orgPath: firstBranch.path,
  });
  await make('shuji2', secretary2.holderName, secretary2.memberId, {
    role: 'secretary',
    orgId: otherBranch.id,
    orgPath: otherBranch.path,
  });
  await make('dangyuan', ordinary!.name, ordinary!.id, null);
  // Each module's part, in list order, after the committees and accounts, which their stories use.
  const context = {
    tree,
    today,
    seed: shape.seed,
    cipher,
    platform: { orgChanges: new OrgChanges(MODULES.modules) },
    accounts: {
      secretaryMemberId: secretary.memberId!,
      otherSecretaryMemberId: secretary2.memberId!,
      member: {
        memberId: ordinary!.id,
        name: ordinary!.name,
        orgPath: firstBranch.path,
        tenantId: root.tenantId,
      },
    },
  };
  for (const module of MODULES.modules) await module.demoSeed?.(db, context);

  return [
    { loginName: 'admin', role: '管理员', scope: '全部组织' },
    { loginName: 'gongwei', role: '上级党组织', scope: root.name },
    { loginName: 'jiguan', role: '上级党组织', scope: units[0]!.name },
    { loginName: 'shuji', role: '支部书记', scope: firstBranch.name },
    { loginName: 'shuji2', role: '支部书记', scope: otherBranch.name },
    { loginName: 'dangyuan', role: '党员', scope: `${ordinary!.name}（${firstBranch.name}）` },
  ];
}
