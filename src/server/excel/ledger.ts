import type ExcelJS from 'exceljs';

export interface LedgerColumn<R> {
  header: string;
  width: number;
  value: (r: R, i: number) => string | number;
}

/**
 * One sheet of a ledger (台账) as inspections print them: landscape on A4 and one page wide, a title across
 * the top, the header kept in view, long cells wrapped.
 */
export function addLedgerSheet<R>(
  wb: ExcelJS.Workbook,
  name: string,
  title: string,
  columns: readonly LedgerColumn<R>[],
  rows: readonly R[],
) {
  const ws = wb.addWorksheet(name, {
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
    views: [{ state: 'frozen', ySplit: 2 }],
  });
  ws.mergeCells(1, 1, 1, columns.length);
  const cell = ws.getCell(1, 1);
  cell.value = title;
  cell.font = { bold: true, size: 14 };
  cell.alignment = { horizontal: 'center' };
  const header = ws.getRow(2);
  columns.forEach((c, i) => {
    header.getCell(i + 1).value = c.header;
    ws.getColumn(i + 1).width = c.width;
  });
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle' };
  rows.forEach((r, i) => {
    const line = ws.getRow(3 + i);
    columns.forEach((c, j) => {
      line.getCell(j + 1).value = c.value(r, i);
    });
    line.alignment = { vertical: 'top', wrapText: true };
  });
}
