import { useRef, useState } from 'react';
import { Alert, Button, Card, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography, message } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, download, newIdempotencyKey } from '../../../api/client';
import { useT } from '../../../i18n/I18nProvider';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/ResultPages';
import { errorMessage } from '../../../components/formErrors';
import { testId } from '../../../components/testId';
import type { MessageKey } from '../../../i18n/messages';
import { fenToYuan } from '../../../../shared/money';
import { useGrants } from '../../platform/grants/useGrants';
import { carKeys, type BatchDetail, type BatchView, type CarApplicationSummary, type Page } from '../api';
import { EmptyState, formatMinute, Yuan } from '../components';
import { BatchApplications } from './payments/BatchApplications';

const BATCH_COLORS: Record<BatchView['status'], string> = { pending: 'processing', paid: 'success', cancelled: 'default' };

/**
 * 市财政局's payment batches: every approved application not yet batched goes into a new batch; the payment file
 * (.xlsx, full bank accounts) is downloaded; once the treasury has paid, the batch is marked paid with the
 * reference. Others with read access follow the batches.
 */
export default function PaymentsPage() {
  const t = useT();
  const qc = useQueryClient();
  const grants = useGrants('cartradein');
  const payer = grants.confirmPayment;
  const idem = useRef(newIdempotencyKey());
  const [paying, setPaying] = useState<BatchView | null>(null);
  const [form] = Form.useForm<{ reference: string; paidOn?: string }>();
  const batches = useQuery({ queryKey: carKeys.batches, queryFn: ({ signal }) => api.get<BatchView[]>('/api/tradein/car-payment-batches', undefined, signal) });
  const approved = useQuery({
    queryKey: carKeys.applications({ status: 'approved', all: true }),
    queryFn: ({ signal }) => api.get<Page<CarApplicationSummary>>('/api/tradein/car-applications', { status: 'approved', pageSize: 200 }, signal),
  });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['cartradein'] });
  };
  const create = useMutation({
    mutationFn: () => api.post<BatchDetail>('/api/tradein/car-payment-batches', {}, { idempotencyKey: idem.current }),
    onSuccess: (b) => {
      idem.current = newIdempotencyKey();
      void message.success(t('car.pay.created', { batchNo: b.batchNo }));
      refresh();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const markPaid = useMutation({
    mutationFn: (v: { id: number; reference: string; paidOn?: string }) =>
      api.post<BatchDetail>(`/api/tradein/car-payment-batches/${v.id}/paid`, { reference: v.reference, ...(v.paidOn ? { paidOn: v.paidOn } : {}) }),
    onSuccess: () => {
      void message.success(t('car.pay.paid'));
      setPaying(null);
      form.resetFields();
      refresh();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const cancel = useMutation({
    mutationFn: (id: number) => api.post<BatchDetail>(`/api/tradein/car-payment-batches/${id}/cancel`),
    onSuccess: refresh,
    onError: (e) => void message.error(errorMessage(e)),
  });
  const approvedItems = approved.data?.items ?? [];
  const approvedTotal = approvedItems.reduce((s, a) => s + a.amountFen, 0);
  return (
    <div data-testid="page-car-payments">
      <PageHeader title={t('nav.carPayments')} subtitle={t('car.pay.subtitle')} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text data-testid="car-pay-approved">
            {t('car.pay.approvedCount', { count: approved.data?.total ?? '…', amount: fenToYuan(approvedTotal) })}
          </Typography.Text>
          {payer ? (
            <Button
              type="primary"
              disabled={approvedItems.length === 0}
              loading={create.isPending}
              onClick={() => create.mutate()}
              data-testid="car-pay-create"
            >
              {t('car.pay.create')}
            </Button>
          ) : grants.loading ? null : (
            <Alert type="info" showIcon message={t('car.pay.readOnly')} />
          )}
        </Space>
      </Card>
      <Card size="small">
        {batches.isError ? (
          <LoadError error={batches.error} onRetry={() => void batches.refetch()} />
        ) : (
          <Table<BatchView>
            rowKey="id"
            size="small"
            loading={batches.isPending}
            dataSource={batches.data ?? []}
            scroll={{ x: 720 }}
            pagination={false}
            data-testid="car-pay-table"
            expandable={{ expandedRowRender: (b) => <BatchApplications batchId={b.id} /> }}
            locale={{ emptyText: <EmptyState text={t('car.pay.none')} testId="car-pay-empty" /> }}
            columns={[
              { title: t('car.pay.col.batchNo'), dataIndex: 'batchNo', width: 150 },
              {
                title: t('car.col.status'),
                dataIndex: 'status',
                width: 90,
                render: (s: BatchView['status']) => (
                  <Tag color={BATCH_COLORS[s]} data-testid={`car-batch-status-${s}`}>
                    {t(`car.pay.status.${s}` as MessageKey)}
                  </Tag>
                ),
              },
              { title: t('car.pay.col.count'), dataIndex: 'applicationCount', width: 80, align: 'right' },
              { title: t('car.pay.col.total'), dataIndex: 'totalFen', width: 120, align: 'right', render: (f: number) => <Yuan fen={f} /> },
              { title: t('car.pay.col.createdAt'), dataIndex: 'createdAt', width: 140, render: (s: string) => formatMinute(s) },
              { title: t('car.pay.col.reference'), dataIndex: 'paymentReference', width: 140, render: (r: string | null) => r ?? '—' },
              {
                title: '',
                key: 'actions',
                width: 260,
                render: (_: unknown, b) =>
                  payer && b.status !== 'cancelled' ? (
                    <div className="hx-car-actions">
                      <Button
                        size="small"
                        onClick={() =>
                          void download(`/api/tradein/car-payment-batches/${b.id}/file`, undefined, `${b.batchNo}.xlsx`).catch((e: unknown) =>
                            message.error(errorMessage(e)),
                          )
                        }
                        data-testid={`car-pay-download-${b.id}`}
                      >
                        {t('car.pay.download')}
                      </Button>
                      {b.status === 'pending' ? (
                        <>
                          <Button size="small" type="primary" onClick={() => setPaying(b)} data-testid={`car-pay-mark-${b.id}`}>
                            {t('car.pay.markPaid')}
                          </Button>
                          <Popconfirm title={t('car.pay.cancel')} onConfirm={() => cancel.mutate(b.id)}>
                            <Button size="small" danger>
                              {t('car.pay.cancel')}
                            </Button>
                          </Popconfirm>
                        </>
                      ) : null}
                    </div>
                  ) : null,
              },
            ]}
          />
        )}
      </Card>
      <Modal
        open={paying !== null}
        title={paying ? `${t('car.pay.markPaid')} · ${paying.batchNo}` : ''}
        onCancel={() => setPaying(null)}
        onOk={() => void form.validateFields().then((v) => paying && markPaid.mutate({ id: paying.id, ...v }))}
        confirmLoading={markPaid.isPending}
        okButtonProps={testId('car-pay-confirm')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="reference" label={t('car.pay.reference')} rules={[{ required: true, whitespace: true, min: 2, message: t('common.required') }]}>
            <Input data-testid="car-pay-reference" />
          </Form.Item>
          <Form.Item name="paidOn" label={t('car.pay.paidOn')}>
            <Input type="date" data-testid="car-pay-paidOn" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
