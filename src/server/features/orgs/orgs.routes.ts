import { z } from 'zod';
import { type Api, ZIdParam } from '../../http/api';
import { signedInRoutes } from '../../http/routes';
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
  const route = signedInRoutes(api, ['orgs']);
  route.get(
    '/api/v1/orgs',
    {
      summary: '组织树：不带 parentId 时返回权限范围的顶层，带 parentId 时返回其下级',
      querystring: ZOrgChildrenQuery,
      response: z.array(ZOrgNode),
    },
    async (actor, { query }) => {
      const { parentId, includeDissolved } = query;
      return parentId === undefined ? orgs.roots(actor) : orgs.children(actor, parentId, includeDissolved);
    },
  );

  route.get(
    '/api/v1/orgs/search',
    { summary: '按名称查找组织', querystring: ZOrgSearchQuery, response: z.array(ZOrg) },
    (actor, { query }) => orgs.search(actor, query.q),
  );

  route.get(
    '/api/v1/orgs/:id',
    { summary: '组织详情（含班子成员、换届与规模提醒）', params: ZIdParam, response: ZOrgDetail },
    (actor, { params }) => orgs.detail(actor, params.id),
  );

  route.post('/api/v1/orgs', { summary: '新建组织', body: ZOrgCreate, response: ZOrg }, (actor, { body }) =>
    orgs.create(actor, body),
  );

  route.patch(
    '/api/v1/orgs/:id',
    { summary: '修改组织', params: ZIdParam, body: ZOrgUpdate, response: ZOrg },
    (actor, { params, body }) => orgs.update(actor, params.id, body),
  );

  route.post(
    '/api/v1/orgs/:id/move',
    { summary: '调整隶属关系', params: ZIdParam, body: ZOrgMove, response: ZOrg },
    (actor, { params, body }) => orgs.move(actor, params.id, body),
  );

  route.post(
    '/api/v1/orgs/:id/dissolve',
    { summary: '撤销组织（保留历史）', params: ZIdParam, body: ZOrgDissolve, response: ZOrg },
    (actor, { params, body }) => orgs.dissolve(actor, params.id, body),
  );

  route.post(
    '/api/v1/orgs/:id/posts',
    { summary: '任命班子成员', params: ZIdParam, body: ZPostCreate, response: ZOrgPost },
    (actor, { params, body }) => orgs.addPost(actor, params.id, body),
  );

  route.post(
    '/api/v1/org-posts/:id/end',
    { summary: '结束任职', params: ZIdParam, body: ZPostEnd, response: ZOrgPost },
    (actor, { params, body }) => orgs.endPost(actor, params.id, body),
  );
}
