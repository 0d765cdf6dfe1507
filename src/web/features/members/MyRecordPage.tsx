import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Space, Typography } from 'antd';
import { useMe } from '../../app/auth';
import { QueryPlaceholder } from '../../components/QueryError';
import { memberQueries } from './api';
import { MemberFacts, StatusTag } from './display';
import { MemberTimeline } from './MemberEvents';

/** 我的档案: a member's own record, one column, readable on a phone. */
export function MyRecordPage() {
  const me = useMe();
  const memberId = me.memberId as number;
  const detail = useQuery(memberQueries.detail(memberId));

  if (!detail.isSuccess) return <QueryPlaceholder query={detail} />;
  const member = detail.data;

  return (
    <Space
      orientation="vertical"
      size={12}
      style={{ width: '100%', maxWidth: 720, margin: '0 auto', display: 'flex' }}
      data-testid="my-record"
    >
      <Card size="small">
        <Typography.Title level={4} style={{ margin: 0 }}>
          我的档案
        </Typography.Title>
        <Space wrap size={6} style={{ marginTop: 8 }}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {member.name}
          </Typography.Text>
          <StatusTag status={member.status} />
        </Space>
        <div>
          <Typography.Text type="secondary">{member.orgName}</Typography.Text>
        </div>
      </Card>
      <Card size="small" title="基本信息">
        <MemberFacts member={member} column={1} />
      </Card>
      <Card size="small" title="党籍变动记录">
        <MemberTimeline events={member.events} />
      </Card>
      <Alert type="info" showIcon title="如档案信息有误，请联系所在支部书记核实更正。" />
    </Space>
  );
}
