import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DemoFacts,
  demoFacts,
  memberInput,
  multipartFile,
  readSheet,
  rosterRow,
  rosterWorkbook,
} from '../../testing/factories';
import { createTestApi, createTestContext, type TestClient, type TestContext } from '../../testing/harness';

type Api = Awaited<ReturnType<typeof createTestApi>>;
type Entry = { id: number; kind: string; label: string; active: boolean };

let ctx: TestContext;
let api: Api;
let facts: DemoFacts;
const clients = {} as Record<'admin' | 'gongwei' | 'shuji' | 'dangyuan', TestClient>;

beforeAll(async () => {
  ctx = await createTestContext({ demo: true });
  api = await createTestApi(ctx);
  facts = await demoFacts(ctx.deps.db);
  for (const login of ['admin', 'gongwei', 'shuji', 'dangyuan'] as const)
    clients[login] = await api.login(login);
});
afterAll(async () => {
  await api.app.close();
  await ctx.close();
});

const entries = async (client: TestClient) =>
  (await client.request('GET', '/api/v1/dictionaries')).json as Entry[];
const entry = async (kind: string, label: string) =>
  (await entries(clients.admin)).find((e) => e.kind === kind && e.label === label)!;

describe('dictionaries', () => {
  it('are readable by every signed-in user, with the 56 民族 of GB/T 3304 and two more', async () => {
    const all = await entries(clients.dangyuan);
    const ethnicities = all.filter((e) => e.kind === 'ethnicity');
    expect(ethnicities).toHaveLength(58);
    expect(ethnicities).toContainEqual(expect.objectContaining({ label: '汉族', code: '01', active: true }));
  });

  it('can be changed only by an admin', async () => {
    const before = await entries(clients.admin);
    const han = before.find((e) => e.label === '汉族')!;
    for (const client of [clients.gongwei, clients.shuji, clients.dangyuan]) {
      const created = await client.request('POST', '/api/v1/dictionaries', {
        kind: 'education',
        label: '越权学历',
      });
      expect(created).toMatchObject({ status: 403, json: { code: 'FORBIDDEN' } });
      const patched = await client.request('PATCH', `/api/v1/dictionaries/${han.id}`, { active: false });
      expect(patched.status).toBe(403);
    }
    expect(await entries(clients.admin)).toEqual(before);
  });

  it('take a new value that forms accept at once, and refuse it twice', async () => {
    const created = await clients.admin.request('POST', '/api/v1/dictionaries', {
      kind: 'education',
      label: '党校研究生',
    });
    expect(created.json).toMatchObject({ kind: 'education', label: '党校研究生', active: true });
    const again = await clients.admin.request('POST', '/api/v1/dictionaries', {
      kind: 'education',
      label: '党校研究生',
    });
    expect(again).toMatchObject({ status: 409, json: { message: '“党校研究生”已存在' } });
    const member = await clients.shuji.request(
      'POST',
      '/api/v1/members',
      memberInput(facts.branchId, { education: '党校研究生' }),
    );
    expect(member.status).toBe(200);
    const audit = await clients.admin.request('GET', '/api/v1/audit?entity=dictionary');
    expect(audit.json.rows[0]).toMatchObject({
      action: 'create',
      after: expect.objectContaining({ label: '党校研究生' }),
    });
  });

  it('refuse a deactivated value in the member form, the import and the template, until reactivated', async () => {
    const menba = await entry('ethnicity', '门巴族');
    const off = await clients.admin.request('PATCH', `/api/v1/dictionaries/${menba.id}`, { active: false });
    expect(off.json.active).toBe(false);

    const form = await clients.shuji.request(
      'POST',
      '/api/v1/members',
      memberInput(facts.branchId, { ethnicity: '门巴族' }),
    );
    expect(form).toMatchObject({ status: 400, json: { message: '“门巴族”不是有效的民族名称（GB/T 3304）' } });
    const { payload, headers } = multipartFile(await rosterWorkbook([rosterRow({ ethnicity: '门巴族' })]));
    const imported = await clients.shuji.inject({
      method: 'POST',
      url: `/api/v1/roster/import?orgId=${facts.branchId}`,
      payload,
      headers,
    });
    expect(imported.statusCode).toBe(400);
    expect(imported.json().errors[0]).toMatchObject({
      column: '民族',
      message: '“门巴族”不是有效的民族名称（GB/T 3304）',
    });
    const template = await clients.shuji.inject({ method: 'GET', url: '/api/v1/roster/template' });
    const lists = (await readSheet(template.rawPayload, '字典')).sheet;
    const values: unknown[] = [];
    lists.eachRow((row) => row.eachCell((cell) => values.push(cell.value)));
    expect(values).toContain('汉族');
    expect(values).not.toContain('门巴族');

    await clients.admin.request('PATCH', `/api/v1/dictionaries/${menba.id}`, { active: true });
    const later = await clients.shuji.request(
      'POST',
      '/api/v1/members',
      memberInput(facts.branchId, { ethnicity: '门巴族' }),
    );
    expect(later.status).toBe(200);
  });

  it('validate new values in Chinese', async () => {
    const empty = await clients.admin.request('POST', '/api/v1/dictionaries', {
      kind: 'education',
      label: ' ',
    });
    expect(empty.status).toBe(400);
    expect(empty.json.message).toContain('名称不能为空');
    const kind = await clients.admin.request('POST', '/api/v1/dictionaries', {
      kind: 'planet',
      label: '火星',
    });
    expect(kind.status).toBe(400);
    expect(
      (await clients.admin.request('PATCH', '/api/v1/dictionaries/999999', { active: false })).status,
    ).toBe(404);
  });
});
