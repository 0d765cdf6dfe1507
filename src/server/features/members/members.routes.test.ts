import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { maskIdCard } from '../../../domain/id-card';
import { countRows, memberInput, withBadCheckDigit } from '../../testing/factories';
import { demoApi } from '../../testing/fixtures';
import type { TestClient } from '../../testing/harness';
import { findOrg } from '../orgs';
import { membersRepository } from './members.repository';
import type { TMemberCreate } from './members.schema';

type Row = {
  id: number;
  orgId: number;
  name: string;
  phone: string | null;
  idCardMasked: string;
  status: string;
};

const { ctx, facts, clients } = demoApi(['admin', 'gongwei', 'jiguan', 'shuji', 'dangyuan']);

const pathOf = async (orgId: number) => (await findOrg(ctx.deps.db, orgId))!.path;

async function create(client: TestClient, input: TMemberCreate) {
  const res = await client.request('POST', '/api/v1/members', input);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json as Row & {
    events: { kind: string; effectiveDate: string; status: string; orgId: number }[];
  };
}

async function listAll(client: TestClient, query = '') {
  const res = await client.request('GET', `/api/v1/members?pageSize=200${query}`);
  expect(res.status).toBe(200);
  return res.json as { rows: Row[]; total: number };
}

describe('list', () => {
  it('shows a secretary the branch and its groups, nothing else', async () => {
    const { rows, total } = await listAll(clients.shuji);
    const inScope = new Set([facts.branchId, ...facts.groupIds]);
    expect(total).toBe(rows.length);
    expect(total).toBeGreaterThan(10);
    for (const r of rows) expect(inScope.has(r.orgId)).toBe(true);
    const group = await listAll(clients.shuji, `&orgId=${facts.groupIds[0]}`);
    expect(group.total).toBeGreaterThan(0);
    for (const r of group.rows) expect(r.orgId).toBe(facts.groupIds[0]);
  });

  it('shows a plain member only their own record', async () => {
    const { rows } = await listAll(clients.dangyuan);
    expect(rows.map((r) => r.id)).toEqual([facts.members.dangyuan]);
  });

  it('filters by status', async () => {
    await create(clients.shuji, memberInput(facts.branchId, { confirmedOn: null, joinedOn: '2026-01-10' }));
    const probationary = await listAll(clients.shuji, `&status=${encodeURIComponent('预备党员')}`);
    expect(probationary.total).toBeGreaterThan(0);
    for (const r of probationary.rows) expect(r.status).toBe('预备党员');
    const all = await listAll(clients.shuji);
    const full = await listAll(clients.shuji, `&status=${encodeURIComponent('正式党员')}`);
    expect(full.total).toBe(all.rows.filter((r) => r.status === '正式党员').length);
  });

  it('searches by name, phone prefix, the last four ID characters and the full ID number', async () => {
    const input = memberInput(facts.branchId, { name: '欧阳明远' });
    const created = await create(clients.shuji, input);
    const search = async (q: string) => (await listAll(clients.shuji, `&q=${encodeURIComponent(q)}`)).rows;

    const byName = await search('欧阳');
    expect(byName.map((r) => r.id)).toContain(created.id);
    for (const r of byName) expect(r.name).toContain('欧阳');
    // Any part of a name, down to one character; the pieces must be adjacent, in order; wildcards are text.
    for (const part of ['明远', '阳明远', '远', '欧阳明远'])
      expect(
        (await search(part)).map((r) => r.id),
        part,
      ).toContain(created.id);
    for (const miss of ['欧明', '远明', '欧阳明远远', '%', '欧_明']) {
      const rows = await search(miss);
      for (const r of rows) expect(r.name, miss).toContain(miss);
      expect(
        rows.map((r) => r.id),
        miss,
      ).not.toContain(created.id);
    }

    const prefix = input.phone!.slice(0, 8);
    const byPhone = await search(prefix);
    expect(byPhone.map((r) => r.id)).toContain(created.id);
    for (const r of byPhone) expect(r.phone?.startsWith(prefix) || r.name.includes(prefix)).toBe(true);

    const last4 = input.idCard.slice(-4);
    const byLast4 = await search(last4);
    expect(byLast4.map((r) => r.id)).toContain(created.id);
    for (const r of byLast4)
      expect(r.idCardMasked.endsWith(last4) || r.phone?.startsWith(last4) || r.name.includes(last4)).toBe(
        true,
      );

    expect((await search(input.idCard)).map((r) => r.id)).toEqual([created.id]);
    expect((await search(input.idCard.toLowerCase())).map((r) => r.id)).toEqual([created.id]);
  });

  it('finds nobody outside scope, even by their exact ID number', async () => {
    const input = memberInput(facts.otherUnitBranchId);
    await create(clients.admin, input);
    expect((await listAll(clients.shuji, `&q=${input.idCard}`)).total).toBe(0);
    expect((await listAll(clients.gongwei, `&q=${input.idCard}`)).total).toBe(1);
  });

  it('pages through every row exactly once', async () => {
    const all = await listAll(clients.jiguan, '&sort=id');
    const seen: number[] = [];
    for (let page = 1; page <= Math.ceil(all.total / 7); page++) {
      const res = await clients.jiguan.request('GET', `/api/v1/members?pageSize=7&page=${page}&sort=id`);
      expect(res.json.total).toBe(all.total);
      expect(res.json.rows.length).toBeLessThanOrEqual(7);
      seen.push(...res.json.rows.map((r: Row) => r.id));
    }
    expect(seen).toEqual(all.rows.map((r) => r.id));
    expect(new Set(seen).size).toBe(all.total);
  });

  it('sorts on the server by birth date, joining date and id, either way', async () => {
    const values = async (query: string, field: string) =>
      (await listAll(clients.jiguan, query)).rows.map(
        (r) => (r as unknown as Record<string, string>)[field]!,
      );
    const birth = await values('&sort=birthDate&order=asc', 'birthDate');
    expect(birth).toEqual([...birth].sort());
    const joined = await values('&sort=joinedOn&order=desc', 'joinedOn');
    expect(joined).toEqual([...joined].sort().reverse());
    const ids = (await listAll(clients.jiguan, '&sort=id&order=desc')).rows.map((r) => r.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('refuses a page size above the limit in Chinese', async () => {
    const res = await clients.shuji.request('GET', '/api/v1/members?pageSize=500');
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('VALIDATION');
    expect(res.json.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('create', () => {
  it('stores a valid record with its initial history, a masked ID and an audit entry', async () => {
    const input = memberInput(facts.branchId, { joinedOn: '2015-07-01', confirmedOn: '2016-07-01' });
    const created = await create(clients.shuji, input);
    expect(created).toMatchObject({
      name: input.name,
      orgId: facts.branchId,
      status: '正式党员',
      idCardMasked: maskIdCard(input.idCard),
      canEdit: true,
      canRevealIdCard: true,
    });
    expect(JSON.stringify(created)).not.toContain(input.idCard);
    expect(created.events.map((e) => [e.kind, e.effectiveDate, e.status])).toEqual([
      ['接收预备党员', '2015-07-01', '预备党员'],
      ['转正', '2016-07-01', '正式党员'],
    ]);
    const audit = await clients.admin.request(
      'GET',
      `/api/v1/audit?entity=member&q=${encodeURIComponent(input.name)}`,
    );
    expect(audit.json.rows).toContainEqual(
      expect.objectContaining({ action: 'create', entityId: String(created.id), before: null }),
    );
  });

  const base = () => memberInput(facts.branchId, { sex: '男', birthDate: '1990-05-15' });
  const invalid: [string, () => TMemberCreate, string, string][] = [
    [
      'a wrong check digit',
      () => {
        const m = base();
        return { ...m, idCard: withBadCheckDigit(m.idCard) };
      },
      'idCard',
      '身份证号校验位不正确（GB 11643）',
    ],
    [
      'a sex that disagrees with the ID',
      () => ({ ...base(), sex: '女' }),
      'idCard',
      '性别“女”与身份证号（男）不一致',
    ],
    [
      'joining one day before turning 18',
      () => {
        const m = memberInput(facts.branchId, { sex: '女', birthDate: '2000-06-01' });
        return { ...m, joinedOn: '2018-05-31', confirmedOn: '2019-06-01', workStartedOn: null };
      },
      'joinedOn',
      '入党时应年满 18 周岁（《中国共产党章程》第一条）',
    ],
    [
      'an unknown 民族',
      () => ({ ...base(), ethnicity: '火星族' }),
      'ethnicity',
      '“火星族”不是有效的民族名称（GB/T 3304）',
    ],
    [
      'a malformed phone number',
      () => ({ ...base(), phone: '12345' }),
      'phone',
      '手机号应为 11 位数字，以 1 开头',
    ],
  ];
  it.each(invalid)(
    'refuses %s with a Chinese message and writes nothing',
    async (_, input, path, message) => {
      const counts = async () => [
        await countRows(ctx.deps.db, 'members'),
        await countRows(ctx.deps.db, 'member_events'),
        await countRows(ctx.deps.db, 'audit_log'),
      ];
      const before = await counts();
      const res = await clients.shuji.request('POST', '/api/v1/members', input());
      expect(res.status).toBe(400);
      expect(res.json.code).toBe('VALIDATION');
      expect(res.json.message).toContain(message);
      expect(res.json.errors).toContainEqual(expect.objectContaining({ path, message }));
      expect(await counts()).toEqual(before);
    },
  );

  it('records a member arriving from outside with history that starts at the 转入', async () => {
    const input = memberInput(facts.branchId, { joinedOn: '2012-07-01', confirmedOn: '2013-07-01' });
    const arrival = {
      effectiveDate: '2026-10-15',
      counterpartOrg: '某省某厅机关党委',
      letterNo: '转字第 8 号',
    };
    const before = await countRows(ctx.deps.db, 'members');
    for (const [bad, message] of [
      [{ ...arrival, counterpartOrg: ' ' }, '请填写转出的党组织'],
      [{ ...arrival, effectiveDate: '2011-01-01' }, '转入日期不能早于入党日期'],
      [{ ...arrival, effectiveDate: '2099-01-01' }, '生效日期不能晚于今天'],
    ] as const) {
      const res = await clients.shuji.request('POST', '/api/v1/members', { ...input, arrival: bad });
      expect(res.status).toBe(400);
      expect(res.json.message).toContain(message);
    }
    expect(await countRows(ctx.deps.db, 'members')).toBe(before);

    const created = (await clients.shuji.request('POST', '/api/v1/members', { ...input, arrival })).json;
    expect(created).toMatchObject({ status: '正式党员', orgId: facts.branchId });
    expect(
      created.events.map((e: { kind: string; effectiveDate: string }) => [e.kind, e.effectiveDate]),
    ).toEqual([['转入', '2026-10-15']]);
    expect(created.events[0]).toMatchObject({ counterpartOrg: '某省某厅机关党委', letterNo: '转字第 8 号' });
    const path = await pathOf(facts.branchId);
    const activeOn = async (date: string) =>
      (await membersRepository.activeOn(ctx.deps.db, path, date)).map((a) => a.memberId);
    expect(await activeOn('2026-10-14')).not.toContain(created.id);
    expect(await activeOn('2026-10-15')).toContain(created.id);
    const audit = await clients.admin.request(
      'GET',
      `/api/v1/audit?entity=member&q=${encodeURIComponent(input.name)}`,
    );
    expect(audit.json.rows).toContainEqual(
      expect.objectContaining({
        action: 'create',
        summary: expect.stringContaining('由某省某厅机关党委转入'),
      }),
    );
  });

  it('refuses an ID number already on the roll, naming who holds it', async () => {
    const first = memberInput(facts.branchId);
    const holder = await create(clients.shuji, first);
    const res = await clients.shuji.request('POST', '/api/v1/members', {
      ...memberInput(facts.branchId, { sex: first.sex }),
      idCard: first.idCard,
    });
    expect(res.status).toBe(400);
    expect(res.json.message).toBe(`身份证号与已在册的“${holder.name}”重复`);
  });

  it('refuses an org that cannot hold members, one outside scope, and a plain member', async () => {
    const unit = await clients.jiguan.request('POST', '/api/v1/members', memberInput(facts.unitIds[0]));
    expect(unit).toMatchObject({ status: 400, json: { message: '党员应编入党支部或党小组' } });
    expect(
      (await clients.shuji.request('POST', '/api/v1/members', memberInput(facts.otherUnitBranchId))).status,
    ).toBe(404);
    expect(
      (await clients.dangyuan.request('POST', '/api/v1/members', memberInput(facts.branchId))).status,
    ).toBe(403);
  });
});

describe('update', () => {
  it('changes fields and records before and after in the audit log', async () => {
    const m = await create(clients.shuji, memberInput(facts.branchId));
    const res = await clients.shuji.request('PATCH', `/api/v1/members/${m.id}`, {
      phone: '17999999999',
      jobTitle: '副科级',
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ phone: '17999999999', jobTitle: '副科级' });
    const audit = await clients.admin.request(
      'GET',
      `/api/v1/audit?entity=member&q=${encodeURIComponent(m.name)}`,
    );
    const entry = audit.json.rows.find((r: { action: string }) => r.action === 'update');
    expect(entry.before).toMatchObject({ phone: m.phone, jobTitle: '科员' });
    expect(entry.after).toMatchObject({ phone: '17999999999', jobTitle: '副科级' });
  });

  it('refuses a change that breaks the record and keeps the old values', async () => {
    const m = await create(clients.shuji, memberInput(facts.branchId, { sex: '男' }));
    const res = await clients.shuji.request('PATCH', `/api/v1/members/${m.id}`, {
      sex: '女',
      jobTitle: '不应保存',
    });
    expect(res.status).toBe(400);
    expect(res.json.message).toContain('不一致');
    expect((await clients.shuji.request('GET', `/api/v1/members/${m.id}`)).json).toMatchObject({
      sex: '男',
      jobTitle: '科员',
    });
  });

  it('records a 转正 event when the form gives a 预备党员 a confirmation date', async () => {
    const m = await create(
      clients.shuji,
      memberInput(facts.branchId, { joinedOn: '2025-10-01', confirmedOn: null }),
    );
    expect(m.status).toBe('预备党员');
    const res = await clients.shuji.request('PATCH', `/api/v1/members/${m.id}`, {
      confirmedOn: '2026-10-01',
    });
    expect(res.json.status).toBe('正式党员');
    expect(res.json.events.map((e: { kind: string }) => e.kind)).toEqual(['接收预备党员', '转正']);
    const clear = await clients.shuji.request('PATCH', `/api/v1/members/${m.id}`, { confirmedOn: null });
    expect(clear.json.message).toBe('正式党员的转正日期不能清空；如需更正党员状态，请登记“更正”');
  });

  it('refuses records outside scope and members without a role', async () => {
    expect(
      (await clients.shuji.request('PATCH', `/api/v1/members/${facts.members.shuji2}`, { note: 'x' })).status,
    ).toBe(404);
    expect(
      (await clients.dangyuan.request('PATCH', `/api/v1/members/${facts.members.dangyuan}`, { note: 'x' }))
        .status,
    ).toBe(403);
  });
});

describe('status events', () => {
  it('confirms a 预备党员 (转正) once, and not in the future or before the last change', async () => {
    const m = await create(
      clients.shuji,
      memberInput(facts.branchId, { joinedOn: '2025-10-01', confirmedOn: null }),
    );
    const event = (body: Record<string, unknown>) =>
      clients.shuji.request('POST', `/api/v1/members/${m.id}/events`, body);
    expect((await event({ kind: '转正', effectiveDate: '2026-11-21' })).json.message).toBe(
      '生效日期不能晚于今天',
    );
    expect((await event({ kind: '转正', effectiveDate: '2025-09-30' })).json.message).toBe(
      '生效日期不能早于上一次变动（2025-10-01）',
    );
    const ok = await event({ kind: '转正', effectiveDate: '2026-10-01' });
    expect(ok.json).toMatchObject({ status: '正式党员', confirmedOn: '2026-10-01' });
    expect(ok.json.events).toHaveLength(2);
    const again = await event({ kind: '转正', effectiveDate: '2026-11-01' });
    expect(again).toMatchObject({ status: 400, json: { message: '当前状态为“正式党员”，不能办理“转正”' } });
  });

  it('moves a member between branches from the effective date on (支部间调动)', async () => {
    const from = facts.branchId;
    const to = facts.siblingBranchIds[0]!;
    const m = await create(clients.jiguan, memberInput(from));
    const [fromPath, toPath] = [await pathOf(from), await pathOf(to)];
    const activeIn = async (path: string, date: string) =>
      (await membersRepository.activeOn(ctx.deps.db, path, date)).map((a) => a.memberId).includes(m.id);

    expect(
      (
        await clients.shuji.request('POST', `/api/v1/members/${m.id}/events`, {
          kind: '支部间调动',
          effectiveDate: '2026-11-01',
          toOrgId: to,
        })
      ).status,
    ).toBe(404);
    const res = await clients.jiguan.request('POST', `/api/v1/members/${m.id}/events`, {
      kind: '支部间调动',
      effectiveDate: '2026-11-01',
      toOrgId: to,
    });
    expect(res.json).toMatchObject({ orgId: to, status: '正式党员' });
    expect(res.json.events.at(-1)).toMatchObject({
      kind: '支部间调动',
      effectiveDate: '2026-11-01',
      orgId: to,
    });

    expect(await activeIn(fromPath, '2026-10-31')).toBe(true);
    expect(await activeIn(toPath, '2026-10-31')).toBe(false);
    expect(await activeIn(fromPath, '2026-11-01')).toBe(false);
    expect(await activeIn(toPath, '2026-11-01')).toBe(true);
    expect((await clients.shuji.request('GET', `/api/v1/members/${m.id}`)).status).toBe(404);
    const same = await clients.jiguan.request('POST', `/api/v1/members/${m.id}/events`, {
      kind: '支部间调动',
      effectiveDate: '2026-11-20',
      toOrgId: to,
    });
    expect(same.json.message).toBe('调入支部与当前支部相同');
  });

  it('transfers a member out with a letter valid for at most 3 months', async () => {
    const m = await create(clients.shuji, memberInput(facts.branchId));
    const out = (body: Record<string, unknown>) =>
      clients.shuji.request('POST', `/api/v1/members/${m.id}/events`, {
        kind: '转出',
        effectiveDate: '2026-11-20',
        ...body,
      });
    expect((await out({ letterValidUntil: '2027-02-20' })).json.message).toBe('请填写转往的党组织');
    const tooLong = await out({ counterpartOrg: '某市某局机关党支部', letterValidUntil: '2027-02-21' });
    expect(tooLong).toMatchObject({
      status: 400,
      json: { message: '介绍信有效期应在开具之日起 3 个月内（至 2027-02-20）' },
    });
    expect((await clients.shuji.request('GET', `/api/v1/members/${m.id}`)).json.status).toBe('正式党员');

    const ok = await out({
      counterpartOrg: '某市某局机关党支部',
      letterNo: '转字第 12 号',
      letterValidUntil: '2027-02-20',
    });
    expect(ok.json).toMatchObject({ status: '转出', allowedEvents: ['转入', '更正'] });
    expect(ok.json.events.at(-1)).toMatchObject({
      kind: '转出',
      counterpartOrg: '某市某局机关党支部',
      letterValidUntil: '2027-02-20',
    });
    const branchPath = await pathOf(facts.branchId);
    const active = async (date: string) =>
      (await membersRepository.activeOn(ctx.deps.db, branchPath, date)).map((a) => a.memberId);
    expect(await active('2026-11-19')).toContain(m.id);
    expect(await active('2026-11-20')).not.toContain(m.id);
    expect(
      (await listAll(clients.shuji, `&status=${encodeURIComponent('在册')}`)).rows.map((r) => r.id),
    ).not.toContain(m.id);
    const edit = await clients.shuji.request('PATCH', `/api/v1/members/${m.id}`, { note: '已转出' });
    expect(edit.json.message).toBe('该党员状态为“转出”，档案不能再修改，请用“更正”记录');
  });

  it('defaults the letter to three months from issue', async () => {
    const m = await create(clients.shuji, memberInput(facts.branchId));
    const res = await clients.shuji.request('POST', `/api/v1/members/${m.id}/events`, {
      kind: '转出',
      effectiveDate: '2026-11-20',
      counterpartOrg: '某区直机关党支部',
    });
    expect(res.json.events.at(-1).letterValidUntil).toBe('2027-02-20');
  });
});

describe('ID number reveal', () => {
  it('shows the full number to the secretary and records that it was seen', async () => {
    const input = memberInput(facts.branchId);
    const m = await create(clients.shuji, input);
    const auditBefore = await countRows(ctx.deps.db, 'audit_log');
    const res = await clients.shuji.request('POST', `/api/v1/members/${m.id}/id-card`);
    expect(res.json).toEqual({ idCard: input.idCard });
    expect(await countRows(ctx.deps.db, 'audit_log')).toBe(auditBefore + 1);
    const audit = await clients.admin.request(
      'GET',
      `/api/v1/audit?q=${encodeURIComponent(`查看 ${m.name}`)}`,
    );
    expect(audit.json.rows).toEqual([
      expect.objectContaining({
        action: 'security',
        entityId: String(m.id),
        summary: `查看 ${m.name} 的完整身份证号`,
      }),
    ]);
  });

  it('shows a supervisor only the masked number and refuses the full one, without an audit entry', async () => {
    const input = memberInput(facts.branchId);
    const m = await create(clients.shuji, input);
    const detail = await clients.jiguan.request('GET', `/api/v1/members/${m.id}`);
    expect(detail.json).toMatchObject({ idCardMasked: maskIdCard(input.idCard), canRevealIdCard: false });
    expect(JSON.stringify(detail.json)).not.toContain(input.idCard);
    const auditBefore = await countRows(ctx.deps.db, 'audit_log');
    const res = await clients.jiguan.request('POST', `/api/v1/members/${m.id}/id-card`);
    expect([403, 404]).toContain(res.status);
    expect(res.json.idCard).toBeUndefined();
    expect(await countRows(ctx.deps.db, 'audit_log')).toBe(auditBefore);
  });

  it("lets a member see their own number but nobody else's", async () => {
    const own = await clients.dangyuan.request('POST', `/api/v1/members/${facts.members.dangyuan}/id-card`);
    expect(own.status).toBe(200);
    expect(own.json.idCard).toMatch(/^\d{17}[\dX]$/);
    expect(
      (await clients.dangyuan.request('POST', `/api/v1/members/${facts.members.shuji}/id-card`)).status,
    ).toBe(404);
    expect((await clients.dangyuan.request('GET', `/api/v1/members/${facts.members.shuji}`)).status).toBe(
      404,
    );
  });
});

describe('counting a large scope', () => {
  it('counts up to 10,000 and then says so, with the page itself unaffected', async () => {
    const branchId = (await membersRepository.findById(ctx.deps.db, facts.members.dangyuan))!.orgId;
    const before = await listAll(clients.admin, `&orgId=${branchId}`);
    expect(before).toMatchObject({ totalCapped: false });
    // 10,001 copies of one member (each with its own ID-card hash) take the branch past the cap.
    await ctx.deps.db.execute(sql`
      insert into members (tenant_id, org_id, org_path, name, sex, ethnicity, birth_date, id_card_enc,
                           id_card_hash, id_card_masked, joined_on, category, status)
      select tenant_id, org_id, org_path, name || g, sex, ethnicity, birth_date, id_card_enc,
             'bulk-' || g, id_card_masked, joined_on, category, status
      from members, generate_series(1, 10001) g
      where id = ${facts.members.dangyuan}`);
    const res = await clients.admin.request('GET', `/api/v1/members?pageSize=20&orgId=${branchId}`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ total: 10_000, totalCapped: true });
    expect(res.json.rows).toHaveLength(20);
  });
});
