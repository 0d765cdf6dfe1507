import { z } from 'zod';
import { type Api, actorOf, ZIdParam } from '../../http/api';
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
  const tags = ['members'];
  api.get(
    '/api/v1/members',
    {
      schema: {
        tags,
        summary: '花名册：按组织子树、状态、类别筛选，按姓名/手机号/身份证号后四位搜索，服务端分页排序',
        querystring: ZMemberListQuery,
        response: { 200: ZMemberPage },
      },
    },
    async (request) => members.list(actorOf(request), request.query),
  );

  api.get(
    '/api/v1/members/:id',
    {
      schema: {
        tags,
        summary: '党员档案（含状态变动历史）',
        params: ZIdParam,
        response: { 200: ZMemberDetail },
      },
    },
    async (request) => members.detail(actorOf(request), request.params.id),
  );

  api.post(
    '/api/v1/members',
    { schema: { tags, summary: '新增党员', body: ZMemberCreate, response: { 200: ZMemberDetail } } },
    async (request) => members.create(actorOf(request), request.body),
  );

  api.patch(
    '/api/v1/members/:id',
    {
      schema: {
        tags,
        summary: '修改党员档案',
        params: ZIdParam,
        body: ZMemberUpdate,
        response: { 200: ZMemberDetail },
      },
    },
    async (request) => members.update(actorOf(request), request.params.id, request.body),
  );

  api.post(
    '/api/v1/members/:id/events',
    {
      schema: {
        tags,
        summary: '登记状态变动（转正、调动、转出、停止党籍等），按生效日期记入历史',
        params: ZIdParam,
        body: ZMemberEventCreate,
        response: { 200: ZMemberDetail },
      },
    },
    async (request) => members.addEvent(actorOf(request), request.params.id, request.body),
  );

  api.post(
    '/api/v1/members/:id/id-card',
    {
      schema: {
        tags,
        summary: '查看完整身份证号（记入审计日志）',
        params: ZIdParam,
        response: { 200: z.object({ idCard: z.string() }) },
      },
    },
    async (request) => ({ idCard: await members.revealIdCard(actorOf(request), request.params.id) }),
  );
}
