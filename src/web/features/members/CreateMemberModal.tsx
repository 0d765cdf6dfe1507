import { Form, Grid, Modal } from 'antd';
import { useSave } from '../../components/FormModal';
import type { MEMBER_HOLDING_TYPES } from '../orgs';
import { orgKeys } from '../orgs';
import { createMember, memberKeys } from './api';
import { MEMBER_FORM_FIELDS, MemberForm, type MemberFormValues, toCreateInput } from './MemberForm';

interface Props {
  defaultOrg: { id: number; name: string; type: (typeof MEMBER_HOLDING_TYPES)[number] } | null;
  onClose: (createdId?: number) => void;
}

export function CreateMemberModal({ defaultOrg, onClose }: Props) {
  const [form] = Form.useForm<MemberFormValues>();
  const screens = Grid.useBreakpoint();
  const create = useSave({
    form,
    fields: MEMBER_FORM_FIELDS,
    save: (values: MemberFormValues) => createMember(toCreateInput(values)),
    invalidate: [memberKeys.all, orgKeys.all],
    waitForRefresh: true,
    success: (member) => `已新增党员 ${member.name}`,
    onSaved: (member) => onClose(member.id),
    fieldsHint: '请按提示修改后再保存',
  });
  return (
    <Modal
      open
      title="新增党员"
      okText="保存"
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      onCancel={() => onClose()}
      width={screens.md ? 720 : '100%'}
    >
      <MemberForm
        form={form}
        defaultOrg={defaultOrg}
        initialValues={{
          orgId: defaultOrg?.id,
          sex: '男',
          ethnicity: '汉族',
          category: '在职',
          isFlowing: false,
        }}
        onFinish={(v) => create.mutate(v)}
      />
    </Modal>
  );
}
