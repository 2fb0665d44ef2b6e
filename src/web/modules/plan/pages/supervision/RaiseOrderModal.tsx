import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../../../api/client';
import { applyApiError } from '../../../../components/formErrors';
import { shanghaiNow } from '../../../../components/format';
import { testId } from '../../../../components/testId';
import { useT } from '../../../../i18n/I18nProvider';
import { supervisionKeys, useOrderUnits, type OrderDetailView } from './api';

/** What the order is about, as the page that opens the form knows it (the dashboard: an indicator row). */
export interface OrderSubjectRef {
  planId: number;
  subject: 'indicator' | 'task' | 'milestone';
  subjectId: number;
  title: string;
  /** The unit to prefill: the indicator's lead unit. */
  organizationId: number | null;
}

interface FormValues {
  organizationId?: number;
  matter: string;
  requirement: string;
  deadline: Dayjs;
}

/**
 * The office raises an order, prefilled from where it was opened (subject, lead unit, a matter and requirement to
 * edit, a deadline a week out), and issues it at once or keeps it as a draft.
 */
export function RaiseOrderModal({ subject, onClose }: { subject: OrderSubjectRef; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const units = useOrderUnits();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: ({ v, issue }: { v: FormValues; issue: boolean }) =>
      api.post<OrderDetailView>('/api/plan-orders', {
        planId: subject.planId,
        subject: subject.subject,
        subjectId: subject.subjectId,
        organizationId: v.organizationId,
        matter: v.matter.trim(),
        requirement: v.requirement.trim(),
        deadlineDate: v.deadline.format('YYYY-MM-DD'),
        issue,
      }),
    onSuccess: async (o) => {
      await queryClient.invalidateQueries({ queryKey: supervisionKeys.all });
      message.success(o.status === 'issued' ? t('plan.order.raisedIssued', { unit: o.organization.name }) : t('plan.order.raised'));
      onClose();
      void navigate(`/plan/orders/${o.id}`);
    },
    onError: (e) => setError(applyApiError(form, e, { deadlineDate: 'deadline' })),
  });
  const submit = (issue: boolean) => void form.validateFields().then((v) => mutation.mutate({ v, issue }));
  return (
    <Modal
      open
      title={t('plan.order.raiseTitle')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space wrap>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button onClick={() => submit(false)} loading={mutation.isPending} {...testId('order-raise-draft')}>
            {t('plan.order.saveDraft')}
          </Button>
          <Button type="primary" onClick={() => submit(true)} loading={mutation.isPending} {...testId('order-raise-ok')}>
            {t('plan.order.raiseAndIssue')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph>
        <Typography.Text type="secondary">{t(`plan.order.subject.${subject.subject}`)}：</Typography.Text>
        <Typography.Text strong data-testid="order-raise-subject">
          {subject.title}
        </Typography.Text>
      </Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={error} className="hx-form-alert" data-testid="order-raise-error" /> : null}
      <Form<FormValues>
        form={form}
        layout="vertical"
        data-testid="order-raise-form"
        initialValues={{
          organizationId: subject.organizationId ?? undefined,
          matter: t('plan.order.matterDefault', { name: subject.title }),
          requirement: t('plan.order.requirementDefault'),
          deadline: dayjs(shanghaiNow().format('YYYY-MM-DD')).add(7, 'day'),
        }}
      >
        <Form.Item name="organizationId" label={t('plan.order.field.unit')} rules={[{ required: true, message: t('common.required') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={units.isFetching}
            options={(units.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
            data-testid="order-raise-unit"
          />
        </Form.Item>
        <Form.Item name="matter" label={t('plan.order.field.matter')} rules={[{ required: true, whitespace: true, min: 2, message: t('common.required') }]}>
          <Input maxLength={500} data-testid="order-raise-matter" />
        </Form.Item>
        <Form.Item
          name="requirement"
          label={t('plan.order.field.requirement')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('common.required') }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid="order-raise-requirement" />
        </Form.Item>
        <Form.Item name="deadline" label={t('plan.order.field.deadline')} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(shanghaiNow(), 'day')} data-testid="order-raise-deadline" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
