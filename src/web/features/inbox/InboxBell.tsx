import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button } from 'antd';
import { useNavigate } from 'react-router-dom';
import { inboxQueries } from './api';

const POLL_MS = 60_000;

/** The header's bell: unread messages at a glance, refreshed every minute and when the window regains focus. */
export function InboxBell() {
  const navigate = useNavigate();
  const unread = useQuery({
    ...inboxQueries.unread(),
    refetchInterval: POLL_MS,
    refetchOnWindowFocus: true,
    staleTime: 0,
  });
  const count = unread.data?.unread ?? 0;
  const label = count > 0 ? `消息（${count} 条未读）` : '消息';
  return (
    <Button
      type="text"
      aria-label={label}
      title={label}
      onClick={() => void navigate('/inbox')}
      style={{ color: '#fff', height: 40, paddingInline: 8 }}
      data-testid="inbox-bell"
    >
      <Badge count={count} size="small" overflowCount={99} offset={[2, -2]} data-testid="inbox-unread">
        <BellOutlined style={{ color: '#fff', fontSize: 18 }} />
      </Badge>
    </Button>
  );
}
