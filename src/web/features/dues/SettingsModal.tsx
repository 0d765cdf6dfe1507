import { useQuery } from '@tanstack/react-query';
import { Form, InputNumber, Modal, Select, Switch, Typography } from 'antd';
import { ROUNDING_LABELS, ROUNDING_RULES, type Rounding } from '../../../domain/dues';
import { FormModal, useSave } from '../../components/FormModal';
import { QueryError } from '../../components/QueryError';
import { duesKeys, duesQueries, saveSettings } from './api';

interface Values {
  rounding: Rounding;
  allowPrepay: boolean;
  reminderLeadDays: number;
}

/** Settings for an org and everything below it that has none of its own. */
export function SettingsModal({ orgId, onClose }: { orgId: number; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const settings = useQuery(duesQueries.settings(orgId));
  const save = useSave({
    form,
    fields: ['rounding', 'allowPrepay', 'reminderLeadDays'],
    save: (v: Values) => saveSettings({ orgId, ...v }),
    invalidate: [duesKeys.all],
    success: '已保存党费设置',
    onSaved: onClose,
  });
  if (settings.isError)
    return (
      <Modal open title="党费设置" footer={null} onCancel={onClose}>
        <QueryError error={settings.error} retry={() => void settings.refetch()} />
      </Modal>
    );
  return (
    <FormModal<Values>
      title="党费设置"
      form={form}
      // Cached settings may be older than the last save: the form waits for the fresh ones, so it never opens
      // with values that the refetch would then contradict.
      initialValues={settings.isFetching ? undefined : settings.data}
      saving={save.isPending}
      onSubmit={(v) => save.mutate(v)}
      onClose={onClose}
      testId="dues-settings"
      before={
        settings.data && (
          <Typography.Paragraph type="secondary">
            {settings.data.fromOrgName
              ? `当前沿用“${settings.data.fromOrgName}”的设置。`
              : '当前为系统默认设置。'}
            保存后适用于本组织及未单独设置的下级组织。改变舍入规则时，已生成但未结账的月份随即按新规则重新计算；已结账的月份保持不变，更正请录入调整。
          </Typography.Paragraph>
        )
      }
    >
      <Form.Item name="rounding" label="舍入规则">
        <Select options={ROUNDING_RULES.map((r) => ({ value: r, label: ROUNDING_LABELS[r] }))} />
      </Form.Item>
      <Form.Item name="allowPrepay" label="允许按季度预交" valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="reminderLeadDays" label="月末前几天提醒未交党员">
        <InputNumber min={0} max={15} suffix="天" />
      </Form.Item>
    </FormModal>
  );
}
