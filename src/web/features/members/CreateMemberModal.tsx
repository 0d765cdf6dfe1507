import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Grid, Modal } from 'antd';
import { showFieldErrors } from '../../components/form-errors';
import { orgKeys } from '../orgs/api';
import type { MEMBER_HOLDING_TYPES } from '../orgs/OrgPicker';
import { createMember, memberKeys } from './api';
import { MEMBER_FORM_FIELDS, MemberForm, type MemberFormValues, toCreateInput } from './MemberForm';

interface Props {
  defaultOrg: { id: number; name: string; type: (typeof MEMBER_HOLDING_TYPES)[number] } | null;
  onClose: (createdId?: number) => void;
}

export function CreateMemberModal({ defaultOrg, onClose }: Props) {
  const [form] = Form.useForm<MemberFormValues>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const create = useMutation({
    mutationFn: (values: MemberFormValues) => createMember(toCreateInput(values)),
    meta: { handlesError: true },
    onSuccess: async (member) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: memberKeys.all }),
        queryClient.invalidateQueries({ queryKey: orgKeys.all }),
      ]);
      void message.success(`已新增党员 ${member.name}`);
      onClose(member.id);
    },
    onError: (error) => {
      if (!showFieldErrors(form, error, MEMBER_FORM_FIELDS)) void message.error(error.message);
      else void message.error('请按提示修改后再保存');
    },
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
