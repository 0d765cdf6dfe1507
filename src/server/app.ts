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
import type { AppDeps } from './deps';
import { auditRoutes } from './features/audit/audit.routes';
import { AuditService } from './features/audit/audit.service';
import { authRoutes } from './features/auth/auth.routes';
import { AuthService } from './features/auth/auth.service';
import { dictionariesRoutes } from './features/dictionaries/dictionaries.routes';
import { DictionariesService } from './features/dictionaries/dictionaries.service';
import { DuesFiles } from './features/dues/dues.files';
import { DuesJob } from './features/dues/dues.job';
import { DuesReports } from './features/dues/dues.reports';
import { duesRoutes } from './features/dues/dues.routes';
import { DuesService } from './features/dues/dues.service';
import { inboxRoutes } from './features/inbox/inbox.routes';
import { InboxService } from './features/inbox/inbox.service';
import { membersRoutes } from './features/members/members.routes';
import { MembersService } from './features/members/members.service';
import { rosterRoutes } from './features/members/roster.routes';
import { RosterService } from './features/members/roster.service';
import { DashboardService } from './features/org-life/dashboard.service';
import { meetingsRoutes } from './features/org-life/meetings.routes';
import { MeetingsService } from './features/org-life/meetings.service';
import { OrgLifeJob } from './features/org-life/org-life.job';
import { orgLifeRoutes } from './features/org-life/org-life.routes';
import { RulebookService } from './features/org-life/rulebook.service';
import { orgsRoutes } from './features/orgs/orgs.routes';
import { OrgsService } from './features/orgs/orgs.service';
import { StudyJob } from './features/study/study.job';
import { studyRoutes } from './features/study/study.routes';
import { buildStudyServices, type StudyServices } from './features/study/study.services';
import { ZOk } from './http/api';
import { installAuthHook } from './http/auth-hook';
import { apiNotFound, installErrorHandler } from './http/error-handler';
import { DailyJobs } from './jobs/daily-jobs';

// Validation messages in Chinese for every schema, server and shared.
z.config(z.locales.zhCN());

export interface Services {
  auth: AuthService;
  orgs: OrgsService;
  members: MembersService;
  roster: RosterService;
  audit: AuditService;
  dictionaries: DictionariesService;
  meetings: MeetingsService;
  rulebook: RulebookService;
  dashboard: DashboardService;
  inbox: InboxService;
  dues: DuesService;
  duesReports: DuesReports;
  duesFiles: DuesFiles;
  study: StudyServices;
  /** Daily jobs (reminders, rollup upkeep): main.ts starts them; tests call runDue() with their clock. */
  jobs: DailyJobs;
}

export function buildServices(deps: AppDeps, log?: (message: string, error?: unknown) => void): Services {
  const members = new MembersService(deps);
  const meetings = new MeetingsService(deps);
  const dues = new DuesService(deps);
  const duesReports = new DuesReports(deps, dues);
  const study = buildStudyServices(deps);
  return {
    auth: new AuthService(deps),
    orgs: new OrgsService(deps),
    members,
    roster: new RosterService(deps, members),
    audit: new AuditService(deps),
    dictionaries: new DictionariesService(deps),
    meetings,
    rulebook: new RulebookService(deps),
    dashboard: new DashboardService(deps, meetings),
    inbox: new InboxService(deps),
    dues,
    duesReports,
    duesFiles: new DuesFiles(deps, dues, duesReports),
    study,
    jobs: new DailyJobs(deps, [new OrgLifeJob(deps), new DuesJob(deps), new StudyJob(deps, study)], log),
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
  authRoutes(app, services.auth, {
    cookieSecure: deps.config.cookieSecure,
    absoluteHours: deps.config.sessionAbsoluteHours,
  });
  orgsRoutes(app, services.orgs);
  membersRoutes(app, services.members);
  rosterRoutes(app, services.roster);
  auditRoutes(app, services.audit);
  dictionariesRoutes(app, services.dictionaries);
  meetingsRoutes(app, services.meetings);
  orgLifeRoutes(app, services.rulebook, services.dashboard);
  inboxRoutes(app, services.inbox);
  duesRoutes(app, services.dues, services.duesReports, services.duesFiles);
  studyRoutes(app, services.study);

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
