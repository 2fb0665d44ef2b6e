import { useEffect } from 'react';
import { Alert, Form, Input, Modal, Typography, message } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import { useFormSubmit } from '../../../../components/formErrors';
import { testId } from '../../../../components/testId';
import { useT } from '../../../../i18n/I18nProvider';
import { fenToYuan, yuanToFen } from '../../../../../shared/money';
import { carKeys } from '../../api';
import type { EventDetailView, EventView } from './shared';

interface ResultValues {
  visitors: string;
  sales: string;
  subsidies: string;
  subsidyCount: string;
}

/** Entering (or correcting) the results of an event that has started: visitors, sales, subsidies redeemed. */
export function ResultsModal({ event, onClose }: { event: EventView | null; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const [form] = Form.useForm<ResultValues>();
  useEffect(() => {
    if (!event) return;
    form.setFieldsValue(
      event.results
        ? {
            visitors: String(event.results.visitors),
            sales: fenToYuan(event.results.salesFen).replace(/,/g, ''),
            subsidies: fenToYuan(event.results.subsidiesRedeemedFen).replace(/,/g, ''),
            subsidyCount: String(event.results.subsidiesRedeemedCount),
          }
        : { visitors: '', sales: '', subsidies: '', subsidyCount: '' },
    );
  }, [event, form]);
  const { saving, error, submit } = useFormSubmit<ResultValues>(
    form,
    async (v) => {
      await api.post<EventDetailView>(`/api/tradein/events/${event!.id}/results`, {
        visitors: Number(v.visitors),
        salesFen: yuanToFen(v.sales) ?? 0,
        subsidiesRedeemedFen: yuanToFen(v.subsidies) ?? 0,
        subsidiesRedeemedCount: Number(v.subsidyCount),
      });
      void message.success(t('car.events.saved'));
      await qc.invalidateQueries({ queryKey: carKeys.events });
      onClose();
    },
    { salesFen: 'sales', subsidiesRedeemedFen: 'subsidies', subsidiesRedeemedCount: 'subsidyCount' },
  );
  const amount = {
    validator: async (_r: unknown, v: string | undefined) => {
      if (yuanToFen(v) === null) throw new Error(t('car.form.priceInvalid'));
    },
  };
  const count = { pattern: /^\d{1,9}$/, required: true, message: t('common.required') };
  return (
    <Modal
      open={event !== null}
      title={event ? `${t('car.events.results')} · ${event.title}` : ''}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => submit(v))}
      confirmLoading={saving}
      okButtonProps={testId('car-event-save')}
      forceRender
    >
      {error ? <Alert type="error" showIcon title={error} /> : null}
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
  );
}

/** Cancelling takes a reason (the server refuses one without, on the field); it cannot be undone. */
export function CancelModal({ event, onClose }: { event: EventView | null; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  useEffect(() => {
    if (event) form.resetFields();
  }, [event, form]);
  const { saving, error, submit } = useFormSubmit<{ reason: string }>(form, async (v) => {
    await api.post<EventDetailView>(`/api/tradein/events/${event!.id}/cancel`, { reason: v.reason });
    void message.success(t('car.events.cancelled'));
    await qc.invalidateQueries({ queryKey: carKeys.events });
    onClose();
  });
  return (
    <Modal
      open={event !== null}
      title={event ? `${t('car.events.cancel')} · ${event.title}` : ''}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => submit(v))}
      confirmLoading={saving}
      okText={t('car.events.cancel')}
      cancelText={t('car.events.keep')}
      okButtonProps={{ danger: true, ...testId('car-event-cancel-confirm') }}
      forceRender
    >
      <Typography.Paragraph type="secondary">{t('car.events.cancelHint')}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={error} /> : null}
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('car.events.cancelReason')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="car-event-cancel-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
