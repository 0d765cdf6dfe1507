import {
  FileExcelOutlined,
  HistoryOutlined,
  LockOutlined,
  PrinterOutlined,
  SettingOutlined,
  SyncOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Modal,
  Space,
  Statistic,
  Table,
  type TableProps,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { monthLabel } from '../../../domain/dues';
import { errorMessage } from '../../app/http';
import { QueryError } from '../../components/QueryError';
import { useAction } from '../../components/useAction';
import { AdjustModal } from './AdjustModal';
import { closeMonth, downloadSheet, duesKeys, duesQueries, generateMonth, type LedgerRow } from './api';
import { MonthInput, type MonthTabProps, StateTag, yuan } from './display';
import { PaymentModal, type PaymentTarget } from './PaymentModal';
import { RecordsDrawer, type RecordsTarget } from './RecordsDrawer';
import { SettingsModal } from './SettingsModal';

/** The monthly ledger of an org's subtree: generate, pay, adjust, close, export, print. */
export function LedgerTab({ orgId, month, setMonth, canWrite }: MonthTabProps) {
  const { message } = App.useApp();
  const [paying, setPaying] = useState<PaymentTarget | null>(null);
  const [adjusting, setAdjusting] = useState<LedgerRow | null>(null);
  const [records, setRecords] = useState<RecordsTarget | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const ledger = useQuery(duesQueries.ledger(orgId, month));

  const generate = useAction({
    run: () => generateMonth(orgId, month),
    invalidate: [duesKeys.all],
    waitForRefresh: true,
    success: (r) =>
      r.created > 0
        ? `已生成${monthLabel(month)}台账：新增 ${r.created} 人，共 ${r.total} 人${r.missingBase ? `，其中 ${r.missingBase} 人待核定基数` : ''}`
        : `${monthLabel(month)}台账已是最新（共 ${r.total} 人）`,
  });
  const close = useAction({
    run: () => closeMonth(orgId, month),
    invalidate: [duesKeys.all],
    waitForRefresh: true,
    success: `${monthLabel(month)}已结账`,
  });
  const onExport = async () => {
    try {
      await downloadSheet(orgId, Number(month.slice(0, 4)), month);
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };

  const data = ledger.data;
  const columns: TableProps<LedgerRow>['columns'] = [
    {
      title: '姓名',
      dataIndex: 'name',
      width: 96,
      fixed: 'left',
      render: (v: string, r) => (
        <Space size={4}>
          {v}
          {r.memberStatus === '预备党员' && (
            <Tooltip title="预备党员，自接收之月起交纳">
              <Tag color="blue">预备</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: '所在组织',
      dataIndex: 'orgName',
      width: 96,
      ellipsis: true,
      render: (v: string) => (v === data?.org.name ? '（本级）' : v),
    },
    { title: '类别', dataIndex: 'category', width: 66 },
    {
      title: '计算过程',
      dataIndex: 'working',
      width: 216,
      // The rounding rule is stated once under the table.
      render: (w: string, r) =>
        r.calcKind === 'missing' ? (
          <Typography.Text type="warning">{w}</Typography.Text>
        ) : (
          w.replace(/（四舍五入到[分角元]）$/, '')
        ),
    },
    { title: '应交', dataIndex: 'payableFen', width: 76, align: 'right', render: yuan },
    {
      title: '调整',
      dataIndex: 'adjustmentFen',
      width: 64,
      align: 'right',
      render: (v: number) => (v === 0 ? '' : `${v > 0 ? '+' : ''}${yuan(v)}`),
    },
    { title: '实交', dataIndex: 'paidFen', width: 76, align: 'right', render: yuan },
    {
      title: '欠交',
      dataIndex: 'owedFen',
      width: 76,
      align: 'right',
      render: (v: number) => (v > 0 ? <Typography.Text type="danger">{yuan(v)}</Typography.Text> : yuan(v)),
    },
    {
      title: '状态',
      dataIndex: 'state',
      width: 84,
      render: (s: LedgerRow['state'], r) =>
        r.paidOn ? (
          <Tooltip title={`最近交纳：${r.paidOn}`}>
            <span>
              <StateTag state={s} />
            </span>
          </Tooltip>
        ) : (
          <StateTag state={s} />
        ),
    },
    {
      title: '操作',
      key: 'actions',
      width: canWrite ? 168 : 64,
      fixed: 'right' as const,
      render: (_: unknown, r: LedgerRow) => (
        <Space size={0}>
          {canWrite && (
            <Tooltip
              title={
                r.calcKind === 'missing'
                  ? '请先核定计算基数'
                  : r.owedFen === 0
                    ? '已交清：可登记自愿多交或按季度预交'
                    : ''
              }
            >
              <Button
                size="small"
                type="link"
                disabled={r.calcKind === 'missing'}
                onClick={() =>
                  setPaying({
                    memberId: r.memberId,
                    name: r.name,
                    lines: r.owedFen > 0 ? [{ month: r.month, owedFen: r.owedFen }] : [],
                    prepay: { allowed: data?.settings.allowPrepay ?? false, monthlyFen: r.payableFen },
                  })
                }
              >
                登记交纳
              </Button>
            </Tooltip>
          )}
          {canWrite && (
            <Button size="small" type="link" onClick={() => setAdjusting(r)}>
              调整
            </Button>
          )}
          <Button
            size="small"
            type="link"
            onClick={() => setRecords({ month: r.month, member: { id: r.memberId, name: r.name } })}
          >
            记录
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <MonthInput value={month} onChange={(m) => m && setMonth(m)} notAfterThisMonth />
        {canWrite && (
          <Button
            type="primary"
            icon={<SyncOutlined />}
            loading={generate.isPending}
            onClick={() => generate.mutate()}
            disabled={data?.closed}
          >
            生成{monthLabel(month)}台账
          </Button>
        )}
        {canWrite && data?.canClose && (
          <Button
            icon={<LockOutlined />}
            loading={close.isPending}
            onClick={() =>
              Modal.confirm({
                title: `${monthLabel(month)}结账`,
                content:
                  '结账后本月台账定稿：不再补充人员、不再随基数重新计算、交纳记录不能撤销，更正须录入调整。之后的补交仍可登记。',
                okText: '确认结账',
                onOk: () => close.mutateAsync(),
              })
            }
          >
            结账
          </Button>
        )}
        <Button icon={<FileExcelOutlined />} onClick={() => void onExport()} disabled={!data?.rows.length}>
          导出 Excel
        </Button>
        <Button
          icon={<PrinterOutlined />}
          disabled={!data?.rows.length}
          onClick={() => window.open(`/dues/print?org=${orgId}&month=${month}`, '_blank')}
        >
          打印
        </Button>
        <Button
          icon={<HistoryOutlined />}
          disabled={!data?.rows.length}
          onClick={() => setRecords({ month })}
        >
          交纳与调整记录
        </Button>
        {canWrite && (
          <Tooltip title="舍入规则、按季度预交、月末提醒">
            <Button icon={<SettingOutlined />} onClick={() => setSettingsOpen(true)}>
              设置
            </Button>
          </Tooltip>
        )}
      </Space>
      {ledger.isError && <QueryError error={ledger.error} retry={() => void ledger.refetch()} />}
      {data?.closed && (
        <Alert
          type="success"
          showIcon
          title={`${monthLabel(month)}已结账（${data.closedBy ?? ''}）：台账定稿，更正请录入调整，补交仍可登记。`}
        />
      )}
      {data && !data.closed && data.closedBelow.length > 0 && (
        <Alert type="info" showIcon title={`已结账的下级组织：${data.closedBelow.join('、')}`} />
      )}
      {data?.rows.some((r) => r.calcKind === 'missing') && (
        <Alert
          type="warning"
          showIcon
          title={`${data.rows.filter((r) => r.calcKind === 'missing').length} 名党员尚未核定计算基数（月收入），请在“党费基数”中录入或批量导入。`}
        />
      )}
      {data && (
        <Space size="large" wrap className="zb-dues-stats">
          <Statistic title="应交人数" value={data.totals.members} />
          <Statistic title="已交清" value={data.totals.settled} suffix={`人 · ${data.totals.rate}%`} />
          <Statistic title="应交（元）" value={yuan(data.totals.payableFen)} />
          <Statistic title="实交（元）" value={yuan(data.totals.paidFen)} />
          <Statistic title="欠交（元）" value={yuan(data.totals.owedFen)} />
          {data.voluntaryFen > 0 && <Statistic title="自愿多交（元）" value={yuan(data.voluntaryFen)} />}
        </Space>
      )}
      <Table<LedgerRow>
        rowKey="memberId"
        size="small"
        loading={ledger.isPending}
        columns={columns}
        dataSource={data?.rows ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 960 }}
        locale={{
          emptyText: canWrite
            ? `${monthLabel(month)}台账尚未生成，点击“生成${monthLabel(month)}台账”`
            : '本月台账尚未生成',
        }}
      />
      {data && (
        <Typography.Text type="secondary">
          计算依据：中组发〔2008〕3号，按月收入全额对应比例计算（不累进）；{data.roundingLabel}。
        </Typography.Text>
      )}
      {paying && <PaymentModal target={paying} onClose={() => setPaying(null)} />}
      {adjusting && <AdjustModal row={adjusting} onClose={() => setAdjusting(null)} />}
      {records && (
        <RecordsDrawer orgId={orgId} target={records} canWrite={canWrite} onClose={() => setRecords(null)} />
      )}
      {settingsOpen && <SettingsModal orgId={orgId} onClose={() => setSettingsOpen(false)} />}
    </Space>
  );
}
