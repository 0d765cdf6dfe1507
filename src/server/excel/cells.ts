import type ExcelJS from 'exceljs';
import { fromParts, type IsoDate, isIsoDate } from '../../domain/calendar';
import { plainFigure } from '../../domain/input';

/** A date cell in any of the forms people type: Excel dates, serial numbers, or common text formats. */
export function parseDateCell(value: unknown): IsoDate | null | 'invalid' {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return 'invalid';
    return fromParts(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }
  if (typeof value === 'number') {
    if (value >= 19000101 && value <= 21001231) return parseDateCell(String(value));
    if (value > 0 && value < 80000) {
      // Excel serial day numbers count from 1899-12-30 (including the 1900 leap-year quirk).
      const d = new Date(Date.UTC(1899, 11, 30) + Math.round(value) * 86_400_000);
      return parseDateCell(d);
    }
    return 'invalid';
  }
  const text = plainFigure(String(value));
  if (!text) return null;
  const m =
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m) return 'invalid';
  const iso = fromParts(Number(m[1]), Number(m[2]), Number(m[3]));
  return isIsoDate(iso) ? iso : 'invalid';
}

/** Plain text of a cell (rich text, formulas' results and hyperlinks included). */
export function cellText(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object' && !(value instanceof Date)) {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    return null;
  }
  return value;
}
