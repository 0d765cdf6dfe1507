import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TrustProxy } from './config';
import { OrgChanges } from './db/org-paths';
import type { AppDeps } from './deps';
import { ZOk } from './http/api';
import { installAuthHook } from './http/auth-hook';
import { apiNotFound, installErrorHandler } from './http/error-handler';
import { DailyJobs } from './jobs/daily-jobs';
import type { ServicesOf } from './module';
import { MODULES } from './modules';
import { workbenchRoutes } from './workbench/workbench.routes';
import { WorkbenchService } from './workbench/workbench.service';

// Validation messages in Chinese for every schema, server and shared.
z.config(z.locales.zhCN());

export type Services = ServicesOf<typeof MODULES> & {
  /** Daily jobs (reminders, rollup upkeep): main.ts starts them; tests call runDue() with their clock. */
  jobs: DailyJobs;
  /** Every module's 工作台 cards for an actor. */
  workbench: WorkbenchService;
};

/** Every module's services, built in list order, each factory getting those built before it. */
export function buildServices(deps: AppDeps, log?: (message: string, error?: unknown) => void): Services {
  const platform = { orgChanges: new OrgChanges(MODULES.modules) };
  const services: Record<string, unknown> = {};
  for (const module of MODULES.modules) Object.assign(services, module.services(deps, services, platform));
  const tasks = MODULES.modules.flatMap((module) => module.dailyTasks?.(deps, services) ?? []);
  return {
    ...(services as ServicesOf<typeof MODULES>),
    jobs: new DailyJobs(deps, tasks, log),
    workbench: new WorkbenchService(deps, MODULES.modules, services),
  };
}

/** The composition root: services from deps, HTTP around them. Tests call this with their own deps. */
export async function buildApp(
  deps: AppDeps,
  options: { logger?: FastifyServerOptions['logger']; trustProxy?: TrustProxy } = {},
) {
  const app = Fastify({
    logger: options.logger ?? false,
    // Off unless configured: a trusted X-Forwarded-For from anyone would let a client pick its own address
    // for the login rate limit and the audit log.
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 2 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Only JSON and multipart bodies: a cross-site <form> can post text/plain, and must get nothing.
  app.removeContentTypeParser('text/plain');

  const services = buildServices(deps, (message, error) => app.log.error({ err: error }, message));
  app.addHook('onClose', () => services.jobs.stop());
  installErrorHandler(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd writes its styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: {
      info: {
        title: '智慧支部 Zhibu API',
        version: '1',
        description: '所有接口均在 /api/v1 下；错误统一为 { code, message, errors? }',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  installAuthHook(app, services.auth);

  app.get(
    '/api/v1/health',
    {
      config: { public: true },
      schema: { tags: ['system'], summary: '健康检查（无需登录）', response: { 200: ZOk } },
    },
    async () => ({ ok: true as const }),
  );
  for (const module of MODULES.modules) module.routes?.(app, services, deps);
  workbenchRoutes(app, services.workbench);

  await serveWeb(app, deps.config.webDir);
  return { app, services };
}

/** The built single-page app, from the same process; unknown non-API paths fall back to index.html. */
async function serveWeb(app: FastifyInstance, webDir: string) {
  if (!existsSync(path.join(webDir, 'index.html'))) {
    app.setNotFoundHandler(apiNotFound);
    return;
  }
  await app.register(fastifyStatic, { root: webDir, wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET') return apiNotFound(request, reply);
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });
}
