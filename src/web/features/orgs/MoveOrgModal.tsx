import { Alert, Form } from 'antd';
import { ALLOWED_CHILDREN, ORG_TYPES } from '../../../domain/org-rules';
import { FormModal } from '../../components/FormModal';
import { useAction } from '../../components/useAction';
import { moveOrg, type OrgDetail, orgKeys } from './api';
import { OrgPicker } from './OrgPicker';

/** Moves an org (with everything under it) to a new parent of a type that may hold it. */
export function MoveOrgModal({ org, onClose }: { org: OrgDetail; onClose: () => void }) {
  const [form] = Form.useForm<{ newParentId: number }>();
  const parentTypes = ORG_TYPES.filter((t) => ALLOWED_CHILDREN[t].includes(org.type));
  const move = useAction({
    run: (newParentId: number) => moveOrg(org.id, newParentId),
    invalidate: [orgKeys.all, ['members']],
    waitForRefresh: true,
    success: '隶属关系已调整',
    onDone: onClose,
  });
  return (
    <FormModal
      title={`调整隶属关系：${org.name}`}
      okText="确认调整"
      form={form}
      initialValues={{}}
      saving={move.isPending}
      onSubmit={(v) => move.mutate(v.newParentId)}
      onClose={onClose}
      before={
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="下级组织和党员随之调整，历史记录保留。"
          description={`${org.type}可隶属于：${parentTypes.join('、')}`}
        />
      }
    >
      <Form.Item
        name="newParentId"
        label="新的上级组织"
        rules={[{ required: true, message: '请选择新的上级组织' }]}
      >
        <OrgPicker types={parentTypes} excludeIds={[org.id, ...(org.parentId ? [org.parentId] : [])]} />
      </Form.Item>
    </FormModal>
  );
}
