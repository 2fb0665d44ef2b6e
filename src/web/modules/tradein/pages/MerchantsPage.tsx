import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Drawer, Input, Modal, Segmented, Space, Table, type TableColumnsType } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { useT } from '../../../i18n/I18nProvider';
import { PageHeader } from '../../../components/PageHeader';
import { testId } from '../../../components/testId';
import { LoadError } from '../../../components/ResultPages';
import { formatDateTime, formatMinute } from '../../../components/format';
import { useIsPhone } from '../../../components/useMediaQuery';
import { MERCHANT_STATUSES } from '../../../../shared/enums/tradein';
import { useGrants } from '../../platform/grants/useGrants';
import { categoryName, keys, usePrograms, type MerchantView } from '../api';
import { StatusTag, tradeinError } from '../components';

type Action = 'approve' | 'reject' | 'suspend' | 'resume';
const NEEDS_REASON: Record<Action, boolean> = { approve: false, reject: true, suspend: true, resume: false };

/** Merchant enrolments and their review (市商务局 approves, rejects with a reason, suspends and resumes). */
export default function MerchantsPage() {
  const t = useT();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const grants = useGrants('tradein');
  const programs = usePrograms();
  const [status, setStatus] = useState<MerchantView['status'] | 'all'>('pending');
  const merchants = useQuery({
    queryKey: keys.merchants({ status }),
    queryFn: ({ signal }) => api.get<MerchantView[]>('/api/tradein/merchants', { status: status === 'all' ? undefined : status }, signal),
  });
  const [openId, setOpenId] = useState<number | null>(null);
  const [acting, setActing] = useState<{ m: MerchantView; action: Action } | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = merchants.data?.find((m) => m.id === openId);

  async function act() {
    if (!acting) return;
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/tradein/merchants/${acting.m.id}/${acting.action}`, note.trim() ? { note: note.trim() } : {});
      message.success(t(`tradein.merchants.done.${acting.action}`));
      setActing(null);
      setNote('');
      void qc.invalidateQueries({ queryKey: ['tradein', 'merchants'] });
    } catch (e) {
      setError(tradeinError(t, e));
    } finally {
      setBusy(false);
    }
  }

  const actionsFor = (m: MerchantView): Action[] =>
    !grants.manage ? [] : m.status === 'pending' ? ['approve', 'reject'] : m.status === 'approved' ? ['suspend'] : m.status === 'suspended' ? ['resume'] : [];

  const buttons = (m: MerchantView) => (
    <Space wrap>
      {actionsFor(m).map((a) => (
        <Button
          key={a}
          size="small"
          type={a === 'approve' ? 'primary' : 'default'}
          danger={a === 'reject' || a === 'suspend'}
          onClick={() => {
            setError(null);
            setNote('');
            setActing({ m, action: a });
          }}
          data-testid={`merchant-${a}-${m.id}`}
        >
          {t(`tradein.merchants.${a}`)}
        </Button>
      ))}
    </Space>
  );

  const columns: TableColumnsType<MerchantView> = [
    {
      key: 'name',
      title: t('tradein.field.merchant'),
      dataIndex: 'organizationName',
      sorter: (a, b) => a.organizationName.localeCompare(b.organizationName, 'zh-CN'),
      render: (n: string, m) => (
        <Button type="link" className="hx-link-cell" onClick={() => setOpenId(m.id)} data-testid={`merchant-open-${m.id}`}>
          {n}
        </Button>
      ),
    },
    { key: 'program', title: t('tradein.field.program'), dataIndex: 'programName' },
    {
      key: 'categories',
      title: t('tradein.field.categories'),
      render: (_, m) => m.categories.map((c) => categoryName(programs.data, m.programId, c)).join('、'),
    },
    { key: 'stores', title: t('tradein.field.stores'), render: (_, m) => m.stores.map((s) => `${s.name}（${s.townName}）`).join('；') },
    { key: 'status', title: t('field.status'), dataIndex: 'status', render: (s: string) => <StatusTag group="merchant" status={s} /> },
    {
      key: 'createdAt',
      title: t('field.createdAt'),
      dataIndex: 'createdAt',
      render: formatMinute,
      sorter: (a, b) => a.createdAt.localeCompare(b.createdAt),
      defaultSortOrder: 'descend',
    },
    { key: 'actions', title: t('common.actions'), render: (_, m) => buttons(m) },
  ];

  return (
    <div data-testid="page-tradein-merchants">
      <PageHeader title={t('tradein.nav.merchants')} subtitle={t('tradein.merchants.subtitle')} />
      <Card
        className="hx-block hx-table-card"
        title={
          <Segmented
            value={status}
            onChange={(v) => setStatus(v as typeof status)}
            options={[...MERCHANT_STATUSES.map((s) => ({ value: s, label: t(`tradein.status.merchant.${s}`) })), { value: 'all', label: t('common.all') }]}
            data-testid="merchants-status"
          />
        }
      >
        {merchants.isError ? (
          <LoadError error={merchants.error} onRetry={() => void merchants.refetch()} />
        ) : (
          <Table<MerchantView>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={merchants.data ?? []}
            loading={merchants.isPending}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('tradein.merchants.none') }}
            pagination={{ pageSize: 20, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
            data-testid="merchants-table"
          />
        )}
      </Card>
      {open ? (
        <Drawer
          open
          onClose={() => setOpenId(null)}
          title={open.organizationName}
          size={isPhone ? '100%' : 560}
          extra={<StatusTag group="merchant" status={open.status} />}
          footer={buttons(open)}
        >
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('tradein.field.program')}>{open.programName}</Descriptions.Item>
            <Descriptions.Item label={t('tradein.field.categories')}>
              {open.categories.map((c) => categoryName(programs.data, open.programId, c)).join('、')}
            </Descriptions.Item>
            <Descriptions.Item label={t('tradein.field.stores')}>
              {open.stores.map((s) => (
                <div key={s.id}>
                  {s.name}（{s.townName}）{s.address}
                </div>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label={t('tradein.field.bank')}>
              {open.bankName} · {open.accountName} · {open.bankAccount}
            </Descriptions.Item>
            <Descriptions.Item label={t('field.createdAt')}>{formatDateTime(open.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={t('tradein.field.reviewedAt')}>{formatDateTime(open.reviewedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('tradein.field.reviewNote')}>{open.reviewNote ?? '—'}</Descriptions.Item>
          </Descriptions>
        </Drawer>
      ) : null}
      <Modal
        open={acting !== null}
        title={acting ? t(`tradein.merchants.${acting.action}Title`, { name: acting.m.organizationName }) : ''}
        onCancel={() => setActing(null)}
        onOk={() => void act()}
        confirmLoading={busy}
        okButtonProps={{
          danger: acting?.action === 'reject' || acting?.action === 'suspend',
          disabled: acting ? NEEDS_REASON[acting.action] && note.trim().length < 2 : true,
          ...testId('merchant-act-confirm'),
        }}
      >
        {error ? <Alert type="error" showIcon title={error} className="hx-form-alert" /> : null}
        <Input.TextArea
          rows={3}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={500}
          placeholder={acting && NEEDS_REASON[acting.action] ? t('tradein.merchants.reason') : t('tradein.merchants.noteOptional')}
          data-testid="merchant-act-note"
        />
      </Modal>
    </div>
  );
}
