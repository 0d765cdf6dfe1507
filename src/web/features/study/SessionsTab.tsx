import { useQuery } from '@tanstack/react-query';
import { Button, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { QueryError } from '../../components/QueryError';
import { type SessionRow, studyQueries } from './api';
import { SessionDrawer, SessionModal } from './SessionForms';

export function SessionsTab({ orgId, year, writable }: { orgId: number; year: number; writable: boolean }) {
  const q = useQuery(studyQueries.sessions(orgId, year));
  const [open, setOpen] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        点击一行查看或修改：计划中的学习开展后，在此登记出席并记为“已开展”。
      </Typography.Text>
      {writable && (
        <Button type="primary" onClick={() => setOpen(true)} data-testid="new-session">
          登记学习活动
        </Button>
      )}
      {q.isError && <QueryError error={q.error} retry={() => void q.refetch()} />}
      <Table<SessionRow>
        rowKey="id"
        size="small"
        loading={q.isPending}
        dataSource={q.data?.rows ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: '日期', dataIndex: 'date', width: 110 },
          { title: '形式', dataIndex: 'kind', width: 100 },
          {
            title: '主题',
            dataIndex: 'title',
            render: (t, r) =>
              r.meetingId ? (
                <Space>
                  {t}
                  <Tag color="purple">关联会议</Tag>
                </Space>
              ) : (
                t
              ),
          },
          { title: '学时', dataIndex: 'hours', width: 70, align: 'right' },
          { title: '出席', width: 90, render: (_, r) => `${r.present}/${r.expected}` },
          {
            title: '状态',
            dataIndex: 'status',
            width: 80,
            render: (s) => (s === 'held' ? <Tag color="green">已开展</Tag> : <Tag>计划</Tag>),
          },
        ]}
        locale={{ emptyText: '本年度还没有学习活动' }}
      />
      {open && <SessionModal orgId={orgId} year={year} onClose={() => setOpen(false)} />}
      <SessionDrawer sessionId={openId} orgId={orgId} year={year} onClose={() => setOpenId(null)} />
    </Space>
  );
}
