import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DemoFacts, demoFacts, memberInput } from '../../testing/factories';
import {
  createTestApi,
  createTestContext,
  nextTestAddress,
  TEST_TODAY,
  type TestContext,
} from '../../testing/harness';

type Api = Awaited<ReturnType<typeof createTestApi>>;

const MINUTE = 60_000;
const opened: { ctx: TestContext; api: Api }[] = [];

/** A fresh demo installation with its own clock, so moving time in one test leaves the others alone. */
async function installation(options: Parameters<typeof createTestApi>[1] = {}) {
  const ctx = await createTestContext({ demo: true });
  const api = await createTestApi(ctx, options);
  const facts = await demoFacts(ctx.deps.db);
  opened.push({ ctx, api });
  return { ctx, api, facts };
}

afterAll(async () => {
  for (const { ctx, api } of opened) {
    await api.app.close();
    await ctx.close();
  }
});

/** One login attempt; from a fresh address unless one is given (the rate limit is per address). */
const attempt = (api: Api, loginName: string, password: string, address = nextTestAddress()) =>
  api.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { loginName, password },
    remoteAddress: address,
  });

/**
 * A login request the schema refuses (no password): it still counts against the per-address limit, which runs
 * before validation, but costs no password hashing.
 */
const malformed = (api: Api, remoteAddress: string, forwardedFor?: string) =>
  api.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { loginName: 'x' },
    remoteAddress,
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  });

describe('login', () => {
  let api: Api;
  beforeAll(async () => {
    ({ api } = await installation());
  });

  it('opens a session with an HttpOnly, SameSite=Lax cookie and returns a CSRF token', async () => {
    const res = await attempt(api, 'shuji', 'zhibu2026');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toEqual({ csrfToken: expect.any(String), mustChangePassword: false });
    const cookie = res.cookies.find((c) => c.name === 'zhibu_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const me = await api.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      cookies: { zhibu_session: cookie.value },
    });
    expect(me.json()).toMatchObject({
      loginName: 'shuji',
      csrfToken: body.csrfToken,
      mustChangePassword: false,
      today: TEST_TODAY,
    });
    expect(me.json().roles).toEqual([expect.objectContaining({ role: 'secretary' })]);
  });

  it('refuses a wrong password in Chinese, sets no cookie, and says how many tries are left', async () => {
    const res = await attempt(api, 'gongwei', 'wrong-password1');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({
      code: 'UNAUTHENTICATED',
      message: '用户名或密码错误，再失败 4 次账号将被锁定',
    });
    expect(res.cookies).toEqual([]);
  });

  it('answers an unknown login name like a wrong password, without revealing that it does not exist', async () => {
    const res = await attempt(api, 'nobody-here', 'zhibu2026');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ code: 'UNAUTHENTICATED', message: '用户名或密码错误' });
  });

  it('refuses every API call without a session, except login and health', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/api/v1/members' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
    expect((await api.app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode).toBe(200);
  });
});

describe('lockout', () => {
  it('locks after 5 failures, refuses even the right password, and unlocks after 15 minutes', async () => {
    const { ctx, api } = await installation();
    for (let i = 1; i <= 4; i++) {
      const res = await attempt(api, 'dangyuan', 'Wrong-pass1');
      expect(res.json().message).toBe(`用户名或密码错误，再失败 ${5 - i} 次账号将被锁定`);
    }
    const fifth = await attempt(api, 'dangyuan', 'Wrong-pass1');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json()).toEqual({
      code: 'LOCKED',
      message: '连续登录失败次数过多，账号已锁定，请 15 分钟后再试',
    });

    const right = await attempt(api, 'dangyuan', 'zhibu2026');
    expect(right.statusCode).toBe(423);
    expect(right.json().code).toBe('LOCKED');
    expect(right.cookies).toEqual([]);

    ctx.clock.advance(15 * MINUTE - 1000);
    const almost = await attempt(api, 'dangyuan', 'zhibu2026');
    expect(almost.statusCode).toBe(423);
    expect(almost.json().message).toContain('请 1 分钟后再试');

    ctx.clock.advance(1000);
    expect((await attempt(api, 'dangyuan', 'zhibu2026')).statusCode).toBe(200);

    const admin = await api.login('admin');
    const audit = await admin.request('GET', `/api/v1/audit?q=${encodeURIComponent('连续 5 次登录失败')}`);
    expect(audit.json.rows).toEqual([expect.objectContaining({ actorName: '系统', action: 'security' })]);
  });

  it('starts counting afresh once a lock has run out: one more mistake is not another lock', async () => {
    const { ctx, api } = await installation();
    for (let i = 0; i < 5; i++) await attempt(api, 'dangyuan', 'Wrong-pass1');
    ctx.clock.advance(16 * MINUTE);
    const res = await attempt(api, 'dangyuan', 'Wrong-pass1');
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toBe('用户名或密码错误，再失败 4 次账号将被锁定');
    expect((await attempt(api, 'dangyuan', 'zhibu2026')).statusCode).toBe(200);
  });

  it('limits login attempts from one address to 20 a minute, and only from that address', async () => {
    const { api } = await installation();
    const address = '192.0.2.7';
    for (let i = 0; i < 20; i++) expect((await malformed(api, address)).statusCode).toBe(400);
    const res = await attempt(api, 'shuji', 'zhibu2026', address);
    expect(res.statusCode).toBe(429);
    expect(res.json()).toEqual({ code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试' });
    expect((await attempt(api, 'shuji', 'zhibu2026', '192.0.2.8')).statusCode).toBe(200);
  });
});

describe('client address', () => {
  it('ignores X-Forwarded-For by default: a client cannot dodge the login limit with made-up addresses', async () => {
    const { api } = await installation();
    for (let i = 0; i < 20; i++)
      expect((await malformed(api, '192.0.2.20', `198.51.100.${i + 1}`)).statusCode).toBe(400);
    const res = await api.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { loginName: 'shuji', password: 'zhibu2026' },
      remoteAddress: '192.0.2.20',
      headers: { 'x-forwarded-for': '198.51.100.99' },
    });
    expect(res.statusCode).toBe(429);
    expect(res.cookies).toEqual([]);
  });

  it('records the connecting address in the audit log, not the one the client claims', async () => {
    const { api } = await installation();
    const res = await api.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { loginName: 'shuji2', password: 'zhibu2026' },
      remoteAddress: '192.0.2.30',
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(res.statusCode).toBe(200);
    const admin = await api.login('admin');
    const audit = await admin.request('GET', '/api/v1/audit?entity=account');
    const logins = audit.json.rows.filter((r: { summary: string }) => r.summary.endsWith('登录'));
    expect(logins.map((r: { ip: string | null }) => r.ip)).toContain('192.0.2.30');
    expect(logins.map((r: { ip: string | null }) => r.ip)).not.toContain('203.0.113.9');
  });

  it('believes X-Forwarded-For only from a configured proxy address', async () => {
    const { api } = await installation({ trustProxy: ['192.0.2.1'] });
    // Through the proxy: 20 requests of one client use up that client's minute, not the proxy's.
    for (let i = 0; i < 20; i++)
      expect((await malformed(api, '192.0.2.1', '198.51.100.1')).statusCode).toBe(400);
    expect((await malformed(api, '192.0.2.1', '198.51.100.1')).statusCode).toBe(429);
    expect((await malformed(api, '192.0.2.1', '198.51.100.2')).statusCode).toBe(400);
    // Straight from elsewhere, the header is not believed: the limit is the sender's own.
    for (let i = 0; i < 20; i++)
      expect((await malformed(api, '192.0.2.50', '198.51.100.3')).statusCode).toBe(400);
    expect((await malformed(api, '192.0.2.50', `198.51.100.4`)).statusCode).toBe(429);
  });
});

describe('sessions', () => {
  let ctx: TestContext;
  let api: Api;
  beforeAll(async () => {
    ({ ctx, api } = await installation());
  });
  beforeEach(() => ctx.clock.set(TEST_TODAY));

  it('stays open while used, and ends after 30 idle minutes', async () => {
    const client = await api.login('shuji');
    ctx.clock.advance(29 * MINUTE);
    expect((await client.request('GET', '/api/v1/auth/me')).status).toBe(200);
    ctx.clock.advance(29 * MINUTE);
    expect((await client.request('GET', '/api/v1/auth/me')).status).toBe(200);
    ctx.clock.advance(31 * MINUTE);
    const res = await client.request('GET', '/api/v1/auth/me');
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ code: 'UNAUTHENTICATED', message: '登录已过期，请重新登录' });
  });

  it("tells the web today by the server's clock, which a demo may fix", async () => {
    ctx.clock.set('2027-02-01');
    const client = await api.login('shuji');
    expect((await client.request('GET', '/api/v1/auth/me')).json).toMatchObject({ today: '2027-02-01' });
  });

  it('ends after 12 hours however busy it is', async () => {
    const client = await api.login('jiguan');
    for (let i = 0; i < 28; i++) {
      ctx.clock.advance(25 * MINUTE);
      expect((await client.request('GET', '/api/v1/auth/me')).status).toBe(200);
    }
    ctx.clock.advance(20 * MINUTE);
    expect((await client.request('GET', '/api/v1/auth/me')).status).toBe(401);
  });

  it('ends on logout and clears the cookie', async () => {
    const client = await api.login('dangyuan');
    const res = await client.inject({ method: 'POST', url: '/api/v1/auth/logout' });
    expect(res.statusCode).toBe(200);
    const cleared = res.cookies.find((c) => c.name === 'zhibu_session')!;
    expect(cleared.value).toBe('');
    expect((await client.request('GET', '/api/v1/auth/me')).status).toBe(401);
  });
});

describe('CSRF', () => {
  let api: Api;
  let facts: DemoFacts;
  beforeAll(async () => {
    ({ api, facts } = await installation());
  });

  const childCount = async (client: Awaited<ReturnType<Api['login']>>) =>
    (await client.request('GET', `/api/v1/orgs?parentId=${facts.branchId}`)).json.length as number;

  it('refuses a mutating request without the token, or with a wrong one, and changes nothing', async () => {
    const client = await api.login('shuji');
    const before = await childCount(client);
    const body = { parentId: facts.branchId, type: '党小组', name: '第三党小组' };
    for (const csrf of [null, 'forged-token', '']) {
      const res = await client.inject({ method: 'POST', url: '/api/v1/orgs', payload: body, csrf });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toEqual({ code: 'FORBIDDEN', message: '请求校验失败（CSRF），请刷新页面后重试' });
    }
    expect(await childCount(client)).toBe(before);
    expect((await client.request('POST', '/api/v1/orgs', body)).status).toBe(200);
    expect(await childCount(client)).toBe(before + 1);
  });

  it("does not accept another session's token", async () => {
    const a = await api.login('shuji');
    const b = await api.login('shuji');
    const res = await a.inject({
      method: 'PATCH',
      url: `/api/v1/members/${facts.members.dangyuan}`,
      payload: { jobTitle: '伪造职务' },
      csrf: b.csrfToken,
    });
    expect(res.statusCode).toBe(403);
    expect((await a.request('GET', `/api/v1/members/${facts.members.dangyuan}`)).json.jobTitle).not.toBe(
      '伪造职务',
    );
  });
});

describe('passwords', () => {
  let api: Api;
  let facts: DemoFacts;
  beforeAll(async () => {
    ({ api, facts } = await installation());
  });

  it('changes a password: the old one stops working and other sessions end', async () => {
    const other = await api.login('jiguan');
    const client = await api.login('jiguan');
    const wrongOld = await client.request('POST', '/api/v1/auth/password', {
      oldPassword: 'not-it-1',
      newPassword: 'Jiguan2027',
    });
    expect(wrongOld).toMatchObject({ status: 400, json: { code: 'VALIDATION', message: '原密码不正确' } });
    const weak = await client.request('POST', '/api/v1/auth/password', {
      oldPassword: 'zhibu2026',
      newPassword: 'short1',
    });
    expect(weak.status).toBe(400);
    expect(weak.json.message).toContain('密码至少 8 位');
    const same = await client.request('POST', '/api/v1/auth/password', {
      oldPassword: 'zhibu2026',
      newPassword: 'zhibu2026',
    });
    expect(same.json.message).toBe('新密码不能与原密码相同');

    const ok = await client.request('POST', '/api/v1/auth/password', {
      oldPassword: 'zhibu2026',
      newPassword: 'Jiguan2027',
    });
    expect(ok.status).toBe(200);
    expect((await client.request('GET', '/api/v1/auth/me')).status).toBe(200);
    expect((await other.request('GET', '/api/v1/auth/me')).status).toBe(401);
    expect((await attempt(api, 'jiguan', 'zhibu2026')).statusCode).toBe(401);
    expect((await attempt(api, 'jiguan', 'Jiguan2027')).statusCode).toBe(200);
  });

  it('makes a new account change its initial password before anything else', async () => {
    const shuji = await api.login('shuji');
    const member = await shuji.request('POST', '/api/v1/members', memberInput(facts.branchId));
    expect(member.status).toBe(200);
    const enabled = await shuji.request('POST', '/api/v1/accounts', {
      memberId: member.json.id,
      loginName: 'xinren',
    });
    expect(enabled.status).toBe(200);
    expect(enabled.json).toEqual({
      accountId: expect.any(Number),
      loginName: 'xinren',
      initialPassword: expect.stringMatching(/^[A-Za-z2-9]{10}$/),
    });
    const again = await shuji.request('POST', '/api/v1/accounts', {
      memberId: member.json.id,
      loginName: 'xr2',
    });
    expect(again).toMatchObject({ status: 409, json: { message: '该党员已开通账号' } });

    const login = await attempt(api, 'xinren', enabled.json.initialPassword);
    expect(login.json().mustChangePassword).toBe(true);
    const xinren = await api.login('xinren', enabled.json.initialPassword);
    for (const url of ['/api/v1/members', `/api/v1/orgs/${facts.branchId}`, '/api/v1/dictionaries']) {
      const res = await xinren.request('GET', url);
      expect(res, url).toMatchObject({
        status: 403,
        json: { code: 'FORBIDDEN', message: '请先修改初始密码' },
      });
    }
    expect((await xinren.request('GET', '/api/v1/auth/me')).json.mustChangePassword).toBe(true);

    const changed = await xinren.request('POST', '/api/v1/auth/password', {
      oldPassword: enabled.json.initialPassword,
      newPassword: 'Xinren2026',
    });
    expect(changed.status).toBe(200);
    const own = await xinren.request('GET', '/api/v1/members');
    expect(own.status).toBe(200);
    expect(own.json.rows.map((r: { id: number }) => r.id)).toEqual([member.json.id]);
    expect((await xinren.request('POST', '/api/v1/auth/logout')).status).toBe(200);
  });

  it("refuses to open an account for a member outside the secretary's branch", async () => {
    const shuji = await api.login('shuji');
    const res = await shuji.request('POST', '/api/v1/accounts', {
      memberId: facts.members.shuji2,
      loginName: 'x123',
    });
    expect(res.status).toBe(404);
  });
});

describe('account administration by a secretary', () => {
  let api: Api;
  let facts: DemoFacts;
  beforeAll(async () => {
    ({ api, facts } = await installation());
  });

  it("resets the password of a member of the branch: the old one and the member's sessions end", async () => {
    const shuji = await api.login('shuji');
    const member = await api.login('dangyuan');
    const res = await shuji.request('POST', `/api/v1/accounts/${facts.accounts.dangyuan}/reset-password`);
    expect(res.status).toBe(200);
    expect(res.json.loginName).toBe('dangyuan');
    expect((await member.request('GET', '/api/v1/auth/me')).status).toBe(401);
    expect((await attempt(api, 'dangyuan', 'zhibu2026')).statusCode).toBe(401);
    const fresh = await attempt(api, 'dangyuan', res.json.initialPassword);
    expect(fresh.json().mustChangePassword).toBe(true);
  });

  it('cannot reset or disable accounts outside the branch, nor its own', async () => {
    const shuji = await api.login('shuji');
    for (const id of [facts.accounts.shuji2, facts.accounts.gongwei, facts.accounts.admin]) {
      expect((await shuji.request('POST', `/api/v1/accounts/${id}/reset-password`)).status).toBe(404);
      expect(
        (await shuji.request('POST', `/api/v1/accounts/${id}/disabled`, { disabled: true })).status,
      ).toBe(404);
    }
    const own = await shuji.request('POST', `/api/v1/accounts/${facts.accounts.shuji}/reset-password`);
    expect(own.status).toBe(403);
    for (const login of ['shuji2', 'gongwei', 'admin'])
      expect((await attempt(api, login, 'zhibu2026')).statusCode, login).toBe(200);
  });

  it('cannot take over a branch member who holds a role above the branch', async () => {
    const admin = await api.login('admin');
    const shuji = await api.login('shuji');
    const jiguanMember = await shuji.request('POST', '/api/v1/members', memberInput(facts.branchId));
    const account = await shuji.request('POST', '/api/v1/accounts', {
      memberId: jiguanMember.json.id,
      loginName: 'zuzhibu',
    });
    const grant = await admin.request('POST', `/api/v1/accounts/${account.json.accountId}/grants`, {
      role: 'supervisor',
      orgId: facts.rootId,
    });
    expect(grant.status).toBe(200);
    const reset = await shuji.request('POST', `/api/v1/accounts/${account.json.accountId}/reset-password`);
    expect(reset.status).toBe(404);
    const disable = await shuji.request('POST', `/api/v1/accounts/${account.json.accountId}/disabled`, {
      disabled: true,
    });
    expect(disable.status).toBe(404);
    const gongwei = await api.login('gongwei');
    expect(
      (await gongwei.request('POST', `/api/v1/accounts/${account.json.accountId}/reset-password`)).status,
    ).toBe(200);
  });

  it('disables and re-enables a member account of the branch', async () => {
    const shuji = await api.login('shuji');
    const member = await shuji.request('POST', '/api/v1/members', memberInput(facts.branchId));
    const account = await shuji.request('POST', '/api/v1/accounts', {
      memberId: member.json.id,
      loginName: 'tingyong',
    });
    const password = account.json.initialPassword as string;
    const session = await api.login('tingyong', password);

    expect(
      (await shuji.request('POST', `/api/v1/accounts/${account.json.accountId}/disabled`, { disabled: true }))
        .status,
    ).toBe(200);
    expect((await session.request('GET', '/api/v1/auth/me')).status).toBe(401);
    const refused = await attempt(api, 'tingyong', password);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toBe('账号已停用，请联系支部书记或管理员');

    await shuji.request('POST', `/api/v1/accounts/${account.json.accountId}/disabled`, { disabled: false });
    expect((await attempt(api, 'tingyong', password)).statusCode).toBe(200);
  });

  it('lists only the accounts of its branch', async () => {
    const shuji = await api.login('shuji');
    const res = await shuji.request('GET', '/api/v1/accounts?pageSize=200');
    const logins = res.json.rows.map((r: { loginName: string }) => r.loginName);
    expect(logins).toEqual(expect.arrayContaining(['shuji', 'dangyuan']));
    for (const outside of ['admin', 'gongwei', 'jiguan', 'shuji2']) expect(logins).not.toContain(outside);
  });

  it('is refused to a plain member', async () => {
    const admin = await api.login('admin');
    const created = await admin.request('POST', '/api/v1/members', memberInput(facts.branchId));
    const opened = await admin.request('POST', '/api/v1/accounts', {
      memberId: created.json.id,
      loginName: 'putong',
    });
    const plain = await api.login('putong', opened.json.initialPassword);
    await plain.request('POST', '/api/v1/auth/password', {
      oldPassword: opened.json.initialPassword,
      newPassword: 'Putong2026',
    });
    const res = await plain.request('POST', `/api/v1/accounts/${facts.accounts.shuji2}/reset-password`);
    expect(res.status).toBe(403);
    expect((await attempt(api, 'shuji2', 'zhibu2026')).statusCode).toBe(200);
  });
});

describe('role grants', () => {
  let api: Api;
  let facts: DemoFacts;
  beforeAll(async () => {
    ({ api, facts } = await installation());
  });

  it('gives the grantee the subtree on the next request, and takes it away when the grant ends', async () => {
    const gongwei = await api.login('gongwei');
    const target = facts.siblingBranchIds[0]!;
    const member = await api.login('dangyuan');
    expect((await member.request('GET', `/api/v1/orgs/${target}`)).status).toBe(404);

    const grant = await gongwei.request('POST', `/api/v1/accounts/${facts.accounts.dangyuan}/grants`, {
      role: 'secretary',
      orgId: target,
    });
    expect(grant.status).toBe(200);
    expect((await member.request('GET', '/api/v1/auth/me')).json.roles).toEqual([
      expect.objectContaining({ role: 'secretary', orgId: target }),
    ]);
    const list = await member.request('GET', `/api/v1/members?orgId=${target}`);
    expect(list.json.total).toBeGreaterThan(0);
    expect(list.json.rows.every((r: { orgId: number }) => r.orgId === target)).toBe(true);

    expect((await gongwei.request('POST', `/api/v1/grants/${grant.json.id}/end`)).status).toBe(200);
    expect((await member.request('GET', `/api/v1/members?orgId=${target}`)).status).toBe(404);
    expect((await member.request('GET', `/api/v1/orgs/${target}`)).status).toBe(404);
  });

  it('refuses grants outside the grantor scope, of the wrong kind, or of admin by a non-admin', async () => {
    const jiguan = await api.login('jiguan');
    const to = `/api/v1/accounts/${facts.accounts.dangyuan}/grants`;
    expect(
      (await jiguan.request('POST', to, { role: 'secretary', orgId: facts.otherUnitBranchId })).status,
    ).toBe(404);
    expect(await jiguan.request('POST', to, { role: 'secretary', orgId: facts.unitIds[0] })).toMatchObject({
      status: 400,
      json: { message: '支部书记/支委角色只能授予在党支部' },
    });
    expect(await jiguan.request('POST', to, { role: 'supervisor', orgId: facts.branchId })).toMatchObject({
      status: 400,
      json: { message: '上级党组织角色应授予在党委、党总支或工委' },
    });
    expect(await jiguan.request('POST', to, { role: 'admin', orgId: facts.unitIds[0] })).toMatchObject({
      status: 403,
      json: { message: '只有管理员可以授予管理员角色' },
    });
    const shuji = await api.login('shuji');
    expect((await shuji.request('POST', to, { role: 'secretary', orgId: facts.branchId })).status).toBe(403);
    expect((await (await api.login('dangyuan')).request('GET', '/api/v1/auth/me')).json.roles).toEqual([]);
  });

  it('refuses to attach a grant to an account outside the grantor scope, or to their own', async () => {
    const admin = await api.login('admin');
    const grantsLogged = async () =>
      (await admin.request('GET', `/api/v1/audit?entity=account&q=${encodeURIComponent('授予')}`)).json.total;
    const loggedBefore = await grantsLogged();
    const jiguan = await api.login('jiguan');
    const grant = { role: 'secretary', orgId: facts.siblingBranchIds[0] };
    // shuji2 is a member of another unit's branch; admin and gongwei hold grants above jiguan's unit.
    for (const outside of [facts.accounts.shuji2, facts.accounts.admin, facts.accounts.gongwei]) {
      const res = await jiguan.request('POST', `/api/v1/accounts/${outside}/grants`, grant);
      expect(res).toMatchObject({
        status: 404,
        json: { code: 'NOT_FOUND', message: '账号不存在或不在您的权限范围内' },
      });
    }
    const own = await jiguan.request('POST', `/api/v1/accounts/${facts.accounts.jiguan}/grants`, grant);
    expect(own).toMatchObject({ status: 403, json: { message: '不能给自己授予角色' } });
    const shuji2 = await api.login('shuji2');
    expect((await shuji2.request('GET', '/api/v1/auth/me')).json.roles).toEqual([
      expect.objectContaining({ role: 'secretary', orgId: facts.otherUnitBranchId }),
    ]);
    expect(await grantsLogged()).toBe(loggedBefore);
  });
});

describe('leaving the branch', () => {
  let ctx: TestContext;
  let api: Api;
  let facts: DemoFacts;
  beforeAll(async () => {
    ({ ctx, api, facts } = await installation());
  });

  it('ends the secretary role and post on the date of a transfer to another branch', async () => {
    const shuji = await api.login('shuji');
    expect((await shuji.request('GET', '/api/v1/members')).json.total).toBeGreaterThan(10);
    const jiguan = await api.login('jiguan');
    const target = facts.siblingBranchIds[0]!;
    const moved = await jiguan.request('POST', `/api/v1/members/${facts.members.shuji}/events`, {
      kind: '支部间调动',
      effectiveDate: ctx.clock.today(),
      toOrgId: target,
    });
    expect(moved.status).toBe(200);

    expect((await shuji.request('GET', '/api/v1/auth/me')).json.roles).toEqual([]);
    const own = await shuji.request('GET', '/api/v1/members');
    expect(own.json.rows).toEqual([expect.objectContaining({ id: facts.members.shuji, orgId: target })]);
    expect((await shuji.request('GET', `/api/v1/orgs/${facts.branchId}`)).status).toBe(404);
    const create = await shuji.request('POST', '/api/v1/orgs', {
      parentId: facts.branchId,
      type: '党小组',
      name: '第三党小组',
    });
    expect(create.status).toBe(403);

    const branch = await jiguan.request('GET', `/api/v1/orgs/${facts.branchId}`);
    const posts = branch.json.posts.filter((p: { memberId: number }) => p.memberId === facts.members.shuji);
    expect(posts.length).toBeGreaterThan(0);
    for (const p of posts) expect(p.endDate).toBe(ctx.clock.today());
  });

  it('ends the role and posts, and the account, when the secretary transfers out of the system', async () => {
    const shuji2 = await api.login('shuji2');
    const gongwei = await api.login('gongwei');
    const before = await gongwei.request('GET', `/api/v1/orgs/${facts.otherUnitBranchId}`);
    const out = await gongwei.request('POST', `/api/v1/members/${facts.members.shuji2}/events`, {
      kind: '转出',
      effectiveDate: ctx.clock.today(),
      counterpartOrg: '某省直机关某党支部',
    });
    expect(out.status).toBe(200);
    expect((await shuji2.request('GET', '/api/v1/members')).status).toBe(401);
    expect((await attempt(api, 'shuji2', 'zhibu2026')).statusCode).toBe(403);

    const after = await gongwei.request('GET', `/api/v1/orgs/${facts.otherUnitBranchId}`);
    const posts = after.json.posts.filter((p: { memberId: number }) => p.memberId === facts.members.shuji2);
    expect(posts.length).toBeGreaterThan(0);
    for (const p of posts) expect(p.endDate).toBe(ctx.clock.today());
    expect(after.json.committeeSize).toBe(before.json.committeeSize - 1);

    const accounts = await gongwei.request('GET', '/api/v1/accounts?q=shuji2');
    expect(accounts.json.rows[0].grants).toEqual([
      expect.objectContaining({ role: 'secretary', active: false, validTo: ctx.clock.today() }),
    ]);
  });
});
