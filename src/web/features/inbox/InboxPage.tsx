import { CheckOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Pagination, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { QueryError } from '../../components/QueryError';
import { type InboxItem, type InboxQuery, inboxKeys, inboxQueries, markAllRead, markRead } from './api';

const PAGE_SIZE = 20;

/** What a message is about, by the kind the server files it under. */
const KIND_LABELS: Record<string, { label: string; color: string }> = {
  'meeting.planned': { label: '会议通知', color: 'blue' },
  'orglife.due': { label: '组织生活提醒', color: 'gold' },
  'orglife.overdueDigest': { label: '逾期汇总', color: 'red' },
};

const SHANGHAI = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "2026-11-22 16:07" on the Beijing clock, whatever the browser's zone. */
function received(iso: string): string {
  const p = Object.fromEntries(SHANGHAI.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** Links are paths inside the app; anything else is not followed. */
const isAppPath = (link: string | null): link is string =>
  !!link && link.startsWith('/') && !link.startsWith('//');

/** 消息: reminders and notices, newest first; opening one marks it read and goes where it points. */
export function InboxPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const query: InboxQuery = { unreadOnly, page, pageSize: PAGE_SIZE };
  const inbox = useQuery({
    ...inboxQueries.list(query),
    placeholderData: keepPreviousData,
    refetchOnWindowFocus: true,
  });

  const refresh = () => queryClient.invalidateQueries({ queryKey: inboxKeys.all });
  const read = useMutation({ mutationFn: markRead, onSettled: refresh });
  const readAll = useMutation({
    mutationFn: markAllRead,
    onSuccess: (r) =>
      void message.success(r.updated > 0 ? `已将 ${r.updated} 条消息标为已读` : '没有未读消息'),
    onSettled: refresh,
  });

  const open = async (item: InboxItem) => {
    if (item.readAt === null) {
      try {
        await read.mutateAsync(item.id);
      } catch {
        return; // the query client shows the server's message
      }
    }
    if (isAppPath(item.link)) void navigate(item.link);
  };

  const data = inbox.data;
  return (
    <Card
      size="small"
      title={
        <span>
          消息
          {data && data.unread > 0 && (
            <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginLeft: 8, fontSize: 13 }}>
              {data.unread} 条未读
            </Typography.Text>
          )}
        </span>
      }
      extra={
        <Button
          size="small"
          icon={<CheckOutlined />}
          disabled={!data || data.unread === 0}
          loading={readAll.isPending}
          onClick={() => readAll.mutate()}
          data-testid="inbox-read-all"
        >
          全部标为已读
        </Button>
      }
      style={{ maxWidth: 880 }}
    >
      <Segmented<'all' | 'unread'>
        value={unreadOnly ? 'unread' : 'all'}
        options={[
          { value: 'all', label: '全部' },
          { value: 'unread', label: '未读' },
        ]}
        onChange={(v) => {
          setUnreadOnly(v === 'unread');
          setPage(1);
        }}
        style={{ marginBottom: 12 }}
      />
      {inbox.isError ? (
        <QueryError error={inbox.error} retry={() => void inbox.refetch()} />
      ) : !data ? (
        <Spin style={{ display: 'block', margin: 32 }} />
      ) : data.rows.length === 0 ? (
        <Empty
          description={unreadOnly ? '没有未读消息' : '暂无消息。会议通知、组织生活提醒等会出现在这里。'}
        />
      ) : (
        <div data-testid="inbox-list" style={{ borderTop: '1px solid #f0f0f0' }}>
          {data.rows.map((item) => (
            <InboxRow key={item.id} item={item} onOpen={() => void open(item)} />
          ))}
        </div>
      )}
      {data && data.total > PAGE_SIZE && (
        <Pagination
          style={{ marginTop: 12, textAlign: 'right' }}
          current={page}
          pageSize={PAGE_SIZE}
          total={data.total}
          showSizeChanger={false}
          onChange={setPage}
          size="small"
        />
      )}
    </Card>
  );
}

function InboxRow({ item, onOpen }: { item: InboxItem; onOpen: () => void }) {
  const unread = item.readAt === null;
  const kind = KIND_LABELS[item.kind] ?? { label: '通知', color: 'default' };
  return (
    <button
      type="button"
      onClick={onOpen}
      className="zb-inbox-item"
      data-testid={`inbox-item-${item.id}`}
      data-unread={unread}
      style={{
        all: 'unset',
        boxSizing: 'border-box',
        display: 'flex',
        gap: 10,
        width: '100%',
        padding: '12px 4px',
        borderBottom: '1px solid #f0f0f0',
        cursor: 'pointer',
      }}
    >
      <span
        aria-hidden
        style={{
          flex: '0 0 8px',
          height: 8,
          marginTop: 7,
          borderRadius: 4,
          background: unread ? '#c41d1d' : 'transparent',
        }}
      />
      <span style={{ flex: 1, minWidth: 0 }}>
        <span style={{ display: 'flex', gap: 8, alignItems: 'baseline', flexWrap: 'wrap' }}>
          <Typography.Text strong={unread} style={{ flex: '1 1 200px', minWidth: 0 }}>
            {item.title}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {received(item.createdAt)}
          </Typography.Text>
        </span>
        <Typography.Paragraph
          type={unread ? undefined : 'secondary'}
          style={{ margin: '4px 0', fontSize: 13, wordBreak: 'break-word', whiteSpace: 'pre-line' }}
        >
          {item.body}
        </Typography.Paragraph>
        <Space size={4} wrap>
          <Tag color={kind.color}>{kind.label}</Tag>
          {item.dueOn && <Tag>截止 {item.dueOn}</Tag>}
          {unread ? <Tag color="red">未读</Tag> : <Tag>已读</Tag>}
        </Space>
      </span>
    </button>
  );
}
