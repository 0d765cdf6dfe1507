import { Alert, Button } from 'antd';
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
