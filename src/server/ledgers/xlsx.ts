import ExcelJS from 'exceljs';
import {
  type ColumnKind,
  displayText,
  displayWidth,
  type Ledger,
  type LedgerSection,
  type LedgerValue,
  ledgerTitle,
  orderedColumns,
  PORTRAIT_LIMIT,
} from './ledger';

/**
 * The one workbook style: a title row, the header row frozen, filtered and repeated on every printed page,
 * ruled and wrapped cells in columns sized to their (Chinese) text, real dates and amounts, A4 one page wide
 * (landscape when the printed columns are wide), the org, the period and page numbers in the footer.
 */
const TITLE_ROW = 1;
const HEADER_ROW = 2;
const MIN_WIDTH = 4;
const DEFAULT_MAX_WIDTH = 40;
const MONEY_FORMAT = '#,##0.00';
const DATE_FORMAT = 'yyyy-mm-dd';
const thin = { style: 'thin' as const, color: { argb: 'FF808080' } };
const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const SHEET_NAME_FORBIDDEN = /[\\/?*[\]:]/g;

export async function ledgerWorkbook(ledger: Ledger): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '智慧支部';
  wb.title = ledgerTitle(ledger);
  const used = new Set<string>();
  for (const section of ledger.sections) addSection(wb, ledger, section, sheetName(section.sheet, used));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function sheetName(wanted: string, used: Set<string>): string {
  const base = wanted.replace(SHEET_NAME_FORBIDDEN, '').slice(0, 31) || '台账';
  let name = base;
  for (let n = 2; used.has(name); n++) name = `${base.slice(0, 31 - String(n).length - 1)}_${n}`;
  used.add(name);
  return name;
}

/** What a cell holds in the workbook: numbers stay numbers, amounts in 元 from exact 分, dates as dates. */
function cellValue(kind: ColumnKind | undefined, value: LedgerValue): ExcelJS.CellValue {
  if (value === null) return null;
  if (typeof value === 'string') {
    if (kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
      const [y, m, d] = value.split('-').map(Number);
      return new Date(Date.UTC(y!, m! - 1, d!));
    }
    return value;
  }
  return kind === 'money' ? value / 100 : value;
}

function numberFormat(kind: ColumnKind | undefined): string | undefined {
  if (kind === 'money') return MONEY_FORMAT;
  if (kind === 'date') return DATE_FORMAT;
  return undefined;
}

const escapeFooter = (text: string) => text.replace(/&/g, '&&');

function addSection(wb: ExcelJS.Workbook, ledger: Ledger, section: LedgerSection, name: string) {
  const columns = orderedColumns(section);
  const printed = columns.filter((c) => !c.screenOnly).length;
  const lines = section.rows.map((row, i) => columns.map((c) => c.value(row, i)));
  const totals = (section.totals ?? []).map((t) => {
    // Totals are given in the section's column order; reorder like the columns.
    const byColumn = new Map(section.columns.map((c, i) => [c, t[i] ?? null]));
    return columns.map((c) => byColumn.get(c) ?? null);
  });
  const widths = columns.map((c, j) => {
    const texts = [c.header, ...[...lines, ...totals].map((l) => displayText(c.kind, l[j] ?? null))];
    const widest = Math.max(...texts.map((t) => Math.max(...t.split('\n').map(displayWidth))));
    const floor = c.kind === 'date' ? 11 : c.kind === 'money' ? 10 : MIN_WIDTH;
    return Math.min(Math.max(widest + 2, floor), c.maxWidth ?? DEFAULT_MAX_WIDTH);
  });
  const printedWidth = widths.slice(0, printed).reduce((s, w) => s + w, 0);

  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW }],
    pageSetup: {
      paperSize: 9,
      orientation: printedWidth > PORTRAIT_LIMIT ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
    },
    headerFooter: {
      oddFooter: `&L${escapeFooter(`${ledger.org} ${ledger.period}`)}&C第 &P 页，共 &N 页&R${escapeFooter(section.sheet)}`,
    },
  });
  widths.forEach((w, j) => {
    ws.getColumn(j + 1).width = w;
  });

  ws.mergeCells(TITLE_ROW, 1, TITLE_ROW, Math.max(printed, 1));
  const title = ws.getCell(TITLE_ROW, 1);
  title.value = section.title;
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  ws.getRow(TITLE_ROW).height = 26;

  const header = ws.getRow(HEADER_ROW);
  columns.forEach((c, j) => {
    const cell = header.getCell(j + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    cell.border = BORDER;
  });

  const writeLine = (rowNumber: number, values: readonly LedgerValue[], bold: boolean) => {
    const row = ws.getRow(rowNumber);
    columns.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      const v = values[j] ?? null;
      cell.value = cellValue(c.kind, v);
      const format = typeof v === 'number' || c.kind === 'date' ? numberFormat(c.kind) : undefined;
      if (format) cell.numFmt = format;
      const numeric = typeof v === 'number';
      cell.alignment = { vertical: 'top', wrapText: true, horizontal: numeric ? 'right' : 'left' };
      cell.border = BORDER;
      if (bold) cell.font = { bold: true };
    });
  };
  lines.forEach((values, i) => {
    writeLine(HEADER_ROW + 1 + i, values, false);
  });
  totals.forEach((values, i) => {
    writeLine(HEADER_ROW + 1 + lines.length + i, values, true);
  });
  let last = HEADER_ROW + lines.length + totals.length;

  if (lines.length > 0)
    ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW, column: columns.length } };

  const notes = section.notes ?? [];
  if (notes.length > 0) last += 1;
  for (const note of notes) {
    last += 1;
    ws.mergeCells(last, 1, last, Math.max(printed, 1));
    const cell = ws.getCell(last, 1);
    cell.value = note;
    cell.alignment = { vertical: 'top', wrapText: true };
    // A merged cell does not grow with its text: give it the lines it needs.
    const lineWidth = widths.slice(0, printed).reduce((s, w) => s + w, 0);
    ws.getRow(last).height = 15 * Math.max(1, Math.ceil(displayWidth(note) / Math.max(lineWidth, 1)));
  }

  ws.pageSetup.printTitlesRow = `${HEADER_ROW}:${HEADER_ROW}`;
  ws.pageSetup.printArea = `A1:${ws.getColumn(Math.max(printed, 1)).letter}${Math.max(last, HEADER_ROW)}`;
}
