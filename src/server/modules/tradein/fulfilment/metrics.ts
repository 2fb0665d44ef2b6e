import { sql } from 'kysely';
import type { MetricDefinition, MetricParams } from '../../../core/metrics.js';
import type { Queryable } from '../../../db/database.js';

const iso = (t: string) => new Date(t).toISOString();

/** A sale's town: its store's for a sale at a till, its delivery town's for one delivered (online ones always are). */
function inTown(townId: number) {
  return sql<boolean>`(f.delivery_town_id = ${townId} or (f.delivery_town_id is null and exists (select 1 from tradein_stores s where s.id = r.store_id and s.town_id = ${townId})))`;
}

function sales(db: Queryable, p: MetricParams) {
  let q = db
    .selectFrom('tradein_redemptions as r')
    .innerJoin('tradein_fulfilments as f', 'f.redemption_id', 'r.id')
    .where('r.status', '=', 'accepted')
    .where('r.created_at', '>=', iso(p.from))
    .where('r.created_at', '<', iso(p.to));
  if (p.townId !== undefined && p.townId !== null) q = q.where(inTown(p.townId));
  return q;
}

/** The average of a duration column over the fulfilments whose step happened in the window, in hours. */
async function averageHours(db: Queryable, p: MetricParams, column: 'delivery_minutes' | 'installation_minutes', at: 'delivered_at' | 'installed_at') {
  let q = db
    .selectFrom('tradein_fulfilments as f')
    .innerJoin('tradein_redemptions as r', 'r.id', 'f.redemption_id')
    .select(sql<number | null>`avg(${sql.ref(`f.${column}`)})`.as('m'))
    .where('r.status', '=', 'accepted')
    .where(`f.${column}`, 'is not', null)
    // A sale carried out of the store is delivered at the till: it says nothing about delivery times.
    .where('f.due_at', 'is not', null)
    .where(`f.${at}`, '>=', iso(p.from))
    .where(`f.${at}`, '<', iso(p.to));
  if (p.townId !== undefined && p.townId !== null) q = q.where(inTown(p.townId));
  const row = await q.executeTakeFirst();
  return row?.m === null || row?.m === undefined ? 0 : Math.round((Number(row.m) / 60) * 10) / 10;
}

/** Online share of subsidised sales, delivery and installation times (the plan's 二(二)2, 市商务局's overview). */
export const fulfilmentMetrics: MetricDefinition[] = [
  {
    name: 'tradein.online.share',
    description:
      'Share of subsidised sales (accepted redemptions of every programme) made online in the window, in per cent, by the delivery town of online sales and the store town of sales at a till.',
    unit: '%',
    compute: async (db, p) => {
      const row = await sales(db, p)
        .select([(eb) => eb.fn.countAll<number>().as('all'), sql<number>`coalesce(sum(case when r.channel = 'online' then 1 else 0 end), 0)`.as('online')])
        .executeTakeFirst();
      const all = Number(row?.all ?? 0);
      return all === 0 ? 0 : Math.round((Number(row?.online ?? 0) / all) * 1000) / 10;
    },
  },
  {
    name: 'tradein.online.units',
    description: 'Subsidised sales made online (accepted redemptions confirmed by the resident) in the window, by delivery town.',
    unit: '台',
    compute: async (db, p) =>
      Number(
        (
          await sales(db, p)
            .where('r.channel', '=', 'online')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirst()
        )?.n ?? 0,
      ),
  },
  {
    name: 'tradein.delivery.hours',
    description: 'Average hours from a subsidised sale to its delivery, over the sales delivered in the window (sales carried out of the store not counted).',
    unit: '小时',
    compute: (db, p) => averageHours(db, p, 'delivery_minutes', 'delivered_at'),
  },
  {
    name: 'tradein.installation.hours',
    description: 'Average hours from delivery to installation, over the sales installed in the window.',
    unit: '小时',
    compute: (db, p) => averageHours(db, p, 'installation_minutes', 'installed_at'),
  },
];
