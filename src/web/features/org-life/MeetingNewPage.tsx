import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Radio, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { MeetingType } from '../../../domain/org-life-rules';
import type { OrgType } from '../../../domain/org-rules';
import { QueryError } from '../../components/QueryError';
import { useAction } from '../../components/useAction';
import { orgQueries } from '../orgs';
import { createMeeting, type MeetingUpdateInput, meetingKeys } from './api';
import { MeetingEditor } from './MeetingEditor';

/** 新建会议: plan a sitting (its expected attendees are notified) or enter one that was already held. */
export function MeetingNewPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const orgId = Number(params.get('org'));
  const [recording, setRecording] = useState(params.get('held') === '1');
  const org = useQuery({ ...orgQueries.detail(orgId), enabled: orgId > 0 });
  const create = useAction({
    run: (input: MeetingUpdateInput) =>
      createMeeting({
        ...input,
        orgId,
        status: recording ? 'held' : 'planned',
        types: input.types as MeetingType[],
        date: input.date as string,
        startTime: input.startTime as string,
        endTime: input.endTime as string,
      }),
    invalidate: [meetingKeys.all],
    success: (meeting) =>
      recording ? '会议记录已保存' : `会议已计划，已通知应到的 ${meeting.counts.expected} 名党员`,
    onDone: (meeting) => void navigate(`/meetings/${meeting.id}`, { replace: true }),
  });

  if (!(orgId > 0)) return <Empty description="请先在会议记录页选择组织" />;
  if (org.isError) return <QueryError error={org.error} retry={() => void org.refetch()} />;
  if (!org.data) return <Spin />;

  return (
    <Card
      title={`新建会议 · ${org.data.name}`}
      extra={
        <Radio.Group
          value={recording ? 'held' : 'planned'}
          onChange={(e) => setRecording(e.target.value === 'held')}
          optionType="button"
          options={[
            { value: 'planned', label: '计划召开' },
            { value: 'held', label: '补录已召开的会议' },
          ]}
          data-testid="new-meeting-mode"
        />
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {recording
            ? '登记已经召开的会议：应到人员按会议当日的党员名册计算，请逐一登记出席与缺席原因。'
            : '计划召开的会议保存后，应到党员会在“消息”中收到通知，并可在会议开始前 30 分钟起签到。'}
        </Typography.Paragraph>
        <MeetingEditor
          key={recording ? 'held' : 'planned'}
          mode="create"
          orgId={orgId}
          orgType={org.data.type as OrgType}
          recording={recording}
          busy={create.isPending}
          onSubmit={async (input) => {
            await create.mutateAsync(input);
          }}
          onCancel={() => navigate(-1)}
          submitLabel={recording ? '保存会议记录' : '保存并通知'}
        />
      </Space>
    </Card>
  );
}
