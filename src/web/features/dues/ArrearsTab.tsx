import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Space, Table, type TableProps, Tag, Typography } from 'antd';
import { useState } from 'react';
import { monthLabel } from '../../../domain/dues';
import { QueryError } from '../../components/QueryError';
import { type Arrears, duesQueries } from './api';
import { yuan } from './display';
import { PaymentModal, type PaymentTarget } from './PaymentModal';

type Row = Arrears['rows'][number];

/** Members with months not paid in full; runs of 3 and 6 months stand out, with what the rules say. */
export function ArrearsTab({ orgId, canWrite }: { orgId: number; canWrite: boolean }) {
  const arrears = useQuery(duesQueries.arrears(orgId));
  const [paying, setPaying] = useState<PaymentTarget | null>(null);
  const columns: TableProps<Row>['columns'] = [
    { title: '姓名', dataIndex: 'name', width: 90 },
    { title: '所在组织', dataIndex: 'orgName', width: 160, ellipsis: true },
    {
      title: '连续未交',
      dataIndex: 'consecutiveMonths',
      width: 130,
      render: (n: number, r) =>
        n === 0 ? (
          '—'
        ) : (
          <Tag color={r.level === 6 ? 'red' : r.level === 3 ? 'orange' : 'default'}>
            {n} 个月{r.since ? `（自${monthLabel(r.since)}）` : ''}
          </Tag>
        ),
    },
    {
      title: '未交清月份',
      dataIndex: 'unpaidMonths',
      render: (months: Row['unpaidMonths']) => months.map((m) => monthLabel(m.month)).join('、'),
    },
    {
      title: '欠交（元）',
      dataIndex: 'owedFen',
      width: 100,
      align: 'right',
      render: (v: number) => <Typography.Text type="danger">{yuan(v)}</Typography.Text>,
    },
    ...(canWrite
      ? [
          {
            title: '操作',
            key: 'pay',
            width: 100,
            render: (_: unknown, r: Row) => (
              <Button
                size="small"
                type="link"
                onClick={() =>
                  setPaying({
                    memberId: r.memberId,
                    name: r.name,
                    lines: r.unpaidMonths,
                  })
                }
              >
                登记补交
              </Button>
            ),
          },
        ]
      : []),
  ];
  const data = arrears.data;
  const six = data?.rows.filter((r) => r.level === 6) ?? [];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {arrears.isError && <QueryError error={arrears.error} retry={() => void arrears.refetch()} />}
      {six.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={`${six.map((r) => r.name).join('、')} 已连续 6 个月以上未交纳党费`}
          description={six[0]!.note}
        />
      )}
      {data && (
        <Typography.Text>
          截至{monthLabel(data.currentMonth)}前（不含本月）：{data.totals.members} 人有欠交，合计{' '}
          <Typography.Text type="danger">{yuan(data.totals.owedFen)}</Typography.Text> 元。
        </Typography.Text>
      )}
      <Table<Row>
        rowKey="memberId"
        size="small"
        loading={arrears.isPending}
        columns={columns}
        dataSource={data?.rows ?? []}
        expandable={{
          rowExpandable: (r) => r.note !== null,
          expandedRowRender: (r) => <Typography.Text type="secondary">{r.note}</Typography.Text>,
        }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: '没有欠交党费的党员' }}
      />
      {paying && <PaymentModal target={paying} onClose={() => setPaying(null)} />}
    </Space>
  );
}
