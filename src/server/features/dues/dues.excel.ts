import ExcelJS from 'exceljs';
import {
  DUES_CATEGORIES,
  type DuesCategory,
  formatYuan,
  isMonthKey,
  monthLabel,
  monthOf,
  REGULATION_NAME,
} from '../../../domain/dues';
import { plainFigure } from '../../../domain/input';
import { cellText, parseDateCell } from '../../excel/cells';
import { addHelpSheet, readImportSheet } from '../../excel/import';
import { defineSection, ledgerWorkbook } from '../../ledgers';
import type { ZAnnual, ZLedger } from './dues.schema';

type Ledger = import('zod').infer<typeof ZLedger>;
type LedgerDoc = import('../../ledgers').Ledger;
type Annual = import('zod').infer<typeof ZAnnual>;

/** The monthly collection sheet (党费收缴登记表) as a ledger: every row with its working, totals and the rule. */
export function monthlyLedger(ledger: Ledger): LedgerDoc {
  const t = ledger.totals;
  const title = `${ledger.org.name} ${monthLabel(ledger.month)}党费收缴登记表`;
  const section = defineSection({
    sheet: `${ledger.month} 党费`,
    title,
    columns: [
      { header: '序号', kind: 'count', value: (_r, i) => i + 1 },
      { header: '姓名', value: (r) => r.name },
      { header: '所在组织', value: (r) => r.orgName, maxWidth: 24 },
      { header: '身份', value: (r) => r.memberStatus },
      { header: '类别', value: (r) => r.category },
      { header: '计算基数（元）', kind: 'money', value: (r) => r.baseFen },
      { header: '比例', value: (r) => (r.basisPoints === null ? '' : `${r.basisPoints / 100}%`) },
      { header: '应交（元）', kind: 'money', value: (r) => r.dueFen },
      { header: '调整（元）', kind: 'money', value: (r) => (r.adjustmentFen === 0 ? null : r.adjustmentFen) },
      { header: '实交（元）', kind: 'money', value: (r) => r.paidFen },
      { header: '欠交（元）', kind: 'money', value: (r) => r.owedFen },
      { header: '状态', value: (r) => r.state },
      { header: '交纳日期', kind: 'date', value: (r) => r.paidOn },
      { header: '计算过程', value: (r) => r.working, maxWidth: 44 },
    ],
    rows: ledger.rows,
    totals: [
      [
        '合计',
        `${t.members} 人`,
        '',
        '',
        '',
        '',
        '',
        ledger.rows.reduce((s, r) => s + r.dueFen, 0),
        ledger.rows.reduce((s, r) => s + r.adjustmentFen, 0),
        t.paidFen,
        t.owedFen,
        `交清 ${t.settled} 人`,
        '',
        `收缴率 ${t.rate}%`,
      ],
    ],
    notes: [
      `计算依据：${REGULATION_NAME}；按月收入全额对应比例计算（不累进），${ledger.roundingLabel}。`,
      ledger.voluntaryFen > 0
        ? `本月自愿多交 ${formatYuan(ledger.voluntaryFen)} 元${ledger.remitInFullFen > 0 ? `，其中一次性 1000 元以上 ${formatYuan(ledger.remitInFullFen)} 元全额上缴` : ''}。`
        : '',
      ledger.closed ? `本月已结账（${ledger.closedBy ?? ''}）。` : '本月尚未结账。',
      '支部书记（签字）：              收缴人（签字）：              日期：',
    ].filter(Boolean),
  });
  return {
    org: ledger.org.name,
    period: monthLabel(ledger.month),
    name: '党费收缴登记表',
    sections: [section],
  };
}

/** The annual collection sheet as a ledger: members × months (paid / payable), with month totals. */
export function annualLedger(annual: Annual): LedgerDoc {
  const title = `${annual.org.name} ${annual.year}年度党费收缴情况表（实交 / 应交，元）`;
  const monthCell = (c: Annual['rows'][number]['cells'][number]) =>
    c === null
      ? '—'
      : c.state === '待核定'
        ? '待核定'
        : `${formatYuan(c.paidFen)}/${formatYuan(c.payableFen)}`;
  const section = defineSection({
    sheet: `${annual.year} 年度`,
    title,
    columns: [
      { header: '序号', kind: 'count', value: (_r, i) => i + 1 },
      { header: '姓名', value: (r) => r.name },
      { header: '所在组织', value: (r) => r.orgName, maxWidth: 20 },
      ...annual.months.map((m, k) => ({
        header: `${Number(m.slice(5))}月`,
        value: (r: Annual['rows'][number]) => monthCell(r.cells[k] ?? null),
      })),
      { header: '全年应交', kind: 'money', value: (r) => r.payableFen },
      { header: '全年实交', kind: 'money', value: (r) => r.paidFen },
      { header: '欠交', kind: 'money', value: (r) => r.owedFen },
    ],
    rows: annual.rows,
    totals: [
      [
        '合计',
        `${annual.rows.length} 人`,
        '',
        ...annual.monthTotals.map((t) =>
          t.members === 0 ? '—' : `${formatYuan(t.paidFen)}/${formatYuan(t.payableFen)}`,
        ),
        annual.totals.payableFen,
        annual.totals.paidFen,
        annual.totals.owedFen,
      ],
      [
        '收缴率',
        '',
        '',
        ...annual.monthTotals.map((t) => (t.members === 0 ? '—' : `${t.rate}%`)),
        '',
        '',
        '',
      ],
    ],
    notes: [
      `计算依据：${REGULATION_NAME}；按月收入全额对应比例计算（不累进），舍入：${annual.roundingStatement}。“—”表示当月不在本组织或台账未生成。`,
    ],
  });
  return { org: annual.org.name, period: `${annual.year}年度`, name: '党费收缴情况表', sections: [section] };
}

export const monthlySheet = (ledger: Ledger): Promise<Buffer> => ledgerWorkbook(monthlyLedger(ledger));
export const annualSheet = (annual: Annual): Promise<Buffer> => ledgerWorkbook(annualLedger(annual));

/* ---------- bases: template and import ---------- */

export interface BasisColumn {
  field:
    | 'memberId'
    | 'name'
    | 'orgName'
    | 'category'
    | 'effectiveMonth'
    | 'base'
    | 'chosen'
    | 'approved'
    | 'approvalNote';
  header: string;
  required: boolean;
  width: number;
  note: string;
}

export const BASIS_COLUMNS: readonly BasisColumn[] = [
  { field: 'memberId', header: '党员编号', required: true, width: 10, note: '必填，系统编号，请勿修改' },
  { field: 'name', header: '姓名', required: true, width: 10, note: '必填，须与编号对应的党员一致' },
  { field: 'orgName', header: '所在组织', required: false, width: 22, note: '仅供核对，导入时不读取' },
  { field: 'category', header: '党费类别', required: true, width: 10, note: '必填：在职 / 离退休 / 学生 …' },
  {
    field: 'effectiveMonth',
    header: '起始月份',
    required: true,
    width: 11,
    note: '必填，如 2026-07：新工资从发放当月起计算',
  },
  {
    field: 'base',
    header: '月收入基数（元）',
    required: false,
    width: 15,
    note: '在职、离退休等按比例计算的党员必填：税后工资或退休费，最多两位小数',
  },
  { field: 'chosen', header: '农民党员交纳金额（元）', required: false, width: 15, note: '0.20 至 1.00' },
  {
    field: 'approved',
    header: '核定金额（元）',
    required: false,
    width: 13,
    note: '经批准少交或免交时填写（免交填 0）',
  },
  { field: 'approvalNote', header: '批准情况', required: false, width: 24, note: '填写了核定金额时必填' },
];

const headerText = (c: BasisColumn) => (c.required ? `${c.header}*` : c.header);

export interface TemplateMember {
  id: number;
  name: string;
  orgName: string;
  category: string;
  baseFen: number | null;
}

/** The import template, filled with the subtree's members and their category (bases left to be typed). */
export async function basesTemplate(membersList: readonly TemplateMember[], month: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '智慧支部';
  const sheet = wb.addWorksheet('党费基数', { views: [{ state: 'frozen', ySplit: 1 }] });
  const lists = wb.addWorksheet('字典', { state: 'veryHidden' });
  lists.getColumn(1).values = ['党费类别', ...DUES_CATEGORIES];
  sheet.columns = BASIS_COLUMNS.map((c) => ({ header: headerText(c), key: c.field, width: c.width }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  BASIS_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.note = c.note;
    cell.fill = {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: c.required ? 'FFFDE2E2' : 'FFF2F2F2' },
    };
  });
  sheet.getColumn(5).numFmt = '@';
  membersList.forEach((m, i) => {
    const row = sheet.getRow(i + 2);
    row.getCell(1).value = m.id;
    row.getCell(2).value = m.name;
    row.getCell(3).value = m.orgName;
    row.getCell(4).value = (DUES_CATEGORIES as readonly string[]).includes(m.category) ? m.category : '其他';
    row.getCell(5).value = month;
    if (m.baseFen !== null) row.getCell(6).value = Number(formatYuan(m.baseFen));
  });
  for (let r = 2; r <= Math.max(membersList.length + 1, 2) + 200; r++)
    sheet.getCell(r, 4).dataValidation = {
      type: 'list',
      allowBlank: false,
      formulae: [`字典!$A$2:$A$${DUES_CATEGORIES.length + 1}`],
      showErrorMessage: true,
      error: '请从下拉列表选择党费类别',
    };
  addHelpSheet(wb, [
    '1. 每行一名党员的一条基数记录，带 * 的列为必填；请勿修改“党员编号”和表头。',
    '2. 起始月份：新的工资或退休费从发放当月起计算党费，如 2026-07。',
    '3. 金额以元为单位，最多两位小数；在职、离退休、灵活就业等按比例计算的党员须填写月收入基数（税后）。',
    '4. 学生、下岗失业、低保党员按固定标准计算，无需填写基数；农民党员填写 0.20 至 1.00 元的交纳金额。',
    '5. 经批准少交或免交的，填写核定金额和批准情况。',
    '6. 整批校验：任一行有错误则全部不导入，并列出每个错误的行号、列和原因。',
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ParsedBasisRow {
  row: number;
  memberId: number | null;
  name: string | null;
  category: DuesCategory | null;
  effectiveMonth: string | null;
  baseFen: number | null;
  chosenFen: number | null;
  approvedFen: number | null;
  approvalNote: string | null;
}

export interface ParseProblem {
  row: number;
  column: string;
  message: string;
}

/** 元 as typed (text or an Excel number) to 分, exactly; null when empty, 'invalid' when not money. */
export function parseYuanCell(value: unknown): number | null | 'invalid' {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') {
    const fen = Math.round(value * 100);
    if (!Number.isFinite(value) || value < 0 || Math.abs(value * 100 - fen) > 1e-6) return 'invalid';
    return fen;
  }
  const text = plainFigure(String(value)).replace(/,/g, '').replace(/元$/, '');
  if (!text) return null;
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) return 'invalid';
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** A month as typed: 2026-07, 2026/7, 2026年7月, or an Excel date (its month). */
export function parseMonthCell(value: unknown): string | null | 'invalid' {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string') {
    const m = /^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*$/.exec(plainFigure(value));
    if (m) {
      const key = `${m[1]}-${m[2]!.padStart(2, '0')}`;
      return isMonthKey(key) ? key : 'invalid';
    }
  }
  const date = parseDateCell(value);
  if (date === null || date === 'invalid') return 'invalid';
  return monthOf(date);
}

/** Reads the bases sheet: shape problems per cell; the service judges the rest against the roster. */
export async function parseBasesWorkbook(
  file: Buffer,
  maxRows: number,
): Promise<{ rows: ParsedBasisRow[]; problems: ParseProblem[] } | { fatal: string }> {
  const opened = await readImportSheet(file, BASIS_COLUMNS);
  if ('fatal' in opened) return opened;
  const { sheet, columnOf, lastRow } = opened;
  if (lastRow - 1 > maxRows) return { fatal: `一次最多导入 ${maxRows} 行，请拆分文件` };

  const rows: ParsedBasisRow[] = [];
  const problems: ParseProblem[] = [];
  const header = (field: BasisColumn['field']) => BASIS_COLUMNS.find((c) => c.field === field)!.header;
  for (let r = 2; r <= lastRow; r++) {
    const raw = (field: BasisColumn['field']) => {
      const col = columnOf.get(field);
      return col ? cellText(sheet.getRow(r).getCell(col).value) : null;
    };
    const fields = BASIS_COLUMNS.filter((c) => c.field !== 'orgName').map((c) => raw(c.field));
    if (fields.every((v) => v === null || v === '')) continue;
    const fail = (field: BasisColumn['field'], message: string) =>
      problems.push({ row: r, column: header(field), message });
    const text = (field: BasisColumn['field']) => {
      const v = raw(field);
      const t = v === null || v === undefined ? '' : String(v).trim();
      return t === '' ? null : t;
    };
    const idText = text('memberId');
    const memberId = idText && /^\d+$/.test(idText) ? Number(idText) : null;
    if (!idText) fail('memberId', '党员编号不能为空');
    else if (memberId === null) fail('memberId', `党员编号“${idText}”无效，请使用模板中的编号`);
    const name = text('name');
    if (!name) fail('name', '姓名不能为空');
    const categoryText = text('category');
    const category = (DUES_CATEGORIES as readonly string[]).includes(categoryText ?? '')
      ? (categoryText as DuesCategory)
      : null;
    if (!categoryText) fail('category', '党费类别不能为空');
    else if (!category) fail('category', `“${categoryText}”不是党费类别（${DUES_CATEGORIES.join('、')}）`);
    const month = parseMonthCell(raw('effectiveMonth'));
    if (month === null) fail('effectiveMonth', '起始月份不能为空');
    else if (month === 'invalid')
      fail('effectiveMonth', `无法识别的月份“${String(raw('effectiveMonth'))}”，请填写如 2026-07`);
    const money = (field: 'base' | 'chosen' | 'approved') => {
      const v = parseYuanCell(raw(field));
      if (v === 'invalid') {
        fail(field, `“${String(raw(field))}”不是有效金额（元，最多两位小数，不能为负数）`);
        return null;
      }
      return v;
    };
    rows.push({
      row: r,
      memberId,
      name,
      category,
      effectiveMonth: month === 'invalid' ? null : month,
      baseFen: money('base'),
      chosenFen: money('chosen'),
      approvedFen: money('approved'),
      approvalNote: text('approvalNote'),
    });
  }
  return { rows, problems };
}

export const BASIS_FIELD_COLUMN: Record<string, string> = {
  baseFen: '月收入基数（元）',
  chosenFen: '农民党员交纳金额（元）',
  approvedFen: '核定金额（元）',
  approvalNote: '批准情况',
  category: '党费类别',
};
