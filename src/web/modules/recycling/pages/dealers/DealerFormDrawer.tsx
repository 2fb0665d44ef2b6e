import { useEffect } from 'react';
import { Alert, App, Button, Col, DatePicker, Drawer, Form, Input, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, ApiError } from '../../../../api/client';
import { useFormSubmit } from '../../../../components/formErrors';
import { useIsPhone } from '../../../../components/useMediaQuery';
import { useT } from '../../../../i18n/I18nProvider';
import { useTowns } from '../sites/api';
import { dealerKeys, useDealerOrganizations, type DealerDetailView, type DealerView } from './api';
import { DEALER_KINDS, useDealerOptions, type DealerKind } from './shared';

interface Values {
  name: string;
  creditCode: string;
  kinds: DealerKind[];
  townId: number;
  address: string;
  contactName: string;
  contactMobile?: string;
  licenceNumber?: string;
  organizationId?: number | null;
  registeredOn?: Dayjs | null;
}

const text = (s: string | undefined) => (s?.trim() ? s.trim() : null);

/** Registers a dealer from its filing, or changes a register entry (a stale edit is refused by the server, 409). */
export function DealerFormDrawer({ open, editing, onClose }: { open: boolean; editing: DealerView | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const towns = useTowns();
  const organizations = useDealerOrganizations(open);
  const options = useDealerOptions();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (editing)
      form.setFieldsValue({
        name: editing.name,
        creditCode: editing.creditCode,
        kinds: editing.kinds,
        townId: editing.townId,
        address: editing.address,
        contactName: editing.contactName,
        licenceNumber: editing.licenceNumber ?? '',
        organizationId: editing.organizationId,
        registeredOn: dayjs(editing.registeredOn),
      });
    else form.setFieldsValue({ kinds: ['cars'] });
  }, [open, editing, form]);

  const save = useMutation({
    mutationFn: async (v: Values) => {
      const body = {
        name: v.name,
        creditCode: v.creditCode?.trim().toUpperCase(),
        kinds: v.kinds,
        townId: v.townId,
        address: v.address,
        contactName: v.contactName,
        ...(text(v.contactMobile) ? { contactMobile: text(v.contactMobile) } : {}),
        licenceNumber: text(v.licenceNumber),
        organizationId: v.organizationId ?? null,
        ...(v.registeredOn ? { registeredOn: v.registeredOn.format('YYYY-MM-DD') } : {}),
      };
      if (editing) return api.put<DealerDetailView>(`/api/recycling/dealers/${editing.id}`, { ...body, version: editing.version });
      return api.post<DealerDetailView>('/api/recycling/dealers', body);
    },
  });
  const { saving, error, submit } = useFormSubmit<Values>(form, async (v) => {
    const saved = await save.mutateAsync(v);
    void message.success(t('recycling.dealers.saved'));
    void qc.invalidateQueries({ queryKey: dealerKeys.all });
    onClose();
    if (!editing) void navigate(`/recycling/dealers/${saved.id}`);
  });
  const conflict = save.error instanceof ApiError && save.error.code === 'VERSION_CONFLICT';
  const half = isPhone ? 24 : 12;

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={isPhone ? '100%' : 640}
      title={editing ? `${t('recycling.dealers.edit')} · ${editing.name}` : t('recycling.dealers.new')}
      data-testid="dealer-form"
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="dealer-form-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {conflict ? <Alert type="warning" showIcon className="hx-block" title={t('recycling.dealers.conflict')} /> : null}
      {error && !conflict ? <Alert type="error" showIcon className="hx-block" title={error} data-testid="dealer-form-error" /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark="optional">
        <Row gutter={12}>
          <Col span={24}>
            <Form.Item name="name" label={t('recycling.dealers.field.name')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={100} data-testid="dealer-name" />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="creditCode" label={t('recycling.dealers.field.creditCode')} rules={[{ required: true, len: 18 }]}>
              <Input maxLength={18} data-testid="dealer-credit-code" />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="kinds" label={t('recycling.dealers.field.kinds')} rules={[{ required: true }]}>
              <Select mode="multiple" options={options(DEALER_KINDS, 'dealers.kind')} data-testid="dealer-kinds" />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="townId" label={t('recycling.dealers.field.town')} rules={[{ required: true }]}>
              <Select<number>
                showSearch={{ optionFilterProp: 'label' }}
                options={(towns.data ?? []).map((tw) => ({ value: tw.id, label: tw.name }))}
                data-testid="dealer-town"
              />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="registeredOn" label={t('recycling.dealers.field.registeredOn')}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="address" label={t('recycling.dealers.field.address')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={200} data-testid="dealer-address" />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="contactName" label={t('recycling.dealers.field.contactName')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={50} data-testid="dealer-contact" />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item
              name="contactMobile"
              label={t('recycling.dealers.field.contactMobile')}
              rules={editing ? [] : [{ required: true }]}
              extra={editing ? t('recycling.dealers.field.contactMobileKeep', { mask: editing.contactMobile }) : undefined}
            >
              <Input inputMode="tel" maxLength={20} data-testid="dealer-mobile" />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="licenceNumber" label={t('recycling.dealers.field.licence')}>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="organizationId" label={t('recycling.dealers.field.organization')} extra={t('recycling.dealers.field.organizationHelp')}>
              <Select<number>
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                loading={organizations.isPending}
                options={(organizations.data ?? []).map((o) => ({ value: o.organizationId, label: o.name }))}
                data-testid="dealer-organization"
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
