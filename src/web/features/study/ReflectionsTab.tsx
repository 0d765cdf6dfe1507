import { useQuery } from '@tanstack/react-query';
import { Button, Input, Modal, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { QueryError } from '../../components/QueryError';
import { useAction } from '../../components/useAction';
import { type ReflectionRow, reviewReflection, studyKeys, studyQueries } from './api';

export function ReflectionsTab({ orgId, writable }: { orgId: number; writable: boolean }) {
  const q = useQuery(studyQueries.reflections(orgId));
  const [reviewing, setReviewing] = useState<ReflectionRow | null>(null);
  return (
    <>
      {q.isError && <QueryError error={q.error} />}
      <Table<ReflectionRow>
        rowKey="id"
        size="small"
        loading={q.isPending}
        dataSource={q.data?.rows ?? []}
        expandable={{
          expandedRowRender: (r) => (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{r.body}</Typography.Paragraph>
          ),
        }}
        columns={[
          {
            title: '提交时间',
            dataIndex: 'submittedAt',
            width: 170,
            render: (t: string) => new Date(t).toLocaleString('zh-CN'),
          },
          { title: '党员', dataIndex: 'memberName', width: 100 },
          { title: '标题', dataIndex: 'title' },
          {
            title: '状态',
            width: 220,
            render: (_, r) =>
              r.status === 'submitted' ? (
                writable ? (
                  <Button size="small" onClick={() => setReviewing(r)}>
                    审阅
                  </Button>
                ) : (
                  <Tag>待审阅</Tag>
                )
              ) : (
                <span>
                  <Tag color={r.status === 'reviewed' ? 'green' : 'orange'}>
                    {r.status === 'reviewed' ? '已审阅' : '已退回'}
                  </Tag>
                  {r.reviewComment}
                </span>
              ),
          },
        ]}
      />
      {reviewing && <ReviewModal reflection={reviewing} onClose={() => setReviewing(null)} />}
    </>
  );
}

function ReviewModal({ reflection, onClose }: { reflection: ReflectionRow; onClose: () => void }) {
  const [comment, setComment] = useState('');
  const save = useAction({
    run: (status: 'reviewed' | 'returned') => reviewReflection(reflection.id, { status, comment }),
    invalidate: [studyKeys.all],
    onDone: onClose,
  });
  return (
    <Modal
      open
      title={`审阅：${reflection.title}（${reflection.memberName}）`}
      onCancel={onClose}
      footer={[
        <Button key="r" onClick={() => save.mutate('returned')}>
          退回修改
        </Button>,
        <Button key="ok" type="primary" onClick={() => save.mutate('reviewed')}>
          审阅通过
        </Button>,
      ]}
    >
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', maxHeight: 240, overflow: 'auto' }}>
        {reflection.body}
      </Typography.Paragraph>
      <Input.TextArea
        rows={3}
        placeholder="审阅意见（必填）"
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        maxLength={1000}
      />
    </Modal>
  );
}
