import { formatYuan } from '../../domain/dues';

/**
 * A ledger (台账) as modules contribute it: sections, each a titled table of typed columns over rows. One
 * builder turns a ledger into the Excel workbook (xlsx.ts), the Word document (docx.ts) and the model of the
 * print page (print.ts), so every ledger the app produces reads and prints alike; the six standardization
 * ledgers are compositions of the sections the modules already make.
 */
export type LedgerValue = string | number | null;

/**
 * How a column's values are written. `money` values are integers in 分 (shown in 元 with two decimals, never
 * rounded on the way); `date` values are ISO dates (real dates in the workbook); `count` and `number` are
 * numbers; a string in a typed column is written as it is (a "—", a label in a totals row).
 */
export type ColumnKind = 'text' | 'count' | 'number' | 'date' | 'money';

export interface LedgerColumn<R> {
  header: string;
  kind?: ColumnKind;
  value: (row: R, index: number) => LedgerValue;
  /** The widest the column grows to, in half-width characters; longer text wraps. */
  maxWidth?: number;
  /** Kept in the workbook's data but left out of what is printed (internal ids, technical codes). */
  screenOnly?: boolean;
}

export interface LedgerSection<R = unknown> {
  /** The sheet's name (at most 31 characters, no \ / ? * [ ] :); the builder cleans it. */
  sheet: string;
  title: string;
  columns: readonly LedgerColumn<R>[];
  rows: readonly R[];
  /** Closing rows (合计, 收缴率), cell by cell in column order, typed like the rows. */
  totals?: readonly (readonly LedgerValue[])[];
  /** Lines under the table: the rule applied, signature lines. */
  notes?: readonly string[];
}

export interface Ledger {
  /** The org the ledger is of, and the period it covers: in every page's footer. */
  org: string;
  period: string;
  /** What the ledger is ("学习教育台账"): with the org and the period, the document's title and file name. */
  name: string;
  /** The line under the heading on the print page (generated on, counts). */
  meta?: string;
  /** In order; a summary section, when there is one, comes first. */
  sections: readonly LedgerSection[];
}

/** "第一党支部 2026年学习教育台账": the workbook's and the document's title, and their file name. */
export const ledgerTitle = (ledger: Ledger) => `${ledger.org} ${ledger.period}${ledger.name}`;

/** A section over rows of any type, in a ledger's list. */
export function defineSection<R>(section: LedgerSection<R>): LedgerSection {
  return section as unknown as LedgerSection;
}

/** Printed columns wider than this (in half-width characters) go on a landscape page. */
export const PORTRAIT_LIMIT = 100;

/** What goes on paper: the printed columns, and the rows' and totals' values in those columns. */
export function printedLines<R>(section: LedgerSection<R>) {
  const columns = section.columns.filter((c) => !c.screenOnly);
  const index = columns.map((c) => section.columns.indexOf(c));
  const pick = (values: readonly LedgerValue[]) => index.map((i) => values[i] ?? null);
  return {
    columns,
    rows: section.rows.map((r, i) => pick(section.columns.map((c) => c.value(r, i)))),
    totals: (section.totals ?? []).map(pick),
  };
}

/** Printed columns first, then the screen-only ones (so the print area is one block). */
export function orderedColumns<R>(section: LedgerSection<R>): LedgerColumn<R>[] {
  return [...section.columns.filter((c) => !c.screenOnly), ...section.columns.filter((c) => c.screenOnly)];
}

/** A value as text, the way it reads on paper. */
export function displayText(kind: ColumnKind | undefined, value: LedgerValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (kind === 'money') return formatYuan(value);
  return String(value);
}

/** Display width in half-width characters: CJK and full-width forms count two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        ch,
      )
        ? 2
        : 1;
  return width;
}
