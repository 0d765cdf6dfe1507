import ExcelJS from 'exceljs';
import { type AppError, type FieldError, invalid } from '../http/errors';
import { cellText } from './cells';

/** What an import needs to know of a column of its template. */
export interface ImportColumn<F extends string = string> {
  field: F;
  header: string;
  required: boolean;
}

/**
 * Opens an uploaded import file at its first visible sheet and finds each column by its header, so columns
 * may be reordered and the "*" of required ones typed or not; a file that cannot be used at all comes back
 * as one message.
 */
export async function readImportSheet<F extends string>(
  file: Buffer,
  columns: readonly ImportColumn<F>[],
): Promise<{ sheet: ExcelJS.Worksheet; columnOf: Map<F, number>; lastRow: number } | { fatal: string }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    return { fatal: '无法读取文件：请上传 .xlsx 格式的 Excel 文件（可先下载导入模板）' };
  }
  const sheet = workbook.worksheets.find((s) => s.state === 'visible') ?? workbook.worksheets[0];
  if (!sheet) return { fatal: '文件中没有工作表' };
  const columnOf = new Map<F, number>();
  sheet.getRow(1).eachCell((cell, col) => {
    const text = String(cellText(cell.value) ?? '').replace(/[*＊\s]/g, '');
    const column = columns.find((c) => c.header === text);
    if (column) columnOf.set(column.field, col);
  });
  const missing = columns.filter((c) => c.required && !columnOf.has(c.field)).map((c) => c.header);
  if (missing.length > 0) return { fatal: `表头缺少必填列：${missing.join('、')}。请使用导入模板。` };
  const lastRow = sheet.actualRowCount > 0 ? sheet.rowCount : 1;
  return { sheet, columnOf, lastRow };
}

/** A problem in one cell of an import file, worded as the person will look for it. */
export const rowError = (row: number, column: string, message: string): FieldError => ({
  row,
  column,
  path: `第 ${row} 行 ${column}`,
  message,
});

/**
 * Imports are all-or-nothing: the whole file is refused with every problem, in row order, so one pass of
 * corrections fixes it. `nothing` names what was not imported (数据, 题目, 记录).
 */
export function importRefusal(errors: FieldError[], nothing: string): AppError {
  errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  const rows = new Set(errors.map((e) => e.row)).size;
  return invalid(
    `导入失败：${rows} 行有错误，共 ${errors.length} 处，未导入任何${nothing}。请修正后重新导入。`,
    errors,
  );
}

/** The "填写说明" sheet of an import template: one instruction a line. */
export function addHelpSheet(workbook: ExcelJS.Workbook, lines: readonly string[]) {
  const help = workbook.addWorksheet('填写说明');
  help.getColumn(1).width = 100;
  lines.forEach((line, i) => {
    help.getCell(i + 1, 1).value = line;
  });
}
