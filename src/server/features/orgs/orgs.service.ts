import type { z } from 'zod';
import type { Actor } from '../../../domain/access';
import {
  ALLOWED_CHILDREN,
  isBranch,
  type OrgType,
  pathIds,
  sizeWarnings,
  termEnd,
  termWarnings,
} from '../../../domain/org-rules';
import type { OrgChanges } from '../../db/org-paths';
import type { AppDeps } from '../../deps';
import { conflict, invalid, notFound } from '../../http/errors';
import { authorize, Scope } from '../../scope';
import { recordChange } from '../audit';
import { findMember } from '../members';
import { type Org, orgsRepository } from './orgs.repository';
import type { ZOrgCreate, ZOrgDissolve, ZOrgMove, ZOrgUpdate, ZPostCreate, ZPostEnd } from './orgs.schema';

export function presentOrg(org: Org) {
  return {
    id: org.id,
    parentId: org.parentId,
    path: org.path,
    depth: org.depth,
    name: org.name,
    shortName: org.shortName,
    type: org.type as OrgType,
    unitName: org.unitName,
    establishedOn: org.establishedOn,
    dissolvedOn: org.dissolvedOn,
    dissolveReason: org.dissolveReason,
    termStart: org.termStart,
    termExtensionMonths: org.termExtensionMonths,
    termEnd: termEnd({
      type: org.type as OrgType,
      termStart: org.termStart,
      termExtensionMonths: org.termExtensionMonths,
    }),
    sortOrder: org.sortOrder,
  };
}

export class OrgsService {
  constructor(
    private readonly deps: AppDeps,
    private readonly orgChanges: OrgChanges,
  ) {}

  private async load(scope: Scope, id: number): Promise<Org> {
    const org = await orgsRepository.findById(this.deps.db, id);
    if (!org) throw notFound('组织');
    scope.assertCovers(org.path, '组织');
    return org;
  }

  /** The top of what the actor may see: one node per grant (their own branch for a secretary). */
  async roots(actor: Actor) {
    const scope = Scope.of(actor, 'org.read');
    const ids = scope.roots.flatMap((p) => (p === '/' ? [] : [pathIds(p).at(-1)!]));
    let list: Org[];
    if (scope.roots.includes('/')) list = await orgsRepository.rootsOfInstallation(this.deps.db);
    else list = await orgsRepository.findByIds(this.deps.db, ids);
    if (list.length === 0 && actor.memberOrgPath) {
      list = await orgsRepository.findByIds(this.deps.db, [pathIds(actor.memberOrgPath).at(-1)!]);
    }
    return this.withCounts(list);
  }

  async children(actor: Actor, parentId: number, includeDissolved: boolean) {
    const scope = authorize(actor, 'org.read');
    const parent = await this.load(scope, parentId);
    return this.withCounts(
      await orgsRepository.children(this.deps.db, parent.id, includeDissolved),
      includeDissolved,
    );
  }

  async search(actor: Actor, q: string) {
    const scope = authorize(actor, 'org.read');
    return (await orgsRepository.search(this.deps.db, scope, q, 30)).map(presentOrg);
  }

  /** childCount counts what the tree will list under the node, so dissolved ones only when they are shown. */
  private async withCounts(list: Org[], includeDissolved = false) {
    const ids = list.map((o) => o.id);
    const [children, direct] = await Promise.all([
      orgsRepository.childCounts(this.deps.db, ids, includeDissolved),
      orgsRepository.directMemberCounts(this.deps.db, ids),
    ]);
    return list.map((o) => ({
      ...presentOrg(o),
      childCount: children.get(o.id) ?? 0,
      directMembers: direct.get(o.id) ?? 0,
    }));
  }

  async detail(actor: Actor, id: number) {
    const readScope = Scope.of(actor, 'org.read');
    const org = await orgsRepository.findById(this.deps.db, id);
    // A member may see their own org and the branch it belongs to (the orgs above it by name only, through
    // ancestors).
    const ownOrg =
      actor.memberOrgPath !== null &&
      org !== undefined &&
      (actor.memberOrgPath === org.path ||
        (actor.memberOrgPath.startsWith(org.path) && isBranch(org.type as OrgType)));
    if (!org || (!readScope.covers(org.path) && !ownOrg)) throw notFound('组织');
    const today = this.deps.clock.today();
    const [ancestors, counts, committeeSize, posts] = await Promise.all([
      orgsRepository.findByIds(this.deps.db, pathIds(org.path).slice(0, -1)),
      orgsRepository.subtreeCounts(this.deps.db, org.path),
      orgsRepository.openCommitteeSize(this.deps.db, org.id, today),
      orgsRepository.posts(this.deps.db, org.id),
    ]);
    const type = org.type as OrgType;
    const warnings = org.dissolvedOn
      ? []
      : [
          ...sizeWarnings({ type, ...counts, committeeSize }),
          ...termWarnings(
            { type, termStart: org.termStart, termExtensionMonths: org.termExtensionMonths },
            today,
          ),
        ];
    const editScope = Scope.of(actor, 'org.edit');
    const structureScope = Scope.of(actor, 'org.structure');
    return {
      ...presentOrg(org),
      ancestors: ancestors
        .sort((a, b) => a.depth - b.depth)
        .map((a) => ({ id: a.id, name: a.name, type: a.type as OrgType })),
      ...counts,
      committeeSize,
      posts: posts.map((p) => ({
        id: p.id,
        orgId: p.orgId,
        post: p.post,
        memberId: p.memberId,
        holderName: p.holderName,
        startDate: p.startDate,
        endDate: p.endDate,
      })),
      warnings,
      canEdit: editScope.covers(org.path),
      canRestructure:
        structureScope.covers(org.path) &&
        structureScope.roots.some((r) => r !== org.path && org.path.startsWith(r)),
    };
  }

  async create(actor: Actor, input: z.infer<typeof ZOrgCreate>) {
    const scope = authorize(actor, 'org.structure');
    return this.deps.db.transaction(async (tx) => {
      const parent = await orgsRepository.findById(tx, input.parentId);
      if (!parent) throw notFound('上级组织');
      scope.assertCovers(parent.path, '上级组织');
      if (parent.dissolvedOn) throw invalid('上级组织已撤销，不能在其下新建组织');
      assertChildAllowed(parent.type as OrgType, input.type);
      const created = await orgsRepository.insert(tx, {
        tenantId: parent.tenantId,
        parentId: parent.id,
        parentPath: parent.path,
        name: input.name,
        shortName: input.shortName ?? null,
        type: input.type,
        unitName: input.unitName ?? null,
        establishedOn: input.establishedOn ?? this.deps.clock.today(),
        termStart: input.termStart ?? null,
        termExtensionMonths: input.termExtensionMonths ?? 0,
        sortOrder: input.sortOrder ?? 0,
      });
      await this.orgChanges.orgFactsChanged(tx, created.tenantId, [created.id, parent.id]);
      await recordChange(tx, actor, {
        action: 'create',
        entity: 'org',
        entityId: created.id,
        summary: `新建组织“${created.name}”（${created.type}），上级：${parent.name}`,
        tenantId: created.tenantId,
        orgPath: created.path,
        after: presentOrg(created),
      });
      return presentOrg(created);
    });
  }

  async update(actor: Actor, id: number, patch: z.infer<typeof ZOrgUpdate>) {
    const scope = authorize(actor, 'org.edit');
    return this.deps.db.transaction(async (tx) => {
      const before = await orgsRepository.findById(tx, id);
      if (!before) throw notFound('组织');
      scope.assertCovers(before.path, '组织');
      if (before.dissolvedOn) throw invalid('组织已撤销，不能修改');
      const after = await orgsRepository.update(tx, id, patch);
      await this.orgChanges.orgFactsChanged(tx, after.tenantId, [id]);
      await recordChange(tx, actor, {
        action: 'update',
        entity: 'org',
        entityId: id,
        summary: `修改组织“${after.name}”`,
        tenantId: after.tenantId,
        orgPath: after.path,
        before: presentOrg(before),
        after: presentOrg(after),
      });
      return presentOrg(after);
    });
  }

  /** Re-parenting rewrites every stored path below the org in one transaction. */
  async move(actor: Actor, id: number, input: z.infer<typeof ZOrgMove>) {
    const scope = authorize(actor, 'org.structure');
    return this.deps.db.transaction(async (tx) => {
      const org = await orgsRepository.findById(tx, id);
      if (!org) throw notFound('组织');
      scope.assertCovers(org.path, '组织');
      scope.assertCoversStrictly(org.path, '不能调整您所管理的最上级组织本身的隶属关系');
      const parent = await orgsRepository.findById(tx, input.newParentId);
      if (!parent) throw notFound('新的上级组织');
      scope.assertCovers(parent.path, '新的上级组织');
      if (parent.path.startsWith(org.path)) throw invalid('不能将组织移动到它自己或它的下级组织之下');
      if (parent.dissolvedOn) throw invalid('新的上级组织已撤销');
      if (parent.id === org.parentId) throw invalid('新的上级组织与当前相同');
      assertChildAllowed(parent.type as OrgType, org.type as OrgType);
      if (parent.tenantId !== org.tenantId) throw invalid('不能跨越不同的组织树移动');
      const newPath = `${parent.path}${org.id}/`;
      await this.orgChanges.rewriteOrgPaths(tx, org.path, newPath);
      await orgsRepository.update(tx, org.id, { parentId: parent.id });
      await orgsRepository.setDepthsUnder(tx, newPath);
      const moved = (await orgsRepository.findById(tx, org.id))!;
      // The old and the new parent may gain or lose a 党小组 below them.
      await this.orgChanges.orgFactsChanged(
        tx,
        org.tenantId,
        [org.parentId, parent.id].filter((p): p is number => p !== null),
      );
      await recordChange(tx, actor, {
        action: 'update',
        entity: 'org',
        entityId: org.id,
        summary: `调整组织“${org.name}”的隶属关系，新上级：${parent.name}`,
        tenantId: org.tenantId,
        orgPath: newPath,
        before: { parentId: org.parentId, path: org.path },
        after: { parentId: parent.id, path: newPath },
      });
      return presentOrg(moved);
    });
  }

  /** Dissolving keeps the org (and its history) and marks it; only an empty org can be dissolved. */
  async dissolve(actor: Actor, id: number, input: z.infer<typeof ZOrgDissolve>) {
    const scope = authorize(actor, 'org.structure');
    return this.deps.db.transaction(async (tx) => {
      const org = await orgsRepository.findById(tx, id);
      if (!org) throw notFound('组织');
      scope.assertCovers(org.path, '组织');
      scope.assertCoversStrictly(org.path, '不能撤销您所管理的最上级组织本身');
      if (org.dissolvedOn) throw conflict('组织已撤销');
      if (await orgsRepository.hasLiveChildren(tx, id)) throw invalid('请先撤销或移走下级组织');
      const counts = await orgsRepository.subtreeCounts(tx, org.path);
      if (counts.allMembers > 0)
        throw invalid(`该组织还有 ${counts.allMembers} 名党员，请先办理组织关系转接`);
      if (input.dissolvedOn > this.deps.clock.today()) throw invalid('撤销日期不能晚于今天');
      if (org.establishedOn && input.dissolvedOn < org.establishedOn)
        throw invalid(`撤销日期不能早于成立日期 ${org.establishedOn}`);
      const after = await orgsRepository.update(tx, id, {
        dissolvedOn: input.dissolvedOn,
        dissolveReason: input.reason,
      });
      await this.orgChanges.orgFactsChanged(
        tx,
        org.tenantId,
        [id, org.parentId].filter((p): p is number => p !== null),
      );
      await recordChange(tx, actor, {
        action: 'update',
        entity: 'org',
        entityId: id,
        summary: `撤销组织“${org.name}”：${input.reason}`,
        tenantId: org.tenantId,
        orgPath: org.path,
        before: presentOrg(org),
        after: presentOrg(after),
      });
      return presentOrg(after);
    });
  }

  async addPost(actor: Actor, orgId: number, input: z.infer<typeof ZPostCreate>) {
    const scope = authorize(actor, 'org.edit');
    return this.deps.db.transaction(async (tx) => {
      const org = await orgsRepository.findById(tx, orgId);
      if (!org) throw notFound('组织');
      scope.assertCovers(org.path, '组织');
      const member = await findMember(tx, input.memberId);
      if (!member?.orgPath.startsWith(org.path)) throw invalid('任职人员须为本组织的党员');
      const post = await orgsRepository.insertPost(tx, {
        tenantId: org.tenantId,
        orgId: org.id,
        orgPath: org.path,
        post: input.post,
        memberId: member.id,
        holderName: member.name,
        startDate: input.startDate,
      });
      await this.orgChanges.orgFactsChanged(tx, org.tenantId, [org.id]);
      await recordChange(tx, actor, {
        action: 'create',
        entity: 'org_post',
        entityId: post.id,
        summary: `${org.name}：${member.name} 任${input.post}（${input.startDate} 起）`,
        tenantId: org.tenantId,
        orgPath: org.path,
        after: post,
      });
      return post;
    });
  }

  async endPost(actor: Actor, postId: number, input: z.infer<typeof ZPostEnd>) {
    const scope = authorize(actor, 'org.edit');
    return this.deps.db.transaction(async (tx) => {
      const post = await orgsRepository.findPost(tx, postId);
      if (!post) throw notFound('任职记录');
      scope.assertCovers(post.orgPath, '任职记录');
      if (post.endDate) throw conflict('该任职已结束');
      if (input.endDate < post.startDate) throw invalid('离任日期不能早于任职日期');
      const after = await orgsRepository.endPost(tx, postId, input.endDate);
      await this.orgChanges.orgFactsChanged(tx, post.tenantId, [post.orgId]);
      await recordChange(tx, actor, {
        action: 'update',
        entity: 'org_post',
        entityId: postId,
        summary: `${post.holderName} 不再担任${post.post}（${input.endDate}）`,
        tenantId: post.tenantId,
        orgPath: post.orgPath,
        before: post,
        after,
      });
      return after;
    });
  }
}

function assertChildAllowed(parentType: OrgType, childType: OrgType): void {
  if (!ALLOWED_CHILDREN[parentType].includes(childType)) throw invalid(`${parentType}下不能设立${childType}`);
}
