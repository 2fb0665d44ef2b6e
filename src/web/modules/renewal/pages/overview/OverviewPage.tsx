import { Alert, Card, Col, Empty, Row, Select, Space, Statistic, Table, type TableColumnsType } from 'antd';
import { useTowns } from '../../../../api/towns';
import { ExportButton } from '../../../../components/ExportButton';
import { PageHeader } from '../../../../components/PageHeader';
import { LoadError } from '../../../../components/ResultPages';
import { useListParams } from '../../../../components/useListParams';
import { useT } from '../../../../i18n/I18nProvider';
import { PROJECT_SECTORS } from '../../../../../shared/enums/renewalProjects';
import { useCode, wan } from '../projects/parts';
import { OVERVIEW_EXPORT_PATH, useRenewalOverview, type RenewalOverviewView } from './api';
import { SectorChart, SourceChart, TownChart, YearChart } from './charts';
import { SectorYearTable } from './SectorYearTable';
import { todayInShanghai } from '../../../../components/format';

const FILTERS = ['year', 'sector', 'townId'] as const;
type Figures = Omit<RenewalOverviewView['bySector'][number], 'sector'>;

/** The plan's years and the present one: the years a renewal figure can belong to. */
function yearOptions(current: number) {
  const last = Math.max(2027, current);
  return Array.from({ length: last - 2023 + 1 }, (_, i) => 2023 + i).map((y) => ({ value: String(y), label: String(y) }));
}

function useFigureColumns(): TableColumnsType<Figures> {
  const t = useT();
  const right = 'right' as const;
  return [
    { key: 'projects', title: t('renewal.overview.col.projects'), dataIndex: 'projects', align: right },
    { key: 'planned', title: t('renewal.overview.col.planned'), align: right, render: (_, r) => wan(r.plannedFen) },
    { key: 'plannedEquipment', title: t('renewal.overview.col.plannedEquipment'), align: right, render: (_, r) => wan(r.plannedEquipmentFen) },
    { key: 'completed', title: t('renewal.overview.col.completed'), dataIndex: 'completed', align: right },
    { key: 'completedFen', title: t('renewal.overview.col.completedFen'), align: right, render: (_, r) => wan(r.completedFen) },
    { key: 'startedInYear', title: t('renewal.overview.col.startedInYear'), dataIndex: 'startedInYear', align: right },
    { key: 'completedInYear', title: t('renewal.overview.col.completedInYear'), align: right, render: (_, r) => wan(r.completedInYearFen) },
  ];
}

function FigureTable<R extends Figures>({
  rows,
  rowKey,
  first,
  testId,
}: {
  rows: R[];
  rowKey: keyof R & string;
  first: TableColumnsType<R>[number];
  testId: string;
}) {
  const columns = useFigureColumns() as TableColumnsType<R>;
  return (
    <Table<R>
      rowKey={rowKey}
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={rows}
      columns={[first, ...columns]}
      data-testid={testId}
    />
  );
}

/**
 * The office's view of equipment renewal (二(一)): where projects stand, investment by sector, town, type and year,
 * the machine tools and 首台套 they carry, and funding by source — with the filters in the address bar and the
 * same figures to Excel.
 */
export default function OverviewPage() {
  const t = useT();
  const code = useCode();
  const towns = useTowns();
  const list = useListParams(FILTERS);
  const { year, sector, townId } = list.state.filters;
  const query = { year, sector, townId };
  const q = useRenewalOverview(query);
  const o = q.data;
  const setFilter = (k: (typeof FILTERS)[number], v: string | undefined) => list.update({ filters: { [k]: v } });
  const shownYear = o?.year ?? Number(todayInShanghai().slice(0, 4));
  const stats = o
    ? ([
        ['projects', String(o.totals.projects)],
        ['planned', wan(o.totals.plannedFen)],
        ['completed', wan(o.totals.completedFen)],
        ['startedInYear', String(o.totals.startedInYear)],
        ['completedInYear', wan(o.totals.completedInYearFen)],
        ['oldMachineTools', String(o.totals.oldMachineTools)],
        ['firstSets', String(o.totals.firstSets)],
        ['energy', o.totals.energySavedTce.toLocaleString()],
      ] as const)
    : [];
  return (
    <div data-testid="page-renewal-overview">
      <PageHeader
        title={t('renewal.overview.nav')}
        subtitle={t('renewal.overview.subtitle')}
        extra={
          <Space wrap>
            <Select
              style={{ width: 100 }}
              value={year ?? String(shownYear)}
              options={yearOptions(shownYear)}
              onChange={(v) => setFilter('year', v)}
              aria-label={t('renewal.overview.filter.year')}
              data-testid="overview-year"
            />
            <Select
              style={{ width: 140 }}
              allowClear
              placeholder={t('renewal.overview.filter.sector')}
              value={sector}
              options={PROJECT_SECTORS.map((s) => ({ value: s, label: code('sector', s) }))}
              onChange={(v?: string) => setFilter('sector', v)}
              aria-label={t('renewal.overview.filter.sector')}
            />
            <Select
              style={{ width: 160 }}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('renewal.overview.filter.town')}
              value={townId}
              options={(towns.data ?? []).map((x) => ({ value: String(x.id), label: x.name }))}
              onChange={(v?: string) => setFilter('townId', v)}
              aria-label={t('renewal.overview.filter.town')}
            />
            <ExportButton path={OVERVIEW_EXPORT_PATH} query={query} fallbackName="renewal-overview.xlsx" testId="renewal-overview-export" />
          </Space>
        }
      />
      {q.isError ? <LoadError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {o && o.totals.projects === 0 ? <Empty description={t('renewal.overview.empty')} data-testid="renewal-overview-empty" /> : null}
      {o && o.totals.projects > 0 ? (
        <>
          {o.totals.demoProjects > 0 ? (
            <Alert
              type="warning"
              showIcon
              className="hx-block"
              data-testid="renewal-overview-demo"
              message={t('renewal.overview.demoIncluded', { n: o.totals.demoProjects })}
            />
          ) : null}
          <Row gutter={[12, 12]} className="hx-block">
            {stats.map(([k, v]) => (
              <Col key={k} xs={12} md={6} xl={3}>
                <Card size="small">
                  <Statistic title={t(`renewal.overview.total.${k}`, { year: shownYear })} value={v} data-testid={`renewal-total-${k}`} />
                </Card>
              </Col>
            ))}
          </Row>
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={12}>
              <Card title={t('renewal.overview.bySector')} size="small" className="hx-block">
                <SectorChart o={o} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={t('renewal.overview.byYear')} size="small" className="hx-block">
                <YearChart o={o} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={t('renewal.overview.byTown')} size="small" className="hx-block">
                <TownChart o={o} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card title={t('renewal.overview.bySource')} size="small" className="hx-block">
                {o.funding.length ? <SourceChart o={o} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
              </Card>
            </Col>
          </Row>
          <Card title={t('renewal.overview.byStatus')} size="small" className="hx-block">
            <Space wrap size="large" data-testid="renewal-by-status">
              {o.byStatus.map((s) => (
                <Statistic key={s.status} title={code('status', s.status)} value={s.projects} />
              ))}
            </Space>
          </Card>
          <Card title={t('renewal.overview.bySector')} size="small" className="hx-block hx-table-card">
            <FigureTable
              rows={o.bySector}
              rowKey="sector"
              testId="renewal-by-sector"
              first={{ key: 'sector', title: t('renewal.overview.col.sector'), render: (_, r) => code('sector', r.sector) }}
            />
          </Card>
          <Card title={t('renewal.overview.equipmentBySectorYear')} size="small" className="hx-block hx-table-card">
            <SectorYearTable o={o} />
          </Card>
          <Card title={t('renewal.overview.byTown')} size="small" className="hx-block hx-table-card">
            <FigureTable
              rows={o.byTown}
              rowKey="townId"
              testId="renewal-by-town"
              first={{ key: 'town', title: t('renewal.overview.col.town'), dataIndex: 'townName' }}
            />
          </Card>
          <Card title={t('renewal.overview.byType')} size="small" className="hx-block hx-table-card">
            <FigureTable
              rows={o.byType}
              rowKey="type"
              testId="renewal-by-type"
              first={{ key: 'type', title: t('renewal.overview.col.type'), render: (_, r) => code('type', r.type) }}
            />
          </Card>
        </>
      ) : null}
    </div>
  );
}
