import ExcelJS from 'exceljs';
import type { IsoDate } from '../../../domain/calendar';
import { hoursToTenths, SELF_STUDY_SOURCES, type SelfStudySource, STUDY_LIMITS } from '../../../domain/study';
import { cellText, parseDateCell } from '../../excel/cells';
import { readImportSheet, rowError } from '../../excel/import';
import type { FieldError } from '../../http/errors';

/**
 * The self-study spreadsheet (an online learning platform's export, copied into these columns): one entry per
 * row; the member is named and told apart by the last 4 characters of the ID card or the phone number.
 */
export const SELF_STUDY_COLUMNS = [
  { field: 'name', header: '姓名', required: true, width: 10, note: '必填：党员姓名' },
  {
    field: 'idLast4',
    header: '身份证后四位',
    required: false,
    width: 14,
    note: '身份证号后四位与手机号至少填一项，用于确认是哪位党员',
  },
  { field: 'phone', header: '手机号', required: false, width: 14, note: '身份证后四位与手机号至少填一项' },
  { field: 'date', header: '学习日期', required: true, width: 12, note: '必填：如 2026-03-15，不能晚于今天' },
  { field: 'title', header: '学习内容', required: true, width: 40, note: '必填：课程或资料名称' },
  {
    field: 'hours',
    header: '学时',
    required: true,
    width: 8,
    note: `必填：大于 0、不超过 ${STUDY_LIMITS.entryTenthsMax / 10}，最多一位小数`,
  },
  {
    field: 'source',
    header: '来源',
    required: false,
    width: 14,
    note: `${SELF_STUDY_SOURCES.join(' / ')}，默认“网络学习平台”`,
  },
] as const;

type Field = (typeof SELF_STUDY_COLUMNS)[number]['field'];

export interface ParsedSelfStudy {
  row: number;
  name: string;
  idLast4: string | null;
  phone: string | null;
  date: IsoDate;
  title: string;
  tenths: number;
  source: SelfStudySource;
}

export async function selfStudyTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('自学记录');
  sheet.columns = SELF_STUDY_COLUMNS.map((c) => ({
    header: c.required ? `*${c.header}` : c.header,
    width: c.width,
  }));
  sheet.getRow(1).font = { bold: true };
  SELF_STUDY_COLUMNS.forEach((c, i) => {
    sheet.getRow(1).getCell(i + 1).note = c.note;
  });
  // Text cells, so a leading zero of a phone or an "X" of an ID card survives.
  for (const field of ['idLast4', 'phone'] as const)
    sheet.getColumn(SELF_STUDY_COLUMNS.findIndex((c) => c.field === field) + 1).numFmt = '@';
  sheet.addRow([
    '（示例）张三',
    '123X',
    '',
    '2026-03-15',
    '学习贯彻党的二十届四中全会精神',
    2,
    '网络学习平台',
  ]);
  const sourceCol = SELF_STUDY_COLUMNS.findIndex((c) => c.field === 'source') + 1;
  for (let r = 2; r <= 500; r++)
    sheet.getCell(r, sourceCol).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`"${SELF_STUDY_SOURCES.join(',')}"`],
    };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Reads and checks every row on its own (dates, 学时, sources, duplicates within the file); who each row is,
 * and whether it is already recorded, the service decides against the roster. Nothing is written here.
 */
export async function parseSelfStudyWorkbook(
  file: Buffer,
  today: IsoDate,
): Promise<{ entries: ParsedSelfStudy[]; errors: FieldError[] } | { fatal: string }> {
  const opened = await readImportSheet(file, SELF_STUDY_COLUMNS);
  if ('fatal' in opened) return opened;
  const { sheet, columnOf, lastRow: last } = opened;
  if (last - 1 > STUDY_LIMITS.importRowsMax)
    return { fatal: `一次最多导入 ${STUDY_LIMITS.importRowsMax} 条记录，请拆分文件` };

  const errors: FieldError[] = [];
  const entries: ParsedSelfStudy[] = [];
  const seen = new Map<string, number>();
  for (let r = 2; r <= last; r++) {
    const row = sheet.getRow(r);
    const raw = (field: Field) => {
      const col = columnOf.get(field);
      return col ? cellText(row.getCell(col).value) : null;
    };
    const get = (field: Field) => {
      const v = raw(field);
      return v === null || v === undefined ? '' : String(v).trim();
    };
    if (SELF_STUDY_COLUMNS.every((c) => get(c.field) === '')) continue;
    const before = errors.length;
    const fail = (field: Field, message: string) => {
      const column = SELF_STUDY_COLUMNS.find((c) => c.field === field)!.header;
      errors.push(rowError(r, column, message));
    };
    const name = get('name').replace(/\s+/g, '');
    if (!name) fail('name', '姓名不能为空');
    const idLast4 = get('idLast4').toUpperCase() || null;
    const phone = get('phone').replace(/[\s-]/g, '') || null;
    if (idLast4 && !/^\d{3}[\dX]$/.test(idLast4)) fail('idLast4', `身份证后四位“${idLast4}”格式不正确`);
    if (phone && !/^\d{7,15}$/.test(phone)) fail('phone', `手机号“${phone}”格式不正确`);
    if (!idLast4 && !phone) fail('idLast4', '身份证后四位与手机号至少填一项，用于确认党员身份');
    const date = parseDateCell(raw('date'));
    if (date === null) fail('date', '学习日期不能为空');
    else if (date === 'invalid') fail('date', `学习日期“${get('date')}”无法识别，请写成 2026-03-15`);
    else if (date > today) fail('date', '学习日期不能晚于今天');
    const title = get('title');
    if (!title) fail('title', '学习内容不能为空');
    else if (title.length > STUDY_LIMITS.titleMax)
      fail('title', `学习内容不能超过 ${STUDY_LIMITS.titleMax} 个字`);
    const hoursText = get('hours');
    const tenths = hoursText === '' ? null : hoursToTenths(Number(hoursText));
    if (hoursText === '') fail('hours', '学时不能为空');
    else if (tenths === null) fail('hours', `学时“${hoursText}”应为数字，最多保留一位小数`);
    else if (tenths <= 0) fail('hours', '学时应大于 0');
    else if (tenths > STUDY_LIMITS.entryTenthsMax)
      fail('hours', `单条学时不能超过 ${STUDY_LIMITS.entryTenthsMax / 10} 学时`);
    const sourceText = get('source');
    const source = (sourceText || '网络学习平台') as SelfStudySource;
    if (!SELF_STUDY_SOURCES.includes(source))
      fail('source', `来源“${sourceText}”无效，应为${SELF_STUDY_SOURCES.join('、')}之一`);
    if (errors.length > before) continue;
    const key = `${name}|${idLast4 ?? ''}|${phone ?? ''}|${date}|${title}`;
    const first = seen.get(key);
    if (first !== undefined) {
      fail('title', `与第 ${first} 行重复（同一党员、同一日期、同一学习内容）`);
      continue;
    }
    seen.set(key, r);
    entries.push({
      row: r,
      name,
      idLast4,
      phone,
      date: date as IsoDate,
      title,
      tenths: tenths!,
      source,
    });
  }
  return { entries, errors };
}
