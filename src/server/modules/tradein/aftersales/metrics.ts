import type { MetricDefinition, MetricParams } from '../../../core/metrics.js';
import type { Queryable } from '../../../db/database.js';
import { average, casesOpened, ratingsOf, responseHoursOf, salesByOrganization } from './figures.js';

const windowOf = (p: MetricParams) => ({ from: new Date(p.from).toISOString(), to: new Date(p.to).toISOString(), townId: p.townId ?? null });

async function totalSales(db: Queryable, p: MetricParams): Promise<number> {
  let n = 0;
  for (const s of (await salesByOrganization(db, windowOf(p))).values()) n += s.sales;
  return n;
}

/**
 * After-sales metrics for the plan and 市商务局's overview. A sale is placed in a town by its store, or for an
 * online sale by its delivery town; a case by its sale. Averages of nothing are null (no data), not 0.
 */
export const afterSalesMetrics: MetricDefinition[] = [
  {
    name: 'tradein.afterSales.complaintRate',
    description:
      'Complaints about subsidised sales opened in the window per 1,000 subsidised sales (accepted redemptions) made in the window, by the town of the sale; null without sales.',
    unit: '‰',
    compute: async (db, p) => {
      const sales = await totalSales(db, p);
      if (sales === 0) return null;
      const complaints = (await casesOpened(db, windowOf(p))).filter((c) => c.kind === 'complaint').length;
      return (complaints * 1000) / sales;
    },
  },
  {
    name: 'tradein.afterSales.responseHours',
    description:
      'Average hours from a resident opening an after-sales case (return, repair, complaint) to the merchant’s first answer, over the cases opened in the window and answered; null when none was.',
    unit: '小时',
    compute: async (db, p) => average(responseHoursOf(await casesOpened(db, windowOf(p)))),
  },
  {
    name: 'tradein.afterSales.satisfaction',
    description: 'Average satisfaction rating (1–5) residents gave the after-sales cases opened in the window; null when none was rated.',
    unit: '分',
    compute: async (db, p) => average(ratingsOf(await casesOpened(db, windowOf(p)))),
  },
];
