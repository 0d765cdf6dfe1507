import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo } from 'react';
import type { Permission } from '../../domain/access';
import { fetchMe, login, logout, type Me, type SessionInfo } from '../features/auth/api';
import { permissionsOf } from './access';
import { onUnauthorized, setCsrfToken } from './http';

const ME_KEY = ['me'] as const;

interface AuthValue {
  /** null: not signed in. */
  me: Me | null;
  permissions: ReadonlySet<Permission>;
  can: (permission: Permission) => boolean;
  signIn: (loginName: string, password: string) => Promise<SessionInfo>;
  signOut: () => Promise<void>;
  /** Re-reads /auth/me (after a password change, say). */
  refresh: () => Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

async function loadMe(): Promise<Me | null> {
  const me = await fetchMe();
  setCsrfToken(me?.csrfToken ?? null);
  return me;
}

/** Provides the signed-in user; renders `fallback` until the first /auth/me answer is in. */
export function AuthProvider({ children, fallback }: { children: ReactNode; fallback: ReactNode }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const query = useQuery({
    queryKey: ME_KEY,
    queryFn: loadMe,
    staleTime: Number.POSITIVE_INFINITY,
    retry: 1,
  });

  useEffect(() => {
    onUnauthorized(() => {
      if (queryClient.getQueryData(ME_KEY) === null) return;
      setCsrfToken(null);
      queryClient.setQueryData(ME_KEY, null);
      void message.warning('登录已过期，请重新登录');
    });
    return () => onUnauthorized(null);
  }, [queryClient, message]);

  const signIn = useCallback(
    async (loginName: string, password: string) => {
      const session = await login(loginName, password);
      setCsrfToken(session.csrfToken);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      await queryClient.fetchQuery({ queryKey: ME_KEY, queryFn: loadMe, staleTime: 0 });
      return session;
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await logout();
    } finally {
      setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(ME_KEY, null);
    }
  }, [queryClient]);

  const refresh = useCallback(async () => {
    await queryClient.fetchQuery({ queryKey: ME_KEY, queryFn: loadMe, staleTime: 0 });
  }, [queryClient]);

  const me = query.data ?? null;
  const value = useMemo<AuthValue>(() => {
    const permissions = me ? permissionsOf(me) : new Set<Permission>();
    return { me, permissions, can: (p) => permissions.has(p), signIn, signOut, refresh };
  }, [me, signIn, signOut, refresh]);

  if (query.isPending) return fallback;
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside <AuthProvider>');
  return value;
}

/** For pages behind the login: the user is known to be signed in there. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe without a signed-in user');
  return me;
}
