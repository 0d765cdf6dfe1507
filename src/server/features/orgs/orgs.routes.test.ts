import { describe, expect, it } from 'vitest';
import { memberInput } from '../../testing/factories';
import { demoApi } from '../../testing/fixtures';
import type { TestClient } from '../../testing/harness';
import { membersActiveOn } from '../members';

type Node = { id: number; path: string; childCount: number; directMembers: number; type: string };

const { ctx, api, facts, clients } = demoApi(['admin', 'gongwei', 'jiguan', 'shuji', 'shuji2', 'dangyuan']);

const ids = (nodes: { id: number }[]) => nodes.map((n) => n.id);

let branchCount = 0;

/** A new, empty branch under the first 机关党委, created by its supervisor. */
async function newBranch(fields: Record<string, unknown> = {}) {
  branchCount += 1;
  const res = await clients.jiguan.request('POST', '/api/v1/orgs', {
    parentId: facts.unitIds[0],
    type: '党支部',
    name: `测试党支部${branchCount}号`,
    ...fields,
  });
  expect(res.status).toBe(200);
  return res.json as Node & { termEnd: string | null };
}

describe('tree', () => {
  it('starts each role at the top of its scope', async () => {
    const roots = async (c: TestClient) => ids((await c.request('GET', '/api/v1/orgs')).json);
    expect(await roots(clients.admin)).toEqual([facts.rootId]);
    expect(await roots(clients.gongwei)).toEqual([facts.rootId]);
    expect(await roots(clients.jiguan)).toEqual([facts.unitIds[0]]);
    expect(await roots(clients.shuji)).toEqual([facts.branchId]);
    expect(await roots(clients.shuji2)).toEqual([facts.otherUnitBranchId]);
    expect(await roots(clients.dangyuan)).toEqual([facts.branchId]);
  });

  it('counts children and direct members of each node', async () => {
    const [branch] = (await clients.shuji.request('GET', '/api/v1/orgs')).json as Node[];
    expect(branch!.childCount).toBe(facts.groupIds.length);
    const direct = await clients.shuji.request('GET', `/api/v1/members?orgId=${facts.branchId}&pageSize=200`);
    const directCount = direct.json.rows.filter(
      (r: { orgId: number; status: string }) =>
        r.orgId === facts.branchId && (r.status === '正式党员' || r.status === '预备党员'),
    ).length;
    expect(branch!.directMembers).toBe(directCount);
  });

  it('lists the children of an org in scope, and refuses one outside', async () => {
    const children = (await clients.jiguan.request('GET', `/api/v1/orgs?parentId=${facts.unitIds[0]}`))
      .json as Node[];
    expect(ids(children)).toEqual(expect.arrayContaining([facts.branchId, ...facts.siblingBranchIds]));
    for (const child of children)
      expect(child.path.startsWith(`/${facts.rootId}/${facts.unitIds[0]}/`)).toBe(true);
    expect(
      ids((await clients.shuji.request('GET', `/api/v1/orgs?parentId=${facts.branchId}`)).json).sort(),
    ).toEqual([...facts.groupIds].sort());
    expect((await clients.shuji.request('GET', `/api/v1/orgs?parentId=${facts.unitIds[0]}`)).status).toBe(
      404,
    );
    expect((await clients.jiguan.request('GET', `/api/v1/orgs?parentId=${facts.unitIds[1]}`)).status).toBe(
      404,
    );
    expect((await clients.dangyuan.request('GET', `/api/v1/orgs?parentId=${facts.branchId}`)).status).toBe(
      403,
    );
  });

  it('finds orgs by name only inside scope', async () => {
    const hits = (await clients.shuji.request('GET', `/api/v1/orgs/search?q=${encodeURIComponent('党小组')}`))
      .json;
    expect(hits.length).toBe(facts.groupIds.length);
    expect(ids(hits).sort()).toEqual([...facts.groupIds].sort());
  });
});

describe('detail', () => {
  it('shows counts, committee and edit rights of a branch to its secretary', async () => {
    const res = await clients.shuji.request('GET', `/api/v1/orgs/${facts.branchId}`);
    expect(res.status).toBe(200);
    const d = res.json;
    expect(ids(d.ancestors)).toEqual([facts.rootId, facts.unitIds[0]]);
    expect(d.fullMembers).toBeGreaterThan(0);
    expect(d.allMembers).toBeGreaterThanOrEqual(d.fullMembers);
    expect(d.committeeSize).toBe(
      d.posts.filter((p: { endDate: string | null }) => p.endDate === null).length,
    );
    expect(d).toMatchObject({ canEdit: true, canRestructure: false });
    expect((await clients.jiguan.request('GET', `/api/v1/orgs/${facts.branchId}`)).json.canRestructure).toBe(
      true,
    );
  });

  it('shows a member their own branch, but not the orgs above it', async () => {
    const own = await clients.dangyuan.request('GET', `/api/v1/orgs/${facts.branchId}`);
    expect(own.status).toBe(200);
    expect(own.json.canEdit).toBe(false);
    expect(own.json.ancestors.map((a: { name: string }) => a.name).length).toBe(2);
    for (const above of [facts.unitIds[0], facts.rootId])
      expect((await clients.dangyuan.request('GET', `/api/v1/orgs/${above}`)).status).toBe(404);
    expect((await clients.shuji.request('GET', `/api/v1/orgs/${facts.unitIds[0]}`)).status).toBe(404);
    expect((await clients.shuji.request('GET', `/api/v1/orgs/${facts.otherUnitBranchId}`)).status).toBe(404);
  });

  it('warns about an expired term and a branch too small, and stops once they are remedied', async () => {
    const branch = await newBranch({ termStart: '2023-11-20' });
    expect(branch.termEnd).toBe('2026-11-20');
    const codes = async () =>
      ((await clients.jiguan.request('GET', `/api/v1/orgs/${branch.id}`)).json.warnings as { code: string }[])
        .map((w) => w.code)
        .sort();
    expect(await codes()).toEqual(['BRANCH_TOO_SMALL', 'TERM_EXPIRED']);

    for (let i = 0; i < 3; i++)
      expect((await clients.jiguan.request('POST', '/api/v1/members', memberInput(branch.id))).status).toBe(
        200,
      );
    expect(await codes()).toEqual(['TERM_EXPIRED']);

    const extended = await clients.jiguan.request('PATCH', `/api/v1/orgs/${branch.id}`, {
      termExtensionMonths: 12,
    });
    expect(extended.json.termEnd).toBe('2027-11-20');
    expect(await codes()).toEqual([]);

    const tooLong = await clients.jiguan.request('PATCH', `/api/v1/orgs/${branch.id}`, {
      termExtensionMonths: 13,
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.json.message).toContain('换届延期不得超过 12 个月');
  });

  it('warns six months ahead of the term end', async () => {
    const branch = await newBranch({ termStart: '2024-05-20' });
    const detail = await clients.jiguan.request('GET', `/api/v1/orgs/${branch.id}`);
    expect(detail.json.warnings).toContainEqual(
      expect.objectContaining({ code: 'TERM_DUE_SOON', message: expect.stringContaining('2027-05-20') }),
    );
    const later = await newBranch({ termStart: '2024-05-21' });
    const codes = (await clients.jiguan.request('GET', `/api/v1/orgs/${later.id}`)).json.warnings.map(
      (w: { code: string }) => w.code,
    );
    expect(codes).not.toContain('TERM_DUE_SOON');
  });
});

describe('create', () => {
  it('creates an allowed child type under an org in scope, with its path and an audit entry', async () => {
    const res = await clients.shuji.request('POST', '/api/v1/orgs', {
      parentId: facts.branchId,
      type: '党小组',
      name: '第三党小组',
    });
    expect(res.status).toBe(200);
    expect(res.json.path).toBe(`/${facts.rootId}/${facts.unitIds[0]}/${facts.branchId}/${res.json.id}/`);
    expect(res.json.depth).toBe(3);
    const audit = await clients.admin.request(
      'GET',
      `/api/v1/audit?entity=org&q=${encodeURIComponent('第三党小组')}`,
    );
    expect(audit.json.rows[0]).toMatchObject({ action: 'create', entityId: String(res.json.id) });
  });

  it('refuses a child type the parent may not hold, in Chinese', async () => {
    const res = await clients.jiguan.request('POST', '/api/v1/orgs', {
      parentId: facts.branchId,
      type: '党支部',
      name: '不该存在的支部',
    });
    expect(res).toMatchObject({
      status: 400,
      json: { code: 'VALIDATION', message: '党支部下不能设立党支部' },
    });
    const group = await clients.jiguan.request('POST', '/api/v1/orgs', {
      parentId: facts.unitIds[0],
      type: '党小组',
      name: '不该存在的小组',
    });
    expect(group.json.message).toBe('机关党委下不能设立党小组');
  });

  it('refuses a parent outside scope, and a plain member altogether', async () => {
    const outside = await clients.jiguan.request('POST', '/api/v1/orgs', {
      parentId: facts.unitIds[1],
      type: '党支部',
      name: '越权支部',
    });
    expect(outside.status).toBe(404);
    const member = await clients.dangyuan.request('POST', '/api/v1/orgs', {
      parentId: facts.branchId,
      type: '党小组',
      name: '越权小组',
    });
    expect(member.status).toBe(403);
    const search = await clients.admin.request('GET', `/api/v1/orgs/search?q=${encodeURIComponent('越权')}`);
    expect(search.json).toEqual([]);
  });
});

describe('move', () => {
  it('re-parents a branch and rewrites the paths of its groups, members and history', async () => {
    const [, otherUnit] = facts.unitIds;
    const branch = await newBranch();
    const group = (
      await clients.jiguan.request('POST', '/api/v1/orgs', {
        parentId: branch.id,
        type: '党小组',
        name: '第一党小组',
      })
    ).json;
    const inGroup = (await clients.jiguan.request('POST', '/api/v1/members', memberInput(group.id))).json;
    const inBranch = (await clients.jiguan.request('POST', '/api/v1/members', memberInput(branch.id))).json;
    const movedIds = [inGroup.id, inBranch.id].sort();
    const listed = async (c: TestClient, orgId: number) =>
      (await c.request('GET', `/api/v1/members?orgId=${orgId}&pageSize=200`)).json.rows.map(
        (r: { id: number }) => r.id,
      );

    const res = await clients.gongwei.request('POST', `/api/v1/orgs/${branch.id}/move`, {
      newParentId: otherUnit,
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      parentId: otherUnit,
      path: `/${facts.rootId}/${otherUnit}/${branch.id}/`,
      depth: 2,
    });
    const movedGroup = (await clients.gongwei.request('GET', `/api/v1/orgs/${group.id}`)).json;
    expect(movedGroup).toMatchObject({
      path: `/${facts.rootId}/${otherUnit}/${branch.id}/${group.id}/`,
      depth: 3,
    });

    expect(await listed(clients.gongwei, otherUnit!)).toEqual(expect.arrayContaining(movedIds));
    expect(await listed(clients.gongwei, facts.unitIds[0])).not.toContain(inGroup.id);
    expect((await clients.jiguan.request('GET', `/api/v1/members?orgId=${branch.id}`)).status).toBe(404);
    expect((await clients.jiguan.request('GET', `/api/v1/members/${inGroup.id}`)).status).toBe(404);
    expect((await clients.jiguan.request('GET', `/api/v1/orgs/${branch.id}`)).status).toBe(404);

    const active = await membersActiveOn(ctx.deps.db, `/${facts.rootId}/${otherUnit}/`, ctx.clock.today());
    expect(active.map((a) => a.memberId)).toEqual(expect.arrayContaining(movedIds));
    const old = await membersActiveOn(
      ctx.deps.db,
      `/${facts.rootId}/${facts.unitIds[0]}/`,
      ctx.clock.today(),
    );
    expect(old.map((a) => a.memberId)).not.toContain(inBranch.id);
  });

  it("carries a secretary's grant along with the branch", async () => {
    const before = (await clients.shuji2.request('GET', '/api/v1/members?pageSize=1')).json.total;
    const third = (await clients.admin.request('GET', `/api/v1/orgs?parentId=${facts.rootId}`)).json
      .map((n: Node) => n.id)
      .find((id: number) => !facts.unitIds.includes(id));
    const moved = await clients.gongwei.request('POST', `/api/v1/orgs/${facts.otherUnitBranchId}/move`, {
      newParentId: third,
    });
    expect(moved.status).toBe(200);
    const shuji2 = await api.login('shuji2');
    expect((await shuji2.request('GET', '/api/v1/members?pageSize=1')).json.total).toBe(before);
    expect(ids((await shuji2.request('GET', '/api/v1/orgs')).json)).toEqual([facts.otherUnitBranchId]);
  });

  it('refuses to move an org under itself or its descendants', async () => {
    const res = await clients.gongwei.request('POST', `/api/v1/orgs/${facts.unitIds[0]}/move`, {
      newParentId: facts.branchId,
    });
    expect(res).toMatchObject({ status: 400, json: { message: '不能将组织移动到它自己或它的下级组织之下' } });
    expect(
      (await clients.gongwei.request('GET', `/api/v1/orgs/${facts.branchId}`)).json.ancestors[1].id,
    ).toBe(facts.unitIds[0]);
  });

  it('refuses a parent of the wrong type, the top of the own scope, and targets outside scope', async () => {
    const wrongType = await clients.jiguan.request('POST', `/api/v1/orgs/${facts.branchId}/move`, {
      newParentId: facts.siblingBranchIds[0],
    });
    expect(wrongType.json.message).toBe('党支部下不能设立党支部');
    const ownTop = await clients.jiguan.request('POST', `/api/v1/orgs/${facts.unitIds[0]}/move`, {
      newParentId: facts.rootId,
    });
    expect(ownTop).toMatchObject({
      status: 403,
      json: { message: '不能调整您所管理的最上级组织本身的隶属关系' },
    });
    const outside = await clients.jiguan.request('POST', `/api/v1/orgs/${facts.branchId}/move`, {
      newParentId: facts.unitIds[1],
    });
    expect(outside.status).toBe(404);
  });
});

describe('dissolve', () => {
  it('refuses while members remain, or while child orgs remain', async () => {
    const branch = await newBranch();
    await clients.jiguan.request('POST', '/api/v1/members', memberInput(branch.id));
    const withMember = await clients.jiguan.request('POST', `/api/v1/orgs/${branch.id}/dissolve`, {
      dissolvedOn: ctx.clock.today(),
      reason: '机构改革',
    });
    expect(withMember).toMatchObject({
      status: 400,
      json: { message: '该组织还有 1 名党员，请先办理组织关系转接' },
    });
    const withGroups = await clients.jiguan.request('POST', `/api/v1/orgs/${facts.branchId}/dissolve`, {
      dissolvedOn: ctx.clock.today(),
      reason: '机构改革',
    });
    expect(withGroups.json.message).toBe('请先撤销或移走下级组织');
    expect((await clients.jiguan.request('GET', `/api/v1/orgs/${branch.id}`)).json.dissolvedOn).toBeNull();
  });

  it('dissolves an empty org, keeps it for history, and allows nothing new under it', async () => {
    const branch = await newBranch();
    const res = await clients.jiguan.request('POST', `/api/v1/orgs/${branch.id}/dissolve`, {
      dissolvedOn: ctx.clock.today(),
      reason: '机构改革',
    });
    expect(res.json).toMatchObject({ dissolvedOn: ctx.clock.today(), dissolveReason: '机构改革' });
    const live = ids((await clients.jiguan.request('GET', `/api/v1/orgs?parentId=${facts.unitIds[0]}`)).json);
    expect(live).not.toContain(branch.id);
    const all = ids(
      (await clients.jiguan.request('GET', `/api/v1/orgs?parentId=${facts.unitIds[0]}&includeDissolved=true`))
        .json,
    );
    expect(all).toContain(branch.id);
    const child = await clients.jiguan.request('POST', '/api/v1/orgs', {
      parentId: branch.id,
      type: '党小组',
      name: '第一党小组',
    });
    expect(child).toMatchObject({ status: 400, json: { message: '上级组织已撤销，不能在其下新建组织' } });
    const again = await clients.jiguan.request('POST', `/api/v1/orgs/${branch.id}/dissolve`, {
      dissolvedOn: ctx.clock.today(),
      reason: '重复',
    });
    expect(again.status).toBe(409);
  });
});

describe('dissolved orgs in the tree', () => {
  it('are listed only when asked for: includeDissolved=false means false', async () => {
    const branch = await newBranch();
    const group = await clients.jiguan.request('POST', '/api/v1/orgs', {
      parentId: branch.id,
      type: '党小组',
      name: '已撤销党小组',
    });
    await clients.jiguan.request('POST', `/api/v1/orgs/${group.json.id}/dissolve`, {
      dissolvedOn: ctx.clock.today(),
      reason: '合并',
    });
    const children = async (parentId: number, query: string) =>
      (await clients.jiguan.request('GET', `/api/v1/orgs?parentId=${parentId}${query}`)).json as Node[];
    expect(ids(await children(branch.id, ''))).toEqual([]);
    expect(ids(await children(branch.id, '&includeDissolved=false'))).toEqual([]);
    expect(await children(branch.id, '&includeDissolved=true')).toEqual([
      expect.objectContaining({ id: group.json.id, dissolvedOn: ctx.clock.today(), dissolveReason: '合并' }),
    ]);
    // A branch whose only child is dissolved is a leaf in the live tree and expandable in the full one.
    const node = async (query: string) =>
      (await children(facts.unitIds[0]!, query)).find((n) => n.id === branch.id)!;
    expect((await node('&includeDissolved=false')).childCount).toBe(0);
    expect((await node('&includeDissolved=true')).childCount).toBe(1);
  });

  it('refuses a dissolution dated before the org was established', async () => {
    const branch = await newBranch({ establishedOn: '2024-05-01' });
    const res = await clients.jiguan.request('POST', `/api/v1/orgs/${branch.id}/dissolve`, {
      dissolvedOn: '2024-04-30',
      reason: '误录',
    });
    expect(res).toMatchObject({ status: 400, json: { message: '撤销日期不能早于成立日期 2024-05-01' } });
    expect((await clients.jiguan.request('GET', `/api/v1/orgs/${branch.id}`)).json.dissolvedOn).toBeNull();
  });

  it('refuses an includeDissolved that is neither true nor false', async () => {
    const res = await clients.jiguan.request(
      'GET',
      `/api/v1/orgs?parentId=${facts.unitIds[0]}&includeDissolved=yes`,
    );
    expect(res).toMatchObject({ status: 400, json: { code: 'VALIDATION' } });
    expect(res.json.message).toContain('includeDissolved应为 true 或 false');
  });
});

describe('committee posts', () => {
  it('appoints a member of the branch and counts them in the committee', async () => {
    const before = (await clients.shuji.request('GET', `/api/v1/orgs/${facts.branchId}`)).json.committeeSize;
    const res = await clients.shuji.request('POST', `/api/v1/orgs/${facts.branchId}/posts`, {
      post: '青年委员',
      memberId: facts.members.dangyuan,
      startDate: '2026-11-01',
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ post: '青年委员', memberId: facts.members.dangyuan, endDate: null });
    const after = (await clients.shuji.request('GET', `/api/v1/orgs/${facts.branchId}`)).json;
    expect(after.committeeSize).toBe(before + 1);
    expect(after.posts).toContainEqual(expect.objectContaining({ id: res.json.id, post: '青年委员' }));

    const ended = await clients.shuji.request('POST', `/api/v1/org-posts/${res.json.id}/end`, {
      endDate: '2026-11-20',
    });
    expect(ended.json.endDate).toBe('2026-11-20');
    expect((await clients.shuji.request('GET', `/api/v1/orgs/${facts.branchId}`)).json.committeeSize).toBe(
      before,
    );
    const twice = await clients.shuji.request('POST', `/api/v1/org-posts/${res.json.id}/end`, {
      endDate: '2026-11-20',
    });
    expect(twice).toMatchObject({ status: 409, json: { message: '该任职已结束' } });
  });

  it('refuses a holder from another branch, an end before the start, and posts outside scope', async () => {
    const foreign = await clients.shuji.request('POST', `/api/v1/orgs/${facts.branchId}/posts`, {
      post: '委员',
      memberId: facts.members.shuji2,
      startDate: '2026-11-01',
    });
    expect(foreign).toMatchObject({ status: 400, json: { message: '任职人员须为本组织的党员' } });
    const post = await clients.shuji.request('POST', `/api/v1/orgs/${facts.branchId}/posts`, {
      post: '委员',
      memberId: facts.members.dangyuan,
      startDate: '2026-11-10',
    });
    const early = await clients.shuji.request('POST', `/api/v1/org-posts/${post.json.id}/end`, {
      endDate: '2026-11-09',
    });
    expect(early.json.message).toBe('离任日期不能早于任职日期');
    const outside = await clients.shuji2.request('POST', `/api/v1/org-posts/${post.json.id}/end`, {
      endDate: '2026-11-20',
    });
    expect(outside.status).toBe(404);
    const bad = await clients.shuji.request('POST', `/api/v1/orgs/${facts.branchId}/posts`, {
      post: '总书记',
      memberId: facts.members.dangyuan,
      startDate: '2026-11-10',
    });
    expect(bad.json.message).toContain('职务无效');
  });
});
