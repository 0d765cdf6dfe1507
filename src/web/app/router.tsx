import { Button, Result, Spin } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
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
const MeetingsPage = lazy(() =>
  import('../features/org-life/MeetingsPage').then((m) => ({ default: m.MeetingsPage })),
);
const MeetingNewPage = lazy(() =>
  import('../features/org-life/MeetingNewPage').then((m) => ({ default: m.MeetingNewPage })),
);
const MeetingDetailPage = lazy(() =>
  import('../features/org-life/MeetingDetailPage').then((m) => ({ default: m.MeetingDetailPage })),
);
const CompliancePage = lazy(() =>
  import('../features/org-life/CompliancePage').then((m) => ({ default: m.CompliancePage })),
);
const LedgerPrintPage = lazy(() =>
  import('../features/org-life/LedgerPrintPage').then((m) => ({ default: m.LedgerPrintPage })),
);
const MyMeetingsPage = lazy(() =>
  import('../features/org-life/MyMeetingsPage').then((m) => ({ default: m.MyMeetingsPage })),
);
const DuesPage = lazy(() => import('../features/dues/DuesPage').then((m) => ({ default: m.DuesPage })));
const DuesDashboardPage = lazy(() =>
  import('../features/dues/DuesDashboardPage').then((m) => ({ default: m.DuesDashboardPage })),
);
const DuesPrintPage = lazy(() =>
  import('../features/dues/DuesPrintPage').then((m) => ({ default: m.DuesPrintPage })),
);
const MyDuesPage = lazy(() => import('../features/dues/MyDuesPage').then((m) => ({ default: m.MyDuesPage })));
const StudyPage = lazy(() => import('../features/study/StudyPage').then((m) => ({ default: m.StudyPage })));
const StudyLedgerPrintPage = lazy(() =>
  import('../features/study/StudyLedgerPrintPage').then((m) => ({ default: m.StudyLedgerPrintPage })),
);
const MyStudyPage = lazy(() =>
  import('../features/study/MyStudyPage').then((m) => ({ default: m.MyStudyPage })),
);
const ExamAttemptPage = lazy(() =>
  import('../features/study/MyStudyPage').then((m) => ({ default: m.ExamAttemptPage })),
);

const OrgLifeDashboardPage = lazy(() =>
  import('../features/org-life/DashboardPage').then((m) => ({ default: m.DashboardPage })),
);
const RulebookPage = lazy(() =>
  import('../features/org-life/RulebookPage').then((m) => ({ default: m.RulebookPage })),
);
const InboxPage = lazy(() => import('../features/inbox/InboxPage').then((m) => ({ default: m.InboxPage })));

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
        // The print view has no app chrome: it is what goes on paper.
        path: '/org-life/ledger',
        element: (
          <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
            <RequirePermission permission="meeting.read">
              <LedgerPrintPage />
            </RequirePermission>
          </Suspense>
        ),
      },
      {
        path: '/study/ledger',
        element: (
          <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
            <RequirePermission permission="study.read">
              <StudyLedgerPrintPage />
            </RequirePermission>
          </Suspense>
        ),
      },
      {
        path: '/dues/print',
        element: (
          <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
            <RequirePermission permission="dues.read">
              <DuesPrintPage />
            </RequirePermission>
          </Suspense>
        ),
      },
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
            path: 'meetings',
            element: (
              <RequirePermission permission="meeting.read">
                <MeetingsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'meetings/new',
            element: (
              <RequirePermission permission="meeting.write">
                <MeetingNewPage />
              </RequirePermission>
            ),
          },
          // Readable by the desk and by the attendees themselves (the API decides).
          { path: 'meetings/:id', element: <MeetingDetailPage /> },
          {
            path: 'org-life/compliance',
            element: (
              <RequirePermission permission="meeting.read">
                <CompliancePage />
              </RequirePermission>
            ),
          },
          {
            path: 'my/meetings',
            element: (
              <RequireMemberRecord>
                <MyMeetingsPage />
              </RequireMemberRecord>
            ),
          },
          {
            path: 'my/meetings/:id',
            element: (
              <RequireMemberRecord>
                <MeetingDetailPage />
              </RequireMemberRecord>
            ),
          },
          {
            path: 'dues',
            element: (
              <RequirePermission permission="dues.read">
                <DuesPage />
              </RequirePermission>
            ),
          },
          {
            path: 'dues/dashboard',
            element: (
              <RequirePermission permission="dues.read">
                <DuesDashboardPage />
              </RequirePermission>
            ),
          },
          {
            path: 'my-dues',
            element: (
              <RequireMemberRecord>
                <MyDuesPage />
              </RequireMemberRecord>
            ),
          },
          {
            path: 'study',
            element: (
              <RequirePermission permission="study.read">
                <StudyPage />
              </RequirePermission>
            ),
          },
          {
            path: 'my/study',
            element: (
              <RequireMemberRecord>
                <MyStudyPage />
              </RequireMemberRecord>
            ),
          },
          {
            path: 'my/study/attempts/:id',
            element: (
              <RequireMemberRecord>
                <ExamAttemptPage />
              </RequireMemberRecord>
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
          {
            path: 'org-life/dashboard',
            element: (
              <RequirePermission permission="dashboard.read">
                <OrgLifeDashboardPage />
              </RequirePermission>
            ),
          },
          {
            path: 'org-life/rulebook',
            element: (
              <RequirePermission permission="meeting.read">
                <RulebookPage />
              </RequirePermission>
            ),
          },
          // Every signed-in user has an inbox (reminders, notices).
          { path: 'inbox', element: <InboxPage /> },
          { path: 'no-access', element: <NoAccess /> },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
