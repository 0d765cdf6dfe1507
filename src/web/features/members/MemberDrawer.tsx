import { EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { isActive } from '../../../domain/member-status';
import { useAuth } from '../../app/auth';
import { useSave } from '../../components/FormModal';
import { RecordDrawer } from '../../components/RecordDrawer';
import { MemberAccount } from '../accounts';
import { orgKeys } from '../orgs';
import { type MemberDetail, memberKeys, memberQueries, updateMember } from './api';
import { MemberFacts, StatusTag } from './display';
import { MemberEventForm, MemberTimeline } from './MemberEvents';
import {
  initialValuesOf,
  MEMBER_FORM_FIELDS,
  MemberForm,
  type MemberFormValues,
  toUpdateInput,
} from './MemberForm';

/** One member: the record, its history and its account, opened from a roster row. */
export function MemberDrawer({ memberId, onClose }: { memberId: number | null; onClose: () => void }) {
  const detail = useQuery({ ...memberQueries.detail(memberId ?? 0), enabled: memberId !== null });
  const member = detail.data;

  return (
    <RecordDrawer
      open={memberId !== null}
      onClose={onClose}
      width={760}
      className="zb-member-drawer"
      query={detail}
      title={
        member ? (
          <Space>
            <span>{member.name}</span>
            <StatusTag status={member.status} />
            <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
              {member.orgName}
            </Typography.Text>
          </Space>
        ) : (
          '党员档案'
        )
      }
    >
      {(record) => <MemberTabs key={record.id} member={record} />}
    </RecordDrawer>
  );
}

function MemberTabs({ member }: { member: MemberDetail }) {
  const { can } = useAuth();
  return (
    <Tabs
      items={[
        { key: 'record', label: '档案', children: <RecordTab member={member} /> },
        {
          key: 'history',
          label: `状态变动（${member.events.length}）`,
          children: (
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              <MemberEventForm member={member} />
              <MemberTimeline events={member.events} />
            </Space>
          ),
        },
        {
          key: 'account',
          label: '账号',
          children: <MemberAccount member={member} canManage={member.canEdit && can('account.manage')} />,
        },
      ]}
    />
  );
}

function RecordTab({ member }: { member: MemberDetail }) {
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<MemberFormValues>();
  const editable = member.canEdit && isActive(member.status);

  const save = useSave({
    form,
    fields: MEMBER_FORM_FIELDS,
    save: (values: MemberFormValues) => updateMember(member.id, toUpdateInput(values)),
    put: (detail) => [memberKeys.detail(member.id), detail],
    invalidate: [memberKeys.all, orgKeys.all],
    waitForRefresh: true,
    success: '档案已保存',
    onSaved: () => setEditing(false),
    fieldsHint: '请按提示修改后再保存',
  });

  if (!editing)
    return (
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {member.canEdit && !isActive(member.status) && (
          <Alert
            type="info"
            showIcon
            title={`该党员状态为“${member.status}”，档案不能直接修改，如需订正请登记“更正”。`}
          />
        )}
        {editable && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-member">
            编辑档案
          </Button>
        )}
        <MemberFacts member={member} />
      </Space>
    );

  return (
    <>
      <MemberForm
        form={form}
        existing={member}
        initialValues={initialValuesOf(member)}
        onFinish={(v) => save.mutate(v)}
      />
      <Space>
        <Button
          type="primary"
          loading={save.isPending}
          onClick={() => form.submit()}
          data-testid="save-member"
        >
          保存
        </Button>
        <Button onClick={() => setEditing(false)}>取消</Button>
      </Space>
    </>
  );
}
