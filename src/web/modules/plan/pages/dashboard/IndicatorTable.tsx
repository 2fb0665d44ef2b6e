import { useSearchParams } from 'react-router';
import { Button, Empty, Form, Input, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { INDICATOR_STATUSES, type IndicatorStatus } from '../../../../../shared/enums/plan';
import { FilterBar } from '../../../../components/FilterBar';
import { useLocale, useT } from '../../../../i18n/I18nProvider';
import type { DashboardIndicator, DashboardView } from '../../api';
import { IndicatorStatusTag, ProgressCell, formatNumber, indicatorName } from '../../components';
import { AlertTag } from '../supervision/AlertTag';
import type { AlertView } from '../supervision/api';

/** Most urgent first when the table is sorted by alert colour. */
const ALERT_RANK = { red: 0, yellow: 1, blue: 2, none: 3 } as const;

/** Most urgent first when the table is sorted by status. */
const SEVERITY: Record<IndicatorStatus, number> = { overdue: 0, behind: 1, at_risk: 2, not_started: 3, on_track: 4 };

type TableFilters = {
  q?: string;
  action?: number;
  unit?: string;
  status?: IndicatorStatus;
};

/** Every indicator with its figures and status, filtered by the query string (so a filtered view can be shared). */
export function IndicatorTable({
  data,
  onOpen,
  alerts,
  onRaise,
}: {
  data: DashboardView;
  onOpen: (row: DashboardIndicator) => void;
  /** Today's alert of each indicator, by id. */
  alerts?: ReadonlyMap<number, AlertView>;
  /** The office raises a supervision order on the row. */
  onRaise?: (row: DashboardIndicator) => void;
}) {
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
    {
      key: 'lead',
      title: t('plan.field.leadUnit'),
      dataIndex: 'leadUnit',
      sorter: (a, b) => (a.leadUnit ?? '').localeCompare(b.leadUnit ?? '', 'zh-CN'),
      render: (v: string | null) => v ?? '—',
    },
    {
      key: 'actual',
      title: t('plan.field.actual'),
      align: 'right',
      sorter: byNumber('actual'),
      // A reported indicator with a platform figure shows it beneath, so the two stand side by side in the list too.
      render: (_, r) => (
        <>
          {num(r.actual, r, `actual-${r.code}`)}
          {r.computed !== null ? (
            <Typography.Text type="secondary" className="hx-plan-computed" data-testid={`computed-${r.code}`}>
              {t('plan.field.computedShort', { value: formatNumber(r.computed, locale) })}
            </Typography.Text>
          ) : null}
        </>
      ),
    },
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
    {
      key: 'progress',
      title: t('plan.field.progress'),
      sorter: byNumber('progress'),
      width: 160,
      render: (_, r) => <ProgressCell progress={r.progress} status={r.status} />,
    },
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
    {
      key: 'alert',
      title: t('plan.alert.field'),
      sorter: (a, b) => ALERT_RANK[alerts?.get(a.id)?.colour ?? 'none'] - ALERT_RANK[alerts?.get(b.id)?.colour ?? 'none'],
      render: (_, r) => {
        const a = alerts?.get(r.id);
        return <AlertTag colour={a?.colour} reason={a?.message} testId={`alert-${r.code}`} />;
      },
    },
    ...(onRaise
      ? [
          {
            key: 'raise',
            title: t('common.actions'),
            fixed: 'right' as const,
            render: (_: unknown, r: DashboardIndicator) => (
              <Button size="small" danger={alerts?.get(r.id)?.colour === 'red'} onClick={() => onRaise(r)} data-testid={`raise-${r.code}`}>
                {t('plan.order.raise')}
              </Button>
            ),
          },
        ]
      : []),
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
          <Select
            allowClear
            placeholder={t('common.all')}
            options={data.cards.map((c) => ({ value: c.actionId, label: c.title }))}
            data-testid="filter-action"
            popupMatchSelectWidth={false}
          />
        </Form.Item>
        <Form.Item name="unit" label={t('plan.field.unitOrg')}>
          <Select
            allowClear
            showSearch
            placeholder={t('common.all')}
            options={units.map((u) => ({ value: u, label: u }))}
            data-testid="filter-unit"
            popupMatchSelectWidth={false}
          />
        </Form.Item>
        <Form.Item name="status" label={t('plan.field.status')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            options={INDICATOR_STATUSES.map((s) => ({ value: s, label: t(`plan.status.${s}`) }))}
            data-testid="filter-status"
          />
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
        title={() =>
          filters.action ? (
            <Tag
              closable
              onClose={() =>
                setSearch((p) => {
                  const n = new URLSearchParams(p);
                  n.delete('action');
                  return n;
                })
              }
            >
              {actionTitle.get(filters.action)}
            </Tag>
          ) : null
        }
        locale={{ emptyText: <Empty description={t('plan.empty.indicators')} /> }}
        data-testid="indicator-table"
      />
    </>
  );
}
