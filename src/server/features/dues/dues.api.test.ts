import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database';
import { multipartFile } from '../../testing/factories';
import { createTestApi, createTestContext, type TestClient, type TestContext } from '../../testing/harness';

/**
 * The dues module through HTTP on the demo installation (today 2026-11-20): routes answer in their declared
 * schemas, scope holds at the edge, bad input changes nothing, files are real Excel workbooks.
 */
let ctx: TestContext;
let api: Awaited<ReturnType<typeof createTestApi>>;
const as: Record<string, TestClient> = {};
let branchId: number;
let otherBranchId: number;

beforeAll(async () => {
  ctx = await createTestContext({ demo: true });
  api = await createTestApi(ctx);
  for (const login of ['admin', 'gongwei', 'jiguan', 'shuji', 'shuji2', 'dangyuan'])
    as[login] = await api.login(login);
  branchId = (await as.shuji!.request('GET', '/api/v1/auth/me')).json.roles[0].orgId;
  otherBranchId = (await as.shuji2!.request('GET', '/api/v1/auth/me')).json.roles[0].orgId;
});
afterAll(async () => {
  await api.app.close();
  await ctx.close();
});

const rollupSnapshot = () =>
  queryRows<Record<string, unknown>>(
    ctx.deps.db,
    sql`select org_id, month, members, settled, payable_fen, paid_fen, collected_fen, voluntary_fen, remit_in_full_fen
        from dues_rollups where members <> 0 or collected_fen <> 0 order by org_id, month`,
  );

describe('the demo year', () => {
  it('keeps rollups equal to a rebuild from the records', async () => {
    const before = await rollupSnapshot();
    const [root] = await queryRows<{ id: number }>(
      ctx.deps.db,
      sql`select id from orgs where parent_id is null`,
    );
    const { duesRepository } = await import('./dues.repository');
    await ctx.deps.db.transaction((tx) => duesRepository.rebuildRollups(tx, Number(root!.id)));
    expect(await rollupSnapshot()).toEqual(before);
  });

  it('shows arrears at both alert levels somewhere in the tree', async () => {
    const gongweiRoot = (await as.gongwei!.request('GET', '/api/v1/auth/me')).json.roles[0].orgId;
    const r = await as.gongwei!.request('GET', `/api/v1/dues/arrears?orgId=${gongweiRoot}`);
    expect(r.status).toBe(200);
    const levels = r.json.rows.map((x: { level: number | null }) => x.level);
    expect(levels).toContain(3);
    expect(levels).toContain(6);
  });
});

describe('a secretary keeps the month', () => {
  it('generates the current month, idempotently, and shows the working of every row', async () => {
    const first = await as.shuji!.request('POST', '/api/v1/dues/months', {
      orgId: branchId,
      month: '2026-11',
    });
    expect(first.status).toBe(200);
    expect(first.json.created).toBeGreaterThan(5);
    const again = await as.shuji!.request('POST', '/api/v1/dues/months', {
      orgId: branchId,
      month: '2026-11',
    });
    expect(again.json).toMatchObject({ created: 0, total: first.json.total });
    const ledger = await as.shuji!.request('GET', `/api/v1/dues/ledger?orgId=${branchId}&month=2026-11`);
    expect(ledger.status).toBe(200);
    expect(ledger.json.rows).toHaveLength(first.json.total);
    const banded = ledger.json.rows.find((r: { calcKind: string }) => r.calcKind === 'bands');
    expect(banded.working).toMatch(/^\d+\.\d{2} 元 × [\d.]+% = \d+\.\d{2} 元（四舍五入到分）$/);
    expect(ledger.json.totals.members).toBe(first.json.total);
  });

  it('records a payment and answers bad input in Chinese, changing nothing', async () => {
    const ledger = await as.shuji!.request('GET', `/api/v1/dues/ledger?orgId=${branchId}&month=2026-11`);
    const row = ledger.json.rows.find((r: { owedFen: number }) => r.owedFen > 0);
    const fractional = await as.shuji!.request('POST', '/api/v1/dues/payments', {
      memberId: row.memberId,
      paidOn: '2026-11-20',
      lines: [{ month: '2026-11', amountFen: 12.5 }],
    });
    expect(fractional.status).toBe(400);
    expect(fractional.json.message).toContain('精确到分');
    const tooMuch = await as.shuji!.request('POST', '/api/v1/dues/payments', {
      memberId: row.memberId,
      paidOn: '2026-11-20',
      lines: [{ month: '2026-11', amountFen: row.owedFen + 1 }],
    });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.json.message).toContain('自愿多交');
    const future = await as.shuji!.request('POST', '/api/v1/dues/payments', {
      memberId: row.memberId,
      paidOn: '2026-11-21',
      lines: [{ month: '2026-11', amountFen: 1 }],
    });
    expect(future.json.message).toBe('交纳日期不能晚于今天');
    const unchanged = await as.shuji!.request('GET', `/api/v1/dues/ledger?orgId=${branchId}&month=2026-11`);
    expect(unchanged.json.totals).toEqual(ledger.json.totals);

    const ok = await as.shuji!.request('POST', '/api/v1/dues/payments', {
      memberId: row.memberId,
      paidOn: '2026-11-20',
      lines: [{ month: '2026-11', amountFen: row.owedFen }],
      voluntaryFen: 0,
    });
    expect(ok.status).toBe(200);
    expect(ok.json.lines).toEqual([{ month: '2026-11', amountFen: row.owedFen, kind: '按月交纳' }]);
    const after = await as.shuji!.request('GET', `/api/v1/dues/ledger?orgId=${branchId}&month=2026-11`);
    expect(after.json.totals.paidFen).toBe(ledger.json.totals.paidFen + row.owedFen);
  });

  it('exports the monthly and annual sheets as Excel workbooks', async () => {
    for (const query of [`month=2026-11&year=2026`, 'year=2026']) {
      const r = await as.shuji!.inject({
        method: 'GET',
        url: `/api/v1/dues/sheet?orgId=${branchId}&${query}`,
      });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
      const title = String(wb.worksheets[0]!.getCell(1, 1).value);
      expect(title).toContain(
        query.startsWith('month') ? '2026年11月党费收缴登记表' : '2026年度党费收缴情况表',
      );
    }
  });
});

describe('bases import', () => {
  it('refuses a file with any bad row, listing each problem, and imports a good one', async () => {
    const template = await as.shuji!.inject({
      method: 'GET',
      url: `/api/v1/dues/bases/template?orgId=${branchId}&month=2026-12`,
    });
    expect(template.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('党费基数')!;
    const first = sheet.getRow(2);
    const second = sheet.getRow(3);
    first.getCell(4).value = '在职';
    first.getCell(6).value = 6543.21;
    second.getCell(4).value = '在职';
    second.getCell(6).value = '五千';
    const bad = Buffer.from(await wb.xlsx.writeBuffer());
    const basesBefore = await queryRows<{ n: number }>(
      ctx.deps.db,
      sql`select count(*)::int as n from dues_bases`,
    );
    const refused = await as.shuji!.inject({
      method: 'POST',
      url: `/api/v1/dues/bases/import?orgId=${branchId}`,
      ...multipartFile(bad, '党费基数.xlsx'),
    });
    expect(refused.statusCode).toBe(400);
    const body = refused.json();
    expect(body.message).toContain('未导入任何数据');
    expect(body.errors).toEqual([expect.objectContaining({ row: 3, column: '月收入基数（元）' })]);
    expect(await queryRows(ctx.deps.db, sql`select count(*)::int as n from dues_bases`)).toEqual(basesBefore);

    second.getCell(6).value = 5000;
    const good = Buffer.from(await wb.xlsx.writeBuffer());
    const imported = await as.shuji!.inject({
      method: 'POST',
      url: `/api/v1/dues/bases/import?orgId=${branchId}`,
      ...multipartFile(good, '党费基数.xlsx'),
    });
    expect(imported.statusCode).toBe(200);
    expect(imported.json().imported).toBe(sheet.actualRowCount - 1);
    const memberId = Number(first.getCell(1).value);
    const bases = await as.shuji!.request('GET', `/api/v1/dues/bases?orgId=${branchId}&month=2026-12`);
    const mine = bases.json.rows.find((r: { memberId: number }) => r.memberId === memberId);
    expect(mine).toMatchObject({ dueFen: 9815, working: '6543.21 元 × 1.5% = 98.15 元（四舍五入到分）' });
  });
});

describe('scope at the edge', () => {
  it('keeps another branch secretary out of this ledger, and supervisors read-only', async () => {
    const ledger = await as.shuji2!.request('GET', `/api/v1/dues/ledger?orgId=${branchId}&month=2026-11`);
    expect(ledger.status).toBe(404);
    const mine = await as.shuji!.request('GET', `/api/v1/dues/ledger?orgId=${branchId}&month=2026-11`);
    const memberId = mine.json.rows[0].memberId;
    const pay = await as.shuji2!.request('POST', '/api/v1/dues/payments', {
      memberId,
      paidOn: '2026-11-20',
      lines: [],
      voluntaryFen: 100,
    });
    expect(pay.status).toBe(404);
    const adjust = await as.shuji2!.request('POST', '/api/v1/dues/adjustments', {
      memberId,
      month: '2026-11',
      amountFen: 100,
      reason: '越权调整',
    });
    expect(adjust.status).toBe(404);
    const close = await as.shuji2!.request('POST', '/api/v1/dues/close', {
      orgId: branchId,
      month: '2026-10',
    });
    expect(close.status).toBe(404);
    const own = await as.shuji2!.request('GET', `/api/v1/dues/ledger?orgId=${otherBranchId}&month=2026-11`);
    expect(own.status).toBe(200);
    const supervisorWrite = await as.jiguan!.request('POST', '/api/v1/dues/months', {
      orgId: branchId,
      month: '2026-11',
    });
    expect(supervisorWrite.status).toBe(403);
    const member = await as.dangyuan!.request('GET', `/api/v1/dues/ledger?orgId=${branchId}&month=2026-11`);
    expect(member.status).toBe(403);
  });
});

describe('supervisors and members', () => {
  it('answers the dashboard from the rollups, children adding up to the total', async () => {
    const root = (await as.gongwei!.request('GET', '/api/v1/auth/me')).json.roles[0].orgId;
    const r = await as.gongwei!.request(
      'GET',
      `/api/v1/dues/dashboard?orgId=${root}&year=2026&month=2026-10`,
    );
    expect(r.status).toBe(200);
    const sum = (k: string) => r.json.children.reduce((s: number, c: Record<string, number>) => s + c[k]!, 0);
    expect(sum('members')).toBe(r.json.total.members);
    expect(sum('paidFen')).toBe(r.json.total.paidFen);
    expect(r.json.series).toHaveLength(12);
    const remit = await as.gongwei!.request('GET', `/api/v1/dues/remittance?orgId=${root}&year=2026`);
    expect(remit.json.total.remitInFullFen).toBe(120_000);
  });

  it('shows a member this month with its working, what is owed, and the history', async () => {
    const r = await as.dangyuan!.request('GET', '/api/v1/dues/me');
    expect(r.status).toBe(200);
    expect(r.json.current).toMatchObject({ month: '2026-11' });
    expect(r.json.current.working).toContain('元');
    expect(r.json.history.length).toBeGreaterThanOrEqual(12);
    expect(r.json.owedFen).toBe(
      r.json.history
        .filter((h: { month: string }) => h.month <= '2026-11')
        .reduce((s: number, h: { owedFen: number }) => s + h.owedFen, 0),
    );
  });
});
