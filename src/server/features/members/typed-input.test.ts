import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberInput, multipartFile, rosterRow, rosterWorkbook } from '../../testing/factories';
import { createTestApi, createTestContext, type TestClient, type TestContext } from '../../testing/harness';
import { smallTree, TEST_PASSWORD } from '../../testing/trees';
import { membersRepository } from './members.repository';

/**
 * What a secretary types with a Chinese IME in full-width mode (全角), or pastes with spaces between groups,
 * is read the way it was meant, in the form's API and in the import alike.
 */
let ctx: TestContext;
let api: Awaited<ReturnType<typeof createTestApi>>;
let shuji: TestClient;
let t: Awaited<ReturnType<typeof smallTree>>;

beforeAll(async () => {
  ctx = await createTestContext();
  t = await smallTree(ctx);
  api = await createTestApi(ctx);
  shuji = await api.login(t.secretary.loginName, TEST_PASSWORD);
});
afterAll(async () => {
  await api.app.close();
  await ctx.close();
});

const fullWidth = (s: string) =>
  s.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).replace(/ /g, '\u3000');
const grouped = (id: string) => `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14).toLowerCase()}`;

describe('full-width and grouped input', () => {
  it('creates a member from a form typed in full width, stored in half width', async () => {
    const plain = memberInput(t.branch.id, { birthDate: '1990-03-07' });
    const res = await shuji.request('POST', '/api/v1/members', {
      ...plain,
      idCard: fullWidth(grouped(plain.idCard)),
      phone: fullWidth('138 0013 8123'),
      birthDate: fullWidth('1990-03-07'),
      joinedOn: fullWidth(' 2018-07-01 '),
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const stored = (await membersRepository.findById(ctx.deps.db, (res.json as { id: number }).id))!;
    expect(stored.phone).toBe('13800138123');
    expect(stored.birthDate).toBe('1990-03-07');
    expect(stored.joinedOn).toBe('2018-07-01');
    expect(stored.idCardMasked.slice(-4)).toBe(plain.idCard.slice(-4).toUpperCase());
  });

  it('imports rows whose ID numbers, phones and dates were typed in full width', async () => {
    const row = rosterRow();
    const file = await rosterWorkbook([
      {
        ...row,
        idCard: fullWidth(grouped(String(row.idCard))),
        phone: fullWidth(String(row.phone)),
        joinedOn: fullWidth('2018-07-01'),
      },
    ]);
    const { payload, headers } = multipartFile(file);
    const res = await shuji.inject({
      method: 'POST',
      url: `/api/v1/roster/import?orgId=${t.branch.id}`,
      payload,
      headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().imported).toBe(1);
  });
});
