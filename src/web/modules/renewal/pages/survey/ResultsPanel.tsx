import { Card, Col, Empty, Row, Statistic, Table, Typography } from 'antd';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { ExportButton } from '../../../../components/ExportButton';
import { LoadError } from '../../../../components/ResultPages';
import { useT } from '../../../../i18n/I18nProvider';
import { SURVEY_BASE, useResults, type FiguresView, type ResultsView } from './api';
import { pct, ResponseNote } from './parts';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const RATES = ['rdToolRate', 'cncRate', 'transformationCoverage'] as const;

/** The three rates and the response rate, town by town: the response rate is a bar of its own beside them. */
function TownChart({ r }: { r: ResultsView }) {
  const t = useT();
  const towns = r.byTown;
  const option = {
    animation: false,
    grid: { left: 8, right: 16, top: 56, bottom: 8, containLabel: true },
    legend: { top: 0, type: 'scroll' },
    tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '—' : `${v}%`) },
    xAxis: { type: 'category', data: towns.map((f) => f.label), axisLabel: { interval: 0, rotate: towns.length > 5 ? 30 : 0 } },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      ...RATES.map((k) => ({ name: t(`renewal.survey.rate.${k}`), type: 'bar', data: towns.map((f) => f[k]) })),
      { name: t('renewal.survey.responseRate'), type: 'bar', data: towns.map((f) => f.responseRate), itemStyle: { color: '#bfbfbf' } },
    ],
  };
  return <ReactEChartsCore echarts={echarts} option={option} notMerge className="hx-survey-chart" data-testid="survey-chart-town" />;
}

function FigureTable({ rows, testId }: { rows: FiguresView[]; testId: string }) {
  const t = useT();
  return (
    <Table<FiguresView>
      size="small"
      rowKey="key"
      dataSource={rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid={testId}
      columns={[
        { key: 'label', title: t('renewal.survey.group'), dataIndex: 'label', fixed: 'left' },
        { key: 'size', title: t('renewal.survey.registerSize'), dataIndex: 'registerSize', align: 'right' },
        { key: 'checked', title: t('renewal.survey.checkedCount'), dataIndex: 'checked', align: 'right' },
        { key: 'response', title: t('renewal.survey.responseRate'), align: 'right', render: (_, f) => pct(f.responseRate) },
        ...RATES.map((k) => ({ key: k, title: t(`renewal.survey.rate.${k}`), align: 'right' as const, render: (_: unknown, f: FiguresView) => pct(f[k]) })),
        {
          key: 'change',
          title: t('renewal.survey.changeCol'),
          align: 'right',
          render: (_, f) => (f.cncChange === null ? '—' : `${f.cncChange > 0 ? '+' : ''}${f.cncChange.toFixed(1)}`),
        },
        { key: 'lower', title: t('renewal.survey.lowerCol'), align: 'right', render: (_, f) => pct(f.transformationLowerBound) },
      ]}
    />
  );
}

/** A round's results: the city's three rates, each with the response rate it stands on; by town (chart, table) and by industry. */
export function ResultsPanel({ roundId }: { roundId: number }) {
  const t = useT();
  const q = useResults(roundId);
  const r = q.data;
  if (q.isError) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  if (!r) return null;
  const c = r.city;
  return (
    <div data-testid="survey-results">
      <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 12 }}>
        <ExportButton path={`${SURVEY_BASE}/rounds/${roundId}/results/export.xlsx`} query={{}} fallbackName="survey.xlsx" testId="survey-export" />
      </div>
      <Row gutter={[12, 12]} className="hx-block">
        <Col xs={24} md={6}>
          <Card size="small">
            <Statistic title={t('renewal.survey.responseRate')} value={pct(c.responseRate)} data-testid="survey-city-response" />
            <Typography.Text type="secondary" className="hx-survey-note">
              {c.checked} / {c.registerSize}
            </Typography.Text>
          </Card>
        </Col>
        {RATES.map((k) => (
          <Col key={k} xs={24} md={6}>
            <Card size="small" data-testid={`survey-city-${k}`}>
              <Statistic title={t(`renewal.survey.rate.${k}`)} value={pct(c[k])} />
              <ResponseNote f={c} />
              <Typography.Text type="secondary" className="hx-survey-note">
                {t(`renewal.survey.target.${k}`)}
              </Typography.Text>
              {k === 'cncRate' ? (
                <Typography.Text className="hx-survey-note">
                  {c.cncChange === null || r.baselineYear === null
                    ? t('renewal.survey.noBaseline')
                    : t('renewal.survey.change', { year: r.baselineYear, value: `${c.cncChange > 0 ? '+' : ''}${c.cncChange.toFixed(1)}` })}
                </Typography.Text>
              ) : null}
              {k === 'transformationCoverage' ? (
                <Typography.Text className="hx-survey-note">{t('renewal.survey.lowerBound', { rate: pct(c.transformationLowerBound) })}</Typography.Text>
              ) : null}
            </Card>
          </Col>
        ))}
      </Row>
      {r.byTown.length === 0 ? (
        <Empty description={t('renewal.survey.emptyRegister')} />
      ) : (
        <>
          <Card size="small" title={t('renewal.survey.byTown')} className="hx-block">
            <TownChart r={r} />
            <FigureTable rows={[c, ...r.byTown]} testId="survey-by-town" />
          </Card>
          <Card size="small" title={t('renewal.survey.byIndustry')} className="hx-block">
            <FigureTable rows={[c, ...r.byIndustry]} testId="survey-by-industry" />
          </Card>
        </>
      )}
    </div>
  );
}
