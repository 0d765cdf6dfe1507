import { Card, Empty, Spin } from 'antd';
import { useState } from 'react';
import { TreeColumn, TwoColumns } from '../../components/PageCard';
import { QueryError } from '../../components/QueryError';
import { OrgDetailView } from './OrgDetailView';
import { OrgTree } from './OrgTree';
import { useFirstRootUntilChosen, useSelectedOrgId } from './tree-state';

export function OrgsPage() {
  const [selectedId, setSelectedId] = useSelectedOrgId();
  const [showDissolved, setShowDissolved] = useState(false);
  // The org page always shows one org: the first of the user's scope until they pick another.
  const roots = useFirstRootUntilChosen(selectedId, setSelectedId);

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
