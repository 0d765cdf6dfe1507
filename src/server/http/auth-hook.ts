import type { FastifyInstance } from 'fastify';
import type { AuthService } from '../features/auth';
import { AppError } from './errors';

export const SESSION_COOKIE = 'zhibu_session';
export const CSRF_HEADER = 'x-csrf-token';
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Every /api/v1 request: resolve the session cookie to an actor; refuse anonymous calls to non-public
 * routes; on mutating requests require the session's CSRF token in a header (a cross-site form can send
 * the cookie but cannot read or set the token).
 */
export function installAuthHook(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/v1/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const resolved = await auth.resolve(token, request.ip);
      if (resolved) request.auth = { ...resolved };
    }
    const config = request.routeOptions.config ?? {};
    if (config.public) return;
    if (!request.auth) throw new AppError('UNAUTHENTICATED', '登录已过期，请重新登录');
    if (MUTATING.has(request.method) && request.headers[CSRF_HEADER] !== request.auth.csrfToken)
      throw new AppError('FORBIDDEN', '请求校验失败（CSRF），请刷新页面后重试');
    if (request.auth.account.mustChangePassword && !config.allowInitialPassword)
      throw new AppError('FORBIDDEN', '请先修改初始密码');
  });
}
