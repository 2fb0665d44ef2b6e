import { useState } from 'react';
import { Button, Card, DatePicker, Input, List, Modal, Select, Space, Typography, message } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import { errorMessage } from '../../../../components/formErrors';
import { LoadError } from '../../../../components/ResultPages';
import { testId } from '../../../../components/testId';
import { useIsPhone } from '../../../../components/useMediaQuery';
import { useT } from '../../../../i18n/I18nProvider';
import type { MessageKey } from '../../../../i18n/messages';
import { carKeys } from '../../api';
import { EmptyState, Yuan } from '../../components';
import { EventFormDrawer } from './EventFormDrawer';
import { CancelModal, ResultsModal } from './EventModals';
import {
  useEventTypes,
  EVENT_STATUSES,
  EventMeta,
  EventStatusTag,
  eventKeys,
  useTowns,
  type CarEventType,
  type EventDetailView,
  type EventStatus,
  type EventView,
  type Page,
} from './shared';

interface Filters {
  type?: CarEventType | undefined;
  status?: EventStatus | undefined;
  townId?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
  page: number;
}

const PAGE_SIZE = 10;

/**
 * Every event the caller may see (drafts only its own, unless a manager or auditor), newest first, with filters
 * and pages; the buttons are what the server says the caller may do to each one now.
 */
export function EventList({ organiser }: { organiser: boolean }) {
  const t = useT();
  const eventTypes = useEventTypes();
  const qc = useQueryClient();
  const isPhone = useIsPhone();
  const towns = useTowns();
  const [f, setF] = useState<Filters>({ page: 1 });
  const set = (patch: Partial<Filters>) => setF((o) => ({ ...o, ...patch, page: 1 }));
  const [form, setForm] = useState<{ open: boolean; editing: EventView | null }>({ open: false, editing: null });
  const [results, setResults] = useState<EventView | null>(null);
  const [cancelling, setCancelling] = useState<EventView | null>(null);
  const query = { ...f, pageSize: PAGE_SIZE };
  const q = useQuery({
    queryKey: eventKeys.list(query),
    queryFn: ({ signal }) => api.get<Page<EventView>>('/api/tradein/events', query, signal),
    placeholderData: keepPreviousData,
  });
  const publish = useMutation({
    mutationFn: (e: EventView) => api.post<EventDetailView>(`/api/tradein/events/${e.id}/publish`),
    onSuccess: () => {
      void message.success(t('car.events.published'));
      void qc.invalidateQueries({ queryKey: carKeys.events });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const confirmPublish = (e: EventView) =>
    Modal.confirm({
      title: `${t('car.events.publish')} · ${e.title}`,
      content: t('car.events.publishConfirm'),
      okText: t('car.events.publish'),
      cancelText: t('common.cancel'),
      okButtonProps: testId('car-event-publish-confirm'),
      onOk: () => publish.mutateAsync(e),
    });

  const actions = (e: EventView) => [
    ...(e.actions.includes('update')
      ? [
          <Button key="edit" size="small" onClick={() => setForm({ open: true, editing: e })} data-testid={`car-event-edit-${e.id}`}>
            {t('car.events.edit')}
          </Button>,
        ]
      : []),
    ...(e.actions.includes('publish')
      ? [
          <Button key="publish" size="small" type="primary" onClick={() => confirmPublish(e)} data-testid={`car-event-publish-${e.id}`}>
            {t('car.events.publish')}
          </Button>,
        ]
      : []),
    ...(e.actions.includes('reportResults')
      ? [
          <Button key="results" size="small" onClick={() => setResults(e)} data-testid={`car-event-results-${e.id}`}>
            {t('car.events.results')}
          </Button>,
        ]
      : []),
    ...(e.actions.includes('cancel')
      ? [
          <Button key="cancel" size="small" danger onClick={() => setCancelling(e)} data-testid={`car-event-cancel-${e.id}`}>
            {t('car.events.cancel')}
          </Button>,
        ]
      : []),
  ];

  return (
    <Card size="small">
      <div className="hx-car-event-filters" data-testid="car-event-filters">
        <Select
          allowClear
          placeholder={t('car.events.field.type')}
          value={f.type}
          onChange={(v: CarEventType | undefined) => set({ type: v })}
          options={eventTypes.all}
          data-testid="car-event-filter-type"
        />
        <Select
          allowClear
          placeholder={t('car.events.field.status')}
          value={f.status}
          onChange={(v: EventStatus | undefined) => set({ status: v })}
          options={EVENT_STATUSES.map((s) => ({ value: s, label: t(`car.events.status.${s}` as MessageKey) }))}
          data-testid="car-event-filter-status"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('car.events.field.town')}
          value={f.townId}
          onChange={(v: number | undefined) => set({ townId: v })}
          options={(towns.data ?? []).map((tw) => ({ value: tw.id, label: tw.name }))}
          data-testid="car-event-filter-town"
        />
        <DatePicker.RangePicker
          inputReadOnly={isPhone}
          onChange={(d) => set({ from: d?.[0]?.format('YYYY-MM-DD'), to: d?.[1]?.format('YYYY-MM-DD') })}
          data-testid="car-event-filter-dates"
        />
        <Input.Search
          allowClear
          placeholder={t('car.events.field.search')}
          onSearch={(v) => set({ q: v.trim() || undefined })}
          data-testid="car-event-filter-q"
        />
        {organiser ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ open: true, editing: null })} data-testid="car-event-new">
            {t('car.events.new')}
          </Button>
        ) : null}
      </div>
      {q.isError ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <List<EventView>
          data-testid="car-events"
          loading={q.isPending || (q.isFetching && q.isPlaceholderData)}
          dataSource={q.data?.items ?? []}
          locale={{
            emptyText: (
              <EmptyState text={t(f.type || f.status || f.townId || f.from || f.q ? 'car.events.noneMatch' : 'car.events.none')} testId="car-events-empty" />
            ),
          }}
          pagination={
            (q.data?.total ?? 0) > PAGE_SIZE
              ? {
                  current: f.page,
                  pageSize: PAGE_SIZE,
                  total: q.data?.total ?? 0,
                  showSizeChanger: false,
                  size: 'small',
                  onChange: (page) => setF((o) => ({ ...o, page })),
                }
              : false
          }
          header={q.data ? <Typography.Text type="secondary">{t('car.events.total', { n: q.data.total })}</Typography.Text> : null}
          renderItem={(e) => (
            <List.Item key={e.id} data-testid={`car-event-${e.id}`} className="hx-car-event-item">
              <List.Item.Meta
                title={
                  <Space wrap size={4}>
                    <span>{e.title}</span>
                    <EventStatusTag status={e.status} />
                  </Space>
                }
                description={
                  <>
                    <EventMeta e={e} />
                    {e.cancelReason ? <div data-testid={`car-event-reason-${e.id}`}>{t('car.events.cancelledBecause', { reason: e.cancelReason })}</div> : null}
                    {e.results ? (
                      <div>
                        {t('car.events.visitors')} {e.results.visitors} · {t('car.events.sales')} <Yuan fen={e.results.salesFen} /> ·{' '}
                        {t('car.events.subsidies')} <Yuan fen={e.results.subsidiesRedeemedFen} /> ({e.results.subsidiesRedeemedCount})
                      </div>
                    ) : null}
                  </>
                }
              />
              {actions(e).length ? <div className="hx-car-actions">{actions(e)}</div> : null}
            </List.Item>
          )}
        />
      )}
      <EventFormDrawer open={form.open} editing={form.editing} onClose={() => setForm({ open: false, editing: null })} />
      <ResultsModal event={results} onClose={() => setResults(null)} />
      <CancelModal event={cancelling} onClose={() => setCancelling(null)} />
    </Card>
  );
}
