import { Card, Col, Row, Statistic, Table } from 'antd';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { ExportButton } from '../../../../components/ExportButton';
import { PageHeader } from '../../../../components/PageHeader';
import { LoadError } from '../../../../components/ResultPages';
import { useIsPhone } from '../../../../components/useMediaQuery';
import { useLocale, useT } from '../../../../i18n/I18nProvider';
import { fenToYuan } from '../../../../../shared/money';
import { useOverview, type OverviewView } from './api';
import { money, useSectorLabel, useSources } from './parts';
import './funding.css';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const wan = (fen: number) => Math.round(fen / 100) / 10_000;

/** Granted and paid by source: one pair of bars per source, in 万元. */
function SourceChart({ o }: { o: OverviewView }) {
  const t = useT();
  const option = {
    animation: false,
    grid: { left: 8, right: 16, top: 36, bottom: 28, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v.toLocaleString()} ${t('renewal.funding.unitWan')}` },
    xAxis: { type: 'value', name: t('renewal.funding.unitWan'), nameLocation: 'middle', nameGap: 26 },
    yAxis: { type: 'category', inverse: true, data: o.bySource.map((s) => s.label) },
    series: [
      { name: t('renewal.funding.field.granted'), type: 'bar', data: o.bySource.map((s) => wan(s.grantedFen)) },
      { name: t('renewal.funding.field.paid'), type: 'bar', data: o.bySource.map((s) => wan(s.paidFen)) },
    ],
  };
  return <ReactEChartsCore echarts={echarts} option={option} notMerge className="hx-funding-chart" data-testid="funding-chart-source" />;
}

/** Granted (by grant date) and paid (by payment date), year by year, stacked by source. */
function YearChart({ o }: { o: OverviewView }) {
  const t = useT();
  const sources = useSources();
  const years = [...new Set(o.byYear.map((y) => y.year))].sort();
  const codes = [...new Set(o.byYear.map((y) => y.source))];
  const cell = (year: number, source: string) => o.byYear.find((y) => y.year === year && y.source === source);
  const series = codes.flatMap((code) => [
    { name: sources.labelOf(code), type: 'bar', stack: 'granted', data: years.map((y) => wan(cell(y, code)?.grantedFen ?? 0)) },
    { name: sources.labelOf(code), type: 'bar', stack: 'paid', data: years.map((y) => wan(cell(y, code)?.paidFen ?? 0)) },
  ]);
  const option = {
    animation: false,
    grid: { left: 8, right: 16, top: 56, bottom: 8, containLabel: true },
    legend: { top: 0, type: 'scroll' },
    tooltip: { trigger: 'item', valueFormatter: (v: number) => `${v.toLocaleString()} ${t('renewal.funding.unitWan')}` },
    xAxis: {
      type: 'category',
      data: years.flatMap((y) => [String(y)]),
      axisLabel: { formatter: (y: string) => `${y}\n${t('renewal.funding.grantedPaidAxis')}` },
    },
    yAxis: { type: 'value', name: t('renewal.funding.unitWan') },
    series,
  };
  return <ReactEChartsCore echarts={echarts} option={option} notMerge className="hx-funding-chart" data-testid="funding-chart-year" />;
}

/** The funding overview for 市发改局 and 市财政局 (every department, the office and auditors): charts, tables, export. */
export default function OverviewPage() {
  const t = useT();
  const { locale } = useLocale();
  const isPhone = useIsPhone();
  const sector = useSectorLabel();
  const q = useOverview();
  const o = q.data;
  const figureColumns = [
    { key: 'count', title: t('renewal.funding.field.count'), dataIndex: 'count', align: 'right' as const },
    {
      key: 'requested',
      title: t('renewal.funding.field.requestedYuan'),
      align: 'right' as const,
      render: (_: unknown, r: { requestedFen: number }) => money(r.requestedFen),
    },
    {
      key: 'granted',
      title: t('renewal.funding.field.grantedYuan'),
      align: 'right' as const,
      render: (_: unknown, r: { grantedFen: number }) => money(r.grantedFen),
    },
    { key: 'paid', title: t('renewal.funding.field.paidYuan'), align: 'right' as const, render: (_: unknown, r: { paidFen: number }) => money(r.paidFen) },
  ];
  const yuanWan = (fen: number) => (locale === 'en' ? `¥${fenToYuan(fen)}` : `${(fen / 1_000_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 万元`);
  return (
    <div data-testid="page-renewal-funding-overview">
      <PageHeader
        title={t('renewal.funding.nav.overview')}
        subtitle={t('renewal.funding.overview.subtitle')}
        extra={<ExportButton path="/api/renewal/funding/overview/export.xlsx" query={{}} fallbackName="funding.xlsx" testId="funding-overview-export" />}
      />
      {q.isError ? <LoadError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {o ? (
        <>
          <Row gutter={[12, 12]} className="hx-block">
            {(
              [
                ['count', String(o.totals.count)],
                ['requested', yuanWan(o.totals.requestedFen)],
                ['granted', yuanWan(o.totals.grantedFen)],
                ['paid', yuanWan(o.totals.paidFen)],
              ] as const
            ).map(([k, v]) => (
              <Col key={k} xs={12} md={6}>
                <Card size="small">
                  <Statistic title={t(`renewal.funding.total.${k}`)} value={v} data-testid={`funding-total-${k}`} />
                </Card>
              </Col>
            ))}
          </Row>
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={12}>
              <Card title={t('renewal.funding.bySource')} size="small" className="hx-block">
                <SourceChart o={o} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={t('renewal.funding.byYear')} size="small" className="hx-block">
                <YearChart o={o} />
              </Card>
            </Col>
          </Row>
          <Card title={t('renewal.funding.bySource')} size="small" className="hx-block hx-table-card">
            <Table
              rowKey="source"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={o.bySource}
              columns={[{ key: 'label', title: t('renewal.funding.field.source'), dataIndex: 'label' }, ...figureColumns]}
              data-testid="funding-by-source"
            />
          </Card>
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={isPhone ? 24 : 10}>
              <Card title={t('renewal.funding.bySector')} size="small" className="hx-block hx-table-card">
                <Table
                  rowKey="sector"
                  size="small"
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                  dataSource={o.bySector}
                  columns={[
                    { key: 'sector', title: t('renewal.funding.field.sector'), render: (_: unknown, r: OverviewView['bySector'][number]) => sector(r.sector) },
                    ...figureColumns,
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} lg={isPhone ? 24 : 14}>
              <Card title={t('renewal.funding.byTown')} size="small" className="hx-block hx-table-card">
                <Table
                  rowKey="townId"
                  size="small"
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                  dataSource={o.byTown}
                  columns={[{ key: 'town', title: t('renewal.funding.field.town'), dataIndex: 'townName' }, ...figureColumns]}
                  data-testid="funding-by-town"
                />
              </Card>
            </Col>
          </Row>
        </>
      ) : null}
    </div>
  );
}
