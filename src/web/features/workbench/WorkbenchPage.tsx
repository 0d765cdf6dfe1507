import { useQuery } from '@tanstack/react-query';
import { Empty, Spin, Typography } from 'antd';
import { useMe } from '../../app/auth';
import { QueryError } from '../../components/QueryError';
import { workbenchQueries } from './api';
import { WorkbenchCard } from './WorkbenchCard';

/** Where every user lands: the cards the modules send for them, in one grid (one column on a phone). */
export function WorkbenchPage() {
  const me = useMe();
  const workbench = useQuery(workbenchQueries.all());
  if (workbench.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (workbench.isError) return <QueryError error={workbench.error} retry={() => void workbench.refetch()} />;
  const { today, cards } = workbench.data;
  return (
    <div data-testid="workbench">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        工作台
        <Typography.Text
          type="secondary"
          style={{ fontSize: 14, fontWeight: 400, marginLeft: 12, display: 'inline-block' }}
        >
          {me.displayName} · {today}
        </Typography.Text>
      </Typography.Title>
      {cards.length === 0 ? (
        <Empty description="暂无待办事项" />
      ) : (
        <div
          style={{
            display: 'grid',
            gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 340px), 1fr))',
            gap: 12,
            alignItems: 'stretch',
          }}
        >
          {cards.map((card) => (
            <WorkbenchCard key={card.id} card={card} />
          ))}
        </div>
      )}
    </div>
  );
}
