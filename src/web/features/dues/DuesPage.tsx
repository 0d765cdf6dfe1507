import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Tabs } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { monthOf } from '../../../domain/dues';
import { yearOf } from '../../../domain/period';
import { useAuth, useMe } from '../../app/auth';
import { useToday } from '../../app/today';
import { TreeColumn, TwoColumns } from '../../components/PageCard';
import { orgQueries } from '../orgs/api';
import { OrgTree } from '../orgs/OrgTree';
import { useSelectedOrgId } from '../orgs/tree-state';
import { AnnualTab } from './AnnualTab';
import { ArrearsTab } from './ArrearsTab';
import { BasesTab } from './BasesTab';
import { LedgerTab } from './LedgerTab';

const TABS = ['ledger', 'arrears', 'bases', 'annual'] as const;
type Tab = (typeof TABS)[number];

/** The branch's dues desk: monthly ledger, arrears, bases, annual sheet — for the org chosen at the left. */
export function DuesPage() {
  const me = useMe();
  const { can } = useAuth();
  const [selected, setSelected] = useSelectedOrgId();
  const [params, setParams] = useSearchParams();
  const orgId = selected ?? me.roles[0]?.orgId ?? null;
  const today = useToday();
  const [month, setMonth] = useState(monthOf(today));
  const [year, setYear] = useState(yearOf(today));
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : 'ledger';
  const org = useQuery({ ...orgQueries.detail(orgId ?? 0), enabled: orgId !== null });
  const canWrite = can('dues.write');
  const setTab = (next: string) =>
    setParams(
      (current) => {
        const copy = new URLSearchParams(current);
        copy.set('tab', next);
        return copy;
      },
      { replace: true },
    );

  return (
    <TwoColumns>
      <TreeColumn>
        <OrgTree selectedId={orgId} onSelect={(id) => setSelected(id)} />
      </TreeColumn>
      <Card
        title={org.data ? `党费 · ${org.data.name}` : '党费'}
        size="small"
        style={{ flex: 1, minWidth: 0 }}
      >
        {orgId === null ? (
          <Empty description="请在左侧选择组织" />
        ) : (
          <Tabs
            activeKey={tab}
            onChange={setTab}
            destroyOnHidden
            items={[
              {
                key: 'ledger',
                label: '月度台账',
                children: <LedgerTab orgId={orgId} month={month} setMonth={setMonth} canWrite={canWrite} />,
              },
              { key: 'arrears', label: '欠交', children: <ArrearsTab orgId={orgId} canWrite={canWrite} /> },
              {
                key: 'bases',
                label: '党费基数',
                children: <BasesTab orgId={orgId} month={month} setMonth={setMonth} canWrite={canWrite} />,
              },
              {
                key: 'annual',
                label: '年度汇总',
                children: <AnnualTab orgId={orgId} year={year} setYear={setYear} />,
              },
            ]}
          />
        )}
      </Card>
    </TwoColumns>
  );
}
