import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Popover, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { COMMITTEE_POSTS, GROUP_POSTS } from '../../../domain/org-rules';
import { useToday } from '../../app/today';
import { DateInput } from '../../components/DateInput';
import { FormModal } from '../../components/FormModal';
import { useAction } from '../../components/useAction';
import { MemberPicker } from '../members';
import { addPost, endPost, type OrgDetail, type OrgPost, orgKeys, type PostCreateInput } from './api';

const isCurrent = (p: OrgPost, today: string) => p.endDate === null || p.endDate > today;

/** The committee (or a group's leaders) with appointment history; appoint and end posts when allowed. */
export function PostsCard({ org }: { org: OrgDetail }) {
  const [adding, setAdding] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  const today = useToday();
  const posts = showHistory ? org.posts : org.posts.filter((p) => isCurrent(p, today));
  const editable = org.canEdit && !org.dissolvedOn;
  const title = org.type === '党小组' ? '党小组负责人' : '班子成员';

  return (
    <Card
      size="small"
      title={title}
      extra={
        <Space>
          <Typography.Text type="secondary">含历任</Typography.Text>
          <Switch size="small" checked={showHistory} onChange={setShowHistory} />
          {editable && (
            <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              任命
            </Button>
          )}
        </Space>
      }
    >
      <Table<OrgPost>
        size="small"
        rowKey="id"
        dataSource={posts}
        pagination={false}
        locale={{ emptyText: '暂无任职记录' }}
        columns={[
          { title: '职务', dataIndex: 'post', width: 110 },
          { title: '姓名', dataIndex: 'holderName', width: 120 },
          { title: '任职日期', dataIndex: 'startDate', width: 120 },
          {
            title: '离任日期',
            dataIndex: 'endDate',
            width: 120,
            render: (v: string | null, p) => (isCurrent(p, today) ? <Tag color="green">在任</Tag> : v),
          },
          ...(editable
            ? [
                {
                  title: '操作',
                  key: 'actions',
                  width: 100,
                  render: (_: unknown, p: OrgPost) =>
                    isCurrent(p, today) ? <EndPostButton post={p} /> : null,
                },
              ]
            : []),
        ]}
      />
      {adding && <AddPostModal org={org} onClose={() => setAdding(false)} />}
    </Card>
  );
}

function EndPostButton({ post }: { post: OrgPost }) {
  const today = useToday();
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState<string | null>(today);
  const end = useAction({
    run: (endDate: string) => endPost(post.id, endDate),
    invalidate: [orgKeys.all],
    waitForRefresh: true,
    success: `${post.holderName} 已离任${post.post}`,
    onDone: () => setOpen(false),
  });
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      title={`结束 ${post.holderName} 的${post.post}任职`}
      content={
        <Space orientation="vertical">
          <DateInput value={date} onChange={setDate} allowClear={false} />
          <Button
            type="primary"
            danger
            block
            disabled={!date}
            loading={end.isPending}
            onClick={() => date && end.mutate(date)}
          >
            确认离任
          </Button>
        </Space>
      }
    >
      <Button size="small" type="link" danger>
        离任
      </Button>
    </Popover>
  );
}

function AddPostModal({ org, onClose }: { org: OrgDetail; onClose: () => void }) {
  const today = useToday();
  const [form] = Form.useForm<PostCreateInput>();
  const posts = org.type === '党小组' ? GROUP_POSTS : COMMITTEE_POSTS;
  const add = useAction({
    run: (values: PostCreateInput) => addPost(org.id, values),
    invalidate: [orgKeys.all],
    waitForRefresh: true,
    success: (post) => `已任命 ${post.holderName} 为${post.post}`,
    onDone: onClose,
  });
  return (
    <FormModal<PostCreateInput>
      title={`任命：${org.name}`}
      okText="任命"
      form={form}
      initialValues={{ startDate: today }}
      saving={add.isPending}
      onSubmit={(v) => add.mutate(v)}
      onClose={onClose}
    >
      <Form.Item name="post" label="职务" rules={[{ required: true, message: '请选择职务' }]}>
        <Select options={posts.map((p) => ({ value: p, label: p }))} />
      </Form.Item>
      <Form.Item name="memberId" label="党员" rules={[{ required: true, message: '请选择党员' }]}>
        <MemberPicker orgId={org.id} />
      </Form.Item>
      <Form.Item name="startDate" label="任职日期" rules={[{ required: true, message: '请选择任职日期' }]}>
        <DateInput allowClear={false} />
      </Form.Item>
    </FormModal>
  );
}
