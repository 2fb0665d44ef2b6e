import { App, Alert, Button, Card, Descriptions, Popconfirm, Progress, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { SyncOutlined } from '@ant-design/icons';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/ResultPages';
import { errorMessage } from '../../../components/formErrors';
import { formatDateTime } from '../../../components/format';
import { useAuth } from '../../../auth/AuthProvider';
import { useT } from '../../../i18n/I18nProvider';
import { useKeyStatus, useStartReencryption, type KeyStatusView, type ReencryptionRunView } from './api';

type VersionRow = KeyStatusView['versions'][number];

const STATE_COLOR = { active: 'success', retiring: 'warning', retired: 'default' } as const;
const RUN_COLOR = { running: 'processing', done: 'success', failed: 'error' } as const;

const percent = (done: number, total: number) => (total === 0 ? 100 : Math.floor((done / total) * 100));

/** One progress bar per sealed column while a run is under way. */
function RunProgress({ run }: { run: ReencryptionRunView }) {
  const t = useT();
  return (
    <Card title={t('keys.run.current', { id: run.id, version: run.targetVersion })} className="hx-block" data-testid="keys-run">
      <Progress percent={percent(run.done, run.total)} status="active" aria-label={t('keys.run.total')} />
      <Typography.Paragraph type="secondary">{t('keys.run.counts', { done: run.done, total: run.total })}</Typography.Paragraph>
      {run.progress.map((p) => (
        <div key={`${p.table}.${p.column}`} data-testid="keys-progress">
          <Typography.Text code>{`${p.table}.${p.column}`}</Typography.Text>
          <Progress percent={percent(p.done, p.total)} size="small" format={() => `${p.done}/${p.total}`} aria-label={`${p.table}.${p.column}`} />
        </div>
      ))}
    </Card>
  );
}

/** Suite in use, key versions (fingerprints, never keys), re-encryption with its progress and history. */
export default function KeysPage() {
  const t = useT();
  const { message } = App.useApp();
  const { user } = useAuth();
  const status = useKeyStatus();
  const start = useStartReencryption();
  const canStart = user?.role === 'security';

  if (status.isError) return <LoadError error={status.error} onRetry={() => void status.refetch()} />;
  const s = status.data;
  const stale = s ? s.stale.reduce((n, c) => n + c.count, 0) : 0;

  const versionColumns: TableColumnsType<VersionRow> = [
    { key: 'version', title: t('keys.version'), dataIndex: 'version', render: (v: number) => `v${v}` },
    { key: 'state', title: t('keys.state'), dataIndex: 'state', render: (v: VersionRow['state']) => <Tag color={STATE_COLOR[v]}>{t(`keys.state.${v}`)}</Tag> },
    { key: 'suite', title: t('keys.suite'), dataIndex: 'suite', render: (v: VersionRow['suite']) => t(`keys.suite.${v}`) },
    { key: 'fingerprint', title: t('keys.fingerprint'), dataIndex: 'fingerprint', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { key: 'configured', title: t('keys.configured'), dataIndex: 'configured', render: (v: boolean) => (v ? t('common.yes') : t('common.no')) },
    { key: 'createdAt', title: t('keys.createdAt'), dataIndex: 'createdAt', render: formatDateTime },
    { key: 'retiredAt', title: t('keys.retiredAt'), dataIndex: 'retiredAt', render: (v: string | null) => (v ? formatDateTime(v) : '—') },
  ];
  const runColumns: TableColumnsType<ReencryptionRunView> = [
    { key: 'id', title: '#', dataIndex: 'id' },
    { key: 'target', title: t('keys.run.target'), render: (_, r) => `v${r.targetVersion} · ${t(`keys.suite.${r.targetSuite}`)}` },
    {
      key: 'status',
      title: t('keys.run.status'),
      dataIndex: 'status',
      render: (v: ReencryptionRunView['status']) => <Tag color={RUN_COLOR[v]}>{t(`keys.run.status.${v}`)}</Tag>,
    },
    { key: 'count', title: t('keys.run.values'), render: (_, r) => `${r.done}/${r.total}` },
    { key: 'startedBy', title: t('keys.run.startedBy'), dataIndex: 'startedBy', render: (v: string | null) => v ?? t('keys.run.cli') },
    { key: 'startedAt', title: t('keys.run.startedAt'), dataIndex: 'startedAt', render: formatDateTime },
    { key: 'finishedAt', title: t('keys.run.finishedAt'), dataIndex: 'finishedAt', render: (v: string | null) => (v ? formatDateTime(v) : '—') },
    {
      key: 'error',
      title: t('keys.run.error'),
      dataIndex: 'error',
      render: (v: string | null) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : '—'),
    },
  ];

  const run = () =>
    start.mutate(undefined, {
      onSuccess: ({ run: r }) => void message.success(t('keys.reencrypt.started', { total: r.total })),
      onError: (e) => void message.error(errorMessage(e)),
    });

  return (
    <>
      <PageHeader title={t('keys.nav')} />
      <Card className="hx-block" loading={!s}>
        {s ? (
          <Descriptions column={{ xs: 1, md: 2 }} data-testid="keys-suite">
            <Descriptions.Item label={t('keys.suite')}>{t(`keys.suite.${s.suite}`)}</Descriptions.Item>
            <Descriptions.Item label={t('keys.activeVersion')}>v{s.activeVersion}</Descriptions.Item>
            <Descriptions.Item label={t('keys.cipher')}>{s.algorithms.cipher}</Descriptions.Item>
            <Descriptions.Item label={t('keys.hash')}>{`${s.algorithms.hash} / ${s.algorithms.keyedHash}`}</Descriptions.Item>
            <Descriptions.Item label={t('keys.stale')}>{stale === 0 ? t('keys.stale.none') : t('keys.stale.count', { n: stale })}</Descriptions.Item>
          </Descriptions>
        ) : null}
        <Typography.Paragraph type="secondary">{t('keys.lookupNote')}</Typography.Paragraph>
      </Card>
      {s?.current ? <RunProgress run={s.current} /> : null}
      <Card
        className="hx-block"
        title={t('keys.versions')}
        extra={
          canStart ? (
            <Popconfirm
              title={t('keys.reencrypt.confirm.title')}
              description={t('keys.reencrypt.confirm.body', { n: stale, version: s?.activeVersion ?? 0 })}
              okText={t('keys.reencrypt')}
              cancelText={t('common.cancel')}
              onConfirm={run}
            >
              <Button type="primary" icon={<SyncOutlined />} loading={start.isPending} disabled={!s || s.current !== null} data-testid="keys-reencrypt">
                {t('keys.reencrypt')}
              </Button>
            </Popconfirm>
          ) : null
        }
      >
        {s && s.versions.some((v) => v.state !== 'retired' && !v.configured) ? (
          <Alert type="error" showIcon message={t('keys.missing')} className="hx-block" />
        ) : null}
        <Table<VersionRow>
          rowKey="version"
          size="small"
          columns={versionColumns}
          dataSource={s?.versions ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="keys-versions"
        />
      </Card>
      <Card className="hx-block" title={t('keys.history')}>
        <Table<ReencryptionRunView>
          rowKey="id"
          size="small"
          columns={runColumns}
          dataSource={s?.history ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('keys.history.empty') }}
          data-testid="keys-history"
        />
      </Card>
    </>
  );
}
