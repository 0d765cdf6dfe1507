import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Drawer,
  Empty,
  Form,
  Grid,
  Input,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { DUES_LIMITS, monthLabel } from '../../../domain/dues';
import { FormModal, useSave } from '../../components/FormModal';
import { QueryError } from '../../components/QueryError';
import { type Adjustment, duesKeys, duesQueries, type PaymentRecord, revokePayment } from './api';
import { yuan } from './display';

export interface RecordsTarget {
  month: string;
  /** One member's records only (opened from a ledger row); the whole month otherwise. */
  member?: { id: number; name: string };
}

/**
 * A month's payment records (received in the month, or paying toward the month) and its adjustments with
 * their reasons. A payment entered in error is withdrawn here while its months are open; the server
 * refuses it for closed months, and the ledger then says to correct by an adjustment.
 */
export function RecordsDrawer({
  orgId,
  target,
  canWrite,
  onClose,
}: {
  orgId: number;
  target: RecordsTarget;
  canWrite: boolean;
  onClose: () => void;
}) {
  const screens = Grid.useBreakpoint();
  const [revoking, setRevoking] = useState<PaymentRecord | null>(null);
  const payments = useQuery(duesQueries.payments(orgId, target.month));
  const adjustments = useQuery(duesQueries.adjustments(orgId, target.month));
  const mine = <T extends { memberId: number }>(rows: readonly T[] | undefined) =>
    (rows ?? []).filter((r) => !target.member || r.memberId === target.member.id);

  const paymentColumns = [
    { title: '交纳日期', dataIndex: 'paidOn', width: 100 },
    ...(target.member ? [] : [{ title: '姓名', dataIndex: 'memberName', width: 80 }]),
    {
      title: '所交月份（元）',
      key: 'lines',
      width: 230,
      render: (_: unknown, p: PaymentRecord) =>
        p.lines.length === 0 ? (
          <Typography.Text type="secondary" delete={p.revoked}>
            仅自愿多交
          </Typography.Text>
        ) : (
          <Space orientation="vertical" size={0}>
            {p.lines.map((l) => (
              <Typography.Text key={l.month} delete={p.revoked} style={{ whiteSpace: 'nowrap' }}>
                {monthLabel(l.month)} {yuan(l.amountFen)}（{l.kind}）
              </Typography.Text>
            ))}
          </Space>
        ),
    },
    {
      title: '自愿多交',
      dataIndex: 'voluntaryFen',
      width: 96,
      align: 'right' as const,
      render: (v: number, p: PaymentRecord) =>
        v === 0 ? (
          ''
        ) : (
          <Space size={2} orientation="vertical" align="end">
            <Typography.Text delete={p.revoked}>{yuan(v)}</Typography.Text>
            {p.remitInFull && <Tag color="purple">全额上缴</Tag>}
          </Space>
        ),
    },
    {
      title: '登记与说明',
      key: 'note',
      render: (_: unknown, p: PaymentRecord) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text type="secondary">{p.recordedByName}</Typography.Text>
          {p.branchDecision && <span>支部决定：{p.branchDecision}</span>}
          {p.note && <span>备注：{p.note}</span>}
          {p.revoked && <Typography.Text type="danger">撤销原因：{p.revokeReason}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: '状态',
      key: 'state',
      width: 110,
      render: (_: unknown, p: PaymentRecord) =>
        p.revoked ? (
          <Tag>已撤销</Tag>
        ) : canWrite ? (
          <Tooltip title={p.revocable ? '' : '所涉月份已结账，交纳记录不能撤销；如有差错请录入调整'}>
            <Button size="small" danger type="link" disabled={!p.revocable} onClick={() => setRevoking(p)}>
              撤销
            </Button>
          </Tooltip>
        ) : (
          <Tag color="green">有效</Tag>
        ),
    },
  ];

  const adjustmentColumns = [
    ...(target.member ? [] : [{ title: '姓名', dataIndex: 'memberName', width: 80 }]),
    {
      title: '调整金额',
      dataIndex: 'amountFen',
      width: 90,
      align: 'right' as const,
      render: (v: number) => `${v > 0 ? '+' : ''}${yuan(v)}`,
    },
    { title: '原因', dataIndex: 'reason' },
    {
      title: '调整人',
      key: 'by',
      width: 170,
      render: (_: unknown, a: Adjustment) => (
        <Space orientation="vertical" size={0}>
          <span>{a.createdByName}</span>
          <Typography.Text type="secondary">{a.createdAt.slice(0, 10)}</Typography.Text>
        </Space>
      ),
    },
  ];

  return (
    <Drawer
      open
      onClose={onClose}
      size={screens.md ? 820 : '100%'}
      destroyOnHidden
      title={`${monthLabel(target.month)}交纳与调整记录${target.member ? ` · ${target.member.name}` : ''}`}
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {payments.isError && <QueryError error={payments.error} retry={() => void payments.refetch()} />}
        <Typography.Title level={5} style={{ margin: 0 }}>
          交纳记录
        </Typography.Title>
        <Typography.Text type="secondary">
          包括本月收到的交纳，以及补交、预交本月党费的交纳。误录的交纳可在本月结账前撤销，撤销后欠交金额恢复。
        </Typography.Text>
        <Table<PaymentRecord>
          rowKey="id"
          size="small"
          loading={payments.isPending}
          columns={paymentColumns}
          dataSource={mine(payments.data?.rows)}
          pagination={false}
          locale={{ emptyText: <Empty description="没有交纳记录" /> }}
          scroll={{ x: 640 }}
        />
        {adjustments.isError && (
          <QueryError error={adjustments.error} retry={() => void adjustments.refetch()} />
        )}
        <Typography.Title level={5} style={{ margin: 0 }}>
          调整记录
        </Typography.Title>
        <Table<Adjustment>
          rowKey="id"
          size="small"
          loading={adjustments.isPending}
          columns={adjustmentColumns}
          dataSource={mine(adjustments.data?.rows)}
          pagination={false}
          locale={{ emptyText: <Empty description="本月没有调整" /> }}
        />
      </Space>
      {revoking && <RevokeModal payment={revoking} onClose={() => setRevoking(null)} />}
    </Drawer>
  );
}

/** The confirm dialog of a withdrawal: what is withdrawn, and the reason kept with the record. */
function RevokeModal({ payment, onClose }: { payment: PaymentRecord; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const [serverError, setServerError] = useState<string | null>(null);
  const revoke = useSave({
    form,
    fields: ['reason'],
    save: (v: { reason: string }) => revokePayment(payment.id, v.reason),
    invalidate: [duesKeys.all],
    waitForRefresh: true,
    success: `已撤销${payment.memberName}的交纳记录`,
    onSaved: onClose,
    onProblem: setServerError,
  });
  const total = payment.duesFen + payment.voluntaryFen;
  return (
    <FormModal
      title={`撤销交纳记录 · ${payment.memberName}`}
      okText="确认撤销"
      danger
      form={form}
      initialValues={{}}
      saving={revoke.isPending}
      onSubmit={(v) => revoke.mutate(v)}
      onValuesChange={() => setServerError(null)}
      onClose={onClose}
      before={
        <>
          {serverError && <Alert type="error" showIcon title={serverError} style={{ marginBottom: 16 }} />}
          <Typography.Paragraph>
            {payment.paidOn} 登记的 {yuan(total)} 元
            {payment.lines.length > 0 && `（${payment.lines.map((l) => monthLabel(l.month)).join('、')}）`}
            将被撤销，所涉月份的实交金额相应减少、欠交恢复。记录本身与撤销原因会保留。
          </Typography.Paragraph>
        </>
      }
    >
      <Form.Item
        name="reason"
        label="撤销原因"
        rules={[
          {
            required: true,
            min: DUES_LIMITS.reasonMin,
            message: `请填写撤销原因（至少 ${DUES_LIMITS.reasonMin} 个字）`,
          },
        ]}
      >
        <Input.TextArea rows={2} maxLength={DUES_LIMITS.reasonMax} placeholder="如：金额录错，重新登记" />
      </Form.Item>
    </FormModal>
  );
}
