import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { Empty } from 'antd';
import { useLocale, useT } from '../../i18n/I18nProvider';
import type { TrendView } from './api';
import { formatNumber } from './components';

echarts.use([LineChart, ScatterChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

/** Actual vs expected per month, the dated targets as points, and the forecast as a dashed line to its date. */
export function TrendChart({ trend, height = 300 }: { trend: TrendView; height?: number }) {
  const t = useT();
  const { locale } = useLocale();
  if (!trend.points.length && !trend.targets.length) return <Empty description={t('plan.trend.empty')} />;
  const lastActual = [...trend.points].reverse().find((p) => p.actual !== null);
  const names = {
    actual: t('plan.trend.actual'),
    expected: t('plan.trend.expected'),
    target: t('plan.trend.target'),
    forecast: t('plan.trend.forecast'),
  };
  const option = {
    animation: false,
    grid: { left: 48, right: 24, top: 40, bottom: 32, containLabel: true },
    legend: { top: 0, data: Object.values(names) },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: number | null) => (v === null || v === undefined ? '—' : `${formatNumber(v, locale)} ${trend.unit}`),
    },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', name: trend.unit, scale: false },
    series: [
      {
        name: names.actual,
        type: 'line',
        z: 4,
        showSymbol: true,
        symbolSize: 6,
        lineStyle: { width: 3 },
        itemStyle: { color: '#1a4f95' },
        connectNulls: false,
        data: trend.points.map((p) => [p.date, p.actual]),
      },
      {
        name: names.expected,
        type: 'line',
        showSymbol: false,
        lineStyle: { type: 'dashed', width: 2 },
        itemStyle: { color: '#8c8c8c' },
        data: trend.points.map((p) => [p.date, p.expected]),
      },
      {
        name: names.target,
        type: 'scatter',
        symbol: 'diamond',
        symbolSize: 14,
        itemStyle: { color: '#cf1322' },
        label: { show: true, position: 'top', formatter: (p: { value: [string, number] }) => formatNumber(p.value[1], locale) },
        data: trend.targets.map((x) => [x.date, x.value]),
      },
      {
        name: names.forecast,
        type: 'line',
        z: 3,
        showSymbol: true,
        symbol: 'circle',
        symbolSize: 7,
        lineStyle: { type: 'dotted', width: 2 },
        itemStyle: { color: '#d48806' },
        data: trend.forecast ? [...(lastActual ? [[lastActual.date, lastActual.actual]] : []), [trend.forecast.date, trend.forecast.value]] : [],
      },
    ],
  };
  return (
    <div data-testid="trend-chart">
      <ReactEChartsCore echarts={echarts} option={option} style={{ height, width: '100%' }} notMerge lazyUpdate />
    </div>
  );
}
