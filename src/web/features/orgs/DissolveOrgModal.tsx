import { Alert, Form, Input } from 'antd';
import { LIMITS } from '../../../shared/limits';
import { useToday } from '../../app/today';
import { DateInput } from '../../components/DateInput';
import { FormModal } from '../../components/FormModal';
import { useAction } from '../../components/useAction';
import { dissolveOrg, type OrgDetail, type OrgDissolveInput, orgKeys } from './api';

/** Dissolves an org: it leaves the tree from that date, its history stays. */
export function DissolveOrgModal({
  org,
  onClose,
}: {
  org: OrgDetail;
  onClose: (dissolved: boolean) => void;
}) {
  const today = useToday();
  const [form] = Form.useForm<OrgDissolveInput>();
  const dissolve = useAction({
    run: (values: OrgDissolveInput) => dissolveOrg(org.id, { ...values, reason: values.reason.trim() }),
    invalidate: [orgKeys.all],
    waitForRefresh: true,
    success: `“${org.name}”已撤销`,
    onDone: () => onClose(true),
  });
  return (
    <FormModal<OrgDissolveInput>
      title={`撤销组织：${org.name}`}
      okText="确认撤销"
      danger
      form={form}
      initialValues={{ dissolvedOn: today }}
      saving={dissolve.isPending}
      onSubmit={(v) => dissolve.mutate(v)}
      onClose={() => onClose(false)}
      before={
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="撤销前请先将党员调往其他支部；撤销后组织默认不在组织树中显示（打开“显示已撤销组织”可查看），历史记录保留。"
        />
      }
    >
      <Form.Item name="dissolvedOn" label="撤销日期" rules={[{ required: true, message: '请选择撤销日期' }]}>
        <DateInput allowClear={false} />
      </Form.Item>
      <Form.Item
        name="reason"
        label="撤销原因"
        rules={[
          { required: true, whitespace: true, message: '请填写撤销原因' },
          { max: LIMITS.noteMax, message: `不能超过 ${LIMITS.noteMax} 个字` },
        ]}
      >
        <Input.TextArea rows={3} placeholder="如：机构改革，单位撤并" />
      </Form.Item>
    </FormModal>
  );
}
