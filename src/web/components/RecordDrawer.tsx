import { Drawer, Grid, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { QueryError } from './QueryError';

/**
 * A drawer on one record, opened from a list row: `width` on a desk, the whole screen on a phone; while the
 * record loads a skeleton, if it fails the failure with a retry, then `children` with the record.
 */
export function RecordDrawer<T>({
  open,
  onClose,
  width,
  className,
  title,
  query,
  children,
}: {
  open: boolean;
  onClose: () => void;
  width: number;
  className: string;
  title: ReactNode;
  query: {
    data: T | undefined;
    isPending: boolean;
    isError: boolean;
    error: unknown;
    refetch: () => unknown;
  };
  children: (record: T) => ReactNode;
}) {
  const screens = Grid.useBreakpoint();
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={screens.md ? width : '100%'}
      destroyOnHidden
      rootClassName={className}
      title={title}
    >
      {query.isPending && <Skeleton active />}
      {query.isError && <QueryError error={query.error} retry={() => void query.refetch()} />}
      {query.data !== undefined && children(query.data)}
    </Drawer>
  );
}
