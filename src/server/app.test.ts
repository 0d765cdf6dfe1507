import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, createTestContext, type TestContext } from './testing/harness';

let ctx: TestContext;
let api: Awaited<ReturnType<typeof createTestApi>>;

beforeAll(async () => {
  ctx = await createTestContext();
  api = await createTestApi(ctx);
});
afterAll(async () => {
  await api.app.close();
  await ctx.close();
});

/**
 * Every route the app has registered, as "METHOD /path", read from Fastify's own route tree
 * (printRoutes), independently of what the OpenAPI plugin saw. The tree prints each node's path segment
 * indented four columns per level; a route's path is its ancestors' segments joined.
 */
function registeredRoutes(tree: string): string[] {
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([│ ]*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    stack.push(m[2]!);
    const path = stack.join('');
    for (const method of (m[3] ?? '').split(', '))
      if (method && method !== 'HEAD') routes.push(`${method} ${path}`);
  }
  return routes;
}

describe('OpenAPI document', () => {
  it('is served at /api/docs/json without a session and lists every /api/v1 route the app registered', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toMatch(/^3\./);
    const documented = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const registered = registeredRoutes(api.app.printRoutes({ commonPrefix: false })).filter((r) =>
      r.split(' ')[1]!.startsWith('/api/v1/'),
    );
    // The parse found the routes of every module, not a fragment of the tree.
    expect(registered.length).toBeGreaterThan(90);
    for (const route of [
      'GET /api/v1/health',
      'POST /api/v1/orgs/:id/dissolve',
      'PATCH /api/v1/dictionaries/:id',
    ])
      expect(registered).toContain(route);
    expect(registered.filter((r) => !documented.includes(r))).toEqual([]);
    expect(documented.filter((r) => !registered.includes(r))).toEqual([]);
  });
});
