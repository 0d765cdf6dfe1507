import { useQuery } from '@tanstack/react-query';
import { Card, Empty, InputNumber, Select, Space, Statistic, Table, type TableProps, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { monthLabel } from '../../../domain/dues';
import { yearOf } from '../../../domain/period';
import { useToday } from '../../app/today';
import { EChart, type EChartOption } from '../../components/EChart';
import { TreeColumn, TwoColumns } from '../../components/PageCard';
import { QueryError } from '../../components/QueryError';
import { OrgTree, useDeskOrgId } from '../orgs';
import { type Dashboard, duesQueries, type Remittance } from './api';
import { yuan } from './display';

type ChildRow = Dashboard['children'][number];
type RemitRow = Remittance['rows'][number];

/** The remittance table's money columns, in order: its totals row sums each. */
const REMIT_AMOUNTS = ['payableFen', 'paidFen', 'collectedFen', 'voluntaryFen', 'remitInFullFen'] as const;

/**
 * The supervisor's view: the subtree's collection rate and amounts month by month, each child subtree in
 * one month, and the year's remittance summary up the tree — all read from per-org monthly rollups.
 */
export function DuesDashboardPage() {
  const [orgId, setSelected] = useDeskOrgId();
  const [year, setYear] = useState(yearOf(useToday()));
  const [month, setMonth] = useState<string | undefined>(undefined);
  const dashboard = useQuery({ ...duesQueries.dashboard(orgId ?? 0, year, month), enabled: orgId !== null });
  const remittance = useQuery({ ...duesQueries.remittance(orgId ?? 0, year), enabled: orgId !== null });
  const d = dashboard.data;

  const option = useMemo<EChartOption | null>(() => {
    if (!d) return null;
    const series = d.series;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: ['应交（元）', '实交（元）', '收缴率（%）'] },
      grid: { left: 60, right: 50, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: series.map((s) => `${Number(s.month.slice(5))}月`) },
      yAxis: [
        { type: 'value', name: '元' },
        { type: 'value', name: '%', min: 0, max: 100 },
      ],
      series: [
        {
          name: '应交（元）',
          type: 'bar',
          data: series.map((s) => s.payableFen / 100),
          itemStyle: { color: '#d9d9d9' },
        },
        {
          name: '实交（元）',
          type: 'bar',
          data: series.map((s) => s.paidFen / 100),
          itemStyle: { color: '#c41d1d' },
        },
        {
          name: '收缴率（%）',
          type: 'line',
          yAxisIndex: 1,
          data: series.map((s) => (s.members ? s.rate : null)),
          itemStyle: { color: '#d48806' },
        },
      ],
    };
  }, [d]);

  const childColumns: TableProps<ChildRow>['columns'] = [
    { title: '组织', key: 'org', render: (_, r) => r.org.name, ellipsis: true },
    { title: '应交人数', dataIndex: 'members', width: 90, align: 'right' },
    { title: '已交清', dataIndex: 'settled', width: 80, align: 'right' },
    {
      title: '收缴率',
      dataIndex: 'rate',
      width: 90,
      align: 'right',
      sorter: (a, b) => a.rate - b.rate,
      render: (v: number) => <Typography.Text type={v < 80 ? 'danger' : undefined}>{v}%</Typography.Text>,
    },
    { title: '应交（元）', dataIndex: 'payableFen', width: 110, align: 'right', render: yuan },
    { title: '实交（元）', dataIndex: 'paidFen', width: 110, align: 'right', render: yuan },
    { title: '当月收到（元）', dataIndex: 'collectedFen', width: 120, align: 'right', render: yuan },
  ];
  const remitColumns: TableProps<RemitRow>['columns'] = [
    { title: '组织', key: 'org', render: (_, r) => r.org.name, ellipsis: true },
    { title: '全年应交（元）', dataIndex: 'payableFen', width: 120, align: 'right', render: yuan },
    { title: '全年实交（元）', dataIndex: 'paidFen', width: 120, align: 'right', render: yuan },
    { title: '全年收到（元）', dataIndex: 'collectedFen', width: 120, align: 'right', render: yuan },
    { title: '其中自愿多交', dataIndex: 'voluntaryFen', width: 110, align: 'right', render: yuan },
    { title: '全额上缴部分', dataIndex: 'remitInFullFen', width: 110, align: 'right', render: yuan },
  ];

  return (
    <TwoColumns>
      <TreeColumn>
        <OrgTree selectedId={orgId} onSelect={(id) => setSelected(id)} />
      </TreeColumn>
      <Space orientation="vertical" size="middle" style={{ flex: 1, minWidth: 0 }}>
        <Card
          size="small"
          title={d ? `党费统计 · ${d.org.name}` : '党费统计'}
          extra={
            <Space>
              <InputNumber
                value={year}
                min={2000}
                max={2100}
                onChange={(y) => {
                  if (y) {
                    setYear(y);
                    setMonth(undefined);
                  }
                }}
                suffix="年"
                style={{ width: 110 }}
              />
              {d && (
                <Select
                  value={d.month}
                  style={{ width: 120 }}
                  onChange={setMonth}
                  options={d.series.map((s) => ({ value: s.month, label: monthLabel(s.month) }))}
                />
              )}
            </Space>
          }
        >
          {orgId === null && <Empty description="请在左侧选择组织" />}
          {dashboard.isError && <QueryError error={dashboard.error} retry={() => void dashboard.refetch()} />}
          {d && (
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              <Space size="large" wrap>
                <Statistic title={`${monthLabel(d.month)}应交人数`} value={d.total.members} />
                <Statistic title="收缴率" value={d.total.rate} suffix="%" />
                <Statistic title="应交（元）" value={yuan(d.total.payableFen)} />
                <Statistic title="实交（元）" value={yuan(d.total.paidFen)} />
                <Statistic title="当月收到（元）" value={yuan(d.total.collectedFen)} />
              </Space>
              {option && <EChart option={option} style={{ height: 280 }} />}
              <Typography.Title level={5} style={{ margin: 0 }}>
                各下级组织 · {monthLabel(d.month)}
              </Typography.Title>
              <Table<ChildRow>
                rowKey={(r) => r.org.id}
                size="small"
                columns={childColumns}
                dataSource={d.children}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                onRow={(r) => ({ onClick: () => setSelected(r.org.id), style: { cursor: 'pointer' } })}
                locale={{ emptyText: '没有下级组织的党费数据' }}
              />
            </Space>
          )}
        </Card>
        <Card size="small" title={`${year}年度党费收缴与上缴汇总`}>
          {remittance.isError && <QueryError error={remittance.error} />}
          <Table<RemitRow>
            rowKey={(r) => r.org.id}
            size="small"
            loading={remittance.isPending && orgId !== null}
            columns={remitColumns}
            dataSource={remittance.data?.rows ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            summary={() =>
              remittance.data ? (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                  {REMIT_AMOUNTS.map((field, i) => (
                    <Table.Summary.Cell key={field} index={i + 1} align="right">
                      {yuan(remittance.data.total[field])}
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              ) : null
            }
          />
          <Typography.Text type="secondary">
            “全年收到”按交纳日期统计（含补交、预交和自愿多交）；一次性自愿多交 1000
            元以上的部分按规定全额上缴。
          </Typography.Text>
        </Card>
      </Space>
    </TwoColumns>
  );
}
