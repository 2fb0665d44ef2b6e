import { sql } from 'kysely';
import type { RequestContext } from '../../../core/context.js';
import { shanghaiDate } from '../../../core/time.js';
import type { Queryable } from '../../../db/database.js';
import { PROJECT_SECTORS, PROJECT_STATUSES, PROJECT_TYPES, type ProjectSector, type ProjectType } from '../../../../shared/enums/renewalProjects.js';
import { fundingFigures } from '../funding/overview.js';
import type { OverviewFigures, OverviewQuery, RenewalOverviewView } from './schema.js';

/** The first four characters of a YYYY-MM-DD text: its year, the same way on both databases. */
const yearOf = (column: string) => sql<string>`substr(${sql.ref(column)}, 1, 4)`;

const zero = (): OverviewFigures => ({
  projects: 0,
  plannedFen: 0,
  plannedEquipmentFen: 0,
  completed: 0,
  completedFen: 0,
  completedEquipmentFen: 0,
  startedInYear: 0,
  completedInYearFen: 0,
});
function add(into: OverviewFigures, f: OverviewFigures) {
  for (const k of Object.keys(f) as (keyof OverviewFigures)[]) into[k] += f[k];
}

/** Projects an overview counts: past the enterprise's own draft, and within the filters. */
function counted(db: Queryable, f: OverviewQuery) {
  let out = db.selectFrom('renewal_projects as p').where('p.status', '<>', 'draft');
  if (f.sector) out = out.where('p.sector', '=', f.sector);
  if (f.townId) out = out.where('p.town_id', '=', f.townId);
  return out;
}

/**
 * The renewal overview: projects by status, sector, type, town and year with their planned and completed
 * investment, the year's started projects and completed investment (what A1-T1-01/02 count, here for every sector),
 * the old machine tools and 首台套 the projects carry, and funding by source. A handful of grouped queries whatever
 * the number of projects: one grouped row per sector, type, status and town, summed here.
 */
export async function overviewFigures(
  db: Queryable,
  locale: RequestContext['locale'],
  f: OverviewQuery,
  oldMachineToolYears: number,
): Promise<RenewalOverviewView> {
  const year = f.year ?? Number(shanghaiDate().slice(0, 4));
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const inYear = (column: 'p.started_on' | 'p.completed_on') => sql<boolean>`${sql.ref(column)} >= ${first} and ${sql.ref(column)} <= ${last}`;
  const completedOnly = (column: 'p.actual_investment_fen' | 'p.actual_equipment_fen') =>
    sql<number>`case when p.status = 'completed' then ${sql.ref(column)} else 0 end`;

  const groups = await counted(db, f)
    .innerJoin('organizations as t', 't.id', 'p.town_id')
    .select(['p.sector', 'p.type', 'p.status', 'p.town_id', 't.name as town_name'])
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>('p.planned_investment_fen').as('planned'),
      eb.fn.sum<number>('p.planned_equipment_fen').as('planned_equipment'),
      eb.fn.sum<number>(completedOnly('p.actual_investment_fen')).as('completed_fen'),
      eb.fn.sum<number>(completedOnly('p.actual_equipment_fen')).as('completed_equipment'),
      eb.fn.sum<number>(eb.case().when(inYear('p.started_on')).then(1).else(0).end()).as('started_in_year'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(sql<boolean>`p.status = 'completed' and ${inYear('p.completed_on')}`)
            .then(eb.ref('p.actual_investment_fen'))
            .else(0)
            .end(),
        )
        .as('completed_in_year'),
      eb.fn.sum<number>(eb.fn.coalesce('p.energy_saved_tce', eb.lit(0))).as('energy'),
      eb.fn.sum<number>('p.simplified').as('simplified'),
      eb.fn.sum<number>('p.is_demo').as('demo'),
    ])
    .groupBy(['p.sector', 'p.type', 'p.status', 'p.town_id', 't.name'])
    .execute();

  const totals = zero();
  let energySavedTce = 0;
  let simplified = 0;
  let demoProjects = 0;
  const byStatus = new Map<string, number>();
  const bySector = new Map<ProjectSector, OverviewFigures>();
  const byType = new Map<ProjectType, OverviewFigures>();
  const byTown = new Map<number, OverviewFigures & { townName: string }>();
  for (const g of groups) {
    const n = Number(g.n);
    const fig: OverviewFigures = {
      projects: n,
      plannedFen: Number(g.planned ?? 0),
      plannedEquipmentFen: Number(g.planned_equipment ?? 0),
      completed: g.status === 'completed' ? n : 0,
      completedFen: Number(g.completed_fen ?? 0),
      completedEquipmentFen: Number(g.completed_equipment ?? 0),
      startedInYear: Number(g.started_in_year ?? 0),
      completedInYearFen: Number(g.completed_in_year ?? 0),
    };
    add(totals, fig);
    // Expected savings count once a project is approved; a submission still under review promises nothing yet.
    if (['in_library', 'under_construction', 'completed'].includes(g.status)) energySavedTce += Number(g.energy ?? 0);
    simplified += Number(g.simplified ?? 0);
    demoProjects += Number(g.demo ?? 0);
    byStatus.set(g.status, (byStatus.get(g.status) ?? 0) + n);
    const sector = bySector.get(g.sector) ?? zero();
    add(sector, fig);
    bySector.set(g.sector, sector);
    const type = byType.get(g.type) ?? zero();
    add(type, fig);
    byType.set(g.type, type);
    const townId = Number(g.town_id);
    const town = byTown.get(townId) ?? { ...zero(), townName: g.town_name };
    add(town, fig);
    byTown.set(townId, town);
  }

  const [started, completed, equipment, funding] = await Promise.all([
    counted(db, f)
      .select([yearOf('p.started_on').as('year'), (eb) => eb.fn.countAll<number>().as('n')])
      .where('p.started_on', 'is not', null)
      .where('p.status', 'in', ['under_construction', 'completed'])
      .groupBy(yearOf('p.started_on'))
      .execute(),
    counted(db, f)
      .select([
        yearOf('p.completed_on').as('year'),
        'p.sector',
        (eb) => eb.fn.countAll<number>().as('n'),
        (eb) => eb.fn.sum<number>('p.actual_investment_fen').as('fen'),
        (eb) => eb.fn.sum<number>('p.actual_equipment_fen').as('equipment'),
      ])
      .where('p.status', '=', 'completed')
      .groupBy([yearOf('p.completed_on'), 'p.sector'])
      .execute(),
    equipmentFigures(db, f, oldMachineToolYears),
    fundingFigures(db, locale),
  ]);
  const years = new Map<number, { year: number; started: number; completed: number; completedFen: number }>();
  const yearRow = (y: string) => {
    const k = Number(y);
    const row = years.get(k) ?? { year: k, started: 0, completed: 0, completedFen: 0 };
    years.set(k, row);
    return row;
  };
  for (const s of started) yearRow(s.year).started = Number(s.n);
  for (const c of completed) {
    const row = yearRow(c.year);
    row.completed += Number(c.n);
    row.completedFen += Number(c.fen ?? 0);
  }
  // Equipment investment per sector and year of completion: the figure A1-S-01 grows against 2023, per sector.
  const equipmentBySectorYear = completed
    .map((c) => ({ sector: c.sector, year: Number(c.year), equipmentFen: Number(c.equipment ?? 0) }))
    .sort((a, b) => PROJECT_SECTORS.indexOf(a.sector) - PROJECT_SECTORS.indexOf(b.sector) || a.year - b.year);

  return {
    year,
    totals: { ...totals, energySavedTce: Math.round(energySavedTce * 100) / 100, simplified, demoProjects, ...equipment },
    byStatus: PROJECT_STATUSES.filter((s) => s !== 'draft').map((status) => ({ status, projects: byStatus.get(status) ?? 0 })),
    bySector: PROJECT_SECTORS.map((sector) => ({ sector, ...(bySector.get(sector) ?? zero()) })),
    byType: PROJECT_TYPES.filter((t) => byType.has(t)).map((type) => ({ type, ...byType.get(type)! })),
    byTown: [...byTown.entries()]
      .map(([townId, fig]) => ({ townId, ...fig }))
      .sort((a, b) => b.plannedFen - a.plannedFen || a.townName.localeCompare(b.townName, 'zh-CN')),
    byYear: [...years.values()].sort((a, b) => a.year - b.year),
    equipmentBySectorYear,
    funding: funding.bySource,
  };
}

/** Old machine tools in service over the configured years (units; as projects/queries.ts isOverAge) and 首台套 items. */
async function equipmentFigures(db: Queryable, f: OverviewQuery, years: number) {
  const [old, firstSets] = await Promise.all([
    counted(db, f)
      .innerJoin('renewal_project_old_equipment as o', 'o.project_id', 'p.id')
      .select((eb) => eb.fn.sum<number>('o.count').as('n'))
      .where('o.is_machine_tool', '=', 1)
      .where('o.years_in_service', '>', years)
      .executeTakeFirst(),
    counted(db, f)
      .innerJoin('renewal_project_new_equipment as e', 'e.project_id', 'p.id')
      .select((eb) => eb.fn.sum<number>('e.count').as('n'))
      .where('e.is_first_set', '=', 1)
      .executeTakeFirst(),
  ]);
  return { oldMachineTools: Number(old?.n ?? 0), firstSets: Number(firstSets?.n ?? 0) };
}
