import { z } from 'zod';
import { type Api, actorOf, ZIdParam, ZOk } from '../../http/api';
import { SESSION_COOKIE } from '../../http/auth-hook';
import { done, signedInRoutes } from '../../http/routes';
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
  const accounts = signedInRoutes(api, ['accounts']);
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

  accounts.get(
    '/api/v1/accounts',
    {
      summary: '账号列表（权限范围内）',
      querystring: ZAccountListQuery,
      response: z.object({ rows: z.array(ZAccountRow), total: z.number().int() }),
    },
    (actor, { query }) => auth.listAccounts(actor, query.q, query.page, query.pageSize),
  );

  accounts.post(
    '/api/v1/accounts',
    { summary: '为党员开通账号', body: ZEnableLogin, response: ZInitialPassword },
    (actor, { body }) => auth.enableLogin(actor, body.memberId, body.loginName),
  );

  accounts.post(
    '/api/v1/accounts/:id/reset-password',
    { summary: '重置密码', params: ZIdParam, response: ZInitialPassword },
    (actor, { params }) => auth.resetPassword(actor, params.id),
  );

  accounts.post(
    '/api/v1/accounts/:id/disabled',
    { summary: '停用或启用账号', params: ZIdParam, body: ZSetDisabled, response: ZOk },
    (actor, { params, body }) => done(auth.setDisabled(actor, params.id, body.disabled)),
  );

  accounts.post(
    '/api/v1/accounts/:id/grants',
    {
      summary: '授予角色',
      params: ZIdParam,
      body: ZGrantCreate,
      response: z.object({ id: z.number().int() }),
    },
    async (actor, { params, body }) => {
      const grant = await auth.grantRole(actor, params.id, body);
      return { id: grant.id };
    },
  );

  accounts.post(
    '/api/v1/grants/:id/end',
    { summary: '撤销角色（今日起失效）', params: ZIdParam, response: ZOk },
    (actor, { params }) => done(auth.endGrant(actor, params.id)),
  );
}
