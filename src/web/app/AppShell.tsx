import {
  ApartmentOutlined,
  AuditOutlined,
  BookOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  DashboardOutlined,
  DownOutlined,
  FundOutlined,
  IdcardOutlined,
  KeyOutlined,
  LogoutOutlined,
  MoneyCollectOutlined,
  ReadOutlined,
  ScheduleOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserOutlined,
  WalletOutlined,
} from '@ant-design/icons';
import { Button, Dropdown, Grid, Layout, Menu, type MenuProps, Spin, Typography } from 'antd';
import { type ReactNode, Suspense } from 'react';
import { Outlet, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import type { Permission } from '../../domain/access';
import { InboxBell } from '../features/inbox/InboxBell';
import { OrgTreeStateProvider } from '../features/orgs/tree-state';
import { roleCaption } from './access';
import { useAuth, useMe } from './auth';

interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
  /** Shown when the user holds this permission; 'self' when they have a roster record of their own. */
  needs: Permission | 'self';
}

const NAV: readonly NavItem[] = [
  { path: '/roster', label: '花名册', icon: <TeamOutlined />, needs: 'member.read' },
  { path: '/orgs', label: '组织', icon: <ApartmentOutlined />, needs: 'org.read' },
  { path: '/meetings', label: '会议记录', icon: <ScheduleOutlined />, needs: 'meeting.read' },
  { path: '/org-life/compliance', label: '达标情况', icon: <CheckSquareOutlined />, needs: 'meeting.read' },
  {
    path: '/org-life/dashboard',
    label: '组织生活概览',
    icon: <DashboardOutlined />,
    needs: 'dashboard.read',
  },
  { path: '/org-life/rulebook', label: '组织生活规则', icon: <ReadOutlined />, needs: 'meeting.read' },
  { path: '/dues/dashboard', label: '党费统计', icon: <FundOutlined />, needs: 'dues.read' },
  { path: '/dues', label: '党费', icon: <MoneyCollectOutlined />, needs: 'dues.read' },
  { path: '/study', label: '学习教育', icon: <SolutionOutlined />, needs: 'study.read' },
  { path: '/accounts', label: '账号', icon: <KeyOutlined />, needs: 'account.manage' },
  { path: '/audit', label: '审计日志', icon: <AuditOutlined />, needs: 'audit.read' },
  { path: '/dictionaries', label: '字典', icon: <BookOutlined />, needs: 'dictionary.write' },
  { path: '/my/meetings', label: '我的会议', icon: <CalendarOutlined />, needs: 'self' },
  { path: '/my-dues', label: '我的党费', icon: <WalletOutlined />, needs: 'self' },
  { path: '/my/study', label: '我的学习', icon: <ReadOutlined />, needs: 'self' },
  { path: '/me', label: '我的档案', icon: <IdcardOutlined />, needs: 'self' },
];

/** Pages that show the org tree keep the selected org when the user switches between them. */
const TREE_PAGES = new Set(['/roster', '/orgs', '/meetings', '/dues', '/dues/dashboard', '/study']);

export function AppShell() {
  const me = useMe();
  const { can, signOut } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const screens = Grid.useBreakpoint();
  const isPhone = !screens.md;

  const items = NAV.filter((item) => (item.needs === 'self' ? me.memberId !== null : can(item.needs)));
  const current = items.find((item) => location.pathname.startsWith(item.path))?.path;

  const go = (path: string) => {
    const org = searchParams.get('org');
    const keepOrg = org && TREE_PAGES.has(path) && TREE_PAGES.has(location.pathname);
    void navigate(keepOrg ? `${path}?org=${org}` : path);
  };

  const userMenu: MenuProps['items'] = [
    { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
  ];
  const onUserMenu: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') void navigate('/change-password');
    if (key === 'logout') void signOut().then(() => navigate('/login', { replace: true }));
  };

  const menu = (
    <Menu
      mode={isPhone ? 'horizontal' : 'inline'}
      selectedKeys={current ? [current] : []}
      items={items.map((item) => ({ key: item.path, icon: item.icon, label: item.label }))}
      onClick={({ key }) => go(key)}
      style={isPhone ? { borderBottom: '1px solid #f0f0f0' } : { borderInlineEnd: 'none', paddingTop: 8 }}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{ display: 'flex', alignItems: 'center', gap: 12, position: 'sticky', top: 0, zIndex: 10 }}
      >
        <button
          type="button"
          onClick={() => navigate('/')}
          style={{ all: 'unset', cursor: 'pointer', display: 'flex', alignItems: 'center', gap: 8 }}
        >
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <Typography.Text strong style={{ color: '#fff', fontSize: 18, letterSpacing: 2 }}>
            智慧支部
          </Typography.Text>
        </button>
        <div style={{ flex: 1 }} />
        <InboxBell />
        <Dropdown menu={{ items: userMenu, onClick: onUserMenu }} trigger={['click']}>
          <Button type="text" style={{ color: '#fff', height: 40, minWidth: 0 }} data-testid="user-menu">
            <UserOutlined />
            {/* Committee accounts carry long names: on a phone they are cut, never pushed off screen. */}
            <span
              style={
                isPhone
                  ? { maxWidth: '9em', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }
                  : undefined
              }
            >
              {me.displayName}
            </span>
            {!isPhone && <span style={{ opacity: 0.8, fontSize: 12 }}>{roleCaption(me)}</span>}
            <DownOutlined style={{ fontSize: 10 }} />
          </Button>
        </Dropdown>
      </Layout.Header>
      <OrgTreeStateProvider>
        {isPhone ? (
          <Layout.Content>
            {items.length > 1 && menu}
            <div style={{ padding: 12 }}>
              <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
                <Outlet />
              </Suspense>
            </div>
          </Layout.Content>
        ) : (
          <Layout>
            {items.length > 1 && (
              <Layout.Sider width={168} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
                {menu}
              </Layout.Sider>
            )}
            <Layout.Content style={{ padding: 16, minWidth: 0 }}>
              <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
                <Outlet />
              </Suspense>
            </Layout.Content>
          </Layout>
        )}
      </OrgTreeStateProvider>
    </Layout>
  );
}
