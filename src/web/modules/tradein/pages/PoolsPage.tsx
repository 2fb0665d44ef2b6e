import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, InputNumber, Modal, Progress, Segmented, Select, Table, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, newIdempotencyKey } from '../../../api/client';
import { useT } from '../../../i18n/I18nProvider';
import { PageHeader } from '../../../components/PageHeader';
import { testId } from '../../../components/testId';
import { LoadError } from '../../../components/ResultPages';
import { applyApiError } from '../../../components/formErrors';
import { formatMinute, shanghaiNow } from '../../../components/format';
import { POOL_STATUSES } from '../../../../shared/enums/tradein';
import { useGrants } from '../../platform/grants/useGrants';
import { keys, POOL_REFRESH_MS, usePrograms, type PoolView } from '../api';
import { StatusTag } from '../components';

interface PoolForm {
  programId?: number;
  category?: string;
  quota?: number;
  window?: [Dayjs, Dayjs];
}

/** Voucher releases: their quota, what has been claimed, and a new release (市商务局). */
export default function PoolsPage() {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const grants = useGrants('tradein');
  const programs = usePrograms();
  const [status, setStatus] = useState<'all' | (typeof POOL_STATUSES)[number]>('open');
  const pools = useQuery({
    queryKey: keys.pools({ status, all: true }),
    queryFn: ({ signal }) => api.get<PoolView[]>('/api/tradein/pools', { status: status === 'all' ? undefined : status }, signal),
    refetchInterval: status === 'open' ? POOL_REFRESH_MS : false,
  });
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<PoolForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [key, setKey] = useState(newIdempotencyKey);
  const programId = Form.useWatch('programId', form);
  const program = programs.data?.find((p) => p.id === programId);

  async function create(v: PoolForm) {
    if (!v.window) return;
    setSaving(true);
    setError(null);
    try {
      await api.post<PoolView>(
        `/api/tradein/programs/${v.programId}/pools`,
        { category: v.category, quota: v.quota, opensAt: v.window[0].toISOString(), closesAt: v.window[1].toISOString() },
        { idempotencyKey: key, device: true },
      );
      message.success(t('tradein.pools.created'));
      setOpen(false);
      setKey(newIdempotencyKey());
      void qc.invalidateQueries({ queryKey: ['tradein', 'pools'] });
    } catch (e) {
      if (e instanceof ApiError && e.status > 0) setKey(newIdempotencyKey());
      setError(applyApiError(form, e, { opensAt: 'window', closesAt: 'window' }));
    } finally {
      setSaving(false);
    }
  }

  const columns: TableColumnsType<PoolView> = [
    { key: 'id', title: '#', dataIndex: 'id', sorter: (a, b) => a.id - b.id },
    { key: 'program', title: t('tradein.field.program'), dataIndex: 'programName' },
    { key: 'category', title: t('tradein.field.category'), dataIndex: 'categoryName', sorter: (a, b) => a.categoryName.localeCompare(b.categoryName, 'zh-CN') },
    {
      key: 'opensAt',
      title: t('tradein.pools.opensAt'),
      dataIndex: 'opensAt',
      render: formatMinute,
      sorter: (a, b) => a.opensAt.localeCompare(b.opensAt),
      defaultSortOrder: 'descend',
    },
    { key: 'closesAt', title: t('tradein.pools.closesAt'), dataIndex: 'closesAt', render: formatMinute },
    { key: 'quota', title: t('tradein.pools.quota'), dataIndex: 'quota', align: 'right', sorter: (a, b) => a.quota - b.quota },
    { key: 'issued', title: t('tradein.pools.issued'), dataIndex: 'issued', align: 'right', sorter: (a, b) => a.issued - b.issued },
    {
      key: 'remaining',
      title: t('tradein.claim.remaining'),
      dataIndex: 'remaining',
      sorter: (a, b) => a.remaining - b.remaining,
      render: (r: number, p) => (
        <Progress percent={p.quota ? Math.round((r / p.quota) * 100) : 0} size="small" format={() => r.toLocaleString()} style={{ minWidth: 120 }} />
      ),
    },
    { key: 'source', title: t('tradein.pools.source'), dataIndex: 'source', render: (s: string) => t(`tradein.pools.source.${s as 'manual' | 'schedule'}`) },
    { key: 'status', title: t('field.status'), dataIndex: 'status', render: (s: string) => <StatusTag group="pool" status={s} /> },
  ];

  return (
    <div data-testid="page-tradein-pools">
      <PageHeader
        title={t('tradein.nav.pools')}
        subtitle={t('tradein.pools.subtitle')}
        extra={
          grants.manage ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                setError(null);
                form.resetFields();
                form.setFieldsValue({ window: [dayjs().startOf('minute'), shanghaiNow().endOf('day')] });
                setOpen(true);
              }}
              data-testid="pool-new"
            >
              {t('tradein.pools.new')}
            </Button>
          ) : null
        }
      />
      <Card
        className="hx-block hx-table-card"
        title={
          <Segmented
            value={status}
            onChange={(v) => setStatus(v as typeof status)}
            options={[...POOL_STATUSES.map((s) => ({ value: s, label: t(`tradein.status.pool.${s}`) })), { value: 'all', label: t('common.all') }]}
            data-testid="pools-status"
          />
        }
      >
        {pools.isError ? (
          <LoadError error={pools.error} onRetry={() => void pools.refetch()} />
        ) : (
          <Table<PoolView>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={pools.data ?? []}
            loading={pools.isPending}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('tradein.pools.none') }}
            pagination={{ pageSize: 20, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
            data-testid="pools-table"
          />
        )}
      </Card>
      <Modal
        open={open}
        title={t('tradein.pools.new')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={saving}
        okButtonProps={{ ...testId('pool-save') }}
        forceRender
      >
        {error ? <Alert type="error" showIcon title={error} className="hx-form-alert" /> : null}
        <Form<PoolForm> form={form} layout="vertical" onFinish={(v) => void create(v)} data-testid="pool-form">
          <Form.Item name="programId" label={t('tradein.field.program')} rules={[{ required: true, message: t('common.required') }]}>
            <Select<number>
              options={(programs.data ?? []).filter((p) => p.status === 'active').map((p) => ({ value: p.id, label: p.name }))}
              onChange={() => form.setFieldValue('category', undefined)}
              data-testid="pool-program"
            />
          </Form.Item>
          <Form.Item name="category" label={t('tradein.field.category')} rules={[{ required: true, message: t('common.required') }]}>
            <Select
              disabled={!program}
              options={(program?.categories ?? []).map((c) => ({ value: c.category, label: c.name }))}
              onChange={(c: string) => {
                const q = program?.categories.find((x) => x.category === c)?.dailyQuota;
                if (q && !form.getFieldValue('quota')) form.setFieldValue('quota', q);
              }}
              data-testid="pool-category"
            />
          </Form.Item>
          <Form.Item name="quota" label={t('tradein.pools.quota')} rules={[{ required: true, message: t('common.required') }]}>
            <InputNumber min={1} max={10_000_000} precision={0} style={{ width: '100%' }} data-testid="pool-quota" />
          </Form.Item>
          <Form.Item name="window" label={t('tradein.pools.window')} rules={[{ required: true, message: t('common.required') }]}>
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="pool-window" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
