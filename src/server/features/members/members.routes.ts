import { z } from 'zod';
import { type Api, ZIdParam } from '../../http/api';
import { signedInRoutes } from '../../http/routes';
import {
  ZMemberCreate,
  ZMemberDetail,
  ZMemberEventCreate,
  ZMemberListQuery,
  ZMemberPage,
  ZMemberUpdate,
} from './members.schema';
import type { MembersService } from './members.service';

export function membersRoutes(api: Api, members: MembersService) {
  const route = signedInRoutes(api, ['members']);
  route.get(
    '/api/v1/members',
    {
      summary: '花名册：按组织子树、状态、类别筛选，按姓名/手机号/身份证号后四位搜索，服务端分页排序',
      querystring: ZMemberListQuery,
      response: ZMemberPage,
    },
    (actor, { query }) => members.list(actor, query),
  );

  route.get(
    '/api/v1/members/:id',
    { summary: '党员档案（含状态变动历史）', params: ZIdParam, response: ZMemberDetail },
    (actor, { params }) => members.detail(actor, params.id),
  );

  route.post(
    '/api/v1/members',
    { summary: '新增党员', body: ZMemberCreate, response: ZMemberDetail },
    (actor, { body }) => members.create(actor, body),
  );

  route.patch(
    '/api/v1/members/:id',
    { summary: '修改党员档案', params: ZIdParam, body: ZMemberUpdate, response: ZMemberDetail },
    (actor, { params, body }) => members.update(actor, params.id, body),
  );

  route.post(
    '/api/v1/members/:id/events',
    {
      summary: '登记状态变动（转正、调动、转出、停止党籍等），按生效日期记入历史',
      params: ZIdParam,
      body: ZMemberEventCreate,
      response: ZMemberDetail,
    },
    (actor, { params, body }) => members.addEvent(actor, params.id, body),
  );

  route.post(
    '/api/v1/members/:id/id-card',
    {
      summary: '查看完整身份证号（记入审计日志）',
      params: ZIdParam,
      response: z.object({ idCard: z.string() }),
    },
    async (actor, { params }) => ({ idCard: await members.revealIdCard(actor, params.id) }),
  );
}
