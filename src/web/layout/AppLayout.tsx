import { Suspense, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { App, Avatar, Badge, Button, Drawer, Dropdown, Empty, Layout, List, Menu, Popover, Spin, Tag, Typography, type MenuProps } from 'antd';
import { BellOutlined, KeyOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NotificationView } from '../../server/modules/platform/notifications/service';
import { api } from '../api/client';
import { errorMessage } from '../components/formErrors';
import { formatDateTime } from '../components/format';
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
          <NotificationBell />
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

/** Where the full list of notifications is (with paging and the unread filter). */
const NOTIFICATIONS_PATH = '/notifications';
const BELL_ITEMS = 8;
/** The plan module's notifications page invalidates this prefix when it marks one read, so the bell follows. */
const NOTIFICATION_KEYS = { all: ['notifications'] as const, unread: ['notifications', 'unread-count'] as const };

/**
 * The header bell: the unread count (polled every minute and when the window regains focus; two indexed counts on
 * the server), and on click the latest notifications: opening one marks it read and goes where it points.
 */
function NotificationBell() {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const isPhone = useIsPhone();
  const [open, setOpen] = useState(false);
  const unread = useQuery({
    queryKey: NOTIFICATION_KEYS.unread,
    queryFn: ({ signal }) => api.get<{ unread: number }>('/api/notifications/unread-count', undefined, signal),
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
    staleTime: 0,
  });
  const latest = useQuery({
    queryKey: [...NOTIFICATION_KEYS.all, 'bell'],
    queryFn: ({ signal }) => api.get<{ items: NotificationView[]; unread: number }>('/api/notifications', { page: 1, pageSize: BELL_ITEMS }, signal),
    enabled: open,
    staleTime: 0,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: NOTIFICATION_KEYS.all });
  const markRead = useMutation({
    mutationFn: (id: number) => api.post<void>(`/api/notifications/${id}/read`),
    onSettled: refresh,
  });
  const markAll = useMutation({
    mutationFn: () => api.post<{ marked: number }>('/api/notifications/read-all'),
    onSuccess: refresh,
    onError: (e) => message.error(errorMessage(e)),
  });
  const count = unread.data?.unread ?? 0;

  const openItem = (n: NotificationView) => {
    if (!n.readAt) markRead.mutate(n.id);
    if (n.link) {
      setOpen(false);
      void navigate(n.link);
    }
  };

  const panel = (
    <div style={isPhone ? undefined : { width: 360 }} data-testid="bell-panel">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', paddingBottom: 8 }}>
        <Typography.Text strong>{t('console.bell.title')}</Typography.Text>
        <Button size="small" type="link" disabled={!count} loading={markAll.isPending} onClick={() => markAll.mutate()} data-testid="bell-read-all">
          {t('console.bell.readAll')}
        </Button>
      </div>
      {latest.isError ? (
        <Typography.Text type="danger">{t('console.bell.error')}</Typography.Text>
      ) : (
        <List<NotificationView>
          size="small"
          loading={latest.isLoading}
          dataSource={latest.data?.items ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('console.bell.none')} /> }}
          style={{ maxHeight: 'min(420px, 60vh)', overflowY: 'auto' }}
          renderItem={(n) => (
            <List.Item
              onClick={() => openItem(n)}
              style={{ cursor: 'pointer', paddingInline: 4 }}
              data-testid="bell-item"
              data-read={n.readAt ? 'true' : 'false'}
            >
              <List.Item.Meta
                avatar={<Badge dot={!n.readAt} />}
                title={<Typography.Text strong={!n.readAt}>{n.message}</Typography.Text>}
                description={formatDateTime(n.createdAt)}
              />
            </List.Item>
          )}
        />
      )}
      <div style={{ borderTop: '1px solid rgba(5, 5, 5, 0.06)', paddingTop: 8, textAlign: 'center' }}>
        <Link to={NOTIFICATIONS_PATH} onClick={() => setOpen(false)} data-testid="bell-all">
          {t('console.bell.all')}
        </Link>
      </div>
    </div>
  );

  const button = (
    <Button
      type="text"
      className="hx-header-menu-button"
      aria-label={t('console.bell.aria', { n: count })}
      data-testid="bell"
      data-unread={count}
      onClick={isPhone ? () => setOpen(true) : undefined}
      icon={
        <Badge count={count} size="small" overflowCount={99} offset={[4, -2]} data-testid="bell-count">
          <BellOutlined style={{ color: '#fff', fontSize: 18 }} />
        </Badge>
      }
    />
  );
  // A popover hangs off the bell, which on a phone sits mid-header: the list opens as a sheet from the top instead.
  if (isPhone)
    return (
      <>
        {button}
        <Drawer placement="top" size="auto" open={open} onClose={() => setOpen(false)} closable={false} styles={{ body: { padding: 12 } }}>
          {panel}
        </Drawer>
      </>
    );
  return (
    <Popover content={panel} trigger="click" placement="bottomRight" open={open} onOpenChange={setOpen} arrow={false}>
      {button}
    </Popover>
  );
}
