import { Suspense, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { Avatar, Button, Drawer, Dropdown, Layout, Menu, Spin, Tag, Typography, type MenuProps } from 'antd';
import { KeyOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { useAuth, useUser } from '../auth/AuthProvider';
import { useT } from '../i18n/I18nProvider';
import { activeItem, CHANGE_PASSWORD_PATH, menuFor } from './navigation';
import { useNavigation } from './NavigationContext';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { useIsPhone } from '../components/useMediaQuery';
import { Brand } from './Brand';

/** The signed-in frame: header, the role's menu (a sider on desktops, a drawer on phones), the page. */
export function AppLayout() {
  const t = useT();
  const user = useUser();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const isPhone = useIsPhone();
  const [drawerOpen, setDrawerOpen] = useState(false);

  const nav = useNavigation();
  const groups = useMemo(() => menuFor(nav, user.role), [nav, user.role]);
  const items: MenuProps['items'] = groups.map(({ section, items }) => ({
    type: 'group' as const,
    key: `section-${section.key}`,
    label: t(section.labelKey),
    children: items.map((item) => ({
      key: item.key,
      icon: item.icon,
      label: (
        <Link to={item.path} data-testid={`nav-${item.key}`}>
          {t(item.labelKey)}
        </Link>
      ),
    })),
  }));
  const selected = activeItem(nav, location.pathname)?.key;

  const menu = (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected] : []}
      onClick={() => setDrawerOpen(false)}
      className="hx-nav-menu"
      data-testid="nav-menu"
    />
  );

  const userMenu: MenuProps['items'] = [
    {
      key: 'who',
      disabled: true,
      label: (
        <div className="hx-user-card">
          <div className="hx-user-card-name">{user.displayName}</div>
          <div className="hx-user-card-org">{user.organization.name}</div>
          <Tag color="blue">{t(`role.${user.role}`)}</Tag>
        </div>
      ),
    },
    { type: 'divider' },
    { key: 'profile', icon: <UserOutlined />, label: <span data-testid="menu-profile">{t('nav.profile')}</span>, onClick: () => void navigate('/my/profile') },
    {
      key: 'password',
      icon: <KeyOutlined />,
      label: <span data-testid="menu-change-password">{t('nav.changePassword')}</span>,
      onClick: () => void navigate(CHANGE_PASSWORD_PATH),
    },
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      danger: true,
      label: <span data-testid="logout">{t('nav.logout')}</span>,
      onClick: () => void logout().then(() => navigate('/login', { replace: true })),
    },
  ];

  return (
    <Layout className="hx-app" data-testid="app-layout" data-role={user.role}>
      <Layout.Header className="hx-header">
        {isPhone ? (
          <Button
            type="text"
            className="hx-header-menu-button"
            icon={<MenuOutlined />}
            aria-label={t('nav.menu')}
            data-testid="nav-toggle"
            onClick={() => setDrawerOpen(true)}
          />
        ) : null}
        <Link to="/" className="hx-header-brand">
          <Brand compact={isPhone} />
        </Link>
        <div className="hx-header-right">
          <LanguageSwitch className="hx-lang" />
          <Dropdown menu={{ items: userMenu }} trigger={['click']} placement="bottomRight">
            <button type="button" className="hx-user-button" data-testid="user-menu">
              <Avatar size="small" icon={<UserOutlined />} className="hx-user-avatar" />
              {isPhone ? null : (
                <span className="hx-user-text">
                  <span className="hx-user-name" data-testid="user-name">
                    {user.displayName}
                  </span>
                  <span className="hx-user-meta">
                    <span data-testid="user-role">{t(`role.${user.role}`)}</span> · {user.organization.name}
                  </span>
                </span>
              )}
            </button>
          </Dropdown>
        </div>
      </Layout.Header>
      <Layout className="hx-body">
        {isPhone ? (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            size={272}
            title={
              <div className="hx-drawer-title">
                <Typography.Text strong>{user.displayName}</Typography.Text>
                <Typography.Text type="secondary" className="hx-drawer-sub">
                  {t(`role.${user.role}`)} · {user.organization.name}
                </Typography.Text>
              </div>
            }
            styles={{ body: { padding: 0 } }}
            data-testid="nav-drawer"
          >
            {menu}
          </Drawer>
        ) : (
          <Layout.Sider width={232} theme="light" className="hx-sider">
            {menu}
          </Layout.Sider>
        )}
        <Layout.Content className="hx-content">
          <ErrorBoundary resetKey={location.pathname}>
            <Suspense
              fallback={
                <div className="hx-page-loading">
                  <Spin />
                </div>
              }
            >
              <Outlet />
            </Suspense>
          </ErrorBoundary>
          <footer className="hx-footer">{t('app.owner')}</footer>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
