import { useState } from 'react';
import { monthOf } from '../../../domain/dues';
import { yearOf } from '../../../domain/period';
import { useAuth } from '../../app/auth';
import { useToday } from '../../app/today';
import { OrgDesk } from '../../components/OrgDesk';
import { AnnualTab } from './AnnualTab';
import { ArrearsTab } from './ArrearsTab';
import { BasesTab } from './BasesTab';
import { LedgerTab } from './LedgerTab';

/** The branch's dues desk: monthly ledger, arrears, bases, annual sheet — for the org chosen at the left. */
export function DuesPage() {
  const { can } = useAuth();
  const today = useToday();
  const [month, setMonth] = useState(monthOf(today));
  const [year, setYear] = useState(yearOf(today));
  const canWrite = can('dues.write');

  return (
    <OrgDesk
      title="党费"
      defaultTab="ledger"
      tabs={[
        {
          key: 'ledger',
          label: '月度台账',
          render: (orgId) => (
            <LedgerTab orgId={orgId} month={month} setMonth={setMonth} canWrite={canWrite} />
          ),
        },
        {
          key: 'arrears',
          label: '欠交',
          render: (orgId) => <ArrearsTab orgId={orgId} canWrite={canWrite} />,
        },
        {
          key: 'bases',
          label: '党费基数',
          render: (orgId) => <BasesTab orgId={orgId} month={month} setMonth={setMonth} canWrite={canWrite} />,
        },
        {
          key: 'annual',
          label: '年度汇总',
          render: (orgId) => <AnnualTab orgId={orgId} year={year} setYear={setYear} />,
        },
      ]}
    />
  );
}
