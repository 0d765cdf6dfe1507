import { PGlite } from '@electric-sql/pglite';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import type { Actor } from '../../domain/access';
import { buildApp, buildServices, type Services } from '../app';
import type { TrustProxy } from '../config';
import { type Database, migrate, openPostgres, wrapPglite } from '../db/database';
import type { AppDeps, Clock } from '../deps';
import { DictionariesService } from '../features/dictionaries/dictionaries.service';
import { IdCardCipher } from '../features/members/id-card.crypto';
import { seedDemo } from '../seed/demo';
import { withDatabase } from './global-setup';
import { testConfig } from './test-config';

export const TEST_KEY = Buffer.alloc(32, 7);
export const TEST_TODAY = '2026-11-20';

/** A clock tests can move. */
export function testClock(
  today = TEST_TODAY,
): Clock & { set(date: string): void; advance(ms: number): void } {
  let date = today;
  let offset = 0;
  return {
    now: () => new Date(new Date(`${date}T10:00:00+08:00`).getTime() + offset),
    today: () => date,
    set(d: string) {
      date = d;
      offset = 0;
    },
    advance(ms: number) {
      offset += ms;
    },
  };
}

let pgliteTemplate: Promise<PGlite> | null = null;
let fileCounter = 0;

/**
 * A fresh, migrated database for one test file: a clone of a per-worker PGlite template (fast), or, when
 * TEST_DATABASE_URL is set, a copy of the run's PostgreSQL template database.
 */
export async function freshDatabase(): Promise<Database> {
  const template = testConfig.databaseUrl ? inject('pgTemplate') : undefined;
  if (template) {
    const base = testConfig.databaseUrl!;
    const name = `${template}_f${process.pid}_${++fileCounter}_${Date.now() % 100000}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name} template ${template}`);
    await admin.end();
    const database = await openPostgres(withDatabase(base, name), 4);
    return {
      ...database,
      async close() {
        await database.close();
        const cleanup = new pg.Client({ connectionString: base });
        await cleanup.connect();
        await cleanup.query(`drop database if exists ${name} with (force)`);
        await cleanup.end();
      },
    };
  }
  pgliteTemplate ??= (async () => {
    const client = await PGlite.create();
    await migrate(wrapPglite(client));
    return client;
  })();
  const clone = (await (await pgliteTemplate).clone()) as PGlite;
  return wrapPglite(clone);
}

export interface TestContext {
  database: Database;
  deps: AppDeps;
  clock: ReturnType<typeof testClock>;
  services: Services;
  close(): Promise<void>;
}

/** Services over a fresh database with dictionaries loaded; `demo` adds the demo tree and accounts. */
export async function createTestContext(
  options: { demo?: boolean; today?: string } = {},
): Promise<TestContext> {
  const database = await freshDatabase();
  const clock = testClock(options.today);
  const deps: AppDeps = {
    db: database.db,
    dbKind: database.kind,
    clock,
    config: {
      secretKey: TEST_KEY,
      sessionIdleMinutes: 30,
      sessionAbsoluteHours: 12,
      cookieSecure: false,
      webDir: '/nonexistent',
    },
  };
  await DictionariesService.ensureDefaults(database.db);
  if (options.demo)
    await database.db.transaction((tx) => seedDemo(tx, new IdCardCipher(TEST_KEY), clock.today()));
  return { database, deps, clock, services: buildServices(deps), close: () => database.close() };
}

/** An actor as the server would resolve it for a login name (after the demo seed). */
export async function actorFor(ctx: TestContext, loginName: string): Promise<Actor> {
  const { accountsRepository } = await import('../features/auth/auth.repository');
  const account = await accountsRepository.findByLogin(ctx.deps.db, loginName);
  if (!account) throw new Error(`no account ${loginName}`);
  return ctx.services.auth.actorFor(account, '127.0.0.1');
}

// biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field in tests
type Json = any;

export interface TestClient {
  request(
    method: string,
    url: string,
    body?: unknown,
  ): Promise<{ status: number; json: Json; headers: Record<string, unknown> }>;
  csrfToken: string;
  /**
   * A raw request with the session cookie (files, multipart, missing or wrong CSRF headers). `csrf`: the
   * header to send on a mutating request — the session's token by default, null for none.
   */
  inject(options: InjectOptions & { csrf?: string | null }): Promise<LightMyRequestResponse>;
}

let addressCounter = 0;
/** A distinct client address, given to app.inject as the socket's remote address. */
export function nextTestAddress(): string {
  addressCounter++;
  return `10.${(addressCounter >> 16) & 255}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
}

/** The HTTP app over a test context, with a helper that logs in and carries cookie and CSRF token. */
export async function createTestApi(ctx: TestContext, options: { trustProxy?: TrustProxy } = {}) {
  const { app } = await buildApp(ctx.deps, options);
  await app.ready();
  async function login(loginName: string, password = 'zhibu2026'): Promise<TestClient> {
    // Each login from its own address, so a file's many logins never meet the per-address rate limit.
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { loginName, password },
      remoteAddress: nextTestAddress(),
    });
    if (res.statusCode !== 200) throw new Error(`login ${loginName} failed: ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'zhibu_session')!;
    const csrfToken = res.json().csrfToken as string;
    return {
      csrfToken,
      inject({ csrf, ...options }) {
        const method = (options.method ?? 'GET').toUpperCase();
        const token = csrf === undefined ? (method === 'GET' ? null : csrfToken) : csrf;
        return app.inject({
          ...options,
          cookies: { ...options.cookies, zhibu_session: cookie.value },
          headers: { ...options.headers, ...(token === null ? {} : { 'x-csrf-token': token }) },
        });
      },
      async request(method, url, body) {
        const r = await app.inject({
          method: method as 'GET',
          url,
          cookies: { zhibu_session: cookie.value },
          headers: method === 'GET' ? {} : { 'x-csrf-token': csrfToken },
          ...(body === undefined ? {} : { payload: body as object }),
        });
        let json: unknown = null;
        try {
          json = r.json();
        } catch {
          json = r.body;
        }
        return { status: r.statusCode, json, headers: r.headers };
      },
    };
  }
  return { app, login };
}
