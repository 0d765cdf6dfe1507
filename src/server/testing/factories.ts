import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Actor, Grant } from '../../domain/access';
import { checkCharacter } from '../../domain/id-card';
import { type Executor, queryRows } from '../db/database';
import type { TMemberCreate } from '../features/members/members.schema';
import { headerText, ROSTER_COLUMNS } from '../features/members/roster.excel';
import { XLSX_TYPE } from '../http/api';

/**
 * Test data: valid by default, every field overridable, unique where the roster demands it (ID number,
 * phone). Fictional: ID numbers use Beijing region codes the demo generator never produces, phones the 17x
 * prefix it never produces.
 */
let serial = 0;
const nextSerial = () => ++serial;

/** A GB 11643 number for a birth date and sex; `seq` makes it unique (0 … 49,999). */
export function validIdCard(birthDate: string, sex: '男' | '女', seq = nextSerial()): string {
  const region = String(110101 + Math.floor(seq / 500));
  const order = String((seq % 500) * 2 + (sex === '男' ? 1 : 0)).padStart(3, '0');
  const first17 = `${region}${birthDate.replaceAll('-', '')}${order}`;
  return first17 + checkCharacter(first17);
}

/** The same number with a wrong check character. */
export function withBadCheckDigit(idCard: string): string {
  const right = idCard[17];
  const wrong = right === '0' ? '1' : '0';
  return idCard.slice(0, 17) + wrong;
}

export function uniquePhone(n = nextSerial()): string {
  return `17${String(n).padStart(9, '0')}`;
}

/** A valid roster record: born 1988, joined at 30, confirmed a year later, in service. */
export function memberInput(orgId: number, overrides: Partial<TMemberCreate> = {}): TMemberCreate {
  const n = nextSerial();
  const sex = overrides.sex ?? (n % 2 === 0 ? '女' : '男');
  const birthDate = overrides.birthDate ?? '1988-03-12';
  return {
    orgId,
    name: `测试党员${n}`,
    sex,
    ethnicity: '汉族',
    birthDate,
    education: '大学本科',
    idCard: validIdCard(birthDate, sex, n),
    phone: uniquePhone(n),
    joinedOn: '2018-07-01',
    confirmedOn: '2019-07-01',
    workStartedOn: '2010-08-01',
    jobTitle: '科员',
    category: '在职',
    ...overrides,
  };
}

/** A synthetic actor: grants as given, optionally the roster record behind the account. */
export function actorWith(
  grants: readonly Grant[],
  member: { id: number; orgPath: string } | null = null,
  accountId = 0,
): Actor {
  return {
    accountId,
    loginName: `test-${accountId}`,
    displayName: '测试账号',
    memberId: member?.id ?? null,
    memberOrgPath: member?.orgPath ?? null,
    grants,
    ip: '127.0.0.1',
  };
}

export const ADMIN: Actor = actorWith([{ role: 'admin', orgId: 1, orgPath: '/' }]);

/** One roster row keyed by field name, as a secretary would type it into the template. */
export type RosterRow = Partial<Record<string, ExcelJS.CellValue>>;

export function rosterRow(overrides: RosterRow = {}): RosterRow {
  const m = memberInput(0);
  return {
    name: m.name,
    sex: m.sex,
    ethnicity: m.ethnicity,
    birthDate: m.birthDate,
    education: m.education,
    idCard: m.idCard,
    phone: m.phone,
    joinedOn: m.joinedOn,
    confirmedOn: m.confirmedOn,
    workStartedOn: m.workStartedOn,
    jobTitle: m.jobTitle,
    category: m.category,
    ...overrides,
  };
}

/** A workbook laid out like the import template: header row, then one row per record. */
export async function rosterWorkbook(
  rows: readonly RosterRow[],
  columns = ROSTER_COLUMNS.map((c) => ({ field: c.field, header: headerText(c) })),
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('花名册');
  sheet.addRow(columns.map((c) => c.header));
  for (const row of rows) sheet.addRow(columns.map((c) => row[c.field] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A multipart/form-data body with one file field, built by hand as a browser would send it. */
export function multipartFile(file: Buffer, fileName = '花名册.xlsx', field = 'file') {
  const boundary = `----zhibu${randomBytes(8).toString('hex')}`;
  const head =
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${encodeURIComponent(fileName)}"\r\n` +
    `Content-Type: ${XLSX_TYPE}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Reads the first sheet of an .xlsx into rows of cell values keyed by the header text. */
export async function readSheet(file: Buffer, sheetName?: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  const sheet = sheetName ? wb.getWorksheet(sheetName) : wb.worksheets[0];
  if (!sheet) throw new Error(`no sheet ${sheetName}`);
  const headers = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map((v) => String(v));
  const rows: Record<string, ExcelJS.CellValue>[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const values = sheet.getRow(r).values as ExcelJS.CellValue[];
    if (values.length === 0) continue;
    rows.push(Object.fromEntries(headers.map((h, i) => [h, values[i + 1] ?? null])));
  }
  return { workbook: wb, sheet, headers, rows };
}

/** Row counts straight from the tables, bypassing every service (what a test compares before and after). */
export async function countRows(db: Executor, table: 'members' | 'member_events' | 'audit_log' | 'orgs') {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from ${sql.identifier(table)}`,
  );
  return Number(row!.n);
}

export interface DemoFacts {
  rootId: number;
  /** The first and second 机关党委 (jiguan supervises the first). */
  unitIds: [number, number];
  /** shuji's branch, which has two 党小组. */
  branchId: number;
  groupIds: number[];
  /** Branches under the first 机关党委 without party groups, other than shuji's. */
  siblingBranchIds: number[];
  /** shuji2's branch, under the second 机关党委. */
  otherUnitBranchId: number;
  accounts: Record<'admin' | 'gongwei' | 'jiguan' | 'shuji' | 'shuji2' | 'dangyuan', number>;
  members: Record<'shuji' | 'shuji2' | 'dangyuan', number>;
}

/** Where things are in the demo installation, looked up rather than assumed. */
export async function demoFacts(db: Executor): Promise<DemoFacts> {
  const orgs = await queryRows<{ id: number; parent_id: number | null; type: string }>(
    db,
    sql`select id, parent_id, type from orgs order by id`,
  );
  const accounts = await queryRows<{
    id: number;
    login_name: string;
    member_id: number | null;
    org_id: number | null;
  }>(
    db,
    sql`select a.id, a.login_name, a.member_id, g.org_id from accounts a
        left join account_grants g on g.account_id = a.id order by a.id`,
  );
  const account = (login: string) => accounts.find((a) => a.login_name === login)!;
  const childrenOf = (id: number) => orgs.filter((o) => o.parent_id === id);
  const rootId = orgs.find((o) => o.parent_id === null)!.id;
  const units = orgs.filter((o) => o.type === '机关党委').map((o) => o.id);
  const branchId = account('shuji').org_id!;
  return {
    rootId,
    unitIds: [units[0]!, units[1]!],
    branchId,
    groupIds: childrenOf(branchId).map((o) => o.id),
    siblingBranchIds: childrenOf(units[0]!)
      .filter((o) => o.type === '党支部' && o.id !== branchId && childrenOf(o.id).length === 0)
      .map((o) => o.id),
    otherUnitBranchId: account('shuji2').org_id!,
    accounts: {
      admin: account('admin').id,
      gongwei: account('gongwei').id,
      jiguan: account('jiguan').id,
      shuji: account('shuji').id,
      shuji2: account('shuji2').id,
      dangyuan: account('dangyuan').id,
    },
    members: {
      shuji: account('shuji').member_id!,
      shuji2: account('shuji2').member_id!,
      dangyuan: account('dangyuan').member_id!,
    },
  };
}
