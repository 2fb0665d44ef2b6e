import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Table, Tooltip, type TableColumnsType } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { useUser } from '../../../auth/AuthProvider';
import { useT } from '../../../i18n/I18nProvider';
import { PageHeader } from '../../../components/PageHeader';
import { testId } from '../../../components/testId';
import { FilterBar } from '../../../components/FilterBar';
import { LoadError } from '../../../components/ResultPages';
import { formatMinute } from '../../../components/format';
import { useListParams } from '../../../components/useListParams';
import { REDEMPTION_STATUSES } from '../../../../shared/enums/tradein';
import { useGrants } from '../../platform/grants/useGrants';
import { categoryName, keys, usePrograms, type Page, type RedemptionView } from '../api';
import { Money, StatusTag, tradeinError } from '../components';

const FILTERS = ['status', 'programId'] as const;

/**
 * Redemptions: a merchant's own sales (with returns: reverse a sale, the voucher goes back to the resident when
 * it can), or every sale for 市商务局 and the supervisors.
 */
export default function RedemptionsPage() {
  const t = useT();
  const user = useUser();
  const grants = useGrants('tradein');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const programs = usePrograms();
  const list = useListParams(FILTERS, { pageSize: 20 });
  const [reversing, setReversing] = useState<RedemptionView | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const canReverse = user.role === 'merchant' || grants.manage;
  const data = useQuery({
    queryKey: keys.redemptions(list.query),
    queryFn: ({ signal }) =>
      api.get<Page<RedemptionView>>('/api/tradein/redemptions', { page: list.state.page, pageSize: list.state.pageSize, ...list.state.filters }, signal),
    placeholderData: keepPreviousData,
  });

  async function reverse() {
    if (!reversing) return;
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/tradein/redemptions/${reversing.id}/reverse`, { reason: reason.trim() });
      message.success(t('tradein.redemptions.reversed'));
      setReversing(null);
      setReason('');
      void qc.invalidateQueries({ queryKey: ['tradein', 'redemptions'] });
    } catch (e) {
      setError(tradeinError(t, e));
    } finally {
      setBusy(false);
    }
  }

  const columns: TableColumnsType<RedemptionView> = [
    {
      key: 'createdAt',
      title: t('tradein.field.soldAt'),
      dataIndex: 'createdAt',
      render: formatMinute,
      sorter: (a, b) => a.createdAt.localeCompare(b.createdAt),
    },
    { key: 'category', title: t('tradein.field.category'), render: (_, r) => categoryName(programs.data, r.programId, r.category) },
    { key: 'voucher', title: t('tradein.field.voucher'), dataIndex: 'voucherCode' },
    { key: 'serial', title: t('tradein.field.serial'), dataIndex: 'serialNumber' },
    { key: 'invoice', title: t('tradein.field.invoice'), dataIndex: 'invoiceNumber' },
    {
      key: 'price',
      title: t('tradein.redeem.price'),
      dataIndex: 'price',
      align: 'right',
      render: (f: number) => <Money fen={f} />,
      sorter: (a, b) => a.price - b.price,
    },
    {
      key: 'subsidy',
      title: t('tradein.redeem.subsidy'),
      dataIndex: 'subsidy',
      align: 'right',
      render: (f: number) => <Money fen={f} strong />,
      sorter: (a, b) => a.subsidy - b.subsidy,
    },
    { key: 'payable', title: t('tradein.redeem.payable'), dataIndex: 'payable', align: 'right', render: (f: number) => <Money fen={f} /> },
    {
      key: 'status',
      title: t('field.status'),
      render: (_, r) => (
        <>
          <StatusTag group="redemption" status={r.status} />
          {r.clawbackPending ? (
            <Tooltip title={t('tradein.redemptions.clawbackHelp')}>
              <span className="hx-ti-live">{t('tradein.redemptions.clawback')}</span>
            </Tooltip>
          ) : null}
          {r.reversalReason ? <div className="hx-ti-live">{r.reversalReason}</div> : null}
        </>
      ),
    },
    {
      key: 'batch',
      title: t('tradein.field.batch'),
      dataIndex: 'settlementBatchId',
      render: (id: number | null) => (id ? `#${id}` : '—'),
    },
    ...(canReverse
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_: unknown, r: RedemptionView) =>
              r.status === 'accepted' || r.status === 'held' ? (
                <Button size="small" danger onClick={() => setReversing(r)} data-testid={`reverse-${r.id}`}>
                  {t('tradein.redemptions.reverse')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <div data-testid="page-tradein-redemptions">
      <PageHeader
        title={user.role === 'merchant' || user.role === 'enterprise' ? t('tradein.nav.merchantRedemptions') : t('tradein.nav.redemptions')}
        subtitle={t('tradein.redemptions.subtitle')}
      />
      <Card className="hx-block">
        <FilterBar
          values={{ status: list.state.filters.status, programId: list.state.filters.programId ? Number(list.state.filters.programId) : undefined }}
          onSearch={(v) => list.update({ filters: { status: v.status, programId: v.programId ? String(v.programId) : undefined } })}
        >
          <Form.Item name="status" label={t('field.status')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={REDEMPTION_STATUSES.map((s) => ({ value: s, label: t(`tradein.status.redemption.${s}`) }))}
            />
          </Form.Item>
          <Form.Item name="programId" label={t('tradein.field.program')}>
            <Select<number> allowClear placeholder={t('common.all')} options={(programs.data ?? []).map((p) => ({ value: p.id, label: p.name }))} />
          </Form.Item>
        </FilterBar>
      </Card>
      <Card className="hx-block hx-table-card">
        {data.isError ? (
          <LoadError error={data.error} onRetry={() => void data.refetch()} />
        ) : (
          <Table<RedemptionView>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data.data?.items ?? []}
            loading={data.isFetching}
            onChange={list.onTableChange}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('tradein.redemptions.none') }}
            data-testid="redemptions-table"
            pagination={list.pagination(data.data?.total ?? 0)}
          />
        )}
      </Card>
      <Modal
        open={reversing !== null}
        title={t('tradein.redemptions.reverseTitle', { code: reversing?.voucherCode ?? '' })}
        onCancel={() => setReversing(null)}
        onOk={() => void reverse()}
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2, ...testId('reverse-confirm') }}
        confirmLoading={busy}
      >
        <Alert type="info" showIcon title={t('tradein.redemptions.reverseHelp')} className="hx-form-alert" />
        {error ? <Alert type="error" showIcon title={error} className="hx-form-alert" /> : null}
        <Input.TextArea
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('tradein.redemptions.reason')}
          maxLength={500}
          data-testid="reverse-reason"
        />
      </Modal>
    </div>
  );
}
