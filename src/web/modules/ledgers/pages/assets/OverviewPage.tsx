import { Card, Col, Empty, Row, Select, Space, Statistic, Table, Tag, type TableColumnsType } from 'antd';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { Link } from 'react-router';
import { useTowns } from '../../../../api/towns';
import { useUser } from '../../../../auth/AuthProvider';
import { PageHeader } from '../../../../components/PageHeader';
import { LoadError } from '../../../../components/ResultPages';
import { useListParams } from '../../../../components/useListParams';
import { useLocale, useT } from '../../../../i18n/I18nProvider';
import { EVENT_EFFECTS } from '../../../../../shared/ledgers/definition';
import { LEDGER_PAGES, useOverview, type KindView, type OverviewView } from './api';
import { labelOf } from './fields';
import { KindCrumbs, kindName, useRouteId, WithKind } from './parts';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Year by year: the renewal events by effect (bars) and the old assets at each year's end (line, right axis). */
function YearChart({ o, hasOld }: { o: OverviewView; hasOld: boolean }) {
  const t = useT();
  const option = {
    animation: false,
    grid: { left: 8, right: 8, top: 56, bottom: 8, containLabel: true },
    legend: { top: 0, type: 'scroll' },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: o.byYear.map((y) => String(y.year)) },
    yAxis: [
      { type: 'value', name: t('ledgers.assets.overview.events'), minInterval: 1, nameTextStyle: { align: 'left' } },
      ...(hasOld
        ? [{ type: 'value', name: t('ledgers.assets.overview.oldAtEnd'), minInterval: 1, splitLine: { show: false }, nameTextStyle: { align: 'right' } }]
        : []),
    ],
    series: [
      ...EVENT_EFFECTS.map((effect) => ({
        name: t(`ledgers.assets.effect.${effect}`),
        type: 'bar',
        stack: 'events',
        barMaxWidth: 40,
        data: o.byYear.map((y) => y[effect]),
      })),
      ...(hasOld ? [{ name: t('ledgers.assets.overview.oldAtEnd'), type: 'line', yAxisIndex: 1, data: o.byYear.map((y) => y.oldAtEnd) }] : []),
    ],
  };
  return <ReactEChartsCore echarts={echarts} option={option} notMerge className="hx-ledger-chart" data-testid="ledger-overview-chart" />;
}

const percent = (share: number | null | undefined) => (share === null || share === undefined ? '—' : `${(share <= 1 ? share * 100 : share).toFixed(1)}%`);

function OverviewForKind({ kind }: { kind: KindView }) {
  const t = useT();
  const { locale } = useLocale();
  const user = useUser();
  const towns = useTowns();
  const list = useListParams(['townId'] as const);
  const townId = list.state.filters.townId;
  const q = useOverview(kind.id, { townId });
  const o = q.data;
  const def = kind.definition;
  const hasOld = def.oldRule !== null;
  const name = kindName(def, locale);
  const townColumns: TableColumnsType<OverviewView['byTown'][number]> = [
    { key: 'town', title: t('ledgers.assets.list.town'), render: (_, r) => r.townName ?? t('ledgers.assets.overview.noTown') },
    { key: 'inService', title: t('ledgers.assets.overview.inService'), dataIndex: 'inService', align: 'right' },
    ...(hasOld
      ? [
          { key: 'old', title: t('ledgers.assets.overview.old'), dataIndex: 'old', align: 'right' as const },
          {
            key: 'share',
            title: t('ledgers.assets.overview.oldShare'),
            align: 'right' as const,
            render: (_: unknown, r: { inService: number; old: number }) => percent(r.inService ? r.old / r.inService : null),
          },
        ]
      : []),
  ];
  const metricColumns: TableColumnsType<OverviewView['metrics'][number]> = [
    { key: 'label', title: t('ledgers.assets.overview.metric'), render: (_, m) => labelOf(m.label, locale) },
    { key: 'name', title: t('ledgers.assets.overview.metricName'), render: (_, m) => <Tag className="hx-ledger-code">{m.name}</Tag> },
    {
      key: 'value',
      title: t('ledgers.assets.overview.value'),
      align: 'right',
      render: (_, m) => (m.value === null ? '—' : `${m.value.toLocaleString()} ${m.unit}`),
    },
  ];
  return (
    <div data-testid="ledger-overview">
      <KindCrumbs kind={kind} here={t('ledgers.assets.overview.title')} />
      <PageHeader
        title={`${t('ledgers.assets.overview.title')} · ${name}`}
        subtitle={def.planRefs.length ? t('ledgers.assets.overview.serves', { refs: def.planRefs.join('、') }) : undefined}
        extra={
          <Space wrap>
            {user.role !== 'town' ? (
              <Select<string>
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('ledgers.assets.overview.allTowns')}
                value={townId}
                onChange={(v) => list.update({ filters: { townId: v } })}
                options={(towns.data ?? []).map((tw) => ({ value: String(tw.id), label: tw.name }))}
                style={{ minWidth: 160 }}
                data-testid="ledger-overview-town"
              />
            ) : null}
            <Link to={LEDGER_PAGES.assets(kind.id)}>{t('ledgers.assets.overview.toList')}</Link>
          </Space>
        }
      />
      {q.isError ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <>
          <Row gutter={[12, 12]} className="hx-block">
            {[
              { key: 'inService', label: t('ledgers.assets.overview.inService'), value: o?.inService },
              ...(hasOld
                ? [
                    { key: 'old', label: t('ledgers.assets.overview.old'), value: o?.old },
                    { key: 'oldShare', label: t('ledgers.assets.overview.oldShare'), value: o ? percent(o.oldShare) : undefined },
                  ]
                : []),
              { key: 'renewed', label: t('ledgers.assets.overview.renewedThisYear'), value: o?.renewedThisYear },
            ].map((s) => (
              <Col key={s.key} xs={12} md={6}>
                <Card size="small" loading={!o} data-testid={`ledger-overview-${s.key}`}>
                  <Statistic title={s.label} value={s.value ?? '—'} />
                </Card>
              </Col>
            ))}
          </Row>
          <Card className="hx-block" title={t('ledgers.assets.overview.byYear')} loading={!o}>
            {o && o.byYear.length ? <YearChart o={o} hasOld={hasOld} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={10}>
              <Card className="hx-block" title={t('ledgers.assets.overview.byTown')} loading={!o}>
                <Table
                  rowKey={(r) => String(r.townId)}
                  size="small"
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                  dataSource={o?.byTown ?? []}
                  columns={townColumns}
                  data-testid="ledger-overview-towns"
                />
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card className="hx-block" title={t('ledgers.assets.overview.metrics')} loading={!o}>
                <Table
                  rowKey="name"
                  size="small"
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                  dataSource={o?.metrics ?? []}
                  columns={metricColumns}
                  data-testid="ledger-overview-metrics"
                />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </div>
  );
}

/** A ledger's renewal overview: in service, old and renewed, the trend by year, by town, and the figures the plan reads. */
export default function OverviewPage() {
  const id = useRouteId();
  return <WithKind id={id}>{(kind) => <OverviewForKind key={kind.id} kind={kind} />}</WithKind>;
}
