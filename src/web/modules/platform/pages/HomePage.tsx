import { Link } from 'react-router';
import { Alert, Button, Card, Col, Empty, Row, Statistic, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { OrganizationView, Page } from '../../../api/types';
import { useUser } from '../../../auth/AuthProvider';
import { useT } from '../../../i18n/I18nProvider';
import { mayUse, type NavItem } from '../../../layout/navigation';
import { useNavigation } from '../../../layout/NavigationContext';
import type { MessageKey } from '../../../i18n/messages';
import { RoleTag } from '../../../components/Tags';

/** Enterprise registrations waiting for this reviewer (the office: all; a town: its own). */
function PendingRegistrations() {
  const t = useT();
  const pending = useQuery({
    queryKey: ['organizations', 'pending-count'],
    queryFn: ({ signal }) => api.get<Page<OrganizationView>>('/api/organizations', { status: 'pending', kind: 'enterprise', pageSize: 1 }, signal),
  });
  const total = pending.data?.total ?? 0;
  return (
    <div className="hx-todo" data-testid="todo-pending-enterprises">
      <Statistic title={t('home.pendingEnterprises')} value={pending.isPending ? '—' : total} />
      <Link to="/organizations?status=pending&kind=enterprise">
        <Button type={total > 0 ? 'primary' : 'default'}>
          {t('home.pendingEnterprisesAction')} <RightOutlined />
        </Button>
      </Link>
    </div>
  );
}

interface HomeNoticeView {
  key: string;
  level: 'info' | 'warning' | 'error';
  message: string;
  link: string | null;
}

/** What the modules say this user should know now (a programme about to end, a calendar missing). */
function HomeNotices() {
  const t = useT();
  const notices = useQuery({
    queryKey: ['home', 'notices'],
    queryFn: ({ signal }) => api.get<HomeNoticeView[]>('/api/home/notices', undefined, signal),
  });
  if (!notices.data?.length) return null;
  return (
    <div className="hx-block" data-testid="home-notices">
      {notices.data.map((n) => (
        <Alert
          key={n.key}
          type={n.level}
          showIcon
          className="hx-home-notice"
          data-testid={`home-notice-${n.key}`}
          title={n.message}
          action={
            n.link ? (
              <Link to={n.link}>
                <Button size="small">{t('home.notice.open')}</Button>
              </Link>
            ) : undefined
          }
        />
      ))}
    </div>
  );
}

/** The workspace: a welcome, what needs doing, and the role's entry points. */
export default function HomePage() {
  const t = useT();
  const user = useUser();
  const shortcuts = useNavigation().items.filter((i) => i.menu !== false && i.shortcut !== false && mayUse(user.role, i));
  const reviews = user.role === 'office' || user.role === 'town';
  const isBusiness = user.role === 'enterprise' || user.role === 'merchant' || user.role === 'recycler';

  return (
    <div data-testid="page-home" data-role={user.role}>
      <Card className="hx-welcome" variant="borderless">
        <div className="hx-welcome-inner">
          <div>
            <Typography.Title level={3} className="hx-welcome-title" data-testid="welcome">
              {t('home.welcome', { name: user.displayName })}
            </Typography.Title>
            <div className="hx-welcome-meta">
              <RoleTag role={user.role} />
              <Typography.Text type="secondary">{user.organization.name}</Typography.Text>
            </div>
          </div>
          <Typography.Text type="secondary" className="hx-welcome-plan">
            {t('app.subtitle')}
          </Typography.Text>
        </div>
      </Card>

      <HomeNotices />
      {user.isDemo ? <Alert type="info" showIcon title={t('home.demo')} className="hx-block" /> : null}
      {isBusiness && user.organization.status === 'pending' ? (
        <Alert type="warning" showIcon title={t('home.enterprise.pending')} className="hx-block" data-testid="pending-banner" />
      ) : null}

      <Row gutter={[16, 16]} className="hx-block">
        <Col xs={24} lg={9} xl={7}>
          <Card title={t('home.todo')} className="hx-full-height">
            {reviews ? (
              <PendingRegistrations />
            ) : user.role === 'resident' ? (
              <Empty description={t('home.resident.empty')} data-testid="empty-todo" image={Empty.PRESENTED_IMAGE_SIMPLE}>
                <Typography.Text type="secondary">{t('home.resident.intro')}</Typography.Text>
              </Empty>
            ) : (
              <Empty description={t('home.noTodo')} data-testid="empty-todo" image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={15} xl={17}>
          <Card title={t('home.entries')} className="hx-full-height">
            <Shortcuts items={shortcuts} />
          </Card>
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" className="hx-coming-soon">
        {t('home.comingSoon')}
      </Typography.Paragraph>
    </div>
  );
}

function Shortcuts({ items }: { items: NavItem<MessageKey>[] }) {
  const t = useT();
  return (
    <Row gutter={[12, 12]} data-testid="shortcuts">
      {items.map((item) => (
        <Col key={item.key} xs={24} sm={12} xl={8}>
          <Link to={item.path} className="hx-shortcut" data-testid={`shortcut-${item.key}`}>
            <span className="hx-shortcut-icon">{item.icon}</span>
            <span className="hx-shortcut-text">
              <span className="hx-shortcut-title">{t(item.labelKey)}</span>
              {item.descriptionKey ? <span className="hx-shortcut-desc">{t(item.descriptionKey)}</span> : null}
            </span>
          </Link>
        </Col>
      ))}
    </Row>
  );
}
