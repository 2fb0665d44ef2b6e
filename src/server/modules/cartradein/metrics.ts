import type { Queryable } from '../../db/database.js';
import { type MetricDefinition, type MetricParams, windowDates } from '../../core/metrics.js';
import { shanghaiDate } from '../../core/time.js';
import type { CarEventType } from './tables.js';
import { LIVE_EVENT_STATUSES } from './events/workflow.js';

/**
 * The car trade-in figures the plan's computed indicators read (DESIGN.md "Modules"). A car counts when its
 * application is approved (approved, in payment or paid), in the window of its approval, and in the town the
 * applicant named. Applications made before the town was asked name none: they count for the city and, apart, in
 * `tradein.car.subsidisedCarsTownUnknown`, never for a town (nothing says which). Events carry their town.
 */

const SUBSIDISED = ['approved', 'in_payment', 'paid'] as const;
const CAR_EVENTS: CarEventType[] = ['car_promotion', 'car_carnival', 'car_expo'];
const APPLIANCE_RURAL_COMMUNITY: CarEventType[] = ['appliance_rural', 'appliance_community'];

function approvedInWindow(db: Queryable, p: MetricParams) {
  const q = db.selectFrom('cartradein_applications').where('status', 'in', SUBSIDISED).where('approved_at', '>=', p.from).where('approved_at', '<', p.to);
  return p.townId ? q.where('town_id', '=', p.townId) : q;
}

/**
 * Events held in the window: published (or held; never a draft or a cancelled one), starting within it, and
 * started by today (a published event next month has not been held yet, whether or not its results are in). The window's instants are local midnights, so
 * their Shanghai dates bound the start date: from inclusive, to exclusive.
 */
async function eventsHeld(db: Queryable, p: MetricParams, types: CarEventType[]): Promise<number> {
  const today = shanghaiDate();
  let q = db
    .selectFrom('cartradein_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('type', 'in', types)
    .where('status', 'in', LIVE_EVENT_STATUSES)
    .where('starts_on', '>=', shanghaiDate(p.from))
    // An event starts at its day's midnight: it is in the window when that instant is before `to`, which the plan
    // also passes as "now" (mid-day) for the running month, so an event starting today counts today.
    .where('starts_on', '<=', windowDates(p).last)
    .where('starts_on', '<=', today);
  if (p.townId) q = q.where('town_id', '=', p.townId);
  const row = await q.executeTakeFirst();
  return Number(row?.n ?? 0);
}

export const carTradeinMetrics: MetricDefinition[] = [
  {
    name: 'tradein.car.subsidisedCars',
    description:
      '以旧换新获得补贴的汽车数量（审核通过、拨付中、已拨付的报废更新与置换更新申请，按审核通过时间计） / cars traded in with a subsidy (approved applications, by approval date)',
    unit: '万辆',
    async compute(db, p) {
      const row = await approvedInWindow(db, p)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      return Number(row?.n ?? 0) / 10_000;
    },
  },
  {
    name: 'tradein.car.subsidisedCarsTownUnknown',
    description:
      '获得补贴但申请未填写所属镇街的汽车数量（早于填写镇街的申请，计入全市，不计入任何镇街） / subsidised cars whose application names no town (made before the town was asked): in the city’s figure, in no town’s',
    unit: '万辆',
    async compute(db, p) {
      if (p.townId) return 0;
      const row = await approvedInWindow(db, p)
        .where('town_id', 'is', null)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      return Number(row?.n ?? 0) / 10_000;
    },
  },
  {
    name: 'tradein.car.nevShare',
    description: '获得补贴的新车中新能源汽车占比（按审核通过时间计） / share of new-energy cars among the new cars of approved applications',
    unit: '%',
    async compute(db, p) {
      const rows = await approvedInWindow(db, p)
        .select(['new_energy_type'])
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .groupBy('new_energy_type')
        .execute();
      const total = rows.reduce((s, r) => s + Number(r.n), 0);
      const nev = rows.filter((r) => r.new_energy_type === 'nev').reduce((s, r) => s + Number(r.n), 0);
      return total === 0 ? 0 : Math.round((nev / total) * 10_000) / 100;
    },
  },
  {
    name: 'tradein.events.carPerYear',
    description: '举办的汽车以旧换新促销、嘉年华、展销会活动场次 / car trade-in promotions, carnivals and expos held',
    unit: '场',
    compute: (db, p) => eventsHeld(db, p, CAR_EVENTS),
  },
  {
    name: 'tradein.events.applianceRuralCommunityPerYear',
    description: '举办的家电进乡村、家电进社区活动场次 / appliances-to-villages and appliances-to-communities events held',
    unit: '场',
    compute: (db, p) => eventsHeld(db, p, APPLIANCE_RURAL_COMMUNITY),
  },
];
