import { useMemo, useState } from 'react';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { Card, Col, Row, Select, Skeleton, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api } from '../../../api/client';
import { useLocale, useT } from '../../../i18n/I18nProvider';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/ResultPages';
import { formatDateTime, TIME_ZONE } from '../../../components/format';
import { keys, usePrograms, type BudgetView, type PoolView } from '../api';
import { EmptyState, Figure, Money } from '../components';
import { SaleServiceFigures } from './fulfilment/SaleServiceFigures';
import { fenToYuan } from '../../../../shared/money';
import { wanYuan } from '../money';

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, DataZoomComponent, CanvasRenderer]);

type Split = BudgetView['budget'];

/**
 * Trade-in at a glance for 市商务局, 市财政局, the office and auditors: a programme's budget by funding source
 * (committed, redeemed, settled, paid), its burn-down, and vouchers claimed and subsidies redeemed per day.
 */
export default function OverviewPage() {
  const t = useT();
  const { locale } = useLocale();
  const programs = usePrograms();
  const [picked, setPicked] = useState<number | undefined>();
  const programId = picked ?? programs.data?.find((p) => p.status === 'active')?.id ?? programs.data?.[0]?.id;
  const budget = useQuery({
    queryKey: keys.budget(programId ?? 0),
    queryFn: ({ signal }) => api.get<BudgetView>(`/api/tradein/programs/${programId}/budget`, undefined, signal),
    enabled: programId !== undefined,
    refetchInterval: 60_000,
  });
  const pools = useQuery({
    queryKey: keys.pools({ programId, all: true }),
    queryFn: ({ signal }) => api.get<PoolView[]>('/api/tradein/pools', { programId }, signal),
    enabled: programId !== undefined,
  });

  const b = budget.data;
  const daily = useMemo(() => {
    const claims = new Map<string, number>();
    for (const p of pools.data ?? []) {
      const d = dayjs(p.opensAt).tz(TIME_ZONE).format('YYYY-MM-DD');
      claims.set(d, (claims.get(d) ?? 0) + p.issued);
    }
    const redeemed = new Map<string, number>();
    let prev = 0;
    for (const point of b?.burnDown ?? []) {
      redeemed.set(point.date, point.redeemed - prev);
      prev = point.redeemed;
    }
    const dates = [...new Set([...claims.keys(), ...redeemed.keys()])].sort().slice(-60);
    return { dates, claims: dates.map((d) => claims.get(d) ?? 0), redeemed: dates.map((d) => (redeemed.get(d) ?? 0) / 100) };
  }, [pools.data, b]);

  const splitRows = b
    ? (
        [
          ['budget', b.budget],
          ['committed', b.committed],
          ['redeemed', b.redeemed],
          ['settled', b.settled],
          ['paid', b.paid],
          ['uncommitted', b.uncommitted],
        ] as [string, Split][]
      ).map(([k, s]) => ({ key: k, ...s }))
    : [];

  const compact = new Intl.NumberFormat(locale === 'en' ? 'en' : 'zh-CN', { notation: 'compact' });
  const yuanAxis = { type: 'value' as const, axisLabel: { formatter: (v: number) => compact.format(v) } };
  const burnOption = b
    ? {
        animation: false,
        grid: { left: 8, right: 16, top: 40, bottom: 40, containLabel: true },
        legend: { top: 0 },
        tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${fenToYuan(Math.round(v * 100))} ${t('tradein.unit.yuan')}` },
        xAxis: { type: 'category', data: b.burnDown.map((p) => p.date) },
        yAxis: yuanAxis,
        dataZoom:
          b.burnDown.length > 90
            ? [
                { type: 'inside', start: 70, end: 100 },
                { type: 'slider', height: 16, bottom: 4 },
              ]
            : [],
        series: [
          {
            name: t('tradein.overview.remaining'),
            type: 'line',
            showSymbol: false,
            areaStyle: { opacity: 0.12 },
            data: b.burnDown.map((p) => p.remaining / 100),
          },
          { name: t('tradein.overview.redeemedCum'), type: 'line', showSymbol: false, data: b.burnDown.map((p) => p.redeemed / 100) },
          { name: t('tradein.overview.paidCum'), type: 'line', showSymbol: false, data: b.burnDown.map((p) => p.paid / 100) },
        ],
      }
    : null;
  const dailyOption = {
    animation: false,
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: daily.dates },
    yAxis: [
      { type: 'value', name: t('tradein.unit.vouchers'), minInterval: 1 },
      { type: 'value', name: t('tradein.unit.yuan'), splitLine: { show: false } },
    ],
    series: [
      { name: t('tradein.overview.claimsDaily'), type: 'bar', data: daily.claims },
      { name: t('tradein.overview.redeemedDaily'), type: 'line', yAxisIndex: 1, data: daily.redeemed },
    ],
  };

  return (
    <div data-testid="page-tradein-overview">
      <PageHeader
        title={t('tradein.nav.overview')}
        subtitle={b ? t('tradein.overview.asOf', { time: formatDateTime(b.asOf) }) : t('tradein.overview.subtitle')}
        extra={
          <Select<number>
            value={programId}
            onChange={setPicked}
            style={{ minWidth: 260, maxWidth: '100%' }}
            loading={programs.isPending}
            options={(programs.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            data-testid="overview-program"
            // Its only visible name is the page title: axe found the picker unnamed on a phone.
            aria-label={t('tradein.overview.program')}
          />
        }
      />
      {budget.isError ? (
        <Card>
          <LoadError error={budget.error} onRetry={() => void budget.refetch()} />
        </Card>
      ) : !b ? (
        <Card>{programs.data && !programs.data.length ? <EmptyState text={t('tradein.programs.none')} /> : <Skeleton active />}</Card>
      ) : (
        <>
          <SaleServiceFigures />
          <Card className="hx-block" data-testid="overview-figures">
            <div className="hx-ti-figures">
              <Figure label={t('tradein.budget.totalWan')} value={wanYuan(b.budget.total)} testId="fig-budget" />
              <Figure label={t('tradein.overview.committed', { n: b.committed.activeVouchers })} value={wanYuan(b.committed.total)} testId="fig-committed" />
              <Figure label={t('tradein.overview.redeemed', { n: b.redeemed.count })} value={wanYuan(b.redeemed.total)} testId="fig-redeemed" />
              <Figure label={t('tradein.overview.settled')} value={wanYuan(b.settled.total)} testId="fig-settled" />
              <Figure label={t('tradein.overview.paid')} value={wanYuan(b.paid.total)} tone="good" testId="fig-paid" />
              <Figure
                label={t('tradein.overview.uncommitted')}
                value={wanYuan(b.uncommitted.total)}
                tone={b.uncommitted.total < 0 ? 'warn' : undefined}
                testId="fig-uncommitted"
              />
            </div>
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
              {t('tradein.overview.committedHelp')}
            </Typography.Paragraph>
          </Card>
          <Row gutter={[16, 16]} className="hx-block">
            <Col xs={24} xl={14}>
              <Card title={t('tradein.overview.burnDown')} className="hx-full-height">
                {burnOption && b.burnDown.length ? (
                  <ReactEChartsCore echarts={echarts} option={burnOption} notMerge className="hx-ti-chart" data-testid="chart-burndown" />
                ) : (
                  <EmptyState text={t('tradein.overview.noData')} />
                )}
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Card title={t('tradein.overview.daily')} className="hx-full-height">
                {daily.dates.length ? (
                  <ReactEChartsCore echarts={echarts} option={dailyOption} notMerge className="hx-ti-chart" data-testid="chart-daily" />
                ) : (
                  <EmptyState text={t('tradein.overview.noData')} />
                )}
              </Card>
            </Col>
          </Row>
          <Card title={t('tradein.overview.bySource')} className="hx-block hx-table-card">
            <Table
              rowKey="key"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={splitRows}
              data-testid="overview-split"
              columns={[
                { key: 'k', title: '', dataIndex: 'key', render: (k: string) => t(`tradein.overview.row.${k}` as 'tradein.overview.row.budget') },
                { key: 'central', title: t('tradein.budget.central'), dataIndex: 'central', align: 'right', render: (f: number) => <Money fen={f} /> },
                { key: 'provincial', title: t('tradein.budget.provincial'), dataIndex: 'provincial', align: 'right', render: (f: number) => <Money fen={f} /> },
                { key: 'city', title: t('tradein.budget.city'), dataIndex: 'city', align: 'right', render: (f: number) => <Money fen={f} /> },
                { key: 'total', title: t('tradein.budget.sum'), dataIndex: 'total', align: 'right', render: (f: number) => <Money fen={f} strong /> },
              ]}
            />
          </Card>
        </>
      )}
    </div>
  );
}
