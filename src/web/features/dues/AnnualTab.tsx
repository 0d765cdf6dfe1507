import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, InputNumber, Space, Table, type TableProps, Typography } from 'antd';
import { errorMessage } from '../../app/http';
import { QueryError } from '../../components/QueryError';
import { type Annual, downloadSheet, duesQueries } from './api';
import { yuan } from './display';

type Row = Annual['rows'][number];
type Cell = Row['cells'][number];

const cellColor = (c: Cell) =>
  c === null ? undefined : c.state === '已交清' ? undefined : c.state === '待核定' ? '#8c8c8c' : '#cf1322';

/** The annual collection sheet: members × months, paid against payable. */
export function AnnualTab({
  orgId,
  year,
  setYear,
}: {
  orgId: number;
  year: number;
  setYear: (y: number) => void;
}) {
  const { message } = App.useApp();
  const annual = useQuery(duesQueries.annual(orgId, year));
  const data = annual.data;
  const columns: TableProps<Row>['columns'] = [
    { title: '姓名', dataIndex: 'name', width: 84, fixed: 'left' },
    ...(data?.months ?? []).map((m, i) => ({
      title: `${Number(m.slice(5))}月`,
      key: m,
      width: 92,
      align: 'right' as const,
      render: (_: unknown, r: Row) => {
        const c = r.cells[i] ?? null;
        if (c === null) return <Typography.Text type="secondary">—</Typography.Text>;
        return (
          <span
            style={{ color: cellColor(c) }}
            title={`${c.state}：实交 ${yuan(c.paidFen)} / 应交 ${yuan(c.payableFen)}`}
          >
            {c.state === '待核定' ? '待核定' : yuan(c.paidFen)}
          </span>
        );
      },
    })),
    { title: '全年应交', dataIndex: 'payableFen', width: 96, align: 'right', render: yuan },
    { title: '全年实交', dataIndex: 'paidFen', width: 96, align: 'right', render: yuan },
    {
      title: '欠交',
      dataIndex: 'owedFen',
      width: 86,
      align: 'right',
      render: (v: number) => (v > 0 ? <Typography.Text type="danger">{yuan(v)}</Typography.Text> : yuan(v)),
    },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <InputNumber
          value={year}
          min={2000}
          max={2100}
          onChange={(y) => y && setYear(y)}
          suffix="年"
          style={{ width: 120 }}
        />
        <Button
          icon={<FileExcelOutlined />}
          onClick={() => downloadSheet(orgId, year).catch((e) => void message.error(errorMessage(e)))}
        >
          导出年度表
        </Button>
        <Button
          icon={<PrinterOutlined />}
          onClick={() => window.open(`/dues/print?org=${orgId}&year=${year}`, '_blank')}
        >
          打印
        </Button>
      </Space>
      {annual.isError && <QueryError error={annual.error} retry={() => void annual.refetch()} />}
      <Table<Row>
        rowKey="memberId"
        size="small"
        loading={annual.isPending}
        columns={columns}
        dataSource={data?.rows ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 1500 }}
        summary={() =>
          data && data.rows.length > 0 ? (
            <Table.Summary fixed>
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>收缴率</Table.Summary.Cell>
                {data.monthTotals.map((t, i) => (
                  <Table.Summary.Cell key={data.months[i]} index={i + 1} align="right">
                    {t.members ? `${t.rate}%` : '—'}
                  </Table.Summary.Cell>
                ))}
                <Table.Summary.Cell index={13} align="right">
                  {yuan(data.totals.payableFen)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={14} align="right">
                  {yuan(data.totals.paidFen)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={15} align="right">
                  {yuan(data.totals.owedFen)}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            </Table.Summary>
          ) : null
        }
      />
      <Typography.Text type="secondary">
        每格为当月实交金额（元）；红色为未交清，“—”为当月不在本组织或台账未生成。
      </Typography.Text>
      {data && (
        <Typography.Text type="secondary">
          计算依据：中组发〔2008〕3号，按月收入全额对应比例计算（不累进）；舍入：{data.roundingStatement}。
        </Typography.Text>
      )}
    </Space>
  );
}
