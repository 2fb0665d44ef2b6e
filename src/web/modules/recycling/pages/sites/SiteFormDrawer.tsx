import { useEffect } from 'react';
import { Alert, App, Button, Col, DatePicker, Drawer, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../../../api/client';
import { useFormSubmit } from '../../../../components/formErrors';
import { useIsPhone } from '../../../../components/useMediaQuery';
import { useT } from '../../../../i18n/I18nProvider';
import { useDictionary } from '../../../platform/dictionaries/useDictionary';
import { siteKeys, useOperatorOptions, useTowns, type SiteDetailView, type SiteView } from './api';
import { FIRE_SAFETY_STATUSES, RECYCLING_SITE_KINDS, RECYCLING_SITE_ORIGINS, STANDARDISATION_STATUSES, useEnumOptions } from './shared';

interface Values {
  code?: string;
  kind: string;
  name: string;
  townId: number;
  address: string;
  operatorOrganizationId?: number | null;
  status?: 'planned' | 'operating';
  origin: string;
  completedOn?: Dayjs | null;
  latitude?: number | null;
  longitude?: number | null;
  licenceNumber?: string;
  licenceValidTo?: Dayjs | null;
  fireSafety: string;
  standardisation: string;
  capacityTonnesPerDay?: number | null;
  materials: string[];
  openingHours?: string;
  contactName?: string;
  contactPhone?: string;
}

const day = (s: string | null | undefined) => (s ? dayjs(s) : null);
const text = (s: string | undefined) => (s?.trim() ? s.trim() : null);

function initial(site: SiteView | null, ownTown: number | undefined): Partial<Values> {
  if (!site)
    return { kind: 'station', status: 'planned', origin: 'new', fireSafety: 'unknown', standardisation: 'not_assessed', materials: [], townId: ownTown };
  return {
    code: site.code,
    kind: site.kind,
    name: site.name,
    townId: site.townId,
    address: site.address,
    operatorOrganizationId: site.operatorOrganizationId,
    origin: site.origin,
    completedOn: day(site.completedOn),
    latitude: site.latitude,
    longitude: site.longitude,
    licenceNumber: site.licenceNumber ?? '',
    licenceValidTo: day(site.licenceValidTo),
    fireSafety: site.fireSafety,
    standardisation: site.standardisation,
    capacityTonnesPerDay: site.capacityTonnesPerDay,
    materials: site.materials,
    openingHours: site.openingHours ?? '',
    contactName: site.contactName ?? '',
    contactPhone: site.contactPhone ?? '',
  };
}

/**
 * Registers a site or changes one. `operations` is what an operator may keep (opening hours, capacity, materials,
 * contact); the rest — status, licence, safety — stays with the town and 市商务局. A stale edit is refused by the
 * server (409) and said so here.
 */
export function SiteFormDrawer({
  open,
  editing,
  operationsOnly,
  ownTown,
  onClose,
}: {
  open: boolean;
  editing: SiteView | null;
  operationsOnly: boolean;
  ownTown?: number | undefined;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const towns = useTowns();
  const materials = useDictionary('material_kind');
  const operators = useOperatorOptions(open && !operationsOnly);
  const options = useEnumOptions();
  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue(initial(editing, ownTown));
    }
  }, [open, editing, ownTown, form]);

  const save = useMutation({
    mutationFn: async (v: Values) => {
      const ops = {
        openingHours: text(v.openingHours),
        capacityTonnesPerDay: v.capacityTonnesPerDay ?? null,
        materials: v.materials,
        contactName: text(v.contactName),
        contactPhone: text(v.contactPhone),
      };
      if (operationsOnly && editing) return api.put<SiteDetailView>(`/api/recycling/sites/${editing.id}/operations`, { ...ops, version: editing.version });
      const details = {
        ...ops,
        ...(text(v.code) ? { code: text(v.code) } : {}),
        kind: v.kind,
        name: v.name,
        townId: v.townId,
        address: v.address,
        operatorOrganizationId: v.operatorOrganizationId ?? null,
        origin: v.origin,
        completedOn: v.completedOn ? v.completedOn.format('YYYY-MM-DD') : null,
        latitude: v.latitude ?? null,
        longitude: v.longitude ?? null,
        licenceNumber: text(v.licenceNumber),
        licenceValidTo: v.licenceValidTo ? v.licenceValidTo.format('YYYY-MM-DD') : null,
        fireSafety: v.fireSafety,
        standardisation: v.standardisation,
      };
      if (editing) return api.put<SiteDetailView>(`/api/recycling/sites/${editing.id}`, { ...details, version: editing.version });
      return api.post<SiteDetailView>('/api/recycling/sites', { ...details, status: v.status });
    },
  });
  const { saving, error, submit } = useFormSubmit<Values>(form, async (v) => {
    await save.mutateAsync(v);
    void message.success(t('recycling.sites.saved'));
    void qc.invalidateQueries({ queryKey: siteKeys.all });
    onClose();
  });
  const conflict = save.error instanceof ApiError && save.error.code === 'VERSION_CONFLICT';
  const full = !operationsOnly;
  const half = isPhone ? 24 : 12;

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={isPhone ? '100%' : 720}
      title={editing ? (operationsOnly ? t('recycling.sites.editOperations') : `${t('recycling.sites.edit')} · ${editing.name}`) : t('recycling.sites.new')}
      data-testid="site-form"
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="site-form-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {conflict ? (
        <Alert type="warning" showIcon className="hx-block" message={t('recycling.sites.conflict')} />
      ) : error ? (
        <Alert type="error" showIcon className="hx-block" message={error} />
      ) : null}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark>
        {full ? (
          <Row gutter={12}>
            <Col span={half}>
              <Form.Item name="kind" label={t('recycling.sites.field.kind')} rules={[{ required: true }]}>
                <Select options={options(RECYCLING_SITE_KINDS, 'kind')} data-testid="site-form-kind" />
              </Form.Item>
            </Col>
            <Col span={half}>
              <Form.Item name="code" label={t('recycling.sites.field.code')} extra={editing ? undefined : t('recycling.sites.field.codeHelp')}>
                <Input maxLength={40} data-testid="site-form-code" />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="name" label={t('recycling.sites.field.name')} rules={[{ required: true, min: 2 }]}>
                <Input maxLength={100} data-testid="site-form-name" />
              </Form.Item>
            </Col>
            <Col span={half}>
              <Form.Item name="townId" label={t('recycling.sites.field.town')} rules={[{ required: true }]}>
                <Select<number>
                  showSearch={{ optionFilterProp: 'label' }}
                  disabled={ownTown !== undefined}
                  options={(towns.data ?? []).map((tw) => ({ value: tw.id, label: tw.name }))}
                  data-testid="site-form-town"
                />
              </Form.Item>
            </Col>
            <Col span={half}>
              <Form.Item name="operatorOrganizationId" label={t('recycling.sites.field.operator')}>
                <Select<number>
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={operators.isPending}
                  options={(operators.data ?? []).map((o) => ({ value: o.organizationId, label: o.name }))}
                  data-testid="site-form-operator"
                />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="address" label={t('recycling.sites.field.address')} rules={[{ required: true, min: 2 }]}>
                <Input maxLength={200} data-testid="site-form-address" />
              </Form.Item>
            </Col>
            {editing ? null : (
              <Col span={half}>
                <Form.Item name="status" label={t('recycling.sites.field.initialStatus')} rules={[{ required: true }]}>
                  <Select options={options(['planned', 'operating'] as const, 'status')} data-testid="site-form-status" />
                </Form.Item>
              </Col>
            )}
            <Col span={half}>
              <Form.Item name="origin" label={t('recycling.sites.field.origin')} rules={[{ required: true }]}>
                <Select options={options(RECYCLING_SITE_ORIGINS, 'origin')} data-testid="site-form-origin" />
              </Form.Item>
            </Col>
            <Col span={half}>
              <Form.Item name="completedOn" label={t('recycling.sites.field.completedOn')} extra={t('recycling.sites.field.completedOnHelp')}>
                <DatePicker style={{ width: '100%' }} inputReadOnly={isPhone} data-testid="site-form-completed" />
              </Form.Item>
            </Col>
            <Col span={isPhone ? 12 : 6}>
              <Form.Item name="latitude" label={t('recycling.sites.field.latitude')}>
                <InputNumber style={{ width: '100%' }} step={0.001} min={-90} max={90} data-testid="site-form-lat" />
              </Form.Item>
            </Col>
            <Col span={isPhone ? 12 : 6}>
              <Form.Item name="longitude" label={t('recycling.sites.field.longitude')}>
                <InputNumber style={{ width: '100%' }} step={0.001} min={-180} max={180} data-testid="site-form-lng" />
              </Form.Item>
            </Col>
            <Col span={half}>
              <Form.Item name="licenceNumber" label={t('recycling.sites.field.licence')}>
                <Input maxLength={60} />
              </Form.Item>
            </Col>
            <Col span={half}>
              <Form.Item name="licenceValidTo" label={t('recycling.sites.field.licenceValidTo')}>
                <DatePicker style={{ width: '100%' }} inputReadOnly={isPhone} />
              </Form.Item>
            </Col>
            <Col span={half}>
              <Form.Item name="fireSafety" label={t('recycling.sites.field.fireSafety')}>
                <Select options={options(FIRE_SAFETY_STATUSES, 'fire')} />
              </Form.Item>
            </Col>
            <Col span={half}>
              <Form.Item name="standardisation" label={t('recycling.sites.field.standardisation')}>
                <Select options={options(STANDARDISATION_STATUSES, 'std')} />
              </Form.Item>
            </Col>
          </Row>
        ) : null}
        <Row gutter={12}>
          <Col span={24}>
            <Form.Item name="materials" label={t('recycling.sites.field.materials')} rules={[{ required: true, type: 'array', min: 1 }]}>
              <Select mode="multiple" options={materials.options} loading={materials.loading} data-testid="site-form-materials" />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="openingHours" label={t('recycling.sites.field.openingHours')}>
              <Input maxLength={200} placeholder="08:00–18:00" data-testid="site-form-hours" />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="capacityTonnesPerDay" label={t('recycling.sites.field.capacity')}>
              <InputNumber style={{ width: '100%' }} min={0} max={100000} />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="contactName" label={t('recycling.sites.field.contactName')}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={half}>
            <Form.Item name="contactPhone" label={t('recycling.sites.field.contactPhone')}>
              <Input maxLength={20} inputMode="tel" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
