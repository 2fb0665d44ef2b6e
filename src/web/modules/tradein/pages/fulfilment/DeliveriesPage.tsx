import { useState } from 'react';
import { Button, Card, Form, Input, Modal, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import { useUser } from '../../../../auth/AuthProvider';
import { EvidenceUpload, type EvidenceFile } from '../../../../components/EvidenceUpload';
import { ExportButton } from '../../../../components/ExportButton';
import { FilterBar } from '../../../../components/FilterBar';
import { formatMinute } from '../../../../components/format';
import { PageHeader } from '../../../../components/PageHeader';
import { LoadError } from '../../../../components/ResultPages';
import { useAction } from '../../../../components/useAction';
import { useListParams } from '../../../../components/useListParams';
import { useT } from '../../../../i18n/I18nProvider';
import type { MessageKey } from '../../../../i18n/messages';
import { FULFILMENT_STATUSES, SALE_CHANNELS } from '../../../../../shared/enums/tradein';
import { Money } from '../../components';
import { type FulfilmentView, type Page, fulfilmentKeys } from './api';
import { FulfilmentDrawer } from './FulfilmentDrawer';
import { FulfilmentTag } from './FulfilmentTag';

const FILTERS = ['status', 'channel', 'overdue'] as const;

type Recording = { kind: 'deliver' | 'install'; sale: FulfilmentView } | null;

/**
 * Sales to deliver and install. The merchant's staff record a delivery with a photo of the signed receipt and an
 * installation with the installer's name and a photo — only then is the sale settled; supervisors see every
 * merchant's, the late ones first when they ask for them, and export the list.
 */
export default function DeliveriesPage() {
  const t = useT();
  const user = useUser();
  const business = user.role === 'enterprise' || user.role === 'merchant';
  const list = useListParams(FILTERS, { sort: 'soldAt', order: 'desc' });
  const f = list.state.filters;
  const [recording, setRecording] = useState<Recording>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const data = useQuery({
    queryKey: fulfilmentKeys.list(list.query),
    queryFn: ({ signal }) => api.get<Page<FulfilmentView>>('/api/tradein/fulfilments', list.query, signal),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<FulfilmentView> = [
    {
      key: 'sale',
      title: t('tradein.fulfilment.sale'),
      render: (_, r) => (
        <a onClick={() => setOpenId(r.redemptionId)} data-testid={`fulfilment-open-${r.redemptionId}`}>
          #{r.redemptionId}
        </a>
      ),
    },
    ...(business ? [] : [{ key: 'merchant', title: t('tradein.fulfilment.merchant'), dataIndex: 'merchantName' }]),
    {
      key: 'product',
      title: t('tradein.fulfilment.product'),
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span>{r.product}</span>
          <span className="hx-muted">{r.serialNumber}</span>
        </Space>
      ),
    },
    {
      key: 'channel',
      title: t('tradein.fulfilment.channel'),
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span>{t(`tradein.fulfilment.channel.${r.channel}` as MessageKey)}</span>
          {r.orderNumber ? <span className="hx-muted">{r.orderNumber}</span> : null}
        </Space>
      ),
    },
    { key: 'subsidy', title: t('tradein.fulfilment.subsidy'), render: (_, r) => <Money fen={r.subsidy} /> },
    {
      key: 'address',
      title: t('tradein.fulfilment.address'),
      render: (_, r) => [r.deliveryTownName, r.deliveryAddress].filter(Boolean).join(' ') || '—',
    },
    {
      key: 'status',
      title: t('tradein.fulfilment.status'),
      render: (_, r) => (
        <Space size={4} wrap>
          <FulfilmentTag status={r.status} />
          {r.overdue ? (
            <Tag color="error" data-testid={`fulfilment-overdue-${r.redemptionId}`}>
              {t('tradein.fulfilment.overdue')}
            </Tag>
          ) : null}
        </Space>
      ),
    },
    { key: 'soldAt', title: t('tradein.fulfilment.soldAt'), sorter: true, sortOrder: list.sortOrderOf('soldAt'), render: (_, r) => formatMinute(r.soldAt) },
    { key: 'dueAt', title: t('tradein.fulfilment.dueAt'), sorter: true, sortOrder: list.sortOrderOf('dueAt'), render: (_, r) => formatMinute(r.dueAt) },
    {
      key: 'deliveredAt',
      title: t('tradein.fulfilment.deliveredAt'),
      sorter: true,
      sortOrder: list.sortOrderOf('deliveredAt'),
      render: (_, r) =>
        r.deliveredAt ? `${formatMinute(r.deliveredAt)} · ${t(`tradein.fulfilment.by.${r.deliveryConfirmedBy ?? 'merchant'}` as MessageKey)}` : '—',
    },
    {
      key: 'installedAt',
      title: t('tradein.fulfilment.installedAt'),
      sorter: true,
      sortOrder: list.sortOrderOf('installedAt'),
      render: (_, r) =>
        r.installedAt ? `${formatMinute(r.installedAt)} · ${r.installerName ?? ''}` : r.needsInstallation ? '—' : t('tradein.fulfilment.noInstall'),
    },
    ...(business
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            fixed: 'right' as const,
            render: (_: unknown, r: FulfilmentView) =>
              r.status === 'awaiting_delivery' ? (
                <Button
                  size="small"
                  type="primary"
                  onClick={() => setRecording({ kind: 'deliver', sale: r })}
                  data-testid={`fulfilment-deliver-${r.redemptionId}`}
                >
                  {t('tradein.fulfilment.recordDelivery')}
                </Button>
              ) : r.status === 'delivered' ? (
                <Button
                  size="small"
                  type="primary"
                  onClick={() => setRecording({ kind: 'install', sale: r })}
                  data-testid={`fulfilment-install-${r.redemptionId}`}
                >
                  {t('tradein.fulfilment.recordInstallation')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];
  const filtered = Boolean(list.state.q || Object.values(f).some(Boolean));
  return (
    <div data-testid="page-tradein-deliveries">
      <PageHeader
        title={t('tradein.nav.deliveries')}
        subtitle={t('tradein.fulfilment.subtitle')}
        extra={
          <ExportButton path="/api/tradein/fulfilments/export" query={{ ...list.query, page: undefined, pageSize: undefined }} fallbackName="deliveries.xlsx" />
        }
      />
      <Card className="hx-block">
        <FilterBar
          values={{ q: list.state.q, status: f.status, channel: f.channel, overdue: f.overdue }}
          onSearch={(v) => list.update({ q: v.q?.trim() || undefined, filters: { status: v.status, channel: v.channel, overdue: v.overdue } })}
          testId="fulfilment-filters"
        >
          <Form.Item name="q" label={t('common.keyword')}>
            <Input allowClear placeholder={t('tradein.fulfilment.search')} data-testid="fulfilment-filter-q" />
          </Form.Item>
          <Form.Item name="status" label={t('tradein.fulfilment.status')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              data-testid="fulfilment-filter-status"
              options={FULFILMENT_STATUSES.map((s) => ({ value: s, label: t(`tradein.fulfilment.status.${s}` as MessageKey) }))}
            />
          </Form.Item>
          <Form.Item name="channel" label={t('tradein.fulfilment.channel')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={SALE_CHANNELS.map((c) => ({ value: c, label: t(`tradein.fulfilment.channel.${c}` as MessageKey) }))}
            />
          </Form.Item>
          <Form.Item name="overdue" label={t('tradein.fulfilment.overdue')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              data-testid="fulfilment-filter-overdue"
              options={[
                { value: 'true', label: t('tradein.fulfilment.onlyOverdue') },
                { value: 'false', label: t('tradein.fulfilment.notOverdue') },
              ]}
            />
          </Form.Item>
        </FilterBar>
      </Card>
      <Card className="hx-block hx-table-card">
        {data.isError ? (
          <LoadError error={data.error} onRetry={() => void data.refetch()} />
        ) : (
          <Table<FulfilmentView>
            rowKey="redemptionId"
            size="middle"
            columns={columns}
            dataSource={data.data?.items ?? []}
            loading={data.isFetching}
            onChange={list.onTableChange}
            sortDirections={['descend', 'ascend', 'descend']}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t(filtered ? 'tradein.fulfilment.noneMatch' : 'tradein.fulfilment.none') }}
            data-testid="fulfilment-table"
            pagination={list.pagination(data.data?.total ?? 0)}
          />
        )}
      </Card>
      <RecordModal recording={recording} onClose={() => setRecording(null)} />
      <FulfilmentDrawer id={openId} onClose={() => setOpenId(null)} />
    </div>
  );
}

/** The delivery's photo of the signed receipt, or the installer's name and a photo of the installed unit. */
function RecordModal({ recording, onClose }: { recording: Recording; onClose: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const { busy, run } = useAction();
  const [form] = Form.useForm<{ installerName?: string; photo?: EvidenceFile[] }>();
  const install = recording?.kind === 'install';
  const submit = async () => {
    if (!recording) return;
    const v = await form.validateFields();
    const attachmentId = v.photo?.[0]?.id;
    const id = recording.sale.redemptionId;
    const ok = await run(
      () =>
        install
          ? api.post(`/api/tradein/fulfilments/${id}/install`, { installerName: v.installerName, attachmentId })
          : api.post(`/api/tradein/fulfilments/${id}/deliver`, { attachmentId }),
      t(install ? 'tradein.fulfilment.installed' : 'tradein.fulfilment.delivered'),
    );
    if (!ok) return;
    await queryClient.invalidateQueries({ queryKey: fulfilmentKeys.all });
    form.resetFields();
    onClose();
  };
  return (
    <Modal
      open={recording !== null}
      title={recording ? `${t(install ? 'tradein.fulfilment.recordInstallation' : 'tradein.fulfilment.recordDelivery')} · #${recording.sale.redemptionId}` : ''}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.submit')}
      okButtonProps={{ loading: busy, ...{ 'data-testid': 'fulfilment-record-submit' } }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        {install ? (
          <Form.Item name="installerName" label={t('tradein.fulfilment.installer')} rules={[{ required: true, min: 2, max: 50, whitespace: true }]}>
            <Input maxLength={50} data-testid="fulfilment-installer" />
          </Form.Item>
        ) : null}
        <Form.Item
          name="photo"
          label={t(install ? 'tradein.fulfilment.installPhoto' : 'tradein.fulfilment.receiptPhoto')}
          extra={t('tradein.fulfilment.photoHint')}
          rules={[{ required: true, type: 'array', min: 1, message: t('tradein.fulfilment.photoRequired') }]}
        >
          <EvidenceUpload max={1} testId="fulfilment-photo" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
