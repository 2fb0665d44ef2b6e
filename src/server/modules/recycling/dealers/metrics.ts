import { type MetricDefinition, windowDates } from '../../../core/metrics.js';
import { shanghaiDate } from '../../../core/time.js';

/**
 * Used-car trades the dealers recorded (the plan's 二手车 trade, with transfers across regions and exports among
 * them), by trade date within the window, by the dealer's town.
 */
export const dealersMetrics: MetricDefinition[] = [
  {
    name: 'recycling.dealers.usedCarTrades',
    description: '二手车经营主体登记的二手车交易量（按交易日期、经营主体所在镇街） / used-car trades recorded by dealers (by trade date and the dealer’s town)',
    unit: '辆',
    async compute(db, p) {
      let q = db
        .selectFrom('recycling_dealer_trades as tr')
        .innerJoin('recycling_dealers as d', 'd.id', 'tr.dealer_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tr.kind', '=', 'cars')
        .where('tr.traded_on', '>=', shanghaiDate(p.from))
        // The window's end is exclusive.
        .where('tr.traded_on', '<=', windowDates(p).last);
      if (p.townId) q = q.where('d.town_id', '=', p.townId);
      const row = await q.executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  },
];
