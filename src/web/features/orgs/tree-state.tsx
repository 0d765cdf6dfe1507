import { useQuery } from '@tanstack/react-query';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useMe } from '../../app/auth';
import { idParam, useUrlParams } from '../../app/url-params';
import { orgQueries } from './api';

interface TreeState {
  expanded: number[];
  setExpanded: (ids: number[]) => void;
  /** Adds ids to the expanded set (to reveal a node found by search). */
  expand: (ids: number[]) => void;
  /** The first root is opened once per session, not every time the tree mounts again. */
  autoExpanded: boolean;
  markAutoExpanded: () => void;
}

const TreeStateContext = createContext<TreeState | null>(null);

/** Keeps the org tree's open nodes while the user moves between the roster and the org page. */
export function OrgTreeStateProvider({ children }: { children: ReactNode }) {
  const [expanded, setExpanded] = useState<number[]>([]);
  const [autoExpanded, setAutoExpanded] = useState(false);
  const expand = useCallback(
    (ids: number[]) => setExpanded((current) => [...new Set([...current, ...ids])]),
    [],
  );
  const markAutoExpanded = useCallback(() => setAutoExpanded(true), []);
  const value = useMemo(
    () => ({ expanded, setExpanded, expand, autoExpanded, markAutoExpanded }),
    [expanded, expand, autoExpanded, markAutoExpanded],
  );
  return <TreeStateContext.Provider value={value}>{children}</TreeStateContext.Provider>;
}

export function useOrgTreeState(): TreeState {
  const value = useContext(TreeStateContext);
  if (!value) throw new Error('useOrgTreeState outside <OrgTreeStateProvider>');
  return value;
}

/** The org chosen in the tree, kept in the URL (?org=12) so a page can be bookmarked and reloaded. */
export function useSelectedOrgId(): [number | null, (id: number | null) => void] {
  const [params, patch] = useUrlParams();
  const setId = useCallback((next: number | null) => patch({ org: next }), [patch]);
  return [idParam(params, 'org'), setId];
}

/** The org a desk shows: the one chosen in the tree (?org=), else the org of the user's first role, else none. */
export function useDeskOrgId(): [number | null, (id: number | null) => void] {
  const me = useMe();
  const [selected, setSelected] = useSelectedOrgId();
  return [selected ?? me.roles[0]?.orgId ?? null, setSelected];
}

/**
 * For a page that always shows one org: while none is chosen, chooses the first root of the user's scope.
 * Returns the roots query, whose error and empty answer the page shows while it has no org.
 */
export function useFirstRootUntilChosen(orgId: number | null, choose: (id: number) => void) {
  const roots = useQuery(orgQueries.roots());
  const firstRoot = roots.data?.[0]?.id;
  const latestChoose = useRef(choose);
  latestChoose.current = choose;
  useEffect(() => {
    if (orgId === null && firstRoot !== undefined) latestChoose.current(firstRoot);
  }, [orgId, firstRoot]);
  return roots;
}
