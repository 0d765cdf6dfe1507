import type { Actor } from '../../src/domain/access';
import { buildApp } from '../../src/server/app';
import { systemClock } from '../../src/server/clock';
import type { Database } from '../../src/server/db/database';
import type { AppDeps } from '../../src/server/deps';
import { accountsRepository } from '../../src/server/features/auth/auth.repository';
import { SESSION_COOKIE } from '../../src/server/http/auth-hook';
import { ACCOUNTS, type AccountKey, BENCH_PASSWORD } from './load';

/** The real app, in this process, over the bench database: what `app.inject` measures. */
export async function inProcessApp(database: Database, secretKey: Buffer) {
  const deps: AppDeps = {
    db: database.db,
    dbKind: database.kind,
    clock: systemClock(),
    config: {
      secretKey,
      sessionIdleMinutes: 30,
      sessionAbsoluteHours: 12,
      cookieSecure: false,
      webDir: '/nonexistent',
    },
  };
  const built = await buildApp(deps);
  await built.app.ready();
  return { ...built, deps };
}

export type BenchApp = Awaited<ReturnType<typeof inProcessApp>>;

/** Logs in through the API and returns the session cookie's value (valid for any process on the same DB). */
export async function login(app: BenchApp['app'], key: AccountKey): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { loginName: ACCOUNTS[key].loginName, password: BENCH_PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`login ${ACCOUNTS[key].loginName} failed: ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error('login returned no session cookie');
  return cookie.value;
}

/** GET through app.inject as a logged-in account; throws unless 200, returns the parsed body. */
export async function getJson<T = unknown>(app: BenchApp['app'], session: string, url: string): Promise<T> {
  const res = await app.inject({ method: 'GET', url, cookies: { [SESSION_COOKIE]: session } });
  if (res.statusCode !== 200) throw new Error(`GET ${url} → ${res.statusCode}: ${res.body.slice(0, 300)}`);
  return res.json() as T;
}

export async function actorOf(bench: BenchApp, key: AccountKey): Promise<Actor> {
  const account = await accountsRepository.findByLogin(bench.deps.db, ACCOUNTS[key].loginName);
  if (!account) throw new Error(`no account ${ACCOUNTS[key].loginName}`);
  return bench.services.auth.actorFor(account, '127.0.0.1');
}
