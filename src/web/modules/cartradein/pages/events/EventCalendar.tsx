import { Card, List, Skeleton, Space, Tag, Typography } from 'antd';
import { EnvironmentOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import { LoadError } from '../../../../components/ResultPages';
import { todayInShanghai } from '../../../../components/format';
import { useLocale, useT } from '../../../../i18n/I18nProvider';
import { addDays } from '../../../../../shared/dates';
import { EmptyState } from '../../components';
import './events.css';
import { EventTypeTag, eventKeys, type CarEventType, type PublicEvent } from './shared';

/** How far back "recently held" reaches and how far ahead "coming up" looks, in days. */
const RECENT_DAYS = 60;
const AHEAD_DAYS = 180;

function monthLabel(month: string, locale: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(locale === 'en' ? 'en' : 'zh-CN', { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y!, m! - 1, 1)),
  );
}

function byMonth(events: PublicEvent[]): [string, PublicEvent[]][] {
  const groups = new Map<string, PublicEvent[]>();
  for (const e of events) groups.set(e.startsOn.slice(0, 7), [...(groups.get(e.startsOn.slice(0, 7)) ?? []), e]);
  return [...groups];
}

function Months({ events, today, testId }: { events: PublicEvent[]; today: string; testId: string }) {
  const t = useT();
  const { locale } = useLocale();
  return (
    <div data-testid={testId}>
      {byMonth(events).map(([month, items]) => (
        <div key={month} className="hx-car-event-month" data-testid={`car-calendar-month-${month}`}>
          <Typography.Title level={5} className="hx-car-event-month-title">
            {monthLabel(month, locale)}
          </Typography.Title>
          <List
            size="small"
            dataSource={items}
            renderItem={(e) => (
              <List.Item key={e.id} data-testid={`car-calendar-event-${e.id}`}>
                <List.Item.Meta
                  title={
                    <Space wrap size={4}>
                      <span>{e.title}</span>
                      {e.startsOn <= today && e.endsOn >= today ? <Tag color="green">{t('car.events.onNow')}</Tag> : null}
                    </Space>
                  }
                  description={
                    <>
                      <div>
                        <EventTypeTag type={e.type} />
                        {t('car.events.when', { from: e.startsOn, to: e.endsOn })}
                      </div>
                      <div>
                        <EnvironmentOutlined /> {e.townName} · {e.place}
                      </div>
                      <Typography.Text type="secondary">
                        {e.organizerName}
                        {e.merchants.length ? ` · ${t('car.events.merchantCount', { n: e.merchants.length })}` : ''}
                      </Typography.Text>
                      {e.description ? <Typography.Paragraph className="hx-car-event-desc">{e.description}</Typography.Paragraph> : null}
                    </>
                  }
                />
              </List.Item>
            )}
          />
        </div>
      ))}
    </div>
  );
}

/**
 * The calendar of published events, month by month: what is coming up (and on now) first, then what was held
 * lately. The same for the public page and the signed-in events page; the server leaves drafts and cancelled
 * events out.
 */
export function EventCalendar({ type, townId }: { type?: CarEventType | undefined; townId?: number | undefined }) {
  const t = useT();
  const today = todayInShanghai();
  const query = { from: addDays(today, -RECENT_DAYS), to: addDays(today, AHEAD_DAYS), type, townId };
  const q = useQuery({
    queryKey: eventKeys.calendar(query),
    queryFn: ({ signal }) => api.get<PublicEvent[]>('/api/tradein/events/calendar', query, signal),
  });
  if (q.isPending) return <Skeleton active />;
  if (q.isError) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const upcoming = q.data.filter((e) => e.endsOn >= today);
  const recent = q.data.filter((e) => e.endsOn < today).reverse();
  return (
    <Card size="small" data-testid="car-calendar">
      <Typography.Title level={5}>{t('car.events.upcoming')}</Typography.Title>
      {upcoming.length ? (
        <Months events={upcoming} today={today} testId="car-calendar-upcoming" />
      ) : (
        <EmptyState text={t('car.events.noneUpcoming')} testId="car-calendar-empty" />
      )}
      {recent.length ? (
        <>
          <Typography.Title level={5}>{t('car.events.recent')}</Typography.Title>
          <Months events={recent} today={today} testId="car-calendar-recent" />
        </>
      ) : null}
    </Card>
  );
}
