import { type MetricDefinition, type MetricParams, windowDates } from '../../../core/metrics.js';
import { shanghaiDate } from '../../../core/time.js';
import type { Queryable } from '../../../db/database.js';
import { RECYCLING_APPLIANCE_CATEGORIES } from '../../../../shared/enums/recycling.js';

/**
 * Waste household appliances recycled in the window, in units, from the two channels that never overlap: units of
 * appliances recorded at sites (non-void, by intake date and the site's town) and the certificates issued at
 * completed pickups for appliance categories (one per unit, by issue instant and the pickup's town; furniture is not
 * an appliance). What came by pickup is not recorded again at a site — the intake form says so.
 */
async function appliancesRecycled(db: Queryable, p: MetricParams): Promise<number> {
  // The window's end is exclusive; intake dates are Shanghai dates, so the last day in it is the day before `to`.
  let intake = db
    .selectFrom('recycling_intake_records')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('units'), eb.lit(0)).as('n'))
    .where('material', '=', 'appliances')
    .where('status', '=', 'recorded')
    .where('taken_in_on', '>=', shanghaiDate(p.from))
    .where('taken_in_on', '<=', windowDates(p).last);
  if (p.townId) intake = intake.where('town_id', '=', p.townId);
  let certificates = db
    .selectFrom('recycling_certificates as c')
    .innerJoin('recycling_pickups as p', (j) => j.onRef('p.resident_user_id', '=', 'c.resident_user_id').onRef('p.id', '=', 'c.pickup_id'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('c.category', 'in', [...RECYCLING_APPLIANCE_CATEGORIES])
    .where('c.issued_at', '>=', new Date(p.from).toISOString())
    .where('c.issued_at', '<', new Date(p.to).toISOString());
  if (p.townId) certificates = certificates.where('p.town_id', '=', p.townId);
  const [a, b] = await Promise.all([intake.executeTakeFirst(), certificates.executeTakeFirst()]);
  return Number(a?.n ?? 0) + Number(b?.n ?? 0);
}

export const intakeMetrics: MetricDefinition[] = [
  {
    name: 'recycling.intake.appliancesRecycled',
    description:
      '回收废旧家电台数（网点收购登记的台数，不含已作废，加上门回收开具回收证明的家电台数） / waste household appliances recycled, in units (appliance units recorded at sites, voided excluded, plus appliance certificates issued at pickups)',
    unit: '台',
    compute: appliancesRecycled,
  },
];
