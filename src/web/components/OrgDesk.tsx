import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Tabs } from 'antd';
import type { ReactNode } from 'react';
import { useUrlParams } from '../app/url-params';
import { OrgTree, orgQueries, useDeskOrgId } from '../features/orgs';
import { TreeColumn, TwoColumns } from './PageCard';

/** One tab of a desk: what it shows for the org chosen in the tree. */
export interface DeskTab {
  key: string;
  label: ReactNode;
  render: (orgId: number) => ReactNode;
  /** False leaves the tab out (a permission the user lacks); a link to it then opens the default tab. */
  visible?: boolean;
}

/**
 * A desk over the org tree: the tree at the left (the org kept in the URL as ?org=, the user's first role's
 * org until they pick one), and a card titled with the org's name holding the tabs, the open tab kept in the
 * URL as ?tab= (an unknown or hidden one opens `defaultTab`). A tab is mounted only while it is open.
 */
export function OrgDesk({
  title,
  tabs,
  defaultTab,
  extra,
}: {
  /** The card's title; the chosen org's name follows it (`党费 · 第一党支部`). */
  title: string;
  tabs: readonly DeskTab[];
  defaultTab: string;
  /** The card's extra (buttons, a year), for the chosen org or none. */
  extra?: (orgId: number | null) => ReactNode;
}) {
  const [orgId, setSelected] = useDeskOrgId();
  const org = useQuery({ ...orgQueries.detail(orgId ?? 0), enabled: orgId !== null });
  const [tab, setTab] = useTab(
    tabs.filter((t) => t.visible !== false).map((t) => t.key),
    defaultTab,
  );

  return (
    <TwoColumns>
      <TreeColumn>
        <OrgTree selectedId={orgId} onSelect={(id) => setSelected(id)} />
      </TreeColumn>
      <Card
        title={org.data ? `${title} · ${org.data.name}` : title}
        size="small"
        style={{ flex: 1, minWidth: 0 }}
        extra={extra?.(orgId)}
      >
        {orgId === null ? (
          <Empty description="请在左侧选择组织" />
        ) : (
          <Tabs
            activeKey={tab}
            onChange={setTab}
            destroyOnHidden
            items={tabs
              .filter((t) => t.visible !== false)
              .map((t) => ({ key: t.key, label: t.label, children: t.render(orgId) }))}
          />
        )}
      </Card>
    </TwoColumns>
  );
}

/** The open tab, kept in the URL (?tab=ledger) without adding to the history. */
function useTab(keys: readonly string[], defaultTab: string): [string, (next: string) => void] {
  const [params, patch] = useUrlParams();
  const raw = params.get('tab') ?? '';
  const tab = keys.includes(raw) ? raw : defaultTab;
  return [tab, (next) => patch({ tab: next })];
}
