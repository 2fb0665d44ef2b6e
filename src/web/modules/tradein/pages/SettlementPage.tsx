import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Input,
  Modal,
  Segmented,
  Skeleton,
  Space,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, download } from '../../../api/client';
import { useUser } from '../../../auth/AuthProvider';
import { useT } from '../../../i18n/I18nProvider';
import { PageHeader } from '../../../components/PageHeader';
import { testId } from '../../../components/testId';
import { LoadError } from '../../../components/ResultPages';
import { formatDateTime, formatMinute, shanghaiNow } from '../../../components/format';
import { useIsPhone } from '../../../components/useMediaQuery';
import { useListParams } from '../../../components/useListParams';
import { SETTLEMENT_STATUSES } from '../../../../shared/enums/tradein';
import { useGrants } from '../../platform/grants/useGrants';
import { categoryName, keys, usePrograms, type BatchDetail, type BatchView, type Page } from '../api';
import { Money, StatusTag, tradeinError } from '../components';

type Step = 'approve' | 'confirm' | 'paid';
const FILTERS = ['status', 'period'] as const;

function useDownload() {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  return {
    busy,
    run: async (id: string, path: string, query: Record<string, string | undefined> | undefined, name: string) => {
      setBusy(id);
      try {
        const file = await download(path, query, name);
        message.success(`${t('common.exported')}：${file}`);
      } catch (e) {
        message.error(tradeinError(t, e));
      } finally {
        setBusy(null);
      }
    },
  };
}

function BatchDrawer({ id, onClose, onStep }: { id: number; onClose: () => void; onStep: (b: BatchView, s: Step) => void }) {
  const t = useT();
  const isPhone = useIsPhone();
  const programs = usePrograms();
  const steps = useSteps();
  const dl = useDownload();
  const batch = useQuery({
    queryKey: ['tradein', 'batch', id],
    queryFn: ({ signal }) => api.get<BatchDetail>(`/api/tradein/settlement/batches/${id}`, undefined, signal),
  });
  const b = batch.data;
  return (
    <Drawer
      open
      onClose={onClose}
      size={isPhone ? '100%' : 720}
      title={b ? `${b.merchantName} · ${b.period}` : t('tradein.settlement.batch')}
      extra={b ? <StatusTag group="batch" status={b.status} /> : null}
      footer={
        b ? (
          <Space wrap>
            {steps(b).map((s) => (
              <Button key={s} type="primary" onClick={() => onStep(b, s)} data-testid={`batch-drawer-${s}`}>
                {t(`tradein.settlement.${s}`)}
              </Button>
            ))}
            {steps.canExport ? (
              <Button
                icon={<DownloadOutlined />}
                loading={dl.busy === 'one'}
                onClick={() => void dl.run('one', `/api/tradein/settlement/batches/${b.id}/export.xlsx`, undefined, `settlement-${b.id}.xlsx`)}
              >
                {t('tradein.settlement.paymentFile')}
              </Button>
            ) : null}
          </Space>
        ) : null
      }
    >
      {batch.isPending ? (
        <Skeleton active />
      ) : batch.isError ? (
        <LoadError error={batch.error} onRetry={() => void batch.refetch()} />
      ) : (
        <>
          <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered className="hx-block">
            <Descriptions.Item label={t('tradein.field.program')}>{b!.programName}</Descriptions.Item>
            <Descriptions.Item label={t('tradein.settlement.period')}>{b!.period}</Descriptions.Item>
            <Descriptions.Item label={t('tradein.settlement.subsidy', { n: b!.subsidyCount })}>
              <Money fen={b!.subsidy} />
            </Descriptions.Item>
            <Descriptions.Item label={t('tradein.settlement.clawback', { n: b!.clawbackCount })}>
              <Money fen={-b!.clawback} />
            </Descriptions.Item>
            <Descriptions.Item label={t('tradein.settlement.net')}>
              <Money fen={b!.net} strong />
            </Descriptions.Item>
            <Descriptions.Item label={t('tradein.field.bank')}>
              {b!.bankName} · {b!.accountName} · {b!.bankAccount}
            </Descriptions.Item>
            <Descriptions.Item label={t('tradein.settlement.approvedAt')}>{formatDateTime(b!.approvedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('tradein.settlement.confirmedAt')}>{formatDateTime(b!.confirmedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('tradein.settlement.paidAt')}>{formatDateTime(b!.paidAt)}</Descriptions.Item>
            <Descriptions.Item label={t('tradein.settlement.reference')}>{b!.paymentReference ?? '—'}</Descriptions.Item>
          </Descriptions>
          <Table
            rowKey={(l) => `${l.kind}-${l.redemptionId}`}
            size="small"
            dataSource={b!.lines}
            pagination={{ pageSize: 50 }}
            scroll={{ x: 'max-content' }}
            columns={[
              {
                key: 'kind',
                title: t('tradein.settlement.lineKind'),
                dataIndex: 'kind',
                render: (k: 'subsidy' | 'clawback') => t(`tradein.settlement.kind.${k}`),
              },
              { key: 'category', title: t('tradein.field.category'), render: (_, l) => categoryName(programs.data, b!.programId, l.category) },
              { key: 'serial', title: t('tradein.field.serial'), dataIndex: 'serialNumber' },
              { key: 'invoice', title: t('tradein.field.invoice'), dataIndex: 'invoiceNumber' },
              { key: 'price', title: t('tradein.redeem.price'), dataIndex: 'price', align: 'right', render: (f: number) => <Money fen={f} /> },
              { key: 'amount', title: t('tradein.settlement.amount'), dataIndex: 'amount', align: 'right', render: (f: number) => <Money fen={f} strong /> },
              { key: 'at', title: t('tradein.field.soldAt'), dataIndex: 'redeemedAt', render: formatMinute },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}

/** Which steps the signed-in account may take on a batch: 市商务局 approves; 市财政局 confirms and marks paid. */
function useSteps() {
  const grants = useGrants('tradein');
  const user = useUser();
  const f = (b: BatchView): Step[] => {
    const out: Step[] = [];
    if (b.status === 'draft' && grants.manage) out.push('approve');
    if (b.status === 'approved' && grants.confirmPayment) out.push('confirm');
    if (b.status === 'confirmed' && grants.confirmPayment) out.push('paid');
    return out;
  };
  return Object.assign(f, { canExport: user.role !== 'merchant' && user.role !== 'enterprise', manage: grants.manage, pay: grants.confirmPayment });
}

/**
 * Settlement: the monthly batches per merchant (subsidies less claw-backs), approved by 市商务局, confirmed and
 * paid by 市财政局, with the payment file in Excel; a merchant follows its own.
 */
export default function SettlementPage() {
  const t = useT();
  const user = useUser();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const steps = useSteps();
  const dl = useDownload();
  const list = useListParams(FILTERS, { pageSize: 20 });
  const business = user.role === 'merchant' || user.role === 'enterprise';
  const [openId, setOpenId] = useState<number | null>(null);
  const [stepping, setStepping] = useState<{ b: BatchView; s: Step } | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [makePeriod, setMakePeriod] = useState<Dayjs | null>(shanghaiNow().subtract(1, 'month'));
  const [making, setMaking] = useState(false);
  const status = list.state.filters.status;
  const period = list.state.filters.period;
  const data = useQuery({
    queryKey: keys.batches(list.query),
    queryFn: ({ signal }) =>
      api.get<Page<BatchView>>('/api/tradein/settlement/batches', { status, period, page: list.state.page, pageSize: list.state.pageSize }, signal),
    placeholderData: keepPreviousData,
  });

  async function step() {
    if (!stepping) return;
    setBusy(true);
    setError(null);
    const { b, s } = stepping;
    try {
      await api.post(
        `/api/tradein/settlement/batches/${b.id}/${s}`,
        s === 'paid' ? { paymentReference: text.trim() } : text.trim() ? { note: text.trim() } : {},
      );
      message.success(t(`tradein.settlement.done.${s}`));
      setStepping(null);
      setText('');
      void qc.invalidateQueries({ queryKey: ['tradein', 'batches'] });
      void qc.invalidateQueries({ queryKey: ['tradein', 'batch', b.id] });
    } catch (e) {
      setError(tradeinError(t, e));
    } finally {
      setBusy(false);
    }
  }

  async function make() {
    if (!makePeriod) return;
    setMaking(true);
    try {
      const res = await api.post<{ items: (BatchView & { created: boolean })[] }>('/api/tradein/settlement/batches', { period: makePeriod.format('YYYY-MM') });
      message.success(t('tradein.settlement.made', { n: res.items.filter((i) => i.created).length, total: res.items.length }));
      list.update({ filters: { period: makePeriod.format('YYYY-MM'), status: undefined } });
      void qc.invalidateQueries({ queryKey: ['tradein', 'batches'] });
    } catch (e) {
      message.error(tradeinError(t, e));
    } finally {
      setMaking(false);
    }
  }

  const columns: TableColumnsType<BatchView> = [
    { key: 'id', title: '#', dataIndex: 'id' },
    {
      key: 'merchant',
      title: t('tradein.field.merchant'),
      dataIndex: 'merchantName',
      render: (n: string, b) => (
        <Button type="link" className="hx-link-cell" onClick={() => setOpenId(b.id)} data-testid={`batch-open-${b.id}`}>
          {n}
        </Button>
      ),
    },
    { key: 'program', title: t('tradein.field.program'), dataIndex: 'programName' },
    { key: 'period', title: t('tradein.settlement.period'), dataIndex: 'period', sorter: (a, b) => a.period.localeCompare(b.period) },
    { key: 'count', title: t('tradein.settlement.count'), dataIndex: 'subsidyCount', align: 'right' },
    { key: 'subsidy', title: t('tradein.redeem.subsidy'), dataIndex: 'subsidy', align: 'right', render: (f: number) => <Money fen={f} /> },
    {
      key: 'clawback',
      title: t('tradein.settlement.clawbackCol'),
      dataIndex: 'clawback',
      align: 'right',
      render: (f: number) => (f ? <Money fen={-f} /> : '—'),
    },
    {
      key: 'net',
      title: t('tradein.settlement.net'),
      dataIndex: 'net',
      align: 'right',
      render: (f: number) => <Money fen={f} strong />,
      sorter: (a, b) => a.net - b.net,
    },
    { key: 'status', title: t('field.status'), dataIndex: 'status', render: (s: string) => <StatusTag group="batch" status={s} /> },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, b) => (
        <Space wrap>
          {steps(b).map((s) => (
            <Button
              key={s}
              size="small"
              type="primary"
              onClick={() => {
                setError(null);
                setText('');
                setStepping({ b, s });
              }}
              data-testid={`batch-${s}-${b.id}`}
            >
              {t(`tradein.settlement.${s}`)}
            </Button>
          ))}
          {steps.canExport ? (
            <Button
              size="small"
              icon={<DownloadOutlined />}
              loading={dl.busy === `b${b.id}`}
              onClick={() => void dl.run(`b${b.id}`, `/api/tradein/settlement/batches/${b.id}/export.xlsx`, undefined, `settlement-${b.id}.xlsx`)}
              data-testid={`batch-export-${b.id}`}
            >
              Excel
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="page-tradein-settlement">
      <PageHeader
        title={business ? t('tradein.nav.mySettlements') : t('tradein.nav.settlement')}
        subtitle={business ? t('tradein.settlement.subtitleMerchant') : t('tradein.settlement.subtitle')}
        extra={
          steps.canExport && period ? (
            <Button
              icon={<DownloadOutlined />}
              loading={dl.busy === 'month'}
              onClick={() => void dl.run('month', '/api/tradein/settlement/export.xlsx', { period, status }, `settlement-${period}.xlsx`)}
              data-testid="settlement-export-month"
            >
              {t('tradein.settlement.monthFile', { period })}
            </Button>
          ) : null
        }
      />
      <Card className="hx-block">
        <div className="hx-form-actions" style={{ alignItems: 'center' }}>
          <Segmented
            value={status ?? 'all'}
            onChange={(v) => list.update({ filters: { status: v === 'all' ? undefined : String(v) } })}
            options={[{ value: 'all', label: t('common.all') }, ...SETTLEMENT_STATUSES.map((s) => ({ value: s, label: t(`tradein.status.batch.${s}`) }))]}
            data-testid="batches-status"
          />
          <DatePicker
            picker="month"
            value={period ? dayjs(`${period}-01`) : null}
            onChange={(d) => list.update({ filters: { period: d ? d.format('YYYY-MM') : undefined } })}
            placeholder={t('tradein.settlement.period')}
            data-testid="batches-period"
          />
          {steps.manage ? (
            <Space.Compact>
              <DatePicker
                picker="month"
                value={makePeriod}
                onChange={setMakePeriod}
                disabledDate={(d) => !d.isBefore(shanghaiNow().startOf('month'))}
                allowClear={false}
                data-testid="make-period"
              />
              <Button onClick={() => void make()} loading={making} data-testid="make-batches">
                {t('tradein.settlement.make')}
              </Button>
            </Space.Compact>
          ) : null}
        </div>
        {steps.pay ? (
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
            {t('tradein.settlement.payerHelp')}
          </Typography.Paragraph>
        ) : null}
      </Card>
      <Card className="hx-block hx-table-card">
        {data.isError ? (
          <LoadError error={data.error} onRetry={() => void data.refetch()} />
        ) : (
          <Table<BatchView>
            rowKey="id"
            size="middle"
            columns={business ? columns.filter((c) => c.key !== 'actions') : columns}
            dataSource={data.data?.items ?? []}
            loading={data.isFetching}
            onChange={list.onTableChange}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('tradein.settlement.none') }}
            data-testid="batches-table"
            pagination={list.pagination(data.data?.total ?? 0)}
          />
        )}
      </Card>
      {openId !== null ? <BatchDrawer id={openId} onClose={() => setOpenId(null)} onStep={(b, s) => setStepping({ b, s })} /> : null}
      <Modal
        open={stepping !== null}
        title={stepping ? t(`tradein.settlement.${stepping.s}Title`, { name: stepping.b.merchantName, period: stepping.b.period }) : ''}
        onCancel={() => setStepping(null)}
        onOk={() => void step()}
        confirmLoading={busy}
        okButtonProps={{ disabled: stepping?.s === 'paid' && text.trim().length < 2, ...testId('batch-step-confirm') }}
      >
        {stepping ? (
          <div className="hx-ti-sum hx-block">
            <div className="hx-ti-sum-row">
              <span>{t('tradein.settlement.net')}</span>
              <Money fen={stepping.b.net} strong />
            </div>
          </div>
        ) : null}
        {error ? <Alert type="error" showIcon title={error} className="hx-form-alert" /> : null}
        <Input
          value={text}
          onChange={(e) => setText(e.target.value)}
          maxLength={stepping?.s === 'paid' ? 100 : 500}
          placeholder={stepping?.s === 'paid' ? t('tradein.settlement.referencePh') : t('tradein.settlement.notePh')}
          data-testid="batch-step-text"
        />
      </Modal>
    </div>
  );
}
