import ExcelJS from 'exceljs';
import { addHelpSheet } from '../../excel/import';
import type { Dictionaries } from '../dictionaries';

/**
 * The roster's spreadsheet layout, shared by the template, the import and the export, so a file exported
 * from Zhibu imports back unchanged.
 */
export interface RosterColumn {
  field: string;
  header: string;
  required: boolean;
  width: number;
  kind: 'text' | 'date' | 'idCard' | 'phone';
  dictionary?: keyof Dictionaries | 'sex';
  note: string;
}

export const ROSTER_COLUMNS: readonly RosterColumn[] = [
  { field: 'name', header: '姓名', required: true, width: 10, kind: 'text', note: '必填，不超过 30 个字' },
  {
    field: 'sex',
    header: '性别',
    required: true,
    width: 6,
    kind: 'text',
    dictionary: 'sex',
    note: '必填：男 / 女，须与身份证号一致',
  },
  {
    field: 'ethnicity',
    header: '民族',
    required: true,
    width: 10,
    kind: 'text',
    dictionary: 'ethnicity',
    note: '必填，按 GB/T 3304 名称，如“汉族”',
  },
  {
    field: 'birthDate',
    header: '出生日期',
    required: true,
    width: 12,
    kind: 'date',
    note: '必填，日期格式或 2020-01-31 文本，须与身份证号一致',
  },
  {
    field: 'education',
    header: '学历',
    required: false,
    width: 12,
    kind: 'text',
    dictionary: 'education',
    note: '从下拉列表选择',
  },
  {
    field: 'idCard',
    header: '身份证号',
    required: true,
    width: 21,
    kind: 'idCard',
    note: '必填，18 位，请以文本格式填写（否则 Excel 会丢失末尾数字）',
  },
  {
    field: 'phone',
    header: '手机号',
    required: false,
    width: 13,
    kind: 'phone',
    note: '11 位手机号，可作为登录名',
  },
  {
    field: 'joinedOn',
    header: '入党日期',
    required: true,
    width: 12,
    kind: 'date',
    note: '必填，被接收为预备党员的日期',
  },
  {
    field: 'confirmedOn',
    header: '转正日期',
    required: false,
    width: 12,
    kind: 'date',
    note: '预备党员留空；填写即为正式党员',
  },
  { field: 'workStartedOn', header: '参加工作日期', required: false, width: 13, kind: 'date', note: '' },
  {
    field: 'jobTitle',
    header: '职务',
    required: false,
    width: 12,
    kind: 'text',
    dictionary: 'jobTitle',
    note: '从下拉列表选择（职务字典），如“科员”“正科级”',
  },
  {
    field: 'category',
    header: '人员类别',
    required: true,
    width: 10,
    kind: 'text',
    dictionary: 'category',
    note: '必填：在职 / 离退休 / 学生 …',
  },
  { field: 'note', header: '备注', required: false, width: 20, kind: 'text', note: '' },
];

/** Column headers as written in files: required ones are marked with “*”. */
export const headerText = (c: RosterColumn) => (c.required ? `${c.header}*` : c.header);

const TEMPLATE_ROWS = 5000;

export async function buildTemplate(dictionaries: Dictionaries): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '智慧支部';
  const sheet = wb.addWorksheet('花名册', { views: [{ state: 'frozen', ySplit: 1 }] });
  const lists = wb.addWorksheet('字典', { state: 'veryHidden' });
  const listRanges = new Map<string, string>();
  const listSources: Record<string, string[]> = { sex: ['男', '女'], ...dictionaries };
  Object.entries(listSources).forEach(([kind, values], i) => {
    const col = lists.getColumn(i + 1);
    col.values = [kind, ...values];
    const letter = col.letter;
    listRanges.set(kind, `字典!$${letter}$2:$${letter}$${values.length + 1}`);
  });
  sheet.columns = ROSTER_COLUMNS.map((c) => ({ header: headerText(c), key: c.field, width: c.width }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center' };
  ROSTER_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.fill = {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: c.required ? 'FFFDE2E2' : 'FFF2F2F2' },
    };
    if (c.note) cell.note = c.note;
    const column = sheet.getColumn(i + 1);
    if (c.kind === 'idCard' || c.kind === 'phone') column.numFmt = '@';
    if (c.kind === 'date') column.numFmt = 'yyyy-mm-dd';
    const range = c.dictionary ? listRanges.get(c.dictionary) : undefined;
    for (let r = 2; r <= TEMPLATE_ROWS + 1; r++) {
      const target = sheet.getCell(r, i + 1);
      if (range)
        target.dataValidation = {
          type: 'list',
          allowBlank: !c.required,
          formulae: [range],
          showErrorMessage: true,
          errorTitle: '请从下拉列表选择',
          error: `“${c.header}”须为字典中的值`,
        };
      if (c.kind === 'idCard' || c.kind === 'phone') target.numFmt = '@';
    }
  });
  addHelpSheet(wb, [
    '1. 每行一名党员，带 * 的列为必填；第一行表头请勿修改。',
    '2. 日期可填 Excel 日期，或 2020-01-31、2020/1/31、2020年1月31日 格式的文本。',
    '3. 身份证号须为 18 位并通过校验位检查（GB 11643），出生日期和性别须与之一致。',
    '4. 导入时整批校验：任一行有错误则全部不导入，并列出每个错误的行号、列和原因；修正后重新导入。',
    '5. 同一文件内或与已在册党员身份证号重复的行会被指出。',
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
