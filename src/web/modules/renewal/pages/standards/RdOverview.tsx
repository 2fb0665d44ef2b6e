import { Card, Empty, Select, Table } from 'antd';
import { useState } from 'react';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { LoadError } from '../../../../components/ResultPages';
import { useT } from '../../../../i18n/I18nProvider';
import { useDictionary } from '../../../platform/dictionaries/useDictionary';
import { useRdOverview, useTowns, type RdOverview as Overview } from './api';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const wan = (fen: number) => Math.round(fen / 100) / 10_000;
const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v > 0 ? '+' : ''}${v}%`);

/** R&D by year (bars, 万元) with the growth on the year in total and like for like (lines, %). */
function YearChart({ o }: { o: Overview }) {
  const t = useT();
  const option = {
    animation: false,
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0, type: 'scroll' },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: o.years.map((y) => String(y.year)) },
    yAxis: [
      { type: 'value', name: t('renewal.std.unitWan') },
      { type: 'value', name: '%', splitLine: { show: false } },
    ],
    series: [
      { name: t('renewal.std.overview.total'), type: 'bar', data: o.years.map((y) => wan(y.rdFen)) },
      { name: t('renewal.std.overview.growth'), type: 'line', yAxisIndex: 1, data: o.years.map((y) => y.growthPercent) },
      { name: t('renewal.std.overview.lfl'), type: 'line', yAxisIndex: 1, data: o.years.map((y) => y.likeForLike?.growthPercent ?? null) },
    ],
  };
  return <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 300, width: '100%' }} data-testid="rd-chart" />;
}

/** 市科技局's R&D overview of confirmed reports: the year chart, the years' table, by industry and by town. */
export function RdOverview() {
  const t = useT();
  const industries = useDictionary('industry');
  const towns = useTowns();
  const [townId, setTownId] = useState<number | undefined>();
  const q = useRdOverview({ townId });
  const o = q.data;
  if (q.isError) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const latest = o?.years.at(-1)?.year;
  return (
    <div data-testid="rd-overview">
      <Card className="hx-block" size="small">
        <Select<number>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('renewal.std.field.town')}
          style={{ width: '100%', maxWidth: 280 }}
          value={townId}
          onChange={setTownId}
          options={(towns.data ?? []).map((tw) => ({ value: tw.id, label: tw.name }))}
        />
      </Card>
      {o && o.years.length === 0 ? (
        <Card className="hx-block">
          <Empty description={t('renewal.std.overview.none')} />
        </Card>
      ) : null}
      {o && o.years.length > 0 ? (
        <>
          <Card className="hx-block" title={t('renewal.std.overview.subtitle')}>
            <YearChart o={o} />
          </Card>
          <Card className="hx-block hx-table-card">
            <Table
              rowKey="year"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={o.years}
              data-testid="rd-years"
              columns={[
                { key: 'year', title: t('renewal.std.field.year'), dataIndex: 'year' },
                { key: 'reporters', title: t('renewal.std.overview.reporters'), dataIndex: 'reporters', align: 'right' },
                { key: 'rd', title: t('renewal.std.overview.total'), align: 'right', render: (_, y) => wan(y.rdFen).toLocaleString() },
                {
                  key: 'intensity',
                  title: t('renewal.std.field.intensity'),
                  align: 'right',
                  render: (_, y) => (y.intensityPercent === null ? '—' : `${y.intensityPercent}%`),
                },
                { key: 'growth', title: t('renewal.std.overview.growth'), align: 'right', render: (_, y) => pct(y.growthPercent) },
                {
                  key: 'lfl',
                  title: t('renewal.std.overview.lfl'),
                  align: 'right',
                  render: (_, y) =>
                    y.likeForLike ? `${pct(y.likeForLike.growthPercent)}${t('renewal.std.overview.lflEnterprises', { n: y.likeForLike.enterprises })}` : '—',
                },
              ]}
            />
          </Card>
          <Card className="hx-block hx-table-card" title={`${t('renewal.std.overview.byIndustry')}（${latest}）`}>
            <Table
              rowKey="industry"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={o.byIndustry.filter((r) => r.year === latest)}
              columns={[
                { key: 'industry', title: t('renewal.std.field.industry'), render: (_, r) => industries.labelOf(r.industry) },
                { key: 'reporters', title: t('renewal.std.overview.reporters'), dataIndex: 'reporters', align: 'right' },
                { key: 'rd', title: t('renewal.std.overview.total'), align: 'right', render: (_, r) => wan(r.rdFen).toLocaleString() },
              ]}
            />
          </Card>
          <Card className="hx-block hx-table-card" title={`${t('renewal.std.overview.byTown')}（${latest}）`}>
            <Table
              rowKey={(r) => String(r.townId)}
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={o.byTown.filter((r) => r.year === latest)}
              columns={[
                { key: 'town', title: t('renewal.std.field.town'), render: (_, r) => r.townName ?? '—' },
                { key: 'reporters', title: t('renewal.std.overview.reporters'), dataIndex: 'reporters', align: 'right' },
                { key: 'rd', title: t('renewal.std.overview.total'), align: 'right', render: (_, r) => wan(r.rdFen).toLocaleString() },
              ]}
            />
          </Card>
        </>
      ) : null}
    </div>
  );
}
