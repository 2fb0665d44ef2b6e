import { Button, Empty, Skeleton, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { INDICATOR_STATUSES } from '../../../../../shared/enums/plan';
import { api } from '../../../../api/client';
import { LoadError } from '../../../../components/ResultPages';
import { useLocale, useT } from '../../../../i18n/I18nProvider';
import { planKeys, type DashboardIndicator, type TownIndicator, type TownsDashboardView } from '../../api';
import { STATUS_HEX, formatNumber, indicatorName } from '../../components';

/** Indicators broken down by town × towns: each town's figure coloured by its status (all towns in one call). */
export function TownHeat({
  planId,
  asOf,
  indicators,
  onOpen,
}: {
  planId: number;
  asOf: string | undefined;
  indicators: DashboardIndicator[];
  onOpen: (row: DashboardIndicator) => void;
}) {
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
          <Tooltip
            title={`${town.name} · ${indicatorName(r, locale)}: ${formatNumber(c.actual, locale)} ${r.unit} / ${t('plan.field.expected')} ${formatNumber(c.expected, locale)} · ${t(`plan.status.${c.status}`)}`}
          >
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
