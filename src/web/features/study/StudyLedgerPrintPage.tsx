import { LedgerPrintPage } from '../../components/LedgerPrint';

/** 学习教育台账 print view: the year's sittings, members' hours against the norm, reflections and exams. */
export function StudyLedgerPrintPage() {
  return <LedgerPrintPage testId="study-ledger-print" path="/study/ledger.print" />;
}
