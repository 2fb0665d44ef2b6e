import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, DatePicker, Drawer, Form, Input, Select, Space, Timeline, Typography, message } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../../../api/client';
import { useUser } from '../../../../auth/AuthProvider';
import { formatMinute } from '../../../../components/format';
import { useFormSubmit } from '../../../../components/formErrors';
import { useIsPhone } from '../../../../components/useMediaQuery';
import { testId } from '../../../../components/testId';
import { useT } from '../../../../i18n/I18nProvider';
import type { MessageKey } from '../../../../i18n/messages';
import { carKeys } from '../../api';
import { eventKeys, useEventTypes, useTowns, type CarEventType, type EventDetailView, type EventView, type MerchantOption } from './shared';

interface Values {
  type: CarEventType;
  title: string;
  description?: string;
  startsOn: string;
  endsOn: string;
  townId: number;
  place: string;
  merchantIds: number[];
}

/** A date field whose form value is the plain YYYY-MM-DD the API takes. */
const asDate = {
  getValueProps: (v: string | undefined) => ({ value: v ? dayjs(v) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined),
};

/** Participants: active enterprises searched by name on the server; the chosen ones keep their names. */
function MerchantSelect({ value, onChange, known }: { value?: number[]; onChange?: (v: number[]) => void; known: MerchantOption[] }) {
  const t = useT();
  const [search, setSearch] = useState('');
  const [names, setNames] = useState(() => new Map(known.map((m) => [m.organizationId, m.name])));
  const q = useQuery({
    queryKey: eventKeys.merchants(search),
    queryFn: ({ signal }) => api.get<MerchantOption[]>('/api/tradein/events/merchant-options', { q: search }, signal),
    staleTime: 60_000,
  });
  useEffect(() => {
    if (q.data) setNames((prev) => new Map([...prev, ...q.data.map((m) => [m.organizationId, m.name] as const)]));
  }, [q.data]);
  const options = useMemo(() => {
    const shown = new Set([...(q.data ?? []).map((m) => m.organizationId), ...(value ?? [])]);
    return [...shown].map((id) => ({ value: id, label: names.get(id) ?? String(id) }));
  }, [q.data, value, names]);
  return (
    <Select
      mode="multiple"
      value={value ?? []}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      onBlur={() => setSearch('')}
      loading={q.isFetching}
      options={options}
      placeholder={t('car.events.field.merchantsHint')}
      data-testid="car-event-merchants"
      style={{ width: '100%' }}
    />
  );
}

/** What happened to the event so far (registered, published, results, cancelled), from its timeline. */
function EventHistory({ id }: { id: number }) {
  const t = useT();
  const q = useQuery({
    queryKey: [...carKeys.events, 'detail', id],
    queryFn: ({ signal }) => api.get<EventDetailView>(`/api/tradein/events/${id}`, undefined, signal),
  });
  if (!q.data?.timeline.length) return null;
  return (
    <>
      <Typography.Title level={5}>{t('car.events.history')}</Typography.Title>
      <Timeline
        data-testid="car-event-history"
        items={q.data.timeline.map((e, i) => ({
          key: i,
          content: (
            <>
              <div>{t(`car.events.action.${e.action}` as MessageKey)}</div>
              <Typography.Text type="secondary">
                {formatMinute(e.at)}
                {e.note ? ` · ${e.note}` : ''}
              </Typography.Text>
            </>
          ),
        }))}
      />
    </>
  );
}

/**
 * Registering (as a draft) or changing an event: type, title, dates, place, the town from the division list, the
 * participating enterprises; the organiser is the caller's organisation, or the event's when changing it.
 */
export function EventFormDrawer({ editing, open, onClose }: { editing: EventView | null; open: boolean; onClose: () => void }) {
  const eventTypes = useEventTypes();
  const t = useT();
  const user = useUser();
  const qc = useQueryClient();
  const isPhone = useIsPhone();
  const towns = useTowns();
  const [form] = Form.useForm<Values>();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (editing)
      form.setFieldsValue({
        type: editing.type,
        title: editing.title,
        description: editing.description ?? '',
        startsOn: editing.startsOn,
        endsOn: editing.endsOn,
        townId: editing.townId,
        place: editing.place,
        merchantIds: editing.merchants.map((m) => m.organizationId),
      });
  }, [open, editing, form]);
  const { saving, error, submit } = useFormSubmit<Values>(form, async (v) => {
    const body = { ...v, description: v.description?.trim() ? v.description : undefined, merchantIds: v.merchantIds ?? [] };
    if (editing) await api.put<EventDetailView>(`/api/tradein/events/${editing.id}`, body);
    else await api.post<EventDetailView>('/api/tradein/events', body);
    void message.success(t('car.events.savedDraft'));
    await qc.invalidateQueries({ queryKey: carKeys.events });
    onClose();
  });
  const required = { required: true, message: t('common.required') };
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={editing ? t('car.events.editTitle') : t('car.events.new')}
      size={isPhone ? '100%' : 560}
      destroyOnHidden
      data-testid="car-event-drawer"
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} {...testId('car-event-form-save')}>
            {t('car.events.saveDraft')}
          </Button>
        </Space>
      }
    >
      {!editing ? <Alert type="info" showIcon className="hx-car-event-hint" title={t('car.events.draftHint')} /> : null}
      {error ? <Alert type="error" showIcon title={error} data-testid="car-event-form-error" /> : null}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ merchantIds: [] }} className="hx-car-form">
        <Form.Item label={t('car.events.field.organizer')}>
          <Typography.Text data-testid="car-event-organizer">{editing ? editing.organizerName : user.organization.name}</Typography.Text>
        </Form.Item>
        <Form.Item name="type" label={t('car.events.field.type')} rules={[required]}>
          <Select data-testid="car-event-type" options={eventTypes.choices(editing?.type)} />
        </Form.Item>
        <Form.Item name="title" label={t('car.events.field.title')} rules={[required, { min: 2, max: 100 }]}>
          <Input data-testid="car-event-title" maxLength={100} />
        </Form.Item>
        <div className="hx-car-grid">
          <Form.Item name="startsOn" label={t('car.events.field.startsOn')} rules={[required]} {...asDate}>
            <DatePicker style={{ width: '100%' }} data-testid="car-event-starts" inputReadOnly={isPhone} />
          </Form.Item>
          <Form.Item
            name="endsOn"
            label={t('car.events.field.endsOn')}
            dependencies={['startsOn']}
            rules={[
              required,
              ({ getFieldValue }) => ({
                validator: async (_r, v: string | undefined) => {
                  const from = getFieldValue('startsOn') as string | undefined;
                  if (v && from && v < from) throw new Error(t('car.events.endsBeforeStart'));
                },
              }),
            ]}
            {...asDate}
          >
            <DatePicker style={{ width: '100%' }} data-testid="car-event-ends" inputReadOnly={isPhone} />
          </Form.Item>
        </div>
        <Form.Item name="townId" label={t('car.events.field.town')} rules={[required]}>
          <Select
            data-testid="car-event-town"
            showSearch={{ optionFilterProp: 'label' }}
            loading={towns.isPending}
            options={(towns.data ?? []).map((tw) => ({ value: tw.id, label: tw.name }))}
          />
        </Form.Item>
        <Form.Item name="place" label={t('car.events.field.place')} rules={[required, { min: 2, max: 200 }]}>
          <Input data-testid="car-event-place" maxLength={200} />
        </Form.Item>
        <Form.Item name="merchantIds" label={t('car.events.field.merchants')}>
          <MerchantSelect known={editing?.merchants ?? []} />
        </Form.Item>
        <Form.Item name="description" label={t('car.events.field.description')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="car-event-description" />
        </Form.Item>
      </Form>
      {editing ? <EventHistory id={editing.id} /> : null}
    </Drawer>
  );
}
