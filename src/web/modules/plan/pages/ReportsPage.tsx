import { useState } from 'react';
import { Link } from 'react-router';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  InputNumber,
  Modal,
  Popconfirm,
  Progress,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { LockOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../../api/client';
import type { Page } from '../../../api/types';
import { useUser } from '../../../auth/AuthProvider';
import { ExportButton } from '../../../components/ExportButton';
import { FilterBar } from '../../../components/FilterBar';
import { OrganizationSelect } from '../../../components/OrganizationSelect';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/ResultPages';
import { applyApiError, errorMessage } from '../../../components/formErrors';
import { formatDateTime, shanghaiNow } from '../../../components/format';
import { testId } from '../../../components/testId';
import { useListParams } from '../../../components/useListParams';
import { useLocale, useT } from '../../../i18n/I18nProvider';
import { REPORT_STATUSES } from '../../../../shared/enums/plan';
import { planKeys, usePlanChoice, type PeriodView, type ReportView } from '../api';
import { previousMonth, shanghaiMonth } from '../periods';
import { ReportStatusTag, formatNumber, indicatorName } from '../components';

const FILTERS = ['periodId', 'status', 'organizationId', 'late', 'overdue', 'indicatorId'] as const;

function OpenPeriodModal({ planId, onClose }: { planId: number; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ period: Dayjs; deadlineDay: number }>();
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (v: { period: Dayjs; deadlineDay: number }) =>
      api.post<PeriodView>('/api/plan-periods', { planId, period: v.period.format('YYYY-MM'), deadlineDay: v.deadlineDay }),
    onSuccess: async (p) => {
      message.success(t('plan.period.opened', { period: p.period, count: p.counts.total }));
      await queryClient.invalidateQueries({ queryKey: planKeys.all });
      onClose();
    },
    onError: (e) => setError(applyApiError(form, e)),
  });
  return (
    <Modal
      open
      title={t('plan.period.open')}
      okText={t('plan.period.openOk')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: mutation.isPending, ...testId('period-open-ok') }}
      onCancel={onClose}
      onOk={() => void form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('plan.period.openText')}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={error} className="hx-form-alert" /> : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ period: dayjs(`${previousMonth(shanghaiMonth())}-01`), deadlineDay: 5 }}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Form.Item name="period" label={t('plan.field.period')} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker picker="month" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(shanghaiNow(), 'month')} data-testid="period-month" />
        </Form.Item>
        <Form.Item
          name="deadlineDay"
          label={t('plan.period.deadlineDay')}
          extra={t('plan.period.deadlineDayHint')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <InputNumber min={1} max={28} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Periods({ planId, office }: { planId: number; office: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [opening, setOpening] = useState(false);
  const periods = useQuery({
    queryKey: planKeys.periods(planId),
    queryFn: ({ signal }) => api.get<PeriodView[]>('/api/plan-periods', { planId }, signal),
  });
  const close = useMutation({
    mutationFn: (id: number) => api.post<PeriodView>(`/api/plan-periods/${id}/close`),
    onSuccess: async () => {
      message.success(t('common.done'));
      await queryClient.invalidateQueries({ queryKey: planKeys.all });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const columns: TableColumnsType<PeriodView> = [
    { key: 'period', title: t('plan.field.period'), dataIndex: 'period' },
    { key: 'deadline', title: t('plan.field.deadline'), dataIndex: 'deadlineDate' },
    {
      key: 'status',
      title: t('plan.field.status'),
      render: (_, p) => (
        <Tag color={p.status === 'open' ? 'processing' : 'default'}>{t(p.status === 'open' ? 'plan.period.statusOpen' : 'plan.period.closed')}</Tag>
      ),
    },
    {
      key: 'progress',
      title: t('plan.period.handedIn'),
      width: 200,
      render: (_, p) => {
        const handed = p.counts.submitted + p.counts.accepted + p.counts.returned + p.counts.corrected;
        return (
          <Tooltip title={t('plan.period.countsTip', { ...p.counts })}>
            <Progress percent={p.counts.total ? Math.round((handed / p.counts.total) * 100) : 0} size="small" format={() => `${handed}/${p.counts.total}`} />
          </Tooltip>
        );
      },
    },
    {
      key: 'queue',
      title: t('plan.period.toReview'),
      align: 'right',
      render: (_, p) => (p.counts.submitted ? <Link to={`/plan/reports?periodId=${p.id}&status=submitted`}>{p.counts.submitted}</Link> : 0),
    },
    { key: 'accepted', title: t('plan.reportStatus.accepted'), align: 'right', render: (_, p) => p.counts.accepted },
    {
      key: 'late',
      title: t('plan.unitRecord.late'),
      align: 'right',
      render: (_, p) => (p.counts.late ? <Link to={`/plan/reports?periodId=${p.id}&late=true`}>{p.counts.late}</Link> : 0),
    },
    ...(office
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_: unknown, p: PeriodView) =>
              p.status === 'open' ? (
                <Popconfirm
                  title={t('plan.period.closeConfirm', { period: p.period })}
                  okText={t('plan.period.close')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => close.mutateAsync(p.id)}
                >
                  <Button size="small" icon={<LockOutlined />}>
                    {t('plan.period.close')}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]
      : []),
  ];
  return (
    <Card
      className="hx-block hx-table-card"
      title={t('plan.period.title')}
      extra={
        office ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)} data-testid="period-open">
            {t('plan.period.open')}
          </Button>
        ) : null
      }
    >
      {periods.isError ? (
        <LoadError error={periods.error} onRetry={() => void periods.refetch()} />
      ) : (
        <Table<PeriodView>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={periods.data ?? []}
          loading={periods.isFetching}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 6, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('plan.empty.periods')} /> }}
          data-testid="period-table"
        />
      )}
      {opening ? <OpenPeriodModal planId={planId} onClose={() => setOpening(false)} /> : null}
    </Card>
  );
}

type FilterValues = {
  periodId?: number;
  status?: string;
  organizationId?: number;
  late?: string;
  overdue?: string;
};

/** The office's reporting desk: periods (open, close) and the review queue of submitted reports. */
export default function ReportsPage() {
  const t = useT();
  const { locale } = useLocale();
  const user = useUser();
  const office = user.role === 'office';
  const { planId } = usePlanChoice();
  const list = useListParams(FILTERS, { pageSize: 20 });
  const f = list.state.filters;
  const anyFilter = Object.values(f).some((v) => v !== undefined);
  // With nothing chosen the page is the review queue: reports waiting for the office.
  const status = f.status ?? (anyFilter ? undefined : 'submitted');
  // Sorting is the server's (sortable columns below use the list's sort keys); there is no free-text search here.
  const query = { ...list.query, planId, status: status === 'all' ? undefined : status, q: undefined };
  const periods = useQuery({
    queryKey: planKeys.periods(planId ?? 0),
    queryFn: ({ signal }) => api.get<PeriodView[]>('/api/plan-periods', { planId }, signal),
    enabled: planId !== undefined,
  });
  const data = useQuery({
    queryKey: planKeys.reports(query),
    queryFn: ({ signal }) => api.get<Page<ReportView>>('/api/plan-reports', query, signal),
    enabled: planId !== undefined,
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<ReportView> = [
    { key: 'period', title: t('plan.field.period'), dataIndex: 'period', sorter: true, sortOrder: list.sortOrderOf('period') },
    {
      key: 'indicator',
      title: t('plan.field.indicator'),
      sorter: true,
      sortOrder: list.sortOrderOf('indicator'),
      render: (_, r) => (
        <span className="hx-plan-name-cell">
          {r.indicator.code} {indicatorName(r.indicator, locale)}
        </span>
      ),
    },
    {
      key: 'organization',
      title: t('plan.field.organization'),
      sorter: true,
      sortOrder: list.sortOrderOf('organization'),
      render: (_, r) => r.organization.name,
    },
    { key: 'role', title: t('plan.field.role'), render: (_, r) => t(`plan.role.${r.role}`) },
    {
      key: 'value',
      title: t('plan.field.value'),
      align: 'right',
      sorter: true,
      sortOrder: list.sortOrderOf('value'),
      render: (_, r) => `${formatNumber(r.value, locale)} ${r.indicator.unit}`,
    },
    {
      key: 'status',
      title: t('plan.field.status'),
      sorter: true,
      sortOrder: list.sortOrderOf('status'),
      render: (_, r) => (
        <Space size={4} wrap>
          <ReportStatusTag status={r.status} />
          {r.late ? <Tag color="orange">{t('plan.report.late')}</Tag> : null}
          {r.overdue ? <Tag color="red">{t('plan.report.overdue')}</Tag> : null}
          {r.submissionCount > 1 ? <Tag>{t('plan.report.resubmitted', { n: r.submissionCount })}</Tag> : null}
        </Space>
      ),
    },
    {
      key: 'submittedAt',
      title: t('plan.field.submittedAt'),
      sorter: true,
      sortOrder: list.sortOrderOf('submittedAt'),
      render: (_, r) => formatDateTime(r.submittedAt),
    },
    { key: 'evidence', title: t('plan.field.evidence'), align: 'right', render: (_, r) => r.evidence.length },
    {
      key: 'open',
      title: t('common.actions'),
      fixed: 'right',
      render: (_, r) => (
        <Link to={`/plan/reports/${r.id}`} data-testid={`review-${r.indicator.code}-${r.organization.id}`}>
          <Button size="small" type={office && r.status === 'submitted' ? 'primary' : 'default'}>
            {office && r.status === 'submitted' ? t('plan.review.review') : t('common.details')}
          </Button>
        </Link>
      ),
    },
  ];
  return (
    <div data-testid="page-plan-reports">
      <PageHeader
        title={t('plan.reports.title')}
        subtitle={t('plan.reports.subtitle')}
        extra={
          planId ? (
            <ExportButton
              path="/api/plan-reports/export.xlsx"
              query={{ ...query, page: undefined, pageSize: undefined }}
              fallbackName="reports.xlsx"
              testId="reports-export"
            />
          ) : null
        }
      />
      {planId ? <Periods planId={planId} office={office} /> : null}
      <Card className="hx-block">
        <FilterBar<FilterValues>
          values={{
            periodId: f.periodId ? Number(f.periodId) : undefined,
            status,
            organizationId: f.organizationId ? Number(f.organizationId) : undefined,
            late: f.late,
            overdue: f.overdue,
          }}
          onSearch={(v) =>
            list.update({
              filters: {
                periodId: v.periodId ? String(v.periodId) : undefined,
                status: v.status,
                organizationId: v.organizationId ? String(v.organizationId) : undefined,
                late: v.late,
                overdue: v.overdue,
                indicatorId: f.indicatorId,
              },
            })
          }
        >
          <Form.Item name="status" label={t('plan.field.status')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={[{ value: 'all', label: t('common.all') }, ...REPORT_STATUSES.map((s) => ({ value: s, label: t(`plan.reportStatus.${s}`) }))]}
              data-testid="filter-report-status"
            />
          </Form.Item>
          <Form.Item name="periodId" label={t('plan.field.period')}>
            <Select allowClear placeholder={t('common.all')} options={(periods.data ?? []).map((p) => ({ value: p.id, label: p.period }))} />
          </Form.Item>
          <Form.Item name="organizationId" label={t('plan.field.organization')} className="hx-filter-wide">
            <OrganizationSelect allowClear testId="filter-organization" />
          </Form.Item>
          <Form.Item name="late" label={t('plan.report.late')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={[
                { value: 'true', label: t('common.yes') },
                { value: 'false', label: t('common.no') },
              ]}
            />
          </Form.Item>
          <Form.Item name="overdue" label={t('plan.report.overdue')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={[
                { value: 'true', label: t('common.yes') },
                { value: 'false', label: t('common.no') },
              ]}
            />
          </Form.Item>
        </FilterBar>
      </Card>
      <Card className="hx-block hx-table-card" title={status === 'submitted' && !f.status ? t('plan.review.queue') : undefined}>
        {data.isError ? (
          <LoadError error={data.error} onRetry={() => void data.refetch()} />
        ) : (
          <Table<ReportView>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data.data?.items ?? []}
            loading={data.isFetching || planId === undefined}
            onChange={list.onTableChange}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty description={status === 'submitted' ? t('plan.empty.queue') : t('plan.empty.reports')} /> }}
            data-testid="report-table"
            pagination={list.pagination(data.data?.total ?? 0)}
          />
        )}
      </Card>
    </div>
  );
}
