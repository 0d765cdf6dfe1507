import { z } from 'zod';
import { type Api, actorOf, ZIdParam, ZOk } from '../../http/api';
import { SESSION_COOKIE } from '../../http/auth-hook';
import {
  ZAccountListQuery,
  ZAccountRow,
  ZChangePassword,
  ZEnableLogin,
  ZGrantCreate,
  ZInitialPassword,
  ZLogin,
  ZMe,
  ZSessionInfo,
  ZSetDisabled,
} from './auth.schema';
import type { AuthService } from './auth.service';

export function authRoutes(
  api: Api,
  auth: AuthService,
  opts: { cookieSecure: boolean; absoluteHours: number; loginsPerMinute: number },
) {
  const cookie = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: opts.cookieSecure };

  api.post(
    '/api/v1/auth/login',
    {
      schema: { tags: ['auth'], summary: '登录', body: ZLogin, response: { 200: ZSessionInfo } },
      config: { public: true, rateLimit: { max: opts.loginsPerMinute, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const result = await auth.login(request.body.loginName, request.body.password, request.ip);
      reply.setCookie(SESSION_COOKIE, result.token, { ...cookie, maxAge: opts.absoluteHours * 3600 });
      return { csrfToken: result.csrfToken, mustChangePassword: result.mustChangePassword };
    },
  );

  api.post(
    '/api/v1/auth/logout',
    {
      schema: { tags: ['auth'], summary: '退出登录', response: { 200: ZOk } },
      config: { allowInitialPassword: true },
    },
    async (request, reply) => {
      await auth.logout(actorOf(request), request.auth!.sessionId);
      reply.clearCookie(SESSION_COOKIE, cookie);
      return { ok: true as const };
    },
  );

  api.get(
    '/api/v1/auth/me',
    {
      schema: { tags: ['auth'], summary: '当前用户', response: { 200: ZMe } },
      config: { allowInitialPassword: true },
    },
    async (request) => ({
      ...(await auth.me(actorOf(request), request.auth!.account)),
      csrfToken: request.auth!.csrfToken,
    }),
  );

  api.post(
    '/api/v1/auth/password',
    {
      schema: { tags: ['auth'], summary: '修改密码', body: ZChangePassword, response: { 200: ZOk } },
      config: { allowInitialPassword: true },
    },
    async (request) => {
      await auth.changePassword(
        actorOf(request),
        request.auth!.sessionId,
        request.body.oldPassword,
        request.body.newPassword,
      );
      return { ok: true as const };
    },
  );

  api.get(
    '/api/v1/accounts',
    {
      schema: {
        tags: ['accounts'],
        summary: '账号列表（权限范围内）',
        querystring: ZAccountListQuery,
        response: { 200: z.object({ rows: z.array(ZAccountRow), total: z.number().int() }) },
      },
    },
    async (request) =>
      auth.listAccounts(actorOf(request), request.query.q, request.query.page, request.query.pageSize),
  );

  api.post(
    '/api/v1/accounts',
    {
      schema: {
        tags: ['accounts'],
        summary: '为党员开通账号',
        body: ZEnableLogin,
        response: { 200: ZInitialPassword },
      },
    },
    async (request) => auth.enableLogin(actorOf(request), request.body.memberId, request.body.loginName),
  );

  api.post(
    '/api/v1/accounts/:id/reset-password',
    {
      schema: {
        tags: ['accounts'],
        summary: '重置密码',
        params: ZIdParam,
        response: { 200: ZInitialPassword },
      },
    },
    async (request) => auth.resetPassword(actorOf(request), request.params.id),
  );

  api.post(
    '/api/v1/accounts/:id/disabled',
    {
      schema: {
        tags: ['accounts'],
        summary: '停用或启用账号',
        params: ZIdParam,
        body: ZSetDisabled,
        response: { 200: ZOk },
      },
    },
    async (request) => {
      await auth.setDisabled(actorOf(request), request.params.id, request.body.disabled);
      return { ok: true as const };
    },
  );

  api.post(
    '/api/v1/accounts/:id/grants',
    {
      schema: {
        tags: ['accounts'],
        summary: '授予角色',
        params: ZIdParam,
        body: ZGrantCreate,
        response: { 200: z.object({ id: z.number().int() }) },
      },
    },
    async (request) => {
      const grant = await auth.grantRole(actorOf(request), request.params.id, request.body);
      return { id: grant.id };
    },
  );

  api.post(
    '/api/v1/grants/:id/end',
    {
      schema: {
        tags: ['accounts'],
        summary: '撤销角色（今日起失效）',
        params: ZIdParam,
        response: { 200: ZOk },
      },
    },
    async (request) => {
      await auth.endGrant(actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );
}
