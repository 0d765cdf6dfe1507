import { randomBytes } from 'node:crypto';
import type { Actor, Grant } from '../../domain/access';
import type { IsoDate } from '../../domain/calendar';
import type { OrgType } from '../../domain/org-rules';
import { accountGrants, accounts } from '../features/auth/auth.table';
import { hashPassword } from '../features/auth/passwords';
import { membersRepository } from '../features/members/members.repository';
import { type Org, orgsRepository } from '../features/orgs/orgs.repository';
import type { TestContext } from './harness';

/**
 * Small hand-made trees for organizational-life tests: orgs founded on chosen dates, members with chosen
 * joining dates, committee posts, and accounts with grants. Fictional throughout.
 */
export const TEST_PASSWORD = 'zhibu2026';
let serial = 0;

export async function addOrg(
  ctx: TestContext,
  parent: Org | null,
  name: string,
  type: OrgType,
  establishedOn: IsoDate = '2016-07-01',
): Promise<Org> {
  return orgsRepository.insert(ctx.deps.db, {
    tenantId: parent?.tenantId ?? 0,
    parentId: parent?.id ?? null,
    parentPath: parent?.path ?? null,
    name,
    type,
    establishedOn,
  });
}

/** Members of an org: each `[joinedOn, confirmedOn | null]`; returns their ids in order. */
export async function addMembers(
  ctx: TestContext,
  org: Org,
  dates: readonly (readonly [IsoDate, IsoDate | null])[],
): Promise<number[]> {
  return membersRepository.bulkInsert(
    ctx.deps.db,
    dates.map(([joinedOn, confirmedOn]) => {
      const n = ++serial;
      return {
        tenantId: org.tenantId,
        orgId: org.id,
        orgPath: org.path,
        name: `组织生活测试${n}`,
        sex: n % 2 ? '男' : '女',
        ethnicity: '汉族',
        birthDate: '1985-05-05',
        idCardEnc: 'x',
        idCardHash: randomBytes(16).toString('hex'),
        idCardMasked: '1101**********0000',
        joinedOn,
        confirmedOn,
        category: '在职',
        status: confirmedOn ? '正式党员' : '预备党员',
      };
    }),
    null,
  );
}

export async function addPost(
  ctx: TestContext,
  org: Org,
  memberId: number,
  post: string,
  startDate: IsoDate,
  endDate: IsoDate | null = null,
) {
  const member = (await membersRepository.findById(ctx.deps.db, memberId))!;
  const created = await orgsRepository.insertPost(ctx.deps.db, {
    tenantId: org.tenantId,
    orgId: org.id,
    orgPath: org.path,
    post,
    memberId,
    holderName: member.name,
    startDate,
  });
  if (endDate) await orgsRepository.endPost(ctx.deps.db, created.id, endDate);
  return created;
}

/** An account (password "zhibu2026") with grants, and the actor the server would resolve for it. */
export async function addAccount(
  ctx: TestContext,
  loginName: string,
  grants: readonly { role: Grant['role']; org: Org }[],
  memberId: number | null = null,
): Promise<Actor> {
  const [account] = await ctx.deps.db
    .insert(accounts)
    .values({
      tenantId: grants[0]?.org.tenantId ?? null,
      memberId,
      loginName,
      displayName: loginName,
      passwordHash: await hashPassword(TEST_PASSWORD),
      mustChangePassword: false,
    })
    .returning();
  for (const g of grants)
    await ctx.deps.db.insert(accountGrants).values({
      accountId: account!.id,
      role: g.role,
      orgId: g.org.id,
      orgPath: g.org.path,
      validFrom: '2000-01-01',
    });
  return ctx.services.auth.actorFor(account!, '127.0.0.1');
}

let trees = 0;

/**
 * A typical small tree: 工委 → 机关党委 → two branches (the first with a group), committees of three, and
 * accounts for each role. Every call makes a new tree (its own tenant), so tests can share one database.
 */
export async function smallTree(ctx: TestContext, options: { branchFounded?: IsoDate } = {}) {
  const n = ++trees;
  const root = await addOrg(ctx, null, `测试${n}市直机关工委`, '工委');
  const unit = await addOrg(ctx, root, '中共测试局机关委员会', '机关党委');
  const branch = await addOrg(ctx, unit, '中共测试局第一支部委员会', '党支部', options.branchFounded);
  const other = await addOrg(ctx, unit, '中共测试局第二支部委员会', '党支部');
  const group = await addOrg(ctx, branch, '第一党小组', '党小组', options.branchFounded);
  const members = await addMembers(ctx, branch, [
    ['2010-01-01', '2011-01-01'],
    ['2010-01-01', '2011-01-01'],
    ['2010-01-01', '2011-01-01'],
    ['2012-01-01', '2013-01-01'],
    ['2026-03-01', null],
  ]);
  const groupMembers = await addMembers(ctx, group, [
    ['2015-01-01', '2016-01-01'],
    ['2015-01-01', '2016-01-01'],
  ]);
  const otherMembers = await addMembers(ctx, other, [
    ['2010-01-01', '2011-01-01'],
    ['2010-01-01', '2011-01-01'],
    ['2010-01-01', '2011-01-01'],
  ]);
  for (const [i, post] of ['书记', '组织委员', '宣传委员'].entries()) {
    await addPost(ctx, branch, members[i]!, post, '2020-01-01');
    await addPost(ctx, other, otherMembers[i]!, post, '2020-01-01');
  }
  const admin = await addAccount(ctx, `test${n}-admin`, [{ role: 'admin', org: root }]);
  const supervisor = await addAccount(ctx, `test${n}-gongwei`, [{ role: 'supervisor', org: root }]);
  const secretary = await addAccount(
    ctx,
    `test${n}-shuji`,
    [{ role: 'secretary', org: branch }],
    members[0]!,
  );
  const otherSecretary = await addAccount(
    ctx,
    `test${n}-shuji2`,
    [{ role: 'secretary', org: other }],
    otherMembers[0]!,
  );
  const member = await addAccount(ctx, `test${n}-dangyuan`, [], members[3]!);
  return {
    root,
    unit,
    branch,
    other,
    group,
    members,
    groupMembers,
    otherMembers,
    admin,
    supervisor,
    secretary,
    otherSecretary,
    member,
  };
}
