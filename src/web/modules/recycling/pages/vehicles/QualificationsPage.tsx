import { useState } from 'react';
import { Alert, App, Button, Card, Drawer, Form, Input, Modal, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import { DateField } from '../../../../components/DateField';
import { useFormSubmit } from '../../../../components/formErrors';
import { PageHeader } from '../../../../components/PageHeader';
import { LoadError } from '../../../../components/ResultPages';
import { useIsPhone } from '../../../../components/useMediaQuery';
import { useT } from '../../../../i18n/I18nProvider';
import { useGrants } from '../../../platform/grants/useGrants';
import type { DismantlingQualificationStanding } from '../../../../../shared/enums/recyclingVehicles';
import { useQualifications, useRecyclerOptions, vehicleKeys, type QualificationView, type RegisterQualificationInput } from './api';
import { useCode } from './parts';
import { DemoTag } from '../../../../components/DemoTag';

const STANDING_COLOR: Record<DismantlingQualificationStanding, string> = {
  valid: 'green',
  not_yet_valid: 'gold',
  expired: 'orange',
  revoked: 'red',
  superseded: 'default',
};

/**
 * Dismantling qualifications: 市商务局 (recycling `manage`) and the office register a recycler's qualification as
 * the provincial department granted it, and revoke it; auditors read.
 */
export default function QualificationsPage() {
  const t = useT();
  const code = useCode();
  const grants = useGrants('recycling');
  const [page, setPage] = useState(1);
  const list = useQualifications({ page, pageSize: 20 });
  const [registering, setRegistering] = useState(false);
  const [revoking, setRevoking] = useState<QualificationView | null>(null);
  const columns: TableColumnsType<QualificationView> = [
    {
      key: 'org',
      title: t('recycling.veh.qual.organization'),
      render: (_, q) => (
        <Space size={4} wrap>
          {q.organizationName}
          <DemoTag show={q.isDemo} />
        </Space>
      ),
    },
    { key: 'number', title: t('recycling.veh.qual.number'), dataIndex: 'number' },
    { key: 'issuedBy', title: t('recycling.veh.qual.issuedBy'), dataIndex: 'issuedBy' },
    { key: 'validity', title: `${t('recycling.veh.qual.validFrom')} – ${t('recycling.veh.qual.validTo')}`, render: (_, q) => `${q.validFrom} – ${q.validTo}` },
    {
      key: 'standing',
      title: t('recycling.veh.qual.standing'),
      render: (_, q) => (
        <Tag color={STANDING_COLOR[q.standing]} data-testid={`qualification-standing-${q.id}`}>
          {code('standing', q.standing)}
        </Tag>
      ),
    },
    { key: 'vehicles', title: t('recycling.veh.qual.vehicles'), dataIndex: 'vehicles', align: 'right' },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, q) =>
        q.actions.includes('revoke') ? (
          <Button size="small" danger onClick={() => setRevoking(q)} data-testid={`qualification-revoke-${q.id}`}>
            {t('recycling.veh.qual.revoke')}
          </Button>
        ) : (
          (q.revokedReason ?? '—')
        ),
    },
  ];
  return (
    <div data-testid="page-recycling-qualifications">
      <PageHeader
        title={t('recycling.nav.qualifications')}
        subtitle={t('recycling.veh.qual.subtitle')}
        extra={
          grants.manage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="qualification-new">
              {t('recycling.veh.qual.register')}
            </Button>
          ) : null
        }
      />
      <Card className="hx-block hx-table-card">
        {list.isError ? (
          <LoadError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<QualificationView>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('recycling.veh.qual.none') }}
            data-testid="qualification-table"
            pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (total) => t('common.total', { total }) }}
          />
        )}
      </Card>
      <RegisterDrawer open={registering} onClose={() => setRegistering(false)} />
      <RevokeModal q={revoking} onClose={() => setRevoking(null)} />
    </div>
  );
}

type RegisterValues = Omit<RegisterQualificationInput, 'issuedBy'> & { issuedBy?: string };

function RegisterDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const options = useRecyclerOptions(open);
  const [form] = Form.useForm<RegisterValues>();
  const { saving, error, submit } = useFormSubmit<RegisterValues>(form, async (v) => {
    await api.post('/api/recycling/dismantling-qualifications', { ...v, issuedBy: v.issuedBy?.trim() || undefined });
    void message.success(t('recycling.veh.done'));
    form.resetFields();
    await qc.invalidateQueries({ queryKey: vehicleKeys.all });
    onClose();
  });
  return (
    <Drawer open={open} onClose={onClose} title={t('recycling.veh.qual.register')} size={isPhone ? '100%' : 480} destroyOnHidden>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('recycling.veh.qual.supersedes')} />
      <Form<RegisterValues>
        form={form}
        layout="vertical"
        initialValues={{ issuedBy: '福建省商务厅' }}
        onFinish={(v) => void submit(v)}
        data-testid="qualification-form"
      >
        <Form.Item
          name="organizationId"
          label={t('recycling.veh.qual.organization')}
          rules={[{ required: true, message: t('recycling.veh.qual.organization') }]}
        >
          <Select<number>
            showSearch={{ optionFilterProp: 'label' }}
            loading={options.isLoading}
            options={(options.data ?? []).filter((o) => o.isRecycler).map((o) => ({ value: o.organizationId, label: o.name }))}
            data-testid="qualification-organization"
          />
        </Form.Item>
        <Form.Item name="number" label={t('recycling.veh.qual.number')} rules={[{ required: true, min: 4, message: t('recycling.veh.qual.number') }]}>
          <Input maxLength={60} data-testid="qualification-number" />
        </Form.Item>
        <Form.Item name="issuedBy" label={t('recycling.veh.qual.issuedBy')}>
          <Input maxLength={60} />
        </Form.Item>
        <DateField name="validFrom" label={t('recycling.veh.qual.validFrom')} testId="qualification-from" />
        <DateField name="validTo" label={t('recycling.veh.qual.validTo')} testId="qualification-to" />
        <Button type="primary" htmlType="submit" loading={saving} data-testid="qualification-submit">
          {t('common.submit')}
        </Button>
      </Form>
    </Drawer>
  );
}

function RevokeModal({ q, onClose }: { q: QualificationView | null; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const { saving, error, submit } = useFormSubmit<{ reason: string }>(form, async (v) => {
    if (!q) return;
    const id = q.id;
    await api.post(`/api/recycling/dismantling-qualifications/${id}/revoke`, v);
    form.resetFields();
    await qc.invalidateQueries({ queryKey: vehicleKeys.all });
    onClose();
  });
  return (
    <Modal
      open={q !== null}
      onCancel={onClose}
      title={q ? t('recycling.veh.qual.revokeTitle', { number: q.number }) : ''}
      onOk={() => form.submit()}
      okButtonProps={{ danger: true, loading: saving }}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="reason" label={t('recycling.veh.field.reason')} rules={[{ required: true, min: 2, message: t('recycling.veh.field.reason') }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="qualification-revoke-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
