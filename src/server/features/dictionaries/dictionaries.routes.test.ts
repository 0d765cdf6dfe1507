import { describe, expect, it } from 'vitest';
import {
  memberInput,
  multipartFile,
  readSheet,
  rosterRow,
  rosterWorkbook,
  uniquePhone,
} from '../../testing/factories';
import { demoApi } from '../../testing/fixtures';
import type { TestClient } from '../../testing/harness';

type Entry = { id: number; kind: string; label: string; active: boolean };

const { facts, clients } = demoApi(['admin', 'gongwei', 'shuji', 'dangyuan']);

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

describe('dictionary integrity', () => {
  const rename = (id: number, label: string) =>
    clients.admin.request('PATCH', `/api/v1/dictionaries/${id}`, { label });

  it('renames an entry nobody uses, and refuses once a record holds it', async () => {
    const created = await clients.admin.request('POST', '/api/v1/dictionaries', {
      kind: 'education',
      label: '函授本科',
    });
    expect((await rename(created.json.id, '函授大学本科')).json).toMatchObject({ label: '函授大学本科' });
    const member = await clients.shuji.request(
      'POST',
      '/api/v1/members',
      memberInput(facts.branchId, { education: '函授大学本科' }),
    );
    expect(member.status).toBe(200);
    const refused = await rename(created.json.id, '成人本科');
    expect(refused).toMatchObject({
      status: 409,
      json: {
        code: 'CONFLICT',
        message: '“函授大学本科”已被 1 名党员的档案使用，不能改名；如需新的名称，请新增字典项并停用此项',
      },
    });
    expect((await entry('education', '函授大学本科')).id).toBe(created.json.id);
    expect((await clients.shuji.request('GET', `/api/v1/members/${member.json.id}`)).json.education).toBe(
      '函授大学本科',
    );
  });

  it('never renames a 人员类别 that selects the dues rule', async () => {
    for (const label of ['在职', '离退休', '其他']) {
      const res = await rename((await entry('category', label)).id, `${label}人员`);
      expect(res).toMatchObject({
        status: 409,
        json: { message: `人员类别“${label}”决定党费计算标准（中组发〔2008〕3号），不能改名` },
      });
    }
    expect((await entries(clients.admin)).filter((e) => e.kind === 'category').map((e) => e.label)).toContain(
      '在职',
    );
  });

  it('refuses a rename onto a label the dictionary already has', async () => {
    const created = await clients.admin.request('POST', '/api/v1/dictionaries', {
      kind: 'education',
      label: '夜大本科',
    });
    expect(await rename(created.json.id, '大学本科')).toMatchObject({
      status: 409,
      json: { message: '“大学本科”已存在' },
    });
    expect((await entry('education', '夜大本科')).id).toBe(created.json.id);
  });

  it('leaves records holding a retired value editable, while new records may not take it', async () => {
    const member = await clients.shuji.request(
      'POST',
      '/api/v1/members',
      memberInput(facts.branchId, { jobTitle: '办事员' }),
    );
    const clerk = await entry('jobTitle', '办事员');
    await clients.admin.request('PATCH', `/api/v1/dictionaries/${clerk.id}`, { active: false });
    const edited = await clients.shuji.request('PATCH', `/api/v1/members/${member.json.id}`, {
      phone: uniquePhone(),
    });
    expect(edited.status).toBe(200);
    expect(edited.json.jobTitle).toBe('办事员');
    const fresh = await clients.shuji.request(
      'POST',
      '/api/v1/members',
      memberInput(facts.branchId, { jobTitle: '办事员' }),
    );
    expect(fresh).toMatchObject({ status: 400, json: { message: '“办事员”不在职务字典中' } });
    await clients.admin.request('PATCH', `/api/v1/dictionaries/${clerk.id}`, { active: true });
  });
});
