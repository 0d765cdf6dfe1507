import { Button, Result, Spin } from 'antd';
import { type ReactNode, Suspense } from 'react';
import { createBrowserRouter, Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import type { Permission } from '../../domain/access';
import { ChangePasswordPage } from '../features/auth/ChangePasswordPage';
import { LoginPage } from '../features/auth/LoginPage';
import { WEB_MODULES } from '../modules';
import { AppShell } from './AppShell';
import { homePath } from './access';
import { useAuth } from './auth';
import type { PageAccess, WebRoute } from './module';

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

function Guard({ access, children }: { access: PageAccess; children: ReactNode }) {
  if (access === 'signed-in') return children;
  if (access === 'self') return <RequireMemberRecord>{children}</RequireMemberRecord>;
  return <RequirePermission permission={access}>{children}</RequirePermission>;
}

function element({ page: Page, access }: WebRoute) {
  return (
    <Guard access={access}>
      <Page />
    </Guard>
  );
}

const routes = WEB_MODULES.flatMap((module) => module.routes);

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: <RequireAuth />,
    children: [
      { path: '/change-password', element: <ChangePasswordPage /> },
      // Print views have no app chrome: they are what goes on paper.
      ...routes
        .filter((route) => route.print)
        .map((route) => ({
          path: `/${route.path}`,
          element: (
            <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>{element(route)}</Suspense>
          ),
        })),
      {
        element: <AppShell />,
        children: [
          { index: true, element: <Home /> },
          ...routes
            .filter((route) => !route.print)
            .map((route) => ({ path: route.path, element: element(route) })),
          { path: 'no-access', element: <NoAccess /> },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
