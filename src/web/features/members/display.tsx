import { Button, Descriptions, type DescriptionsProps, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import type { MemberStatus } from '../../../domain/member-status';
import { useAction } from '../../components/useAction';
import { type MemberDetail, revealIdCard } from './api';

const STATUS_COLORS: Record<MemberStatus, string> = {
  正式党员: 'red',
  预备党员: 'orange',
  转出: 'blue',
  停止党籍: 'default',
  出党: 'default',
  去世: 'default',
};

export function StatusTag({ status }: { status: MemberStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{status}</Tag>;
}

/** The masked number, and the full one on request where the role allows it (the server audits each look). */
export function IdCardValue({ member }: { member: MemberDetail }) {
  const [full, setFull] = useState<string | null>(null);
  const reveal = useAction({ run: () => revealIdCard(member.id), onDone: (r) => setFull(r.idCard) });
  return (
    <Space wrap size={4}>
      <Typography.Text
        copyable={full ? { text: full } : false}
        style={{ fontFamily: 'monospace' }}
        data-testid="id-card"
      >
        {full ?? member.idCardMasked}
      </Typography.Text>
      {member.canRevealIdCard && !full && (
        <Tooltip title="查看完整号码会记入审计日志">
          <Button size="small" type="link" loading={reveal.isPending} onClick={() => reveal.mutate()}>
            查看完整号码
          </Button>
        </Tooltip>
      )}
    </Space>
  );
}

const orDash = (v: string | null | undefined) => (v ? v : '—');

/** Every field of a member's record, read-only. */
export function MemberFacts({
  member,
  column,
}: {
  member: MemberDetail;
  column?: DescriptionsProps['column'];
}) {
  return (
    <Descriptions
      size="small"
      bordered
      column={column ?? { xs: 1, sm: 2, md: 2, lg: 2, xl: 2, xxl: 2 }}
      styles={{ label: { width: 110, whiteSpace: 'nowrap' }, content: { minWidth: 100 } }}
      items={[
        { key: 'name', label: '姓名', children: member.name },
        { key: 'sex', label: '性别', children: member.sex },
        { key: 'ethnicity', label: '民族', children: member.ethnicity },
        { key: 'birthDate', label: '出生日期', children: member.birthDate },
        { key: 'idCard', label: '身份证号', children: <IdCardValue member={member} />, span: 'filled' },
        { key: 'education', label: '学历', children: orDash(member.education) },
        {
          key: 'phone',
          label: '手机号',
          children: <span data-testid="member-phone">{orDash(member.phone)}</span>,
        },
        { key: 'org', label: '所在支部', children: member.orgName },
        { key: 'status', label: '党员状态', children: <StatusTag status={member.status} /> },
        { key: 'joinedOn', label: '入党日期', children: member.joinedOn },
        { key: 'confirmedOn', label: '转正日期', children: orDash(member.confirmedOn) },
        { key: 'workStartedOn', label: '参加工作日期', children: orDash(member.workStartedOn) },
        { key: 'jobTitle', label: '职务', children: orDash(member.jobTitle) },
        { key: 'category', label: '人员类别', children: member.category },
        {
          key: 'flowing',
          label: '流动党员',
          children: member.isFlowing ? `是${member.flowNote ? `（${member.flowNote}）` : ''}` : '否',
        },
        { key: 'note', label: '备注', children: orDash(member.note), span: 'filled' },
      ]}
    />
  );
}
