import { Alert, Card, Descriptions, Drawer, Empty, Skeleton, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { LoadError } from '../../components/ResultPages';
import { formatDateTime } from '../../components/format';
import { useIsPhone } from '../../components/useMediaQuery';
import { useLocale, useT } from '../../i18n/I18nProvider';
import {
  fetchAllReports,
  planKeys,
  usePlanTree,
  type DashboardIndicator,
  type IndicatorView,
  type PlanDetailView,
  type ReportView,
  type TrendView,
} from './api';
import { EvidenceList, IndicatorStatusTag, ProgressCell, ReportStatusTag, UnitTags, formatNumber, indicatorName } from './components';
import { TrendChart } from './TrendChart';

/** Where an indicator sits in the plan: its action and (if any) its task with the task's own text. */
export function locateIndicator(plan: PlanDetailView | undefined, indicatorId: number) {
  for (const action of plan?.actions ?? []) {
    if (action.indicators.some((i) => i.id === indicatorId)) return { action, task: null };
    for (const task of action.tasks) if (task.indicators.some((i) => i.id === indicatorId)) return { action, task };
  }
  return null;
}

export function targetsText(i: Pick<IndicatorView, 'targets' | 'comparator'>, locale: 'zh-CN' | 'en', unit: string): string {
  return i.targets.map((x) => `${x.year}: ${i.comparator} ${formatNumber(x.value, locale)} ${unit}`).join('; ');
}

/**
 * Drill-down from any figure of the dashboard: the indicator's clause and its task's original text, the units
 * that answer for it, its trend (actual vs expected vs target, with the forecast), and every report with its evidence.
 */
export function IndicatorDrawer({
  indicatorId,
  row,
  planId,
  asOf,
  onClose,
}: {
  indicatorId: number | null;
  row?: DashboardIndicator | undefined;
  planId: number | undefined;
  asOf?: string | undefined;
  onClose: () => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const isPhone = useIsPhone();
  const open = indicatorId !== null;
  const id = indicatorId ?? 0;
  const tree = usePlanTree(planId);
  const indicator = useQuery({
    queryKey: planKeys.indicator(id),
    queryFn: ({ signal }) => api.get<IndicatorView>(`/api/indicators/${id}`, undefined, signal),
    enabled: open,
  });
  const trend = useQuery({
    queryKey: planKeys.trend(id, asOf),
    queryFn: ({ signal }) => api.get<TrendView>(`/api/indicators/${id}/trend`, { asOf }, signal),
    enabled: open,
  });
  const reports = useQuery({
    queryKey: planKeys.reports({ indicatorId: id, all: true }),
    queryFn: ({ signal }) => fetchAllReports({ indicatorId: id }, signal),
    enabled: open,
  });
  const place = locateIndicator(tree.data, id);
  const ind = indicator.data;

  const columns: TableColumnsType<ReportView> = [
    { key: 'period', title: t('plan.field.period'), dataIndex: 'period', sorter: (a, b) => a.period.localeCompare(b.period), defaultSortOrder: 'descend' },
    { key: 'organization', title: t('plan.field.organization'), render: (_, r) => r.organization.name },
    { key: 'role', title: t('plan.field.role'), render: (_, r) => t(`plan.role.${r.role}`) },
    { key: 'value', title: t('plan.field.value'), align: 'right', render: (_, r) => `${formatNumber(r.value, locale)} ${r.indicator.unit}` },
    {
      key: 'status',
      title: t('plan.field.status'),
      render: (_, r) => (
        <Space size={4} wrap>
          <ReportStatusTag status={r.status} />
          {r.late ? <Tag color="orange">{t('plan.report.late')}</Tag> : null}
          {r.overdue ? <Tag color="red">{t('plan.report.overdue')}</Tag> : null}
        </Space>
      ),
    },
    { key: 'evidence', title: t('plan.field.evidence'), render: (_, r) => <EvidenceList reportId={r.id} evidence={r.evidence} /> },
    { key: 'open', title: '', render: (_, r) => <Link to={`/plan/reports/${r.id}`}>{t('common.details')}</Link> },
  ];

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={isPhone ? '100%' : 880}
      destroyOnHidden
      title={ind ? `${ind.code} ${indicatorName(ind, locale)}` : t('plan.drill.title')}
      data-testid="indicator-drawer"
    >
      {indicator.isError ? <LoadError error={indicator.error} onRetry={() => void indicator.refetch()} /> : null}
      {!ind ? (
        <Skeleton active />
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {row ? (
            <Card size="small" data-testid="drill-figures">
              <Descriptions size="small" column={isPhone ? 1 : 3} className="hx-descriptions">
                <Descriptions.Item label={t('plan.field.actual')}>
                  <strong data-testid="drill-actual">{formatNumber(row.actual, locale)}</strong>&nbsp;{row.unit}
                </Descriptions.Item>
                <Descriptions.Item label={t('plan.field.expected')}>
                  {formatNumber(row.expected, locale)} {row.unit}
                </Descriptions.Item>
                <Descriptions.Item label={t('plan.field.target')}>
                  {row.comparator} {formatNumber(row.target, locale)} {row.unit} {row.targetYear ? `(${row.targetYear})` : ''}
                </Descriptions.Item>
                <Descriptions.Item label={t('plan.field.progress')}>
                  <ProgressCell progress={row.progress} status={row.status} />
                </Descriptions.Item>
                <Descriptions.Item label={t('plan.field.forecast')}>
                  {formatNumber(row.forecast, locale)} {row.unit}
                </Descriptions.Item>
                <Descriptions.Item label={t('plan.field.status')}>
                  <IndicatorStatusTag status={row.status} />
                </Descriptions.Item>
                {row.computed !== null ? (
                  <Descriptions.Item label={t('plan.field.computed')}>
                    {formatNumber(row.computed, locale)} {row.unit}
                  </Descriptions.Item>
                ) : null}
              </Descriptions>
              <Alert
                type={row.status === 'on_track' ? 'success' : row.status === 'not_started' ? 'info' : 'warning'}
                showIcon
                title={locale === 'en' ? row.reason.en : row.reason.zh}
              />
            </Card>
          ) : null}
          <Card size="small" title={t('plan.drill.trend')}>
            {trend.isError ? <LoadError error={trend.error} /> : trend.data ? <TrendChart trend={trend.data} /> : <Skeleton active />}
          </Card>
          <Card size="small" title={t('plan.drill.definition')}>
            <Descriptions size="small" column={1} className="hx-descriptions" bordered>
              <Descriptions.Item label={t('plan.field.clause')}>{ind.text}</Descriptions.Item>
              <Descriptions.Item label={t('plan.field.targets')}>{targetsText(ind, locale, ind.unit)}</Descriptions.Item>
              {ind.baseline ? (
                <Descriptions.Item label={t('plan.field.baseline')}>
                  {ind.baseline.year}: {ind.baseline.value === null ? t('plan.baseline.toReport') : `${formatNumber(ind.baseline.value, locale)}`}
                </Descriptions.Item>
              ) : null}
              <Descriptions.Item label={t('plan.field.kind')}>{t(`plan.kind.${ind.kind}`)}</Descriptions.Item>
              <Descriptions.Item label={t('plan.field.source')}>
                {t(`plan.source.${ind.source}`)}
                {ind.metric ? <Typography.Text code>{ind.metric}</Typography.Text> : null}
              </Descriptions.Item>
              <Descriptions.Item label={t('plan.field.units')}>
                <UnitTags units={ind.organizations} />
              </Descriptions.Item>
            </Descriptions>
            {ind.parent ? (
              <Link to={`/plan/cascade?indicator=${ind.id}`} data-testid="drill-cascade">
                {t('plan.cascade.openDrawer')}
              </Link>
            ) : null}
          </Card>
          {place ? (
            <Card size="small" title={t('plan.drill.task')} data-testid="drill-task">
              <Typography.Paragraph strong>
                {place.action.number} {place.action.title}
                {place.task ? ` · ${t('plan.task.number', { n: place.task.number })} ${place.task.title}` : ''}
              </Typography.Paragraph>
              <Typography.Paragraph className="hx-plan-original">{place.task ? place.task.text : place.action.text}</Typography.Paragraph>
              {place.task ? <UnitTags units={place.task.organizations} /> : null}
            </Card>
          ) : null}
          <Card size="small" title={t('plan.drill.reports')}>
            {reports.isError ? (
              <LoadError error={reports.error} />
            ) : (
              <Table<ReportView>
                rowKey="id"
                size="small"
                columns={columns}
                dataSource={reports.data ?? []}
                loading={reports.isFetching}
                scroll={{ x: 'max-content' }}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                locale={{
                  emptyText: (
                    <Empty
                      image={Empty.PRESENTED_IMAGE_SIMPLE}
                      description={ind.source === 'computed' ? t('plan.drill.computedNoReports') : t('plan.drill.noReports')}
                    />
                  ),
                }}
                data-testid="drill-reports"
              />
            )}
          </Card>
          <Typography.Text type="secondary">{t('plan.drill.updated', { at: formatDateTime(trend.data?.asOf) })}</Typography.Text>
        </Space>
      )}
    </Drawer>
  );
}
