import { z } from 'zod';
import { displayText, type Ledger, type LedgerValue, printedLines } from './ledger';

/**
 * The ledger as the web's print page draws it (src/web/components/LedgerPrint.tsx): the printed columns only,
 * every value already written as it reads on paper, numbers marked so they align right.
 */
/** `nowrap`: dates and figures stay on one line; text wraps in its column. */
const ZPrintCell = z.object({ text: z.string(), numeric: z.boolean(), nowrap: z.boolean() });
export const ZLedgerPrint = z.object({
  org: z.string(),
  period: z.string(),
  name: z.string(),
  meta: z.string(),
  sections: z.array(
    z.object({
      title: z.string(),
      headers: z.array(z.string()),
      rows: z.array(z.array(ZPrintCell)),
      totals: z.array(z.array(ZPrintCell)),
      notes: z.array(z.string()),
    }),
  ),
});
export type TLedgerPrint = z.infer<typeof ZLedgerPrint>;

export function ledgerPrintModel(ledger: Ledger): TLedgerPrint {
  return {
    org: ledger.org,
    period: ledger.period,
    name: ledger.name,
    meta: ledger.meta ?? '',
    sections: ledger.sections.map((section) => {
      const { columns, rows, totals } = printedLines(section);
      const cells = (values: readonly LedgerValue[]) =>
        columns.map((c, j) => {
          const v = values[j] ?? null;
          const typed = c.kind !== undefined && c.kind !== 'text';
          return { text: displayText(c.kind, v), numeric: typeof v === 'number', nowrap: typed };
        });
      return {
        title: section.title,
        headers: columns.map((c) => c.header),
        rows: rows.map(cells),
        totals: totals.map(cells),
        notes: [...(section.notes ?? [])],
      };
    }),
  };
}
