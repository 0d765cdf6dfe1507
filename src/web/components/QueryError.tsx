import { Alert, Button, Card, Skeleton } from 'antd';
import { errorMessage } from '../app/http';

/** A failed load, said in the server's words, with a retry. */
export function QueryError({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <Alert
      type="error"
      showIcon
      title="加载失败"
      description={errorMessage(error)}
      action={
        retry && (
          <Button size="small" onClick={retry}>
            重试
          </Button>
        )
      }
    />
  );
}

/**
 * What a page shows instead of its body while its one query has no data: a skeleton in a card while it loads,
 * the failure with a retry once it failed. `if (!detail.isSuccess) return <QueryPlaceholder query={detail} />;`
 */
export function QueryPlaceholder({
  query,
}: {
  query: { isPending: boolean; error: unknown; refetch: () => unknown };
}) {
  if (query.isPending)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  return <QueryError error={query.error} retry={() => void query.refetch()} />;
}
