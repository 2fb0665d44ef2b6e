import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  List,
  Progress,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
  Upload,
  type TableColumnsType,
} from 'antd';
import { DownloadOutlined, EditOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, download } from '../../../api/client';
import type { Page } from '../../../api/types';
import { useUser } from '../../../auth/AuthProvider';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/ResultPages';
import { errorMessage } from '../../../components/formErrors';
import { formatDateTime } from '../../../components/format';
import { useLocale, useT } from '../../../i18n/I18nProvider';
import { planKeys, type DueReport, type ImportJob, type PeriodView, type ReportView, type WorkspaceView } from '../api';
import { fileExtension } from '../../../components/evidence';
import { IndicatorStatusTag, ReportStatusTag, formatNumber, indicatorName } from '../components';
import { UnitSupervision } from './supervision/UnitSupervision';

type WsIndicator = WorkspaceView['indicators'][number];

/** Excel: download my pre-filled template, upload it back, follow the import, see each refused cell. */
function ExcelRound({ periods }: { periods: PeriodView[] }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const open = periods.filter((p) => p.status === 'open');
  const [periodId, setPeriodId] = useState<number | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [jobId, setJobId] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const job = useQuery({
    queryKey: ['plan', 'import', jobId],
    queryFn: ({ signal }) => api.get<ImportJob>(`/api/plan-imports/${jobId}`, undefined, signal),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'succeeded' || q.state.data.status === 'failed') ? false : 800),
  });
  const finished = job.data?.status === 'succeeded' || job.data?.status === 'failed';
  useEffect(() => {
    if (job.data?.status === 'succeeded') void queryClient.invalidateQueries({ queryKey: planKeys.all });
  }, [job.data?.status, queryClient]);
  const j = job.data;
  return (
    <Card className="hx-block" title={t('plan.excel.title')} size="small" data-testid="excel-round">
      <Typography.Paragraph type="secondary">{t('plan.excel.text')}</Typography.Paragraph>
      <Space wrap>
        <Select
          allowClear
          placeholder={t('plan.excel.allOpen')}
          value={periodId}
          onChange={setPeriodId}
          options={open.map((p) => ({ value: p.id, label: p.period }))}
          style={{ minWidth: 160 }}
        />
        <Button
          icon={<DownloadOutlined />}
          loading={busy}
          data-testid="template-download"
          onClick={async () => {
            setBusy(true);
            try {
              const name = await download('/api/plan-reports/template.xlsx', { periodId }, 'template.xlsx');
              message.success(`${t('common.exported')}：${name}`);
            } catch (e) {
              message.error(errorMessage(e));
            } finally {
              setBusy(false);
            }
          }}
        >
          {t('plan.excel.template')}
        </Button>
        <Upload
          accept=".xlsx"
          showUploadList={false}
          beforeUpload={(file) => {
            if (fileExtension(file.name) !== 'xlsx') {
              setUploadError(t('plan.excel.onlyXlsx', { name: file.name }));
              return Upload.LIST_IGNORE;
            }
            return true;
          }}
          customRequest={async ({ file, onSuccess, onError }) => {
            setUploadError(null);
            setJobId(null);
            try {
              const created = await api.upload<ImportJob>('/api/plan-imports', file as File);
              queryClient.setQueryData(['plan', 'import', created.id], created);
              setJobId(created.id);
              onSuccess?.(created);
            } catch (e) {
              setUploadError(errorMessage(e));
              onError?.(e as Error);
            }
          }}
        >
          <Button type="primary" icon={<UploadOutlined />} data-testid="template-upload">
            {t('plan.excel.upload')}
          </Button>
        </Upload>
      </Space>
      {uploadError ? <Alert type="error" showIcon title={uploadError} className="hx-block hx-plan-gap" data-testid="import-upload-error" /> : null}
      {j ? (
        <div className="hx-plan-gap" data-testid="import-job" data-status={j.status}>
          <Space wrap>
            <Typography.Text strong>{j.filename}</Typography.Text>
            <Tag color={j.status === 'succeeded' ? 'success' : j.status === 'failed' ? 'error' : 'processing'}>{t(`plan.import.${j.status}`)}</Tag>
          </Space>
          <Progress
            percent={j.totalRows ? Math.round((j.processedRows / j.totalRows) * 100) : finished ? 100 : 0}
            status={j.status === 'failed' ? 'exception' : j.status === 'succeeded' ? 'success' : 'active'}
            format={() => `${j.processedRows}/${j.totalRows}`}
          />
          {j.status === 'succeeded' ? <Alert type="success" showIcon title={t('plan.import.done', { n: j.importedRows })} /> : null}
          {j.status === 'failed' ? <Alert type="error" showIcon title={t('plan.import.failed', { n: j.errors.length })} className="hx-block" /> : null}
          {j.errors.length ? (
            <Table
              rowKey={(e) => `${e.row}-${e.column}-${e.reason}`}
              size="small"
              dataSource={j.errors}
              scroll={{ x: 'max-content' }}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              data-testid="import-errors"
              columns={[
                { key: 'row', title: t('plan.import.row'), dataIndex: 'row', width: 70 },
                { key: 'column', title: t('plan.import.column'), dataIndex: 'column', width: 140 },
                { key: 'message', title: t('plan.import.problem'), dataIndex: 'message' },
              ]}
            />
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}

function DueTable({ rows, loading }: { rows: DueReport[]; loading: boolean }) {
  const t = useT();
  const { locale } = useLocale();
  const columns: TableColumnsType<DueReport> = [
    { key: 'period', title: t('plan.field.period'), dataIndex: 'period' },
    {
      key: 'indicator',
      title: t('plan.field.indicator'),
      render: (_, r) => (
        <span className="hx-plan-name-cell">
          {r.indicator.code} {indicatorName(r.indicator, locale)}
        </span>
      ),
    },
    { key: 'role', title: t('plan.field.role'), render: (_, r) => t(`plan.role.${r.role}`) },
    { key: 'deadline', title: t('plan.field.deadline'), dataIndex: 'deadlineDate', sorter: (a, b) => a.deadlineDate.localeCompare(b.deadlineDate) },
    {
      key: 'daysLeft',
      title: t('plan.workspace.daysLeft'),
      sorter: (a, b) => a.daysLeft - b.daysLeft,
      defaultSortOrder: 'ascend',
      render: (_, r) =>
        r.overdue ? (
          <Tag color="red">{t('plan.workspace.overdueDays', { n: -r.daysLeft })}</Tag>
        ) : (
          <Tag color={r.daysLeft <= 3 ? 'orange' : 'default'}>{t('plan.workspace.daysLeftN', { n: r.daysLeft })}</Tag>
        ),
    },
    { key: 'status', title: t('plan.field.status'), render: (_, r) => <ReportStatusTag status={r.status} /> },
    {
      key: 'open',
      title: t('common.actions'),
      fixed: 'right',
      render: (_, r) => (
        <Link to={`/plan/reports/${r.id}`} data-testid={`fill-${r.indicator.code}`}>
          <Button size="small" type="primary" icon={<EditOutlined />}>
            {t('plan.workspace.fill')}
          </Button>
        </Link>
      ),
    },
  ];
  return (
    <Table<DueReport>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={rows}
      loading={loading}
      scroll={{ x: 'max-content' }}
      pagination={{ defaultPageSize: 10, showSizeChanger: true, hideOnSinglePage: true }}
      locale={{ emptyText: <Empty description={t('plan.empty.due')} /> }}
      data-testid="due-table"
    />
  );
}

function History() {
  const t = useT();
  const { locale } = useLocale();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const data = useQuery({
    queryKey: ['plan', 'history', page, pageSize],
    queryFn: ({ signal }) => api.get<Page<ReportView>>('/api/plan-workspace/history', { page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });
  if (data.isError) return <LoadError error={data.error} onRetry={() => void data.refetch()} />;
  const columns: TableColumnsType<ReportView> = [
    { key: 'period', title: t('plan.field.period'), dataIndex: 'period' },
    {
      key: 'indicator',
      title: t('plan.field.indicator'),
      render: (_, r) => (
        <span className="hx-plan-name-cell">
          {r.indicator.code} {indicatorName(r.indicator, locale)}
        </span>
      ),
    },
    { key: 'value', title: t('plan.field.value'), align: 'right', render: (_, r) => `${formatNumber(r.value, locale)} ${r.indicator.unit}` },
    {
      key: 'status',
      title: t('plan.field.status'),
      render: (_, r) => (
        <Space size={4}>
          <ReportStatusTag status={r.status} />
          {r.late ? <Tag color="orange">{t('plan.report.late')}</Tag> : null}
        </Space>
      ),
    },
    { key: 'submittedAt', title: t('plan.field.submittedAt'), render: (_, r) => formatDateTime(r.submittedAt) },
    { key: 'open', title: '', render: (_, r) => <Link to={`/plan/reports/${r.id}`}>{t('common.details')}</Link> },
  ];
  return (
    <Table<ReportView>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={data.data?.items ?? []}
      loading={data.isFetching}
      scroll={{ x: 'max-content' }}
      onChange={(p) => {
        setPage(p.current ?? 1);
        setPageSize(p.pageSize ?? 20);
      }}
      pagination={{ current: page, pageSize, total: data.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
      locale={{ emptyText: <Empty description={t('plan.empty.history')} /> }}
      data-testid="history-table"
    />
  );
}

/** The units' and towns' workspace: what is due, what was handed in, the Excel round trip. */
export default function WorkspacePage() {
  const t = useT();
  const { locale } = useLocale();
  const user = useUser();
  const ws = useQuery({ queryKey: [...planKeys.workspace, 'mine'], queryFn: ({ signal }) => api.get<WorkspaceView>('/api/plan-workspace', undefined, signal) });
  const due = useQuery({
    queryKey: [...planKeys.workspace, 'due'],
    queryFn: ({ signal }) => api.get<DueReport[]>('/api/plan-workspace/due', undefined, signal),
  });
  const returned = useQuery({
    queryKey: [...planKeys.workspace, 'returned'],
    queryFn: ({ signal }) => api.get<ReportView[]>('/api/plan-workspace/returned', undefined, signal),
  });
  const periods = useQuery({
    queryKey: planKeys.periods(ws.data?.planId ?? 0),
    queryFn: ({ signal }) => api.get<PeriodView[]>('/api/plan-periods', { planId: ws.data?.planId }, signal),
    enabled: ws.data !== undefined,
  });
  const [tab, setTab] = useState('due');
  const indicatorColumns: TableColumnsType<WsIndicator> = [
    { key: 'code', title: t('plan.field.code'), dataIndex: 'code', sorter: (a, b) => a.code.localeCompare(b.code) },
    { key: 'name', title: t('plan.field.indicator'), render: (_, i) => <span className="hx-plan-name-cell">{indicatorName(i, locale)}</span> },
    {
      key: 'role',
      title: t('plan.field.role'),
      render: (_, i) => t(`plan.role.${i.role}`),
      filters: (['lead', 'co', 'town'] as const).map((r) => ({ text: t(`plan.role.${r}`), value: r })),
      onFilter: (v, i) => i.role === v,
    },
    { key: 'targets', title: t('plan.field.targets'), render: (_, i) => i.targets.map((x) => `${x.year}: ${formatNumber(x.value, locale)}`).join('; ') },
    {
      key: 'actual',
      title: t('plan.field.actual'),
      align: 'right',
      sorter: (a, b) => (a.actual ?? -Infinity) - (b.actual ?? -Infinity),
      render: (_, i) => `${formatNumber(i.actual, locale)} ${i.unit}`,
    },
    { key: 'expected', title: t('plan.field.expected'), align: 'right', render: (_, i) => `${formatNumber(i.expected, locale)} ${i.unit}` },
    { key: 'status', title: t('plan.field.status'), render: (_, i) => <IndicatorStatusTag status={i.status} reason={i.reason} /> },
    { key: 'source', title: t('plan.field.source'), render: (_, i) => t(i.source === 'computed' ? 'plan.source.computed' : 'plan.source.reported') },
  ];
  const returnedRows = returned.data ?? [];
  return (
    <div data-testid="page-plan-workspace">
      <PageHeader
        title={t('plan.workspace.title')}
        subtitle={ws.data ? t('plan.workspace.subtitle', { organization: ws.data.organization.name }) : user.organization.name}
      />
      {ws.isError ? <LoadError error={ws.error} onRetry={() => void ws.refetch()} /> : null}
      <Row gutter={[12, 12]} className="hx-block">
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('plan.workspace.due')} value={due.data?.length ?? '—'} loading={due.isPending} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('plan.workspace.overdue')}
              value={due.data?.filter((d) => d.overdue).length ?? '—'}
              loading={due.isPending}
              valueStyle={{ color: due.data?.some((d) => d.overdue) ? '#cf1322' : undefined }}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('plan.workspace.returned')}
              value={returnedRows.length}
              loading={returned.isPending}
              valueStyle={{ color: returnedRows.length ? '#cf1322' : undefined }}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('plan.workspace.indicators')} value={ws.data?.indicators.length ?? '—'} loading={ws.isPending} />
          </Card>
        </Col>
      </Row>
      {returnedRows.length ? (
        <Card className="hx-block hx-plan-returned" size="small" title={t('plan.workspace.returnedTitle')} data-testid="returned-list">
          <List
            dataSource={returnedRows}
            renderItem={(r) => (
              <List.Item
                actions={[
                  <Link key="fix" to={`/plan/reports/${r.id}`} data-testid={`correct-${r.indicator.code}`}>
                    <Button size="small" type="primary" danger>
                      {t('plan.workspace.correct')}
                    </Button>
                  </Link>,
                ]}
              >
                <List.Item.Meta
                  title={`${r.period} · ${r.indicator.code} ${indicatorName(r.indicator, locale)}`}
                  description={
                    <span>
                      <ReportStatusTag status={r.status} /> {t('plan.workspace.reason')}：<Typography.Text type="danger">{r.returnReason}</Typography.Text>
                    </span>
                  }
                />
              </List.Item>
            )}
          />
        </Card>
      ) : null}
      <Card className="hx-block hx-table-card">
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'due',
              label: `${t('plan.workspace.dueTab')}${due.data?.length ? ` (${due.data.length})` : ''}`,
              children: due.isError ? (
                <LoadError error={due.error} onRetry={() => void due.refetch()} />
              ) : (
                <DueTable rows={due.data ?? []} loading={due.isFetching} />
              ),
            },
            {
              key: 'indicators',
              label: t('plan.workspace.indicatorsTab'),
              children: (
                <Table<WsIndicator>
                  rowKey={(i) => `${i.id}-${i.role}`}
                  size="middle"
                  columns={indicatorColumns}
                  dataSource={ws.data?.indicators ?? []}
                  loading={ws.isFetching}
                  scroll={{ x: 'max-content' }}
                  pagination={{ defaultPageSize: 20, hideOnSinglePage: true }}
                  locale={{ emptyText: <Empty description={t('plan.empty.myIndicators')} /> }}
                  data-testid="my-indicators"
                />
              ),
            },
            {
              key: 'tasks',
              label: t('plan.workspace.tasksTab'),
              children: (
                <List
                  dataSource={ws.data?.tasks ?? []}
                  loading={ws.isFetching}
                  locale={{ emptyText: <Empty description={t('plan.empty.myTasks')} /> }}
                  data-testid="my-tasks"
                  renderItem={(task) => (
                    <List.Item>
                      <List.Item.Meta
                        title={
                          <Link to={`/plan/tree?task=${task.id}`}>
                            {task.actionTitle} · {t('plan.task.number', { n: task.number })} {task.title}
                          </Link>
                        }
                        description={<Tag color={task.role === 'lead' ? 'geekblue' : undefined}>{t(`plan.role.${task.role}`)}</Tag>}
                      />
                    </List.Item>
                  )}
                />
              ),
            },
            { key: 'history', label: t('plan.workspace.historyTab'), children: tab === 'history' ? <History /> : null },
          ]}
        />
      </Card>
      <UnitSupervision />
      <ExcelRound periods={periods.data ?? []} />
    </div>
  );
}
