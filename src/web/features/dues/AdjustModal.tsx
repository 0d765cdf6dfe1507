import { Form, Input, InputNumber, Modal, Typography } from 'antd';
import { monthLabel } from '../../../domain/dues';
import { useSave } from '../../components/FormModal';
import { adjustRow, duesKeys, type LedgerRow } from './api';
import { toFen, yuan } from './display';

/** Corrects a month's amount with a reason; the row's snapshot stays as computed. */
export function AdjustModal({ row, onClose }: { row: LedgerRow; onClose: () => void }) {
  const [form] = Form.useForm<{ amount: number; reason: string }>();
  const save = useSave({
    form,
    fields: ['amountFen', 'reason'],
    save: (v: { amount: number; reason: string }) =>
      adjustRow({
        memberId: row.memberId,
        month: row.month,
        amountFen: toFen(v.amount) as number,
        reason: v.reason,
      }),
    invalidate: [duesKeys.all],
    waitForRefresh: true,
    success: '已调整',
    onSaved: onClose,
  });
  return (
    <Modal
      open
      title={`调整 · ${row.name} · ${monthLabel(row.month)}`}
      okText="保存调整"
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        原计算：{row.working}。当前应交 {yuan(row.payableFen)} 元，已交 {yuan(row.paidFen)}{' '}
        元。调整记录与原因会保留，
        {row.state === '待核定' ? '' : '已结账的月份也以调整更正。'}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="amount"
          label="调整金额（元，调减填负数）"
          rules={[
            { required: true, message: '请填写调整金额' },
            {
              validator: (_, v) =>
                v === 0 ? Promise.reject(new Error('调整金额不能为 0')) : Promise.resolve(),
            },
          ]}
        >
          <InputNumber precision={2} style={{ width: 180 }} suffix="元" />
        </Form.Item>
        <Form.Item
          name="reason"
          label="调整原因"
          rules={[{ required: true, min: 2, message: '请填写调整原因（至少 2 个字）' }]}
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
