import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  Progress,
  Row,
  Select,
  Skeleton,
  Space,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { FileWordOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api, download } from '../../../api/client';
import type { Page, Town } from '../../../api/types';
import { useUser } from '../../../auth/AuthProvider';
import { ExportButton } from '../../../components/ExportButton';
import { FilterBar } from '../../../components/FilterBar';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/ResultPages';
import { errorMessage } from '../../../components/formErrors';
import { formatDate, formatDateTime } from '../../../components/format';
import { useLocale, useT } from '../../../i18n/I18nProvider';
import {
  INDICATOR_STATUSES,
  fetchAllReports,
  planKeys,
  previousMonth,
  shanghaiMonth,
  usePlanChoice,
  type DashboardIndicator,
  type DashboardView,
  type IndicatorStatus,
  type PeriodView,
  type ReportView,
  type TownIndicator,
  type TownsDashboardView,
} from '../api';
import { IndicatorStatusTag, ProgressCell, STATUS_HEX, formatNumber, indicatorName } from '../components';
import { IndicatorDrawer } from '../IndicatorDrawer';

const SEVERITY: Record<IndicatorStatus, number> = { overdue: 0, behind: 1, at_risk: 2, not_started: 3, on_track: 4 };
const readsAllReports = (role: string) => role === 'office' || role === 'auditor';

function StatusCounts({ counts, compact }: { counts: Record<IndicatorStatus, number>; compact?: boolean }) {
  const t = useT();
  return (
    <Space size={[4, 4]} wrap>
      {INDICATOR_STATUSES.filter((s) => counts[s] > 0).map((s) => (
        <Tooltip key={s} title={t(`plan.status.${s}`)}>
          <Tag color={STATUS_HEX[s]} className="hx-plan-count-tag">
            {compact ? '' : `${t(`plan.status.${s}`)} `}
            {counts[s]}
          </Tag>
        </Tooltip>
      ))}
    </Space>
  );
}

/** One card per action: its indicators by status, mean progress, milestones done. */
function ActionCards({ data, onPick, active }: { data: DashboardView; onPick: (actionId: number) => void; active: number | undefined }) {
  const t = useT();
  const { locale } = useLocale();
  const main = data.cards.filter((c) => c.total > 0);
  const others = data.cards.filter((c) => c.total === 0);
  return (
    <Row gutter={[12, 12]} className="hx-block" data-testid="plan-cards">
      {main.map((c) => (
        <Col key={c.actionId} xs={24} sm={12} lg={8} xxl={Math.max(4, Math.floor(24 / Math.max(1, main.length)))}>
          <Card
            size="small"
            hoverable
            className={`hx-plan-card${active === c.actionId ? ' hx-plan-card-active' : ''}`}
            onClick={() => onPick(c.actionId)}
            data-testid={`plan-card-${c.code}`}
          >
            <div className="hx-plan-card-head">
              <Typography.Text strong className="hx-plan-card-title">
                {c.title}
              </Typography.Text>
            </div>
            <div className="hx-plan-card-body">
              <Progress
                type="circle"
                size={64}
                percent={Math.max(0, Math.min(100, Math.round(c.meanProgress ?? 0)))}
                format={() => (c.meanProgress === null ? '—' : `${formatNumber(c.meanProgress, locale)}%`)}
              />
              <div className="hx-plan-card-meta">
                <div>
                  {t('plan.card.indicators', { total: c.total })}
                </div>
                <div>
                  {t('plan.card.milestones', { done: c.milestones.done, total: c.milestones.total })}
                </div>
                <StatusCounts counts={c.counts} compact />
              </div>
            </div>
          </Card>
        </Col>
      ))}
      {others.length ? (
        <Col span={24}>
          <Card size="small" title={t('plan.card.measures')} data-testid="plan-measures">
            <Space wrap size={[8, 8]}>
              {others.map((c) => (
                <Tag key={c.actionId} className="hx-plan-measure-tag" color={c.milestones.total && c.milestones.done === c.milestones.total ? 'success' : undefined}>
                  {c.title} · {t('plan.card.milestones', { done: c.milestones.done, total: c.milestones.total })}
                </Tag>
              ))}
            </Space>
          </Card>
        </Col>
      ) : null}
    </Row>
  );
}

type TableFilters = {
  q?: string;
  action?: number;
  unit?: string;
  status?: IndicatorStatus;
};

function IndicatorTable({ data, onOpen }: { data: DashboardView; onOpen: (row: DashboardIndicator) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const [search, setSearch] = useSearchParams();
  const filters: TableFilters = {
    q: search.get('q') ?? undefined,
    action: Number(search.get('action')) || undefined,
    unit: search.get('unit') ?? undefined,
    status: (search.get('status') as IndicatorStatus | null) ?? undefined,
  };
  const actionTitle = new Map(data.cards.map((c) => [c.actionId, c.title]));
  const units = [...new Set(data.indicators.flatMap((i) => i.units))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  const rows = data.indicators.filter(
    (i) =>
      (!filters.action || i.actionId === filters.action) &&
      (!filters.unit || i.units.includes(filters.unit)) &&
      (!filters.status || i.status === filters.status) &&
      (!filters.q || `${i.code} ${i.name} ${i.nameEn}`.toLowerCase().includes(filters.q.toLowerCase())),
  );
  const num = (v: number | null, r: DashboardIndicator, testId?: string) => (
    <Button type="link" size="small" className="hx-link-cell" onClick={() => onOpen(r)} data-testid={testId}>
      {formatNumber(v, locale)}
    </Button>
  );
  const byNumber = (k: 'actual' | 'expected' | 'target' | 'progress' | 'forecast') => (a: DashboardIndicator, b: DashboardIndicator) =>
    (a[k] ?? -Infinity) - (b[k] ?? -Infinity);
  const columns: TableColumnsType<DashboardIndicator> = [
    { key: 'code', title: t('plan.field.code'), dataIndex: 'code', sorter: (a, b) => a.code.localeCompare(b.code), width: 100 },
    {
      key: 'name',
      title: t('plan.field.indicator'),
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
      render: (_, r) => (
        <Button type="link" className="hx-link-cell hx-plan-name-cell" onClick={() => onOpen(r)} data-testid={`indicator-open-${r.code}`}>
          {indicatorName(r, locale)}
        </Button>
      ),
    },
    { key: 'lead', title: t('plan.field.leadUnit'), dataIndex: 'leadUnit', sorter: (a, b) => (a.leadUnit ?? '').localeCompare(b.leadUnit ?? '', 'zh-CN'), render: (v: string | null) => v ?? '—' },
    { key: 'actual', title: t('plan.field.actual'), align: 'right', sorter: byNumber('actual'), render: (_, r) => num(r.actual, r, `actual-${r.code}`) },
    { key: 'expected', title: t('plan.field.expected'), align: 'right', sorter: byNumber('expected'), render: (_, r) => num(r.expected, r) },
    {
      key: 'target',
      title: t('plan.field.target'),
      align: 'right',
      sorter: byNumber('target'),
      render: (_, r) => (
        <span>
          {r.comparator} {num(r.target, r)}
          {r.targetYear ? <Typography.Text type="secondary"> ({r.targetYear})</Typography.Text> : null}
        </span>
      ),
    },
    { key: 'unit', title: t('plan.field.unit'), dataIndex: 'unit' },
    { key: 'progress', title: t('plan.field.progress'), sorter: byNumber('progress'), width: 160, render: (_, r) => <ProgressCell progress={r.progress} status={r.status} /> },
    {
      key: 'status',
      title: t('plan.field.status'),
      sorter: (a, b) => SEVERITY[a.status] - SEVERITY[b.status],
      render: (_, r) => (
        <span data-testid={`status-${r.code}`}>
          <IndicatorStatusTag status={r.status} reason={locale === 'en' ? r.reason.en : r.reason.zh} />
        </span>
      ),
    },
    { key: 'forecast', title: t('plan.field.forecast'), align: 'right', sorter: byNumber('forecast'), render: (_, r) => num(r.forecast, r) },
  ];
  return (
    <>
      <FilterBar<TableFilters>
        values={filters}
        testId="indicator-filters"
        onSearch={(v) =>
          setSearch(
            (prev) => {
              const next = new URLSearchParams(prev);
              for (const [k, val] of Object.entries({ q: v.q?.trim(), action: v.action, unit: v.unit, status: v.status }))
                if (val === undefined || val === '' || val === null) next.delete(k);
                else next.set(k, String(val));
              return next;
            },
            { replace: true },
          )
        }
      >
        <Form.Item name="q" label={t('common.keyword')}>
          <Input allowClear placeholder={t('plan.filter.indicatorSearch')} data-testid="filter-q" />
        </Form.Item>
        <Form.Item name="action" label={t('plan.field.action')}>
          <Select allowClear placeholder={t('common.all')} options={data.cards.map((c) => ({ value: c.actionId, label: c.title }))} data-testid="filter-action" popupMatchSelectWidth={false} />
        </Form.Item>
        <Form.Item name="unit" label={t('plan.field.unitOrg')}>
          <Select allowClear showSearch placeholder={t('common.all')} options={units.map((u) => ({ value: u, label: u }))} data-testid="filter-unit" popupMatchSelectWidth={false} />
        </Form.Item>
        <Form.Item name="status" label={t('plan.field.status')}>
          <Select allowClear placeholder={t('common.all')} options={INDICATOR_STATUSES.map((s) => ({ value: s, label: t(`plan.status.${s}`) }))} data-testid="filter-status" />
        </Form.Item>
      </FilterBar>
      <Table<DashboardIndicator>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        sortDirections={['ascend', 'descend']}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100], showTotal: (total) => t('common.total', { total }) }}
        rowClassName={(r) => `hx-plan-row-${r.status}`}
        title={() => (filters.action ? <Tag closable onClose={() => setSearch((p) => { const n = new URLSearchParams(p); n.delete('action'); return n; })}>{actionTitle.get(filters.action)}</Tag> : null)}
        locale={{ emptyText: <Empty description={t('plan.empty.indicators')} /> }}
        data-testid="indicator-table"
      />
    </>
  );
}

interface UnitRecord {
  organizationId: number;
  name: string;
  kind: string;
  total: number;
  onTime: number;
  late: number;
  missing: number;
  notDue: number;
  accepted: number;
  returned: number;
}

function aggregate(reports: ReportView[]): UnitRecord[] {
  const m = new Map<number, UnitRecord>();
  for (const r of reports) {
    const u = m.get(r.organization.id) ?? {
      organizationId: r.organization.id,
      name: r.organization.name,
      kind: r.organization.kind,
      total: 0,
      onTime: 0,
      late: 0,
      missing: 0,
      notDue: 0,
      accepted: 0,
      returned: 0,
    };
    u.total++;
    const handedIn = r.firstSubmittedAt !== null;
    if (handedIn && !r.late) u.onTime++;
    if (handedIn && r.late) u.late++;
    if (r.overdue) u.missing++;
    if (!handedIn && !r.overdue) u.notDue++;
    if (r.status === 'accepted') u.accepted++;
    if (r.status === 'returned' || r.status === 'corrected') u.returned++;
    m.set(u.organizationId, u);
  }
  return [...m.values()];
}

/** Each unit's reporting record for a period: on time, late, missing — every number opens the reports behind it. */
function UnitRecords({ data, planId }: { data: DashboardView; planId: number }) {
  const t = useT();
  const [search, setSearch] = useSearchParams();
  const periods = useQuery({
    queryKey: planKeys.periods(planId),
    queryFn: ({ signal }) => api.get<PeriodView[]>('/api/plan-periods', { planId }, signal),
  });
  const periodId = Number(search.get('periodId')) || periods.data?.[0]?.id;
  const reports = useQuery({
    queryKey: planKeys.reports({ periodId, all: true }),
    queryFn: ({ signal }) => fetchAllReports({ periodId }, signal),
    enabled: periodId !== undefined,
  });
  const rollUps = new Map(data.units.map((u) => [u.organizationId, u]));
  const rows = useMemo(() => aggregate(reports.data ?? []), [reports.data]);
  if (periods.isError) return <LoadError error={periods.error} onRetry={() => void periods.refetch()} />;
  if (periods.data && !periods.data.length) return <Empty description={t('plan.empty.periods')} data-testid="unit-records-empty" />;
  const link = (u: UnitRecord, n: number, extra: Record<string, string>) =>
    n === 0 ? (
      <Typography.Text type="secondary">0</Typography.Text>
    ) : (
      <Link to={`/plan/reports?${new URLSearchParams({ periodId: String(periodId), organizationId: String(u.organizationId), ...extra }).toString()}`}>{n}</Link>
    );
  const columns: TableColumnsType<UnitRecord> = [
    { key: 'name', title: t('plan.field.organization'), dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'), fixed: 'left' },
    { key: 'kind', title: t('plan.field.orgKind'), render: (_, u) => t(u.kind === 'town' ? 'orgKind.town' : 'orgKind.department'), filters: [{ text: t('orgKind.department'), value: 'department' }, { text: t('orgKind.town'), value: 'town' }], onFilter: (v, u) => u.kind === v },
    { key: 'total', title: t('plan.unitRecord.total'), align: 'right', sorter: (a, b) => a.total - b.total, render: (_, u) => link(u, u.total, {}) },
    { key: 'onTime', title: t('plan.unitRecord.onTime'), align: 'right', sorter: (a, b) => a.onTime - b.onTime, render: (_, u) => link(u, u.onTime, { late: 'false' }) },
    { key: 'late', title: t('plan.unitRecord.late'), align: 'right', sorter: (a, b) => a.late - b.late, render: (_, u) => <span className={u.late ? 'hx-plan-warn' : ''}>{link(u, u.late, { late: 'true' })}</span> },
    { key: 'missing', title: t('plan.unitRecord.missing'), align: 'right', sorter: (a, b) => a.missing - b.missing, defaultSortOrder: 'descend', render: (_, u) => <span className={u.missing ? 'hx-plan-bad' : ''}>{link(u, u.missing, { overdue: 'true' })}</span> },
    { key: 'notDue', title: t('plan.unitRecord.notDue'), align: 'right', sorter: (a, b) => a.notDue - b.notDue, render: (_, u) => u.notDue },
    { key: 'accepted', title: t('plan.unitRecord.accepted'), align: 'right', sorter: (a, b) => a.accepted - b.accepted, render: (_, u) => link(u, u.accepted, { status: 'accepted' }) },
    { key: 'returned', title: t('plan.unitRecord.returned'), align: 'right', sorter: (a, b) => a.returned - b.returned, render: (_, u) => link(u, u.returned, { status: 'returned' }) },
    {
      key: 'indicators',
      title: t('plan.unitRecord.indicatorStatus'),
      render: (_, u) => {
        const r = rollUps.get(u.organizationId);
        return r ? <StatusCounts counts={r.counts} compact /> : <Typography.Text type="secondary">—</Typography.Text>;
      },
    },
  ];
  return (
    <>
      <Space wrap className="hx-block">
        <span>{t('plan.field.period')}</span>
        <Select
          value={periodId}
          loading={periods.isPending}
          style={{ minWidth: 160 }}
          onChange={(v) => setSearch((p) => { const n = new URLSearchParams(p); n.set('periodId', String(v)); return n; }, { replace: true })}
          options={(periods.data ?? []).map((p) => ({ value: p.id, label: `${p.period}${p.status === 'closed' ? ` (${t('plan.period.closed')})` : ''}` }))}
          data-testid="unit-records-period"
        />
        {periods.data?.find((p) => p.id === periodId) ? (
          <Typography.Text type="secondary">{t('plan.period.deadline', { date: periods.data.find((p) => p.id === periodId)!.deadlineDate })}</Typography.Text>
        ) : null}
      </Space>
      {reports.isError ? (
        <LoadError error={reports.error} onRetry={() => void reports.refetch()} />
      ) : (
        <Table<UnitRecord>
          rowKey="organizationId"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={reports.isFetching || periods.isPending}
          scroll={{ x: 'max-content' }}
          sortDirections={['descend', 'ascend']}
          pagination={{ defaultPageSize: 50, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
          data-testid="unit-records"
        />
      )}
    </>
  );
}

/** Indicators broken down by town × towns: each town's figure coloured by its status (all towns in one call). */
function TownHeat({ planId, asOf, indicators, onOpen }: { planId: number; asOf: string | undefined; indicators: DashboardIndicator[]; onOpen: (row: DashboardIndicator) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const heat = useQuery({
    queryKey: planKeys.townsDashboard(planId, asOf),
    queryFn: ({ signal }) => api.get<TownsDashboardView>(`/api/plans/${planId}/dashboard/towns`, { asOf }, signal),
    staleTime: 60_000,
  });
  if (heat.isError) return <LoadError error={heat.error} onRetry={() => void heat.refetch()} />;
  if (!heat.data) return <Skeleton active />;
  const towns = heat.data.towns;
  // The rows are the city's indicators the plan breaks down by town, in the dashboard's order.
  const breakdown = new Set(heat.data.indicators.map((i) => i.id));
  const rows = indicators.filter((i) => breakdown.has(i.id));
  const cell = new Map<string, TownIndicator>();
  for (const town of towns) for (const ind of town.indicators) cell.set(`${town.townId}:${ind.id}`, ind);
  const columns: TableColumnsType<DashboardIndicator> = [
    {
      key: 'indicator',
      title: t('plan.field.indicator'),
      fixed: 'left',
      width: 200,
      render: (_, r) => (
        <Button type="link" className="hx-link-cell hx-plan-name-cell" onClick={() => onOpen(r)}>
          {r.code} {indicatorName(r, locale)}
        </Button>
      ),
    },
    ...towns.map((town) => ({
      key: `town-${town.townId}`,
      title: <span className="hx-plan-town-head">{town.name}</span>,
      align: 'center' as const,
      render: (_: unknown, r: DashboardIndicator) => {
        const c = cell.get(`${town.townId}:${r.id}`);
        if (!c) return <span className="hx-plan-heat hx-plan-heat-empty">…</span>;
        const pct = c.progress === null ? null : Math.max(0, Math.min(100, c.progress));
        return (
          <Tooltip title={`${town.name} · ${indicatorName(r, locale)}: ${formatNumber(c.actual, locale)} ${r.unit} / ${t('plan.field.expected')} ${formatNumber(c.expected, locale)} · ${t(`plan.status.${c.status}`)}`}>
            <span
              className="hx-plan-heat"
              data-testid={`heat-${town.townId}-${r.code}`}
              style={{ background: c.actual === null ? '#f5f5f5' : STATUS_HEX[c.status], opacity: c.actual === null ? 1 : 0.35 + 0.65 * ((pct ?? 0) / 100) }}
            >
              {formatNumber(c.actual, locale)}
            </span>
          </Tooltip>
        );
      },
    })),
  ];
  return (
    <>
      <Space wrap className="hx-block">
        <Typography.Text type="secondary">{t('plan.heat.hint')}</Typography.Text>
        {INDICATOR_STATUSES.map((s) => (
          <Tag key={s} color={STATUS_HEX[s]}>
            {t(`plan.status.${s}`)}
          </Tag>
        ))}
      </Space>
      <Table<DashboardIndicator>
        rowKey="id"
        size="small"
        bordered
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('plan.empty.townIndicators')} /> }}
        data-testid="town-heat"
      />
    </>
  );
}

/** Reports past their deadline and not handed in (server-side, paged). */
function OverdueList({ planId }: { planId: number }) {
  const t = useT();
  const { locale } = useLocale();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const q = { planId, overdue: 'true', page, pageSize };
  const data = useQuery({
    queryKey: planKeys.reports(q),
    queryFn: ({ signal }) => api.get<Page<ReportView>>('/api/plan-reports', q, signal),
    placeholderData: keepPreviousData,
  });
  if (data.isError) return <LoadError error={data.error} onRetry={() => void data.refetch()} />;
  const now = dayjs();
  const columns: TableColumnsType<ReportView> = [
    { key: 'period', title: t('plan.field.period'), dataIndex: 'period' },
    { key: 'indicator', title: t('plan.field.indicator'), render: (_, r) => `${r.indicator.code} ${indicatorName(r.indicator, locale)}` },
    { key: 'organization', title: t('plan.field.organization'), render: (_, r) => r.organization.name },
    { key: 'role', title: t('plan.field.role'), render: (_, r) => t(`plan.role.${r.role}`) },
    { key: 'deadline', title: t('plan.field.deadline'), dataIndex: 'deadlineDate' },
    { key: 'days', title: t('plan.overdue.days'), align: 'right', render: (_, r) => <span className="hx-plan-bad">{Math.max(0, now.diff(dayjs(r.deadlineDate), 'day'))}</span> },
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
      locale={{ emptyText: <Empty description={t('plan.empty.overdue')} /> }}
      data-testid="overdue-list"
    />
  );
}

function BriefingButton({ planId }: { planId: number }) {
  const t = useT();
  const { message } = App.useApp();
  const [month, setMonth] = useState<Dayjs>(() => dayjs(`${previousMonth(shanghaiMonth())}-01`));
  const [busy, setBusy] = useState(false);
  return (
    <Space.Compact>
      <DatePicker
        picker="month"
        value={month}
        allowClear={false}
        onChange={(d) => d && setMonth(d)}
        disabledDate={(d) => d.isAfter(dayjs(), 'month')}
        data-testid="briefing-month"
        style={{ width: 120 }}
      />
      <Button
        icon={<FileWordOutlined />}
        loading={busy}
        data-testid="briefing-download"
        onClick={async () => {
          setBusy(true);
          try {
            const period = month.format('YYYY-MM');
            const name = await download('/api/briefings/monthly.docx', { planId, period }, `briefing-${period}.docx`);
            message.success(`${t('common.exported')}：${name}`);
          } catch (e) {
            message.error(errorMessage(e));
          } finally {
            setBusy(false);
          }
        }}
      >
        {t('plan.briefing.download')}
      </Button>
    </Space.Compact>
  );
}

/** The office's dashboard (issue #3 §5): cards per action, indicators, units' reporting, towns, overdue, drill-down. */
export default function DashboardPage() {
  const t = useT();
  const user = useUser();
  const [search, setSearch] = useSearchParams();
  const { plans, plan, planId } = usePlanChoice();
  const asOf = search.get('asOf') ?? undefined;
  const townId = Number(search.get('townId')) || undefined;
  const tab = search.get('tab') ?? 'indicators';
  const q = { planId, asOf, townId };
  const data = useQuery({
    queryKey: planKeys.dashboard(q),
    queryFn: ({ signal }) => api.get<DashboardView>('/api/plan-dashboard', q, signal),
    enabled: planId !== undefined,
    placeholderData: keepPreviousData,
  });
  const towns = useQuery({ queryKey: ['towns'], queryFn: ({ signal }) => api.get<Town[]>('/api/towns', undefined, signal), staleTime: 5 * 60_000 });
  const [openRow, setOpenRow] = useState<DashboardIndicator | null>(null);
  const setParam = (k: string, v: string | undefined) =>
    setSearch(
      (p) => {
        const n = new URLSearchParams(p);
        if (v === undefined || v === '') n.delete(k);
        else n.set(k, v);
        return n;
      },
      { replace: true },
    );
  const full = readsAllReports(user.role);

  if (plans.isError) return <LoadError error={plans.error} onRetry={() => void plans.refetch()} />;
  if (plans.data && !plans.data.length) return <Empty description={t('plan.empty.plans')} />;

  const d = data.data;
  const totals = d ? INDICATOR_STATUSES.reduce((acc, s) => ({ ...acc, [s]: d.indicators.filter((i) => i.status === s).length }), {} as Record<IndicatorStatus, number>) : null;
  const tabs = [
    { key: 'indicators', label: t('plan.tab.indicators'), children: d ? <IndicatorTable data={d} onOpen={setOpenRow} /> : null },
    ...(full && planId ? [{ key: 'units', label: t('plan.tab.units'), children: d ? <UnitRecords data={d} planId={planId} /> : null }] : []),
    ...(planId ? [{ key: 'towns', label: t('plan.tab.towns'), children: d && tab === 'towns' ? <TownHeat planId={planId} asOf={asOf} indicators={d.indicators} onOpen={setOpenRow} /> : null }] : []),
    ...(full && planId ? [{ key: 'overdue', label: t('plan.tab.overdue'), children: tab === 'overdue' ? <OverdueList planId={planId} /> : null }] : []),
  ];

  return (
    <div data-testid="page-plan-dashboard">
      <PageHeader
        title={t('plan.dashboard.title')}
        subtitle={plan ? `${plan.title}（${plan.docNumber}）${d ? ` · ${t('plan.dashboard.asOf', { at: formatDateTime(d.asOf) })}` : ''}` : undefined}
        extra={
          <Space wrap>
            {planId ? <ExportButton path="/api/plan-dashboard/export.xlsx" query={q} fallbackName="indicators.xlsx" testId="dashboard-export" /> : null}
            {full && planId ? <BriefingButton planId={planId} /> : null}
          </Space>
        }
      />
      <Card size="small" className="hx-block">
        <Space wrap size="middle">
          {plans.data && plans.data.length > 1 ? (
            <Select value={planId} onChange={(v) => setParam('planId', String(v))} options={plans.data.map((p) => ({ value: p.id, label: p.docNumber }))} style={{ minWidth: 200 }} />
          ) : null}
          <Space size={4}>
            <span>{t('plan.field.asOf')}</span>
            <DatePicker
              value={asOf ? dayjs(asOf) : null}
              placeholder={t('plan.asOf.today')}
              onChange={(v) => setParam('asOf', v ? v.format('YYYY-MM-DD') : undefined)}
              data-testid="dashboard-asof"
            />
          </Space>
          <Space size={4}>
            <span>{t('plan.field.town')}</span>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              value={townId}
              placeholder={t('plan.town.city')}
              loading={towns.isPending}
              onChange={(v) => setParam('townId', v ? String(v) : undefined)}
              options={(towns.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
              style={{ minWidth: 160 }}
              data-testid="dashboard-town"
            />
          </Space>
          {totals ? (
            <Space size={[4, 4]} wrap data-testid="dashboard-totals">
              {INDICATOR_STATUSES.map((s) => (
                <Tag
                  key={s}
                  color={STATUS_HEX[s]}
                  className="hx-plan-total-tag"
                  onClick={() => {
                    setParam('status', s);
                    setParam('tab', undefined);
                  }}
                  data-testid={`total-${s}`}
                >
                  {t(`plan.status.${s}`)} {totals[s]}
                </Tag>
              ))}
            </Space>
          ) : null}
        </Space>
      </Card>
      {data.isError ? (
        <LoadError error={data.error} onRetry={() => void data.refetch()} />
      ) : !d ? (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : (
        <>
          <ActionCards
            data={d}
            active={Number(search.get('action')) || undefined}
            onPick={(actionId) =>
              setSearch(
                (p) => {
                  const n = new URLSearchParams(p);
                  n.set('action', String(actionId));
                  n.delete('tab');
                  return n;
                },
                { replace: true },
              )
            }
          />
          <Card className="hx-block hx-table-card">
            <Tabs activeKey={tab} onChange={(k) => setParam('tab', k === 'indicators' ? undefined : k)} items={tabs} data-testid="dashboard-tabs" />
          </Card>
          <Typography.Text type="secondary">
            {t('plan.dashboard.footnote', { date: formatDate(d.asOf) })}
          </Typography.Text>
        </>
      )}
      <IndicatorDrawer
        indicatorId={openRow?.id ?? null}
        row={openRow ?? undefined}
        planId={planId}
        asOf={asOf}
        onClose={() => setOpenRow(null)}
      />
    </div>
  );
}
