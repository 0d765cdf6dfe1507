import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { TreeColumn, TwoColumns } from '../../components/PageCard';
import { QueryError } from '../../components/QueryError';
import { orgQueries } from './api';
import { OrgDetailView } from './OrgDetailView';
import { OrgTree } from './OrgTree';
import { useSelectedOrgId } from './tree-state';

export function OrgsPage() {
  const [selectedId, setSelectedId] = useSelectedOrgId();
  const [showDissolved, setShowDissolved] = useState(false);
  const roots = useQuery(orgQueries.roots());

  // The org page always shows one org: the first of the user's scope until they pick another.
  const firstRoot = roots.data?.[0]?.id;
  useEffect(() => {
    if (selectedId === null && firstRoot !== undefined) setSelectedId(firstRoot);
  }, [selectedId, firstRoot, setSelectedId]);

  return (
    <TwoColumns>
      <TreeColumn>
        <OrgTree
          selectedId={selectedId}
          onSelect={setSelectedId}
          keepSelection
          dissolved={{ shown: showDissolved, onChange: setShowDissolved }}
        />
      </TreeColumn>
      <div style={{ flex: 1, minWidth: 0 }}>
        {selectedId !== null ? (
          <OrgDetailView id={selectedId} onNavigate={setSelectedId} />
        ) : roots.isError ? (
          <QueryError error={roots.error} />
        ) : roots.isPending ? (
          <Spin />
        ) : (
          <Card>
            <Empty description="请在左侧选择组织" />
          </Card>
        )}
      </div>
    </TwoColumns>
  );
}
