import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type DemoFacts, demoFacts } from './factories';
import { createTestApi, createTestContext, TEST_TODAY, type TestClient, type TestContext } from './harness';
import { smallTree } from './trees';

/*
 * A test file's setup, registered as vitest hooks. The objects returned are empty until the hooks fill them in
 * (and, for a tree, fill them anew before each test), so a file destructures them at the top and reads them
 * inside its tests and helpers.
 */

export type TestApi = Awaited<ReturnType<typeof createTestApi>>;
export type SmallTree = Awaited<ReturnType<typeof smallTree>>;

/**
 * The demo installation over HTTP, once for the file: its context, the app, the demo's facts and a client
 * signed in for each login, in order.
 */
export function demoApi<Login extends string>(logins: readonly Login[]) {
  const ctx = {} as TestContext;
  const api = {} as TestApi;
  const facts = {} as DemoFacts;
  const clients = {} as Record<Login, TestClient>;
  beforeAll(async () => {
    Object.assign(ctx, await createTestContext({ demo: true }));
    Object.assign(api, await createTestApi(ctx));
    Object.assign(facts, await demoFacts(ctx.deps.db));
    for (const login of logins) clients[login] = await api.login(login);
  });
  afterAll(async () => {
    await api.app.close();
    await ctx.close();
  });
  return { ctx, api, facts, clients };
}

/**
 * One database for the file and, before each test, today back at TEST_TODAY (10:00 in Shanghai) and a new
 * `smallTree` (a tenant of its own), so the tests share the database but not their data.
 */
export function smallTreeEach() {
  const ctx = {} as TestContext;
  const t = {} as SmallTree;
  beforeAll(async () => {
    Object.assign(ctx, await createTestContext());
  });
  afterAll(() => ctx.close());
  beforeEach(async () => {
    ctx.clock.set(TEST_TODAY);
    Object.assign(t, await smallTree(ctx));
  });
  return { ctx, t };
}
