import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '../../../domain/calendar';
import { countRows, memberInput } from '../../testing/factories';
import { demoApi } from '../../testing/fixtures';
import type { TestClient } from '../../testing/harness';

type Entry = { id: number; at: string; action: string; entity: string; entityId: string; summary: string };

const { ctx, facts, clients } = demoApi(['admin', 'jiguan', 'shuji', 'dangyuan']);

async function allEntries(client: TestClient, query = ''): Promise<Entry[]> {
  const out: Entry[] = [];
  for (let page = 1; ; page++) {
    const res = await client.request('GET', `/api/v1/audit?pageSize=200&page=${page}${query}`);
    expect(res.status).toBe(200);
    out.push(...res.json.rows);
    if (res.json.rows.length < 200) return out;
  }
}

/** The database's own error text, whichever driver wrapped it. */
async function failure(statement: Promise<unknown>): Promise<string> {
  const error = await statement.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'statement should fail').not.toBeNull();
  const e = error as Error & { cause?: Error };
  return `${e.message} ${e.cause?.message ?? ''}`;
}

describe('audit log', () => {
  it('records who changed what, with the values before and after', async () => {
    const member = (await clients.shuji.request('POST', '/api/v1/members', memberInput(facts.branchId))).json;
    const patched = await clients.shuji.request('PATCH', `/api/v1/members/${member.id}`, {
      phone: '17888888888',
    });
    expect(patched.status).toBe(200);
    const res = await clients.admin.request(
      'GET',
      `/api/v1/audit?entity=member&q=${encodeURIComponent(member.name)}`,
    );
    expect(res.json.rows.map((r: Entry) => r.action)).toEqual(['update', 'create']);
    const [update] = res.json.rows;
    expect(update).toMatchObject({
      entity: 'member',
      entityId: String(member.id),
      actorName: expect.stringContaining('（shuji）'),
      summary: `修改党员 ${member.name} 的档案`,
      ip: '127.0.0.1',
    });
    expect(update.before).toMatchObject({ phone: member.phone });
    expect(update.after).toMatchObject({ phone: '17888888888' });
  });

  it('never stores secrets: encrypted or hashed ID numbers, password hashes, CSRF tokens, full ID numbers', async () => {
    const input = memberInput(facts.branchId);
    const member = (await clients.shuji.request('POST', '/api/v1/members', input)).json;
    await clients.shuji.request('POST', `/api/v1/members/${member.id}/id-card`);
    await clients.shuji.request('POST', '/api/v1/accounts', { memberId: member.id, loginName: 'mimi' });
    const text = JSON.stringify(await allEntries(clients.admin));
    for (const secret of [
      'idCardEnc',
      'idCardHash',
      'passwordHash',
      'csrfToken',
      clients.shuji.csrfToken,
      input.idCard,
    ])
      expect(text).not.toContain(secret);
  });

  it('shows a supervisor the entries of its subtree only, and nobody below that role', async () => {
    const inside = (await clients.shuji.request('POST', '/api/v1/members', memberInput(facts.branchId))).json;
    const outside = (
      await clients.admin.request('POST', '/api/v1/members', memberInput(facts.otherUnitBranchId))
    ).json;
    const seen = await allEntries(clients.jiguan, '&entity=member');
    const ids = seen.map((e) => e.entityId);
    expect(ids).toContain(String(inside.id));
    expect(ids).not.toContain(String(outside.id));
    for (const who of [clients.shuji, clients.dangyuan]) {
      const res = await who.request('GET', '/api/v1/audit');
      expect(res).toMatchObject({
        status: 403,
        json: { code: 'FORBIDDEN', message: '您没有权限执行此操作' },
      });
    }
  });

  it('lists the newest first and filters by date', async () => {
    const rows = await allEntries(clients.admin);
    expect(rows.length).toBeGreaterThan(3);
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1]!.at >= rows[i]!.at).toBe(true);
    const day = shanghaiDate(new Date(rows[0]!.at));
    expect((await allEntries(clients.admin, `&from=${day}&to=${day}`)).map((r) => r.id)).toContain(
      rows[0]!.id,
    );
    expect(await allEntries(clients.admin, `&to=${addDays(day, -1)}&from=${addDays(day, -1)}`)).toEqual([]);
    const bad = await clients.admin.request('GET', '/api/v1/audit?from=2026-02-30');
    expect(bad.status).toBe(400);
    expect(bad.json.message).toContain('开始日期格式应为 YYYY-MM-DD 的有效日期');
  });

  it('writes no entry for a change that was refused', async () => {
    const before = await countRows(ctx.deps.db, 'audit_log');
    const res = await clients.admin.request('POST', `/api/v1/orgs/${facts.unitIds[0]}/move`, {
      newParentId: facts.branchId,
    });
    expect(res.status).toBe(400);
    expect(await countRows(ctx.deps.db, 'audit_log')).toBe(before);
  });

  it('is append-only: the database refuses UPDATE and DELETE on it', async () => {
    const before = await countRows(ctx.deps.db, 'audit_log');
    const [first] = await allEntries(clients.admin);
    expect(await failure(ctx.deps.db.execute(sql`update audit_log set summary = '篡改'`))).toContain(
      'audit_log is append-only',
    );
    expect(await failure(ctx.deps.db.execute(sql`delete from audit_log where id = ${first!.id}`))).toContain(
      'audit_log is append-only',
    );
    expect(await countRows(ctx.deps.db, 'audit_log')).toBe(before);
    const after = (await allEntries(clients.admin)).find((e) => e.id === first!.id);
    expect(after?.summary).toBe(first!.summary);
  });
});
