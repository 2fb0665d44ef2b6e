import { useState } from 'react';
import { Button, Card, Form, Input, List, Modal, Skeleton, Space, Tabs, Tag, Typography, message } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { useUser } from '../../../auth/AuthProvider';
import { useT } from '../../../i18n/I18nProvider';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/ResultPages';
import { errorMessage } from '../../../components/formErrors';
import { testId } from '../../../components/testId';
import type { MessageKey } from '../../../i18n/messages';
import { fenToYuan, yuanToFen } from '../../../../shared/money';
import { carKeys, type EventView, type PublicEvent } from '../api';
import { EmptyState, Yuan } from '../components';

const LIST_ROLES = ['office', 'department', 'town', 'enterprise', 'merchant', 'auditor'];
const ORGANISER_ROLES = ['office', 'department', 'town', 'enterprise'];

/**
 * Promotion events: the public calendar of upcoming ones (anyone), and for officials and businesses every event
 * with its results; organisers report the results (visitors, sales, subsidies redeemed) once an event has started.
 */
export default function EventsPage() {
  const t = useT();
  const user = useUser();
  const mayList = LIST_ROLES.includes(user.role);
  return (
    <div data-testid="page-car-events">
      <PageHeader title={t('nav.carEvents')} subtitle={t('car.events.subtitle')} />
      <Tabs
        items={[
          { key: 'calendar', label: <span data-testid="car-events-tab-calendar">{t('car.events.calendar')}</span>, children: <Calendar /> },
          ...(mayList
            ? [
                {
                  key: 'all',
                  label: <span data-testid="car-events-tab-all">{t('car.events.all')}</span>,
                  children: <AllEvents organiser={ORGANISER_ROLES.includes(user.role)} />,
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}

function EventMeta({ e }: { e: PublicEvent }) {
  const t = useT();
  return (
    <>
      <div>
        <Tag color="blue">{t(`car.eventType.${e.type}` as MessageKey)}</Tag>
        {t('car.events.when', { from: e.startsOn, to: e.endsOn })}
      </div>
      <Typography.Text type="secondary">
        {e.townName} · {e.place} · {e.organizerName}
      </Typography.Text>
    </>
  );
}

function Calendar() {
  const t = useT();
  const q = useQuery({ queryKey: carKeys.calendar, queryFn: ({ signal }) => api.get<PublicEvent[]>('/api/tradein/events/calendar', undefined, signal) });
  if (q.isPending) return <Skeleton active />;
  if (q.isError) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data.length) return <EmptyState text={t('car.events.none')} testId="car-calendar-empty" />;
  return (
    <Card size="small">
      <List
        data-testid="car-calendar"
        dataSource={q.data}
        renderItem={(e) => (
          <List.Item key={e.id}>
            <List.Item.Meta title={e.title} description={<EventMeta e={e} />} />
          </List.Item>
        )}
      />
    </Card>
  );
}

interface ResultValues {
  visitors: string;
  sales: string;
  subsidies: string;
  subsidyCount: string;
}

function AllEvents({ organiser }: { organiser: boolean }) {
  const t = useT();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<EventView | null>(null);
  const [form] = Form.useForm<ResultValues>();
  const q = useQuery({
    queryKey: carKeys.events,
    queryFn: ({ signal }) => api.get<EventView[]>('/api/tradein/events', { from: '2024-01-01', to: '2030-12-31' }, signal),
  });
  const save = useMutation({
    mutationFn: (v: ResultValues) =>
      api.post<EventView>(`/api/tradein/events/${editing!.id}/results`, {
        visitors: Number(v.visitors),
        salesFen: yuanToFen(v.sales) ?? 0,
        subsidiesRedeemedFen: yuanToFen(v.subsidies) ?? 0,
        subsidiesRedeemedCount: Number(v.subsidyCount),
      }),
    onSuccess: () => {
      void message.success(t('car.events.saved'));
      setEditing(null);
      void qc.invalidateQueries({ queryKey: carKeys.events });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  if (q.isPending) return <Skeleton active />;
  if (q.isError) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data.length) return <EmptyState text={t('car.events.none')} testId="car-events-empty" />;
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const amount = {
    validator: async (_r: unknown, v: string | undefined) => {
      if (yuanToFen(v) === null) throw new Error(t('car.form.priceInvalid'));
    },
  };
  const count = { pattern: /^\d{1,9}$/, required: true, message: t('common.required') };
  return (
    <Card size="small">
      <List
        data-testid="car-events"
        dataSource={q.data}
        renderItem={(e) => (
          <List.Item
            key={e.id}
            extra={
              organiser && e.status !== 'cancelled' && e.startsOn <= today ? (
                <Button
                  size="small"
                  onClick={() => {
                    setEditing(e);
                    form.setFieldsValue(
                      e.results
                        ? {
                            visitors: String(e.results.visitors),
                            sales: fenToYuan(e.results.salesFen).replace(/,/g, ''),
                            subsidies: fenToYuan(e.results.subsidiesRedeemedFen).replace(/,/g, ''),
                            subsidyCount: String(e.results.subsidiesRedeemedCount),
                          }
                        : { visitors: '', sales: '', subsidies: '', subsidyCount: '' },
                    );
                  }}
                  data-testid={`car-event-results-${e.id}`}
                >
                  {t('car.events.results')}
                </Button>
              ) : null
            }
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  {e.title}
                  <Tag>{t(`car.events.status.${e.status}` as MessageKey)}</Tag>
                </Space>
              }
              description={
                <>
                  <EventMeta e={e} />
                  {e.results ? (
                    <div>
                      {t('car.events.visitors')} {e.results.visitors} · {t('car.events.sales')} <Yuan fen={e.results.salesFen} /> · {t('car.events.subsidies')}{' '}
                      <Yuan fen={e.results.subsidiesRedeemedFen} /> ({e.results.subsidiesRedeemedCount})
                    </div>
                  ) : null}
                </>
              }
            />
          </List.Item>
        )}
      />
      <Modal
        open={editing !== null}
        title={editing ? `${t('car.events.results')} · ${editing.title}` : ''}
        onCancel={() => setEditing(null)}
        onOk={() => void form.validateFields().then((v) => save.mutate(v))}
        confirmLoading={save.isPending}
        okButtonProps={testId('car-event-save')}
        forceRender
      >
        <Form form={form} layout="vertical">
          <Form.Item name="visitors" label={t('car.events.visitors')} rules={[count]}>
            <Input data-testid="car-event-visitors" inputMode="numeric" />
          </Form.Item>
          <Form.Item name="sales" label={t('car.events.sales')} rules={[amount]}>
            <Input data-testid="car-event-sales" inputMode="decimal" prefix="¥" />
          </Form.Item>
          <Form.Item name="subsidies" label={t('car.events.subsidies')} rules={[amount]}>
            <Input data-testid="car-event-subsidies" inputMode="decimal" prefix="¥" />
          </Form.Item>
          <Form.Item name="subsidyCount" label={t('car.events.subsidyCount')} rules={[count]}>
            <Input data-testid="car-event-count" inputMode="numeric" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
