import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { fenToYuan } from '../../../../../shared/money';
import { useLocale, useT } from '../../../../i18n/I18nProvider';
import type { CarBudgetView } from '../../api';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, DataZoomComponent, CanvasRenderer]);

/** The budget day by day: what remains (when a budget is set), and approvals and payments so far. */
export function BurnDownChart({ budget }: { budget: CarBudgetView }) {
  const t = useT();
  const { locale } = useLocale();
  const points = budget.burnDown;
  const compact = new Intl.NumberFormat(locale === 'en' ? 'en' : 'zh-CN', { notation: 'compact' });
  const series = [
    ...(budget.set
      ? [{ name: t('car.budget.remaining'), type: 'line', showSymbol: false, areaStyle: { opacity: 0.12 }, data: points.map((p) => (p.remaining ?? 0) / 100) }]
      : []),
    { name: t('car.budget.approvedCum'), type: 'line', showSymbol: false, data: points.map((p) => p.approved / 100) },
    { name: t('car.budget.paidCum'), type: 'line', showSymbol: false, data: points.map((p) => p.paid / 100) },
  ];
  const option = {
    animation: false,
    grid: { left: 8, right: 16, top: 40, bottom: points.length > 90 ? 40 : 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `¥${fenToYuan(Math.round(v * 100))}` },
    xAxis: { type: 'category', data: points.map((p) => p.date) },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => compact.format(v) } },
    dataZoom:
      points.length > 90
        ? [
            { type: 'inside', start: 70, end: 100 },
            { type: 'slider', height: 16, bottom: 4 },
          ]
        : [],
    series,
  };
  return <ReactEChartsCore echarts={echarts} option={option} notMerge className="hx-car-chart" data-testid="car-budget-burndown" />;
}
