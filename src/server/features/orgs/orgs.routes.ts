import { z } from 'zod';
import { type Api, actorOf, ZIdParam } from '../../http/api';
import {
  ZOrg,
  ZOrgChildrenQuery,
  ZOrgCreate,
  ZOrgDetail,
  ZOrgDissolve,
  ZOrgMove,
  ZOrgNode,
  ZOrgPost,
  ZOrgSearchQuery,
  ZOrgUpdate,
  ZPostCreate,
  ZPostEnd,
} from './orgs.schema';
import type { OrgsService } from './orgs.service';

export function orgsRoutes(api: Api, orgs: OrgsService) {
  const tags = ['orgs'];
  api.get(
    '/api/v1/orgs',
    {
      schema: {
        tags,
        summary: '组织树：不带 parentId 时返回权限范围的顶层，带 parentId 时返回其下级',
        querystring: ZOrgChildrenQuery,
        response: { 200: z.array(ZOrgNode) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { parentId, includeDissolved } = request.query;
      return parentId === undefined ? orgs.roots(actor) : orgs.children(actor, parentId, includeDissolved);
    },
  );

  api.get(
    '/api/v1/orgs/search',
    {
      schema: {
        tags,
        summary: '按名称查找组织',
        querystring: ZOrgSearchQuery,
        response: { 200: z.array(ZOrg) },
      },
    },
    async (request) => orgs.search(actorOf(request), request.query.q),
  );

  api.get(
    '/api/v1/orgs/:id',
    {
      schema: {
        tags,
        summary: '组织详情（含班子成员、换届与规模提醒）',
        params: ZIdParam,
        response: { 200: ZOrgDetail },
      },
    },
    async (request) => orgs.detail(actorOf(request), request.params.id),
  );

  api.post(
    '/api/v1/orgs',
    { schema: { tags, summary: '新建组织', body: ZOrgCreate, response: { 200: ZOrg } } },
    async (request) => orgs.create(actorOf(request), request.body),
  );

  api.patch(
    '/api/v1/orgs/:id',
    { schema: { tags, summary: '修改组织', params: ZIdParam, body: ZOrgUpdate, response: { 200: ZOrg } } },
    async (request) => orgs.update(actorOf(request), request.params.id, request.body),
  );

  api.post(
    '/api/v1/orgs/:id/move',
    { schema: { tags, summary: '调整隶属关系', params: ZIdParam, body: ZOrgMove, response: { 200: ZOrg } } },
    async (request) => orgs.move(actorOf(request), request.params.id, request.body),
  );

  api.post(
    '/api/v1/orgs/:id/dissolve',
    {
      schema: {
        tags,
        summary: '撤销组织（保留历史）',
        params: ZIdParam,
        body: ZOrgDissolve,
        response: { 200: ZOrg },
      },
    },
    async (request) => orgs.dissolve(actorOf(request), request.params.id, request.body),
  );

  api.post(
    '/api/v1/orgs/:id/posts',
    {
      schema: {
        tags,
        summary: '任命班子成员',
        params: ZIdParam,
        body: ZPostCreate,
        response: { 200: ZOrgPost },
      },
    },
    async (request) => orgs.addPost(actorOf(request), request.params.id, request.body),
  );

  api.post(
    '/api/v1/org-posts/:id/end',
    { schema: { tags, summary: '结束任职', params: ZIdParam, body: ZPostEnd, response: { 200: ZOrgPost } } },
    async (request) => orgs.endPost(actorOf(request), request.params.id, request.body),
  );
}
