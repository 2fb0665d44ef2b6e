import { type MetricDefinition, type MetricParams, windowDates } from '../../core/metrics.js';
import { shanghaiDate } from '../../core/time.js';
import type { Queryable } from '../../db/database.js';
import type { RecyclingSiteKind } from '../../../shared/enums/recycling.js';
import { intakeMetrics } from './intake/metrics.js';
import { vehiclesMetrics } from './vehicles/metrics.js';
import { dealersMetrics } from './dealers/metrics.js';

/**
 * The recycling figures the plan's computed indicators read (A3-T1-01/02: 新改扩建分拣中心/回收站). A site counts
 * when it is new, rebuilt or expanded, was completed (`completed_on`) within the window, and has not been banned
 * since (a site shut as unlicensed or unsafe is not one the plan built); by the town it is in.
 */
async function sitesBuilt(db: Queryable, p: MetricParams, kind: RecyclingSiteKind): Promise<number> {
  let q = db
    .selectFrom('recycling_sites')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', kind)
    .where('origin', 'in', ['new', 'rebuilt', 'expanded'])
    .where('status', '!=', 'banned')
    .where('completed_on', '>=', shanghaiDate(p.from))
    // The window's end is exclusive, and the plan passes "now" as the end of the running month: a site completed
    // today counts today.
    .where('completed_on', '<=', windowDates(p).last);
  if (p.townId) q = q.where('town_id', '=', p.townId);
  const row = await q.executeTakeFirst();
  return Number(row?.n ?? 0);
}

export const recyclingMetrics: MetricDefinition[] = [
  {
    name: 'recycling.sites.sortingCentresBuilt',
    description:
      '新改扩建并建成的分拣中心数（按建成日期，不含已取缔） / sorting centres newly built, rebuilt or expanded (by completion date; banned ones excluded)',
    unit: '个',
    compute: (db, p) => sitesBuilt(db, p, 'sorting_centre'),
  },
  {
    name: 'recycling.sites.stationsBuilt',
    description:
      '新改扩建并建成的回收站数（按建成日期，不含已取缔） / recycling stations newly built, rebuilt or expanded (by completion date; banned ones excluded)',
    unit: '个',
    compute: (db, p) => sitesBuilt(db, p, 'station'),
  },
  ...intakeMetrics,
  ...vehiclesMetrics,
  ...dealersMetrics,
];
