import { Tabs } from 'antd';
import { Link } from 'react-router';
import { useUser } from '../../../auth/AuthProvider';
import { useT } from '../../../i18n/I18nProvider';
import { PageHeader } from '../../../components/PageHeader';
import { EventCalendar } from './events/EventCalendar';
import { EventList } from './events/EventList';
import { PUBLIC_EVENTS_PATH } from './events/shared';
import './events/events.css';

const LIST_ROLES = ['office', 'department', 'town', 'enterprise', 'merchant', 'auditor'];
const ORGANISER_ROLES = ['office', 'department', 'town', 'enterprise'];

/**
 * Promotion events: the calendar of published ones (anyone; the same as the public page), and for officials and
 * businesses every event they may see with its status and results. Organisers register drafts, change, publish
 * and cancel them (with a reason) and report their results once they have started.
 */
export default function EventsPage() {
  const t = useT();
  const user = useUser();
  const mayList = LIST_ROLES.includes(user.role);
  return (
    <div data-testid="page-car-events">
      <PageHeader
        title={t('nav.carEvents')}
        subtitle={t('car.events.subtitle')}
        extra={
          <Link to={PUBLIC_EVENTS_PATH} data-testid="car-events-public-link">
            {t('car.events.publicLink')}
          </Link>
        }
      />
      <Tabs
        items={[
          { key: 'calendar', label: <span data-testid="car-events-tab-calendar">{t('car.events.calendar')}</span>, children: <EventCalendar /> },
          ...(mayList
            ? [
                {
                  key: 'all',
                  label: <span data-testid="car-events-tab-all">{t('car.events.all')}</span>,
                  children: <EventList organiser={ORGANISER_ROLES.includes(user.role)} />,
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}
