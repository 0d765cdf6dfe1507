// The ledger builder: modules describe ledgers as sections (ledger.ts); one builder writes every format.
export { DOCX_TYPE, ledgerDocument } from './docx';
export {
  type ColumnKind,
  defineSection,
  type Ledger,
  type LedgerColumn,
  type LedgerSection,
  type LedgerValue,
  ledgerTitle,
} from './ledger';
export { ledgerPrintModel, type TLedgerPrint, ZLedgerPrint } from './print';
export { ledgerRoutes } from './routes';
export { ledgerWorkbook } from './xlsx';
