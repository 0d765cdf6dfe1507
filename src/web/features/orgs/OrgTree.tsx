import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { AutoComplete, Empty, Input, Spin, Switch, Tag, Tree, type TreeDataNode, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { pathIds } from '../../../domain/org-rules';
import { QueryError } from '../../components/QueryError';
import { type OrgNode, orgQueries } from './api';
import { useOrgTreeState } from './tree-state';

interface OrgTreeProps {
  selectedId: number | null;
  /** null when the user clears the selection (clicks the selected node again). */
  onSelect: (id: number | null) => void;
  /** Where clearing makes no sense (the org page always shows one org). */
  keepSelection?: boolean;
  /** Offers the 显示已撤销组织 switch (the org page, where dissolved orgs are looked up for their history). */
  dissolved?: { shown: boolean; onChange: (shown: boolean) => void };
}

function NodeTitle({ org }: { org: OrgNode }) {
  if (org.dissolvedOn)
    return (
      <span title={`${org.type}：${org.name}（${org.dissolvedOn} 撤销）`}>
        <Typography.Text type="secondary">{org.name}</Typography.Text>
        <Tag style={{ marginLeft: 6, marginInlineEnd: 0 }}>已撤销</Tag>
      </span>
    );
  return (
    <span title={`${org.type}：${org.name}`}>
      {org.name}
      {org.directMembers > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap', marginLeft: 6 }}>
          {org.directMembers} 人
        </Typography.Text>
      )}
    </span>
  );
}

/**
 * The org tree of the user's scope, loaded one level at a time (an installation may hold a province).
 * Children come from the query cache, so the tree reopens instantly and refreshes after changes.
 */
export function OrgTree({ selectedId, onSelect, keepSelection, dissolved }: OrgTreeProps) {
  const queryClient = useQueryClient();
  const { expanded, setExpanded, expand, autoExpanded, markAutoExpanded } = useOrgTreeState();
  const withDissolved = dissolved?.shown ?? false;
  const roots = useQuery(orgQueries.roots());
  const childrenQuery = (id: number) => orgQueries.children(id, withDissolved);
  const children = useQueries({ queries: expanded.map(childrenQuery) });

  useEffect(() => {
    const first = roots.data?.[0];
    if (autoExpanded || !first) return;
    markAutoExpanded();
    if (first.childCount > 0) expand([first.id]);
  }, [roots.data, autoExpanded, markAutoExpanded, expand]);

  const treeData = useMemo(() => {
    const childrenOf = new Map<number, OrgNode[]>();
    expanded.forEach((id, i) => {
      const data = children[i]?.data;
      if (data) childrenOf.set(id, data);
    });
    const toNode = (org: OrgNode): TreeDataNode => ({
      key: org.id,
      title: <NodeTitle org={org} />,
      isLeaf: org.childCount === 0,
      children: childrenOf.get(org.id)?.map(toNode),
    });
    return (roots.data ?? []).map(toNode);
  }, [roots.data, expanded, children]);

  const loadData = async (node: TreeDataNode) => {
    const id = Number(node.key);
    await queryClient.ensureQueryData(childrenQuery(id));
  };

  /** Opens the path down to an org found by search, from the first ancestor the tree shows. */
  const reveal = (path: string, id: number) => {
    const ids = pathIds(path);
    const rootIds = new Set((roots.data ?? []).map((r) => r.id));
    const start = ids.findIndex((a) => rootIds.has(a));
    if (start >= 0) expand(ids.slice(start, ids.indexOf(id)));
    onSelect(id);
  };

  if (roots.isPending) return <Spin style={{ display: 'block', margin: 24 }} />;
  if (roots.isError) return <QueryError error={roots.error} retry={() => void roots.refetch()} />;
  if (treeData.length === 0) return <Empty description="权限范围内没有组织" />;

  return (
    <div className="zb-org-tree" data-testid="org-tree">
      <OrgSearch onPick={reveal} />
      {dissolved && (
        <div className="zb-org-tree-switch">
          <Switch
            id="zb-show-dissolved"
            size="small"
            checked={dissolved.shown}
            onChange={dissolved.onChange}
            data-testid="show-dissolved"
          />
          <label htmlFor="zb-show-dissolved">显示已撤销组织</label>
        </div>
      )}
      <Tree
        blockNode
        showLine={{ showLeafIcon: false }}
        treeData={treeData}
        loadData={loadData}
        expandedKeys={expanded}
        onExpand={(keys) => setExpanded(keys.map(Number))}
        selectedKeys={selectedId === null ? [] : [selectedId]}
        onSelect={(keys) => {
          const key = keys[0];
          if (key !== undefined) onSelect(Number(key));
          else if (!keepSelection) onSelect(null);
        }}
      />
    </div>
  );
}

function OrgSearch({ onPick }: { onPick: (path: string, id: number) => void }) {
  const [text, setText] = useState('');
  const q = text.trim();
  const results = useQuery(orgQueries.search(q));
  return (
    <AutoComplete
      style={{ width: '100%', marginBottom: 8 }}
      value={text}
      onChange={setText}
      options={(results.data ?? []).map((o) => ({
        value: String(o.id),
        label: (
          <span>
            {o.name} <Typography.Text type="secondary">{o.type}</Typography.Text>
          </span>
        ),
        org: o,
      }))}
      onSelect={(_value, option) => {
        setText('');
        onPick(option.org.path, option.org.id);
      }}
      notFoundContent={q && !results.isFetching ? '未找到组织' : null}
    >
      <Input.Search placeholder="查找组织" allowClear loading={results.isFetching} />
    </AutoComplete>
  );
}
