import { Button, Result } from 'antd';
import { lazy, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import type { Permission } from '../../domain/access';
import { ChangePasswordPage } from '../features/auth/ChangePasswordPage';
import { LoginPage } from '../features/auth/LoginPage';
import { AppShell } from './AppShell';
import { homePath } from './access';
import { useAuth } from './auth';

// Pages load on first visit: a member on a phone never downloads the desk pages.
const RosterPage = lazy(() =>
  import('../features/members/RosterPage').then((m) => ({ default: m.RosterPage })),
);
const OrgsPage = lazy(() => import('../features/orgs/OrgsPage').then((m) => ({ default: m.OrgsPage })));
const AccountsPage = lazy(() =>
  import('../features/accounts/AccountsPage').then((m) => ({ default: m.AccountsPage })),
);
const AuditPage = lazy(() => import('../features/audit/AuditPage').then((m) => ({ default: m.AuditPage })));
const DictionariesPage = lazy(() =>
  import('../features/dictionaries/DictionariesPage').then((m) => ({ default: m.DictionariesPage })),
);
const MyRecordPage = lazy(() =>
  import('../features/members/MyRecordPage').then((m) => ({ default: m.MyRecordPage })),
);

/** Signed-in pages: no session → login; an initial password → the forced change. */
function RequireAuth() {
  const { me } = useAuth();
  const location = useLocation();
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (me.mustChangePassword && location.pathname !== '/change-password')
    return <Navigate to="/change-password" replace />;
  return <Outlet />;
}

function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { can } = useAuth();
  return can(permission) ? children : <Forbidden />;
}

function RequireMemberRecord({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  return me?.memberId !== null ? children : <Forbidden />;
}

function Home() {
  const { me, permissions } = useAuth();
  return me ? <Navigate to={homePath(permissions, me)} replace /> : <Navigate to="/login" replace />;
}

function Forbidden() {
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle="您的角色不能使用此页面，如有需要请联系上级党组织或管理员。"
    />
  );
}

function NoAccess() {
  return (
    <Result
      status="info"
      title="账号尚未分配角色"
      subTitle="此账号没有关联党员档案，也没有管理权限。请联系管理员授予角色。"
    />
  );
}

function NotFound() {
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="页面不存在"
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          返回首页
        </Button>
      }
    />
  );
}

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: <RequireAuth />,
    children: [
      { path: '/change-password', element: <ChangePasswordPage /> },
      {
        element: <AppShell />,
        children: [
          { index: true, element: <Home /> },
          {
            path: 'roster',
            element: (
              <RequirePermission permission="member.read">
                <RosterPage />
              </RequirePermission>
            ),
          },
          {
            path: 'orgs',
            element: (
              <RequirePermission permission="org.read">
                <OrgsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'accounts',
            element: (
              <RequirePermission permission="account.manage">
                <AccountsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'audit',
            element: (
              <RequirePermission permission="audit.read">
                <AuditPage />
              </RequirePermission>
            ),
          },
          {
            path: 'dictionaries',
            element: (
              <RequirePermission permission="dictionary.write">
                <DictionariesPage />
              </RequirePermission>
            ),
          },
          {
            path: 'me',
            element: (
              <RequireMemberRecord>
                <MyRecordPage />
              </RequireMemberRecord>
            ),
          },
          { path: 'no-access', element: <NoAccess /> },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
