import { useState } from 'react';
import { App, Button, Card, Drawer, Popconfirm, Popover, Segmented, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { HistoryOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { PageHeader } from '../../../../components/PageHeader';
import { LoadError } from '../../../../components/ResultPages';
import { errorMessage } from '../../../../components/formErrors';
import { formatDateTime } from '../../../../components/format';
import { useIsPhone } from '../../../../components/useMediaQuery';
import { useT } from '../../../../i18n/I18nProvider';
import { useJobRuns, useJobs, useRunJobNow, type JobRunView, type JobView } from '../api';

/** `1.2 s`, `850 ms`, `3 min 5 s`: a duration as people read it. */
function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

function OutcomeTag({ run }: { run: JobRunView }) {
  const t = useT();
  if (run.outcome === 'running' && run.stale) return <Tag color="warning">{t('console.jobs.outcome.stale')}</Tag>;
  const color = { ok: 'success', failed: 'error', running: 'processing' }[run.outcome];
  return (
    <Tag color={color} data-testid="job-outcome" data-outcome={run.outcome}>
      {t(`console.jobs.outcome.${run.outcome}`)}
    </Tag>
  );
}

function RunSummary({ run }: { run: JobRunView | null }) {
  const t = useT();
  if (!run) return <Typography.Text type="secondary">{t('console.jobs.never')}</Typography.Text>;
  return (
    <Space size={4} wrap>
      <OutcomeTag run={run} />
      <span>{formatDateTime(run.startedAt)}</span>
      <Typography.Text type="secondary">{formatDuration(run.durationMs)}</Typography.Text>
    </Space>
  );
}

const OUTCOMES = ['all', 'ok', 'failed', 'running'] as const;

/** A job's runs, newest first, a page at a time. */
function RunHistory({ job, onClose }: { job: JobView | null; onClose: () => void }) {
  const t = useT();
  const isPhone = useIsPhone();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [outcome, setOutcome] = useState<(typeof OUTCOMES)[number]>('all');
  const runs = useJobRuns(job?.name ?? null, { page, pageSize, outcome: outcome === 'all' ? undefined : outcome });
  const columns: TableColumnsType<JobRunView> = [
    { key: 'startedAt', title: t('console.jobs.startedAt'), dataIndex: 'startedAt', render: formatDateTime },
    { key: 'outcome', title: t('console.jobs.outcome'), render: (_, r) => <OutcomeTag run={r} /> },
    { key: 'duration', title: t('console.jobs.duration'), dataIndex: 'durationMs', render: formatDuration },
    {
      key: 'trigger',
      title: t('console.jobs.trigger'),
      render: (_, r) => (
        <Space size={4} wrap>
          {r.manual ? t('console.jobs.trigger.manual', { user: r.requestedBy ?? '—' }) : t('console.jobs.trigger.schedule')}
          {r.attempts > 1 ? <Typography.Text type="secondary">{t('console.jobs.attempts', { n: r.attempts })}</Typography.Text> : null}
        </Space>
      ),
    },
    { key: 'runKey', title: t('console.jobs.runKey'), dataIndex: 'runKey', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    {
      key: 'error',
      title: t('console.jobs.error'),
      dataIndex: 'error',
      render: (v: string | null) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : '—'),
    },
  ];
  return (
    <Drawer
      open={job !== null}
      onClose={onClose}
      size={isPhone ? '100%' : 900}
      title={job ? t('console.jobs.history.title', { name: job.name }) : ''}
      data-testid="job-history"
      destroyOnHidden
    >
      <Segmented<(typeof OUTCOMES)[number]>
        className="hx-block"
        value={outcome}
        onChange={(v) => {
          setOutcome(v);
          setPage(1);
        }}
        options={OUTCOMES.map((o) => ({ value: o, label: o === 'all' ? t('common.all') : t(`console.jobs.outcome.${o}`) }))}
      />
      {runs.isError ? (
        <LoadError error={runs.error} onRetry={() => void runs.refetch()} />
      ) : (
        <Table<JobRunView>
          rowKey="runKey"
          size="small"
          columns={columns}
          dataSource={runs.data?.items ?? []}
          loading={runs.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('console.jobs.empty') }}
          data-testid="job-runs-table"
          pagination={{
            current: page,
            pageSize,
            total: runs.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, s) => {
              setPage(p);
              setPageSize(s);
            },
          }}
        />
      )}
    </Drawer>
  );
}

/** Every module's scheduled jobs: schedule, last and next run, recent failures; run one now or read its history. */
export default function JobsPage() {
  const t = useT();
  const { message } = App.useApp();
  const jobs = useJobs();
  const runNow = useRunJobNow();
  const [history, setHistory] = useState<JobView | null>(null);

  const run = (job: JobView) =>
    runNow.mutate(job.name, {
      onSuccess: ({ run: r }) => {
        if (r.outcome === 'failed') void message.error(t('console.jobs.runNow.failed', { error: r.error ?? '' }));
        else void message.success(t('console.jobs.runNow.ok'));
      },
      onError: (e) => void message.error(errorMessage(e)),
    });

  const now = jobs.data ? Date.parse(jobs.data.now) : 0;
  const columns: TableColumnsType<JobView> = [
    {
      key: 'name',
      title: t('console.jobs.name'),
      render: (_, j) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{j.name}</Typography.Text>
          <Tag>{j.module}</Tag>
        </Space>
      ),
    },
    { key: 'schedule', title: t('console.jobs.schedule'), dataIndex: 'schedule' },
    { key: 'lastRun', title: t('console.jobs.lastRun'), render: (_, j) => <RunSummary run={j.lastRun} /> },
    {
      key: 'nextRun',
      title: t('console.jobs.nextRun'),
      render: (_, j) =>
        j.nextRunAt === null ? (
          <Typography.Text type="secondary">{t('console.jobs.nextRun.none')}</Typography.Text>
        ) : Date.parse(j.nextRunAt) <= now ? (
          <Tag color="blue">{t('console.jobs.nextRun.due')}</Tag>
        ) : (
          formatDateTime(j.nextRunAt)
        ),
    },
    {
      key: 'failures',
      title: t('console.jobs.failures'),
      render: (_, j) =>
        j.recentFailures.length === 0 ? (
          <Typography.Text type="secondary">{t('console.jobs.noFailures')}</Typography.Text>
        ) : (
          <Popover
            title={t('console.jobs.failures')}
            content={
              <div style={{ maxWidth: 420 }}>
                {j.recentFailures.map((f) => (
                  <div key={f.runKey} style={{ marginBottom: 8 }}>
                    <Typography.Text type="secondary">{formatDateTime(f.startedAt)}</Typography.Text>
                    <br />
                    <Typography.Text type="danger">{f.error}</Typography.Text>
                  </div>
                ))}
              </div>
            }
          >
            <Tag color="error" data-testid="job-failures">
              {j.recentFailures.length}
            </Tag>
            <Typography.Text type="danger" ellipsis style={{ maxWidth: 220 }}>
              {j.recentFailures[0]!.error}
            </Typography.Text>
          </Popover>
        ),
    },
    {
      key: 'actions',
      // Kept in view while the wide columns scroll: the two buttons are why the page is opened.
      fixed: 'right',
      title: '',
      render: (_, j) => (
        <Space wrap>
          <Popconfirm title={t('console.jobs.runNow.confirm', { name: j.name })} onConfirm={() => run(j)}>
            <Button
              size="small"
              type="primary"
              icon={<PlayCircleOutlined />}
              disabled={j.inFlight}
              loading={runNow.isPending && runNow.variables === j.name}
              data-testid={`job-run-${j.name}`}
            >
              {t('console.jobs.runNow')}
            </Button>
          </Popconfirm>
          <Button size="small" icon={<HistoryOutlined />} onClick={() => setHistory(j)} data-testid={`job-history-${j.name}`}>
            {t('console.jobs.history')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="page-jobs">
      <PageHeader title={t('console.jobs.title')} subtitle={t('console.jobs.subtitle')} />
      <Card className="hx-block hx-table-card">
        {jobs.isError ? (
          <LoadError error={jobs.error} onRetry={() => void jobs.refetch()} />
        ) : (
          <Table<JobView>
            rowKey="name"
            size="middle"
            columns={columns}
            dataSource={jobs.data?.items ?? []}
            loading={jobs.isLoading}
            pagination={false}
            scroll={{ x: 'max-content' }}
            onRow={(j) => ({ 'data-testid': `job-row-${j.name}` }) as object}
            data-testid="jobs-table"
          />
        )}
      </Card>
      <RunHistory key={history?.name ?? ''} job={history} onClose={() => setHistory(null)} />
    </div>
  );
}
