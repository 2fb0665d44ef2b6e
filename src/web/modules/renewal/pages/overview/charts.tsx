import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useT } from '../../../../i18n/I18nProvider';
import { useCode } from '../projects/parts';
import type { RenewalOverviewView } from './api';
import './overview.css';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Fen in 万元 for a chart axis (two decimals are enough to draw). */
export const wanNumber = (fen: number) => Math.round(fen / 10_000) / 100;

function Chart({ option, testId }: { option: object; testId: string }) {
  return <ReactEChartsCore echarts={echarts} option={option} notMerge className="hx-renewal-chart" data-testid={testId} />;
}

function useWanTooltip() {
  const t = useT();
  return (v: number) => `${v.toLocaleString()} ${t('renewal.overview.unitWan')}`;
}

/** Planned and completed investment per sector, all seven (a sector without projects shows as none). */
export function SectorChart({ o }: { o: RenewalOverviewView }) {
  const t = useT();
  const code = useCode();
  const tip = useWanTooltip();
  return (
    <Chart
      testId="renewal-chart-sector"
      option={{
        animation: false,
        grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
        legend: { top: 0 },
        tooltip: { trigger: 'axis', valueFormatter: tip },
        xAxis: { type: 'category', data: o.bySector.map((s) => code('sector', s.sector)), axisLabel: { interval: 0 } },
        yAxis: { type: 'value', name: t('renewal.overview.unitWan') },
        series: [
          { name: t('renewal.overview.series.planned'), type: 'bar', barMaxWidth: 40, data: o.bySector.map((s) => wanNumber(s.plannedFen)) },
          { name: t('renewal.overview.series.completed'), type: 'bar', barMaxWidth: 40, data: o.bySector.map((s) => wanNumber(s.completedFen)) },
        ],
      }}
    />
  );
}

/** Two bars (万元) per category, categories down the side: towns, funding sources — the lists that run long. */
function HorizontalBars({ testId, categories, series }: { testId: string; categories: string[]; series: { name: string; fen: number[] }[] }) {
  const t = useT();
  const tip = useWanTooltip();
  return (
    <Chart
      testId={testId}
      option={{
        animation: false,
        grid: { left: 8, right: 16, top: 36, bottom: 24, containLabel: true },
        legend: { top: 0 },
        tooltip: { trigger: 'axis', valueFormatter: tip },
        xAxis: { type: 'value', name: t('renewal.overview.unitWan'), nameLocation: 'middle', nameGap: 24 },
        yAxis: { type: 'category', inverse: true, data: categories },
        series: series.map((x) => ({ name: x.name, type: 'bar', barMaxWidth: 40, data: x.fen.map(wanNumber) })),
      }}
    />
  );
}

/** Planned and completed investment per town, largest first (towns without projects are not listed). */
export function TownChart({ o }: { o: RenewalOverviewView }) {
  const t = useT();
  return (
    <HorizontalBars
      testId="renewal-chart-town"
      categories={o.byTown.map((r) => r.townName)}
      series={[
        { name: t('renewal.overview.series.planned'), fen: o.byTown.map((r) => r.plannedFen) },
        { name: t('renewal.overview.series.completed'), fen: o.byTown.map((r) => r.completedFen) },
      ]}
    />
  );
}

/** Year by year: projects started (bars, left axis) and investment completed (line, right axis, 万元). */
export function YearChart({ o }: { o: RenewalOverviewView }) {
  const t = useT();
  return (
    <Chart
      testId="renewal-chart-year"
      option={{
        animation: false,
        grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
        legend: { top: 0 },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: o.byYear.map((y) => String(y.year)) },
        yAxis: [
          { type: 'value', name: t('renewal.overview.series.started'), minInterval: 1, nameTextStyle: { align: 'left' } },
          { type: 'value', name: t('renewal.overview.unitWan'), splitLine: { show: false }, nameTextStyle: { align: 'right' } },
        ],
        series: [
          { name: t('renewal.overview.series.started'), type: 'bar', barMaxWidth: 40, data: o.byYear.map((y) => y.started) },
          { name: t('renewal.overview.series.completed'), type: 'line', yAxisIndex: 1, data: o.byYear.map((y) => wanNumber(y.completedFen)) },
        ],
      }}
    />
  );
}

/** Funding granted and paid per source (from the funding applications). */
export function SourceChart({ o }: { o: RenewalOverviewView }) {
  const t = useT();
  return (
    <HorizontalBars
      testId="renewal-chart-source"
      categories={o.funding.map((s) => s.label)}
      series={[
        { name: t('renewal.overview.series.granted'), fen: o.funding.map((s) => s.grantedFen) },
        { name: t('renewal.overview.series.paid'), fen: o.funding.map((s) => s.paidFen) },
      ]}
    />
  );
}
