import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Space, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import { useT } from '../../../../i18n/I18nProvider';
import { PageHeader } from '../../../../components/PageHeader';
import { FilterBar } from '../../../../components/FilterBar';
import { DateField } from '../../../../components/DateField';
import { ExportButton } from '../../../../components/ExportButton';
import { LoadError } from '../../../../components/ResultPages';
import { useListParams } from '../../../../components/useListParams';
import { useGrants } from '../../../platform/grants/useGrants';
import { StatusTag, tradeinError } from '../../components';
import { afterSalesKeys, type MerchantServicePage as ServicePage, type MerchantServiceRow } from './api';

const FILTERS = ['from', 'to'] as const;
type Enrolment = MerchantServiceRow['enrolments'][number];
type NumericKey = Exclude<keyof MerchantServiceRow, 'organizationId' | 'name' | 'enrolments'>;

/** 市商务局's view of merchants' service: response times, complaint rates, satisfaction, and suspension. */
export default function MerchantServicePage() {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const grants = useGrants('tradein');
  const list = useListParams(FILTERS, { sort: 'complaintRate', order: 'desc' });
  const data = useQuery({
    queryKey: afterSalesKeys.service(list.query),
    queryFn: ({ signal }) => api.get<ServicePage>('/api/tradein/merchant-service', list.query, signal),
    placeholderData: keepPreviousData,
  });
  const [suspending, setSuspending] = useState<{ row: MerchantServiceRow; enrolment: Enrolment } | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function suspend() {
    if (!suspending) return;
    setBusy(true);
    setError(null);
    try {
      // The enrolment's own suspension (merchants' routes): its policy, workflow and timeline are the merchants'.
      await api.post(`/api/tradein/merchants/${suspending.enrolment.id}/suspend`, { note: reason.trim() });
      message.success(t('tradein.afterSales.service.suspended'));
      setSuspending(null);
      setReason('');
      void qc.invalidateQueries({ queryKey: ['tradein', 'merchant-service'] });
      void qc.invalidateQueries({ queryKey: ['tradein', 'merchants'] });
    } catch (e) {
      setError(tradeinError(t, e));
    } finally {
      setBusy(false);
    }
  }

  const figure = (key: NumericKey, label: string, show: (v: number) => string = String): TableColumnsType<MerchantServiceRow>[number] => ({
    key,
    dataIndex: key,
    title: label,
    align: 'right',
    sorter: true,
    sortOrder: list.sortOrderOf(key),
    render: (v: number | null) => (v === null ? '—' : show(v)),
  });
  const hours = (v: number) => t('tradein.afterSales.hours', { hours: v });

  const columns: TableColumnsType<MerchantServiceRow> = [
    { key: 'name', dataIndex: 'name', title: t('tradein.afterSales.service.merchant'), sorter: true, sortOrder: list.sortOrderOf('name'), fixed: 'left' },
    {
      key: 'enrolments',
      title: t('tradein.afterSales.service.enrolments'),
      render: (_, row) => (
        <Space direction="vertical" size={2}>
          {row.enrolments.map((e) => (
            <Space key={e.id} size={4} wrap>
              <Typography.Text>{e.programName}</Typography.Text>
              <StatusTag group="merchant" status={e.status} />
              {grants.manage && e.status === 'approved' ? (
                <Button
                  size="small"
                  danger
                  data-testid={`merchant-service-suspend-${e.id}`}
                  onClick={() => {
                    setError(null);
                    setReason('');
                    setSuspending({ row, enrolment: e });
                  }}
                >
                  {t('tradein.afterSales.service.suspend')}
                </Button>
              ) : null}
            </Space>
          ))}
        </Space>
      ),
    },
    figure('sales', t('tradein.afterSales.service.sales')),
    figure('onlineShare', t('tradein.afterSales.service.onlineShare'), (v) => `${v}%`),
    figure('returns', t('tradein.afterSales.service.returns')),
    figure('repairs', t('tradein.afterSales.service.repairs')),
    figure('complaints', t('tradein.afterSales.service.complaints')),
    figure('complaintRate', t('tradein.afterSales.service.complaintRate'), (v) => `${v}‰`),
    figure('medianResponseHours', t('tradein.afterSales.service.medianResponseHours'), hours),
    figure('avgResponseHours', t('tradein.afterSales.service.avgResponseHours'), hours),
    figure('unanswered', t('tradein.afterSales.service.unanswered')),
    {
      ...figure('avgRating', t('tradein.afterSales.service.avgRating')),
      render: (v: number | null, row) =>
        v === null ? '—' : <Tooltip title={t('tradein.afterSales.service.ratings', { n: row.ratings })}>{`${v} / 5`}</Tooltip>,
    },
  ];

  const f = list.state.filters;
  const exportQuery = { from: f.from, to: f.to, q: list.state.q, sort: list.state.sort, order: list.state.order };
  return (
    <div data-testid="page-tradein-merchant-service">
      <PageHeader
        title={t('tradein.nav.merchantService')}
        subtitle={t('tradein.afterSales.service.subtitle')}
        extra={
          <ExportButton path="/api/tradein/merchant-service/export" query={exportQuery} fallbackName="merchant-service.xlsx" testId="merchant-service-export" />
        }
      />
      {!grants.loading && !grants.manage ? <Alert type="info" showIcon className="hx-block" message={t('tradein.afterSales.service.readOnly')} /> : null}
      <Card className="hx-block">
        <FilterBar
          values={{ q: list.state.q, from: f.from ?? data.data?.from, to: f.to ?? data.data?.to }}
          onSearch={(v) => list.update({ q: typeof v.q === 'string' ? v.q.trim() || undefined : undefined, filters: { from: v.from, to: v.to } })}
        >
          <Form.Item name="q" label={t('tradein.afterSales.service.search')}>
            <Input allowClear data-testid="merchant-service-q" />
          </Form.Item>
          <DateField name="from" label={t('common.dateFrom')} testId="merchant-service-from" />
          <DateField name="to" label={t('common.dateTo')} testId="merchant-service-to" />
        </FilterBar>
      </Card>
      <Card className="hx-block hx-table-card">
        {data.isError ? (
          <LoadError error={data.error} onRetry={() => void data.refetch()} />
        ) : (
          <Table<MerchantServiceRow>
            rowKey="organizationId"
            size="middle"
            columns={columns}
            dataSource={data.data?.items ?? []}
            loading={data.isFetching}
            onChange={list.onTableChange}
            sortDirections={['descend', 'ascend', 'descend']}
            scroll={{ x: 'max-content' }}
            pagination={list.pagination(data.data?.total ?? 0)}
            data-testid="merchant-service-table"
          />
        )}
      </Card>

      <Modal
        open={suspending !== null}
        title={suspending ? t('tradein.afterSales.service.suspendTitle', { name: suspending.row.name, program: suspending.enrolment.programName }) : ''}
        onCancel={() => setSuspending(null)}
        onOk={() => void suspend()}
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2, 'data-testid': 'merchant-service-suspend-confirm' }}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Alert type="warning" showIcon className="hx-block" message={t('tradein.afterSales.service.suspendHint')} />
        {error ? <Alert type="error" showIcon className="hx-block" message={error} /> : null}
        <Form layout="vertical">
          <Form.Item label={t('tradein.afterSales.service.reason')} required>
            <Input.TextArea
              rows={3}
              maxLength={500}
              showCount
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              data-testid="merchant-service-reason"
            />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
