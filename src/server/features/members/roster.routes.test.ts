import { describe, expect, it } from 'vitest';
import { ID_CARD_PROBLEM_MESSAGES } from '../../../domain/id-card';
import { XLSX_TYPE } from '../../http/api';
import {
  countRows,
  memberInput,
  multipartFile,
  readSheet,
  rosterRow,
  rosterWorkbook,
  validIdCard,
  withBadCheckDigit,
} from '../../testing/factories';
import { demoApi } from '../../testing/fixtures';
import type { TestClient } from '../../testing/harness';
import { headerText, ROSTER_COLUMNS } from './roster.excel';

const { ctx, facts, clients } = demoApi(['admin', 'jiguan', 'shuji', 'dangyuan']);

async function upload(client: TestClient, orgId: number, file: Buffer, dryRun = false) {
  const { payload, headers } = multipartFile(file);
  const res = await client.inject({
    method: 'POST',
    url: `/api/v1/roster/import?orgId=${orgId}${dryRun ? '&dryRun=true' : ''}`,
    payload,
    headers,
  });
  return { status: res.statusCode, json: res.json() };
}

async function download(client: TestClient, url: string) {
  const res = await client.inject({ method: 'GET', url });
  expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
  expect(res.headers['content-type']).toBe(XLSX_TYPE);
  return res;
}

const rosterCounts = async () => [
  await countRows(ctx.deps.db, 'members'),
  await countRows(ctx.deps.db, 'member_events'),
];
const findByIdCard = async (idCard: string) =>
  (await clients.admin.request('GET', `/api/v1/members?q=${idCard}`)).json.rows as Record<string, unknown>[];

describe('template', () => {
  it('downloads as .xlsx with the roster headers, text-formatted ID column and drop-down lists', async () => {
    const res = await download(clients.shuji, '/api/v1/roster/template');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('花名册导入模板.xlsx')}`,
    );
    const { workbook, sheet, headers } = await readSheet(res.rawPayload, '花名册');
    expect(headers).toEqual(ROSTER_COLUMNS.map(headerText));
    expect(headers).toContain('身份证号*');

    const col = (field: string) => ROSTER_COLUMNS.findIndex((c) => c.field === field) + 1;
    expect(sheet.getCell(2, col('idCard')).numFmt).toBe('@');
    const sexRule = sheet.getCell(2, col('sex')).dataValidation;
    expect(sexRule).toMatchObject({ type: 'list', showErrorMessage: true });
    const lists = workbook.getWorksheet('字典')!;
    expect(lists.state).toBe('veryHidden');
    const values = (formula: string) => {
      const m = /^字典!\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)$/.exec(formula)!;
      const out: unknown[] = [];
      for (let r = Number(m[2]); r <= Number(m[3]); r++) out.push(lists.getCell(`${m[1]}${r}`).value);
      return out;
    };
    expect(values(sexRule!.formulae![0] as string)).toEqual(['男', '女']);
    const ethnicities = values(sheet.getCell(2, col('ethnicity')).dataValidation!.formulae![0] as string);
    expect(ethnicities).toHaveLength(58);
    expect(ethnicities).toContain('汉族');
    const jobTitles = values(sheet.getCell(2, col('jobTitle')).dataValidation!.formulae![0] as string);
    expect(jobTitles).toEqual(expect.arrayContaining(['科员', '正科级', '专业技术人员']));
    expect(sheet.getCell(2, col('name')).dataValidation).toBeFalsy();
  });

  it('is refused to a plain member', async () => {
    expect(
      (await clients.dangyuan.inject({ method: 'GET', url: '/api/v1/roster/template' })).statusCode,
    ).toBe(403);
  });
});

describe('import', () => {
  it('refuses the whole file when any row is bad, naming row and column, and writes nothing', async () => {
    const before = await rosterCounts();
    const bad = rosterRow();
    const file = await rosterWorkbook([
      rosterRow(),
      rosterRow(),
      { ...bad, idCard: withBadCheckDigit(String(bad.idCard)) },
      rosterRow(),
      rosterRow({ ethnicity: '火星族' }),
    ]);
    const res = await upload(clients.shuji, facts.branchId, file);
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('VALIDATION');
    expect(res.json.message).toBe('导入失败：2 行有错误，共 2 处，未导入任何数据。请修正后重新导入。');
    expect(res.json.errors).toEqual([
      { row: 4, column: '身份证号', path: '第 4 行 身份证号', message: ID_CARD_PROBLEM_MESSAGES.checksum },
      { row: 6, column: '民族', path: '第 6 行 民族', message: '“火星族”不是有效的民族名称（GB/T 3304）' },
    ]);
    expect(await rosterCounts()).toEqual(before);
  });

  it('checks 职务 against the shared dictionary, like the member form', async () => {
    const before = await rosterCounts();
    const res = await upload(
      clients.shuji,
      facts.branchId,
      await rosterWorkbook([rosterRow({ jobTitle: '科员' }), rosterRow({ jobTitle: '办公室主任' })]),
    );
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([
      { row: 3, column: '职务', path: '第 3 行 职务', message: '“办公室主任”不在职务字典中' },
    ]);
    expect(await rosterCounts()).toEqual(before);
  });

  it('reports required cells left empty and dates it cannot read', async () => {
    const file = await rosterWorkbook([rosterRow({ name: null }), rosterRow({ joinedOn: '2020-13-45' })]);
    const res = await upload(clients.shuji, facts.branchId, file);
    expect(res.json.errors).toEqual([
      expect.objectContaining({ row: 2, column: '姓名', message: '姓名不能为空' }),
      expect.objectContaining({
        row: 3,
        column: '入党日期',
        message: '无法识别的日期“2020-13-45”，请填写如 2020-01-31',
      }),
    ]);
  });

  it('finds duplicate ID numbers and phones inside the file and against the roll', async () => {
    const onRoll = memberInput(facts.siblingBranchIds[0]!);
    const holder = await clients.admin.request('POST', '/api/v1/members', onRoll);
    expect(holder.status).toBe(200);
    const first = rosterRow();
    const before = await rosterCounts();
    const file = await rosterWorkbook([
      first,
      rosterRow({ sex: first.sex, birthDate: first.birthDate, idCard: first.idCard }),
      rosterRow({ phone: first.phone }),
      rosterRow({ sex: onRoll.sex, birthDate: onRoll.birthDate, idCard: onRoll.idCard }),
    ]);
    const res = await upload(clients.shuji, facts.branchId, file);
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([
      expect.objectContaining({ row: 3, column: '身份证号', message: '身份证号与第 2 行重复' }),
      expect.objectContaining({ row: 4, column: '手机号', message: '手机号与第 2 行重复' }),
      expect.objectContaining({
        row: 5,
        column: '身份证号',
        message: `身份证号与已在册党员“${onRoll.name}”重复`,
      }),
    ]);
    expect(await rosterCounts()).toEqual(before);
  });

  it('accepts Excel date cells, serial numbers and the usual text dates', async () => {
    const a = rosterRow({ sex: '男', birthDate: new Date(Date.UTC(1990, 4, 15)) });
    a.idCard = validIdCard('1990-05-15', '男');
    Object.assign(a, { joinedOn: 43861, confirmedOn: '2021/2/1', workStartedOn: '2012年7月1日' });
    const b = rosterRow({ sex: '女', birthDate: '1985/3/9', idCard: validIdCard('1985-03-09', '女') });
    Object.assign(b, {
      joinedOn: '2020年1月31日',
      confirmedOn: new Date(Date.UTC(2021, 1, 1)),
      workStartedOn: 20070701,
    });
    const res = await upload(clients.shuji, facts.branchId, await rosterWorkbook([a, b]));
    expect(res.json, JSON.stringify(res.json)).toEqual({ imported: 2, rows: 2, dryRun: false });
    expect((await findByIdCard(String(a.idCard)))[0]).toMatchObject({
      birthDate: '1990-05-15',
      joinedOn: '2020-01-31',
      confirmedOn: '2021-02-01',
      workStartedOn: '2012-07-01',
    });
    expect((await findByIdCard(String(b.idCard)))[0]).toMatchObject({
      birthDate: '1985-03-09',
      joinedOn: '2020-01-31',
      confirmedOn: '2021-02-01',
      workStartedOn: '2007-07-01',
    });
  });

  it('refuses an ID number that Excel stored as a number, saying why', async () => {
    const row = rosterRow({ sex: '男', birthDate: '1990-05-15' });
    row.idCard = Number(validIdCard('1990-05-15', '男').slice(0, 17));
    const res = await upload(clients.shuji, facts.branchId, await rosterWorkbook([row]));
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([
      expect.objectContaining({
        row: 2,
        column: '身份证号',
        message: '身份证号被 Excel 存成了数字（末尾可能已丢失），请将该列设为文本格式后重新填写',
      }),
    ]);
  });

  it('checks everything but writes nothing on a dry run', async () => {
    const before = await rosterCounts();
    const res = await upload(
      clients.shuji,
      facts.branchId,
      await rosterWorkbook([rosterRow(), rosterRow()]),
      true,
    );
    expect(res).toEqual({ status: 200, json: { imported: 0, rows: 2, dryRun: true } });
    expect(await rosterCounts()).toEqual(before);
  });

  it('writes the members with their history and one audit entry', async () => {
    const [members, events] = await rosterCounts();
    const rows = [rosterRow(), rosterRow(), rosterRow({ joinedOn: '2026-03-01', confirmedOn: null })];
    const res = await upload(clients.shuji, facts.groupIds[0]!, await rosterWorkbook(rows));
    expect(res).toEqual({ status: 200, json: { imported: 3, rows: 3, dryRun: false } });
    expect(await rosterCounts()).toEqual([members! + 3, events! + 5]);

    const [probationary] = await findByIdCard(String(rows[2]!.idCard));
    expect(probationary).toMatchObject({ orgId: facts.groupIds[0], status: '预备党员', name: rows[2]!.name });
    const detail = await clients.shuji.request('GET', `/api/v1/members/${probationary!.id}`);
    expect(detail.json.events).toEqual([
      expect.objectContaining({ kind: '接收预备党员', effectiveDate: '2026-03-01', status: '预备党员' }),
    ]);
    const [full] = await findByIdCard(String(rows[0]!.idCard));
    expect(full!.status).toBe('正式党员');
    const audit = await clients.admin.request('GET', '/api/v1/audit?entity=member');
    expect(audit.json.rows).toContainEqual(
      expect.objectContaining({ action: 'import', summary: expect.stringContaining('导入花名册 3 人') }),
    );
  });

  it('refuses files it cannot read, missing headers, a missing file, and branches outside scope', async () => {
    const junk = await upload(clients.shuji, facts.branchId, Buffer.from('姓名,性别\n张三,男\n'));
    expect(junk).toMatchObject({ status: 400, json: { message: expect.stringContaining('无法读取文件') } });
    const noHeaders = await rosterWorkbook(
      [rosterRow()],
      [
        { field: 'name', header: '姓名*' },
        { field: 'sex', header: '性别*' },
      ],
    );
    const missing = await upload(clients.shuji, facts.branchId, noHeaders);
    expect(missing.json.message).toContain('表头缺少必填列：民族、出生日期、身份证号、入党日期、人员类别');
    const empty = await upload(clients.shuji, facts.branchId, await rosterWorkbook([]));
    expect(empty.json.message).toBe('文件中没有可导入的数据行');
    const json = await clients.shuji.request('POST', `/api/v1/roster/import?orgId=${facts.branchId}`, {
      file: 'x',
    });
    expect(json.status).toBe(400);
    const before = await rosterCounts();
    const outside = await upload(clients.shuji, facts.otherUnitBranchId, await rosterWorkbook([rosterRow()]));
    expect(outside.status).toBe(404);
    const member = await upload(clients.dangyuan, facts.branchId, await rosterWorkbook([rosterRow()]));
    expect(member.status).toBe(403);
    expect(await rosterCounts()).toEqual(before);
  });
});

describe('export', () => {
  const idColumn = headerText(ROSTER_COLUMNS.find((c) => c.field === 'idCard')!);

  it('gives the secretary the filtered roster with full ID numbers', async () => {
    const list = await clients.shuji.request('GET', '/api/v1/members?pageSize=200');
    const res = await download(clients.shuji, '/api/v1/roster/export');
    const { rows, headers } = await readSheet(res.rawPayload);
    expect(headers.slice(0, 2)).toEqual(['序号', '所在组织']);
    expect(rows).toHaveLength(list.json.total);
    for (const r of rows) expect(String(r[idColumn])).toMatch(/^\d{17}[\dX]$/);
    const names = rows.map((r) => r['姓名*']).sort();
    expect(names).toEqual(list.json.rows.map((r: { name: string }) => r.name).sort());

    const probationary = await download(
      clients.shuji,
      `/api/v1/roster/export?status=${encodeURIComponent('预备党员')}`,
    );
    const filtered = (await readSheet(probationary.rawPayload)).rows;
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.length).toBeLessThan(rows.length);
    for (const r of filtered) expect(r.党员状态).toBe('预备党员');
  });

  it('masks ID numbers for a supervisor', async () => {
    const res = await download(clients.jiguan, `/api/v1/roster/export?orgId=${facts.branchId}`);
    const { rows } = await readSheet(res.rawPayload);
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) expect(String(r[idColumn])).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
  });

  it('re-imported into another branch, reports every row as a duplicate and imports nothing', async () => {
    const exported = (await download(clients.shuji, '/api/v1/roster/export')).rawPayload;
    const count = (await readSheet(exported)).rows.length;
    const before = await rosterCounts();
    const res = await upload(clients.admin, facts.siblingBranchIds[0]!, exported);
    expect(res.status).toBe(400);
    const duplicateRows = new Set(
      res.json.errors
        .filter(
          (e: { column: string; message: string }) => e.column === '身份证号' && e.message.includes('重复'),
        )
        .map((e: { row: number }) => e.row),
    );
    expect([...duplicateRows].sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: count }, (_, i) => i + 2),
    );
    expect(await rosterCounts()).toEqual(before);
  });

  it('exports only their own record to a plain member', async () => {
    const res = await download(clients.dangyuan, '/api/v1/roster/export');
    const { rows } = await readSheet(res.rawPayload);
    expect(rows).toHaveLength(1);
  });
});
