import { type MetricDefinition, windowDates } from '../../../core/metrics.js';
import { shanghaiDate } from '../../../core/time.js';

/**
 * Scrapped vehicles taken in (报废汽车回收量, the plan's 二(三) "较2023年增加约一倍"): records whose received date is
 * in the window, not withdrawn as a mistake, by the town of the dismantler that took them in — the one town the
 * record always has (an owner may live outside the city; the dismantler's town is where the vehicle was collected).
 */
export const vehiclesMetrics: MetricDefinition[] = [
  {
    name: 'recycling.vehicles.scrappedReceived',
    description:
      '报废机动车回收拆解企业接收的报废车辆数（按接收日期，按拆解企业所在镇街） / scrapped vehicles taken in by qualified dismantlers (by received date; by the dismantler’s town)',
    unit: '辆',
    async compute(db, p) {
      let q = db
        .selectFrom('recycling_scrapped_vehicles')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '<>', 'withdrawn')
        .where('received_on', '>=', shanghaiDate(p.from))
        // The window's end is exclusive: the last day counted is the one before it.
        .where('received_on', '<=', windowDates(p).last);
      if (p.townId) q = q.where('town_id', '=', p.townId);
      const row = await q.executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  },
];
