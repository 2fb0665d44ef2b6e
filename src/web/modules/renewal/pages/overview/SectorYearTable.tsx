import { Table, Typography } from 'antd';
import { useT } from '../../../../i18n/I18nProvider';
import { PROJECT_SECTORS, type ProjectSector } from '../../../../../shared/enums/renewalProjects';
import { useCode, wan } from '../projects/parts';
import type { RenewalOverviewView } from './api';

/** The plan's baseline year for equipment investment (二(一) 较2023年增长25%以上). */
const BASELINE_YEAR = 2023;

/**
 * Equipment investment of completed projects per sector and year of completion, with the growth of the chosen
 * year over 2023 where 2023 has a figure: A1-S-01 sector by sector, from the projects recorded here.
 */
export function SectorYearTable({ o }: { o: RenewalOverviewView }) {
  const t = useT();
  const code = useCode();
  const years = [...new Set([BASELINE_YEAR, ...o.equipmentBySectorYear.map((r) => r.year), o.year])].sort((a, b) => a - b);
  const cell = (sector: ProjectSector, year: number) => o.equipmentBySectorYear.find((r) => r.sector === sector && r.year === year)?.equipmentFen ?? 0;
  const rows = PROJECT_SECTORS.map((sector) => ({ sector }));
  return (
    <Table
      rowKey="sector"
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={rows}
      data-testid="renewal-equipment-by-sector-year"
      columns={[
        { key: 'sector', title: t('renewal.overview.col.sector'), render: (_, r) => code('sector', r.sector) },
        ...years.map((y) => ({
          key: String(y),
          title: String(y),
          align: 'right' as const,
          render: (_: unknown, r: { sector: ProjectSector }) => wan(cell(r.sector, y)),
        })),
        {
          key: 'growth',
          title: t('renewal.overview.col.growthOver2023', { year: o.year }),
          align: 'right' as const,
          render: (_: unknown, r: { sector: ProjectSector }) => {
            const base = cell(r.sector, BASELINE_YEAR);
            if (base === 0) return <Typography.Text type="secondary">{t('renewal.overview.noBaseline')}</Typography.Text>;
            return `${(((cell(r.sector, o.year) - base) / base) * 100).toFixed(1)}%`;
          },
        },
      ]}
    />
  );
}
