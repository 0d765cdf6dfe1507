import { Card } from 'antd';
import type { ReactNode } from 'react';

/** The left column of the desk pages: the org tree, at a fixed width, scrolling on its own. */
export function TreeColumn({ children }: { children: ReactNode }) {
  return (
    <Card size="small" title="组织" className="zb-tree-column" styles={{ body: { padding: 8 } }}>
      {children}
    </Card>
  );
}

/** Tree beside content on a desk, stacked on a phone (see global.css). */
export function TwoColumns({ children }: { children: ReactNode }) {
  return <div className="zb-two-columns">{children}</div>;
}
