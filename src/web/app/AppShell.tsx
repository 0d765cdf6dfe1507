import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown, Grid, Layout, Menu, type MenuProps, Spin, Typography } from 'antd';
import { Suspense } from 'react';
import { Outlet, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { InboxBell } from '../features/inbox/InboxBell';
import { OrgTreeStateProvider } from '../features/orgs/tree-state';
import { WEB_MODULES } from '../modules';
import { roleCaption } from './access';
import { useAuth, useMe } from './auth';
import { MENU_SECTIONS } from './module';

const MENU = MENU_SECTIONS.flatMap((section) =>
  WEB_MODULES.flatMap((module) => module.menu ?? []).filter((entry) => entry.section === section),
);

/** Pages that show the org tree keep the selected org when the user switches between them. */
const TREE_PAGES = new Set(MENU.filter((entry) => entry.keepsOrg).map((entry) => entry.path));

export function AppShell() {
  const me = useMe();
  const { can, signOut } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const screens = Grid.useBreakpoint();
  const isPhone = !screens.md;

  const items = MENU.filter((item) =>
    item.needs === 'signed-in' ? true : item.needs === 'self' ? me.memberId !== null : can(item.needs),
  );
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
          // Never shrinks: a long account name is cut instead of wrapping the app's name.
          style={{
            all: 'unset',
            cursor: 'pointer',
            display: 'flex',
            alignItems: 'center',
            gap: 8,
            flex: 'none',
          }}
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
