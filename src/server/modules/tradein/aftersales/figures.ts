import { sql } from 'kysely';
import type { Queryable } from '../../../db/database.js';
import type { AfterSalesKind, AfterSalesStatus } from '../../../../shared/enums/tradein.js';

/** A window of instants, `from` inclusive and `to` exclusive (ISO UTC), and optionally one town. */
export interface FigureWindow {
  from: string;
  to: string;
  townId?: number | null | undefined;
}

/**
 * The sales placed in a town: a sale at a till by its store's town, an online sale by the town it was delivered
 * to (the plan's metrics count sales where the resident lives or shops, never the merchant's seat).
 */
function salesInTown(db: Queryable, townId: number) {
  return db
    .selectFrom('tradein_redemptions as tr')
    .leftJoin('tradein_stores as ts', 'ts.id', 'tr.store_id')
    .leftJoin('tradein_fulfilments as tf', 'tf.redemption_id', 'tr.id')
    .select('tr.id')
    .where((eb) => eb.or([eb('ts.town_id', '=', townId), eb.and([eb('tr.channel', '=', 'online'), eb('tf.delivery_town_id', '=', townId)])]));
}

/**
 * Subsidised sales that stand (accepted redemptions; reversed, rejected and held ones do not count) made in the
 * window, per merchant organisation, with how many were online.
 */
export async function salesByOrganization(db: Queryable, w: FigureWindow): Promise<Map<number, { sales: number; online: number }>> {
  let q = db
    .selectFrom('tradein_redemptions as r')
    .select([
      'r.organization_id',
      (eb) => eb.fn.countAll<number>().as('sales'),
      sql<number>`coalesce(sum(case when r.channel = 'online' then 1 else 0 end), 0)`.as('online'),
    ])
    .where('r.status', '=', 'accepted')
    .where('r.created_at', '>=', w.from)
    .where('r.created_at', '<', w.to)
    .groupBy('r.organization_id');
  if (w.townId !== undefined && w.townId !== null) q = q.where('r.id', 'in', salesInTown(db, w.townId));
  const rows = await q.execute();
  return new Map(rows.map((r) => [Number(r.organization_id), { sales: Number(r.sales), online: Number(r.online) }]));
}

export interface CaseFact {
  organizationId: number;
  kind: AfterSalesKind;
  status: AfterSalesStatus;
  openedAt: string;
  respondedAt: string | null;
  rating: number | null;
}

/** The cases opened in the window (on sales placed in the town, when one is asked for). */
export async function casesOpened(db: Queryable, w: FigureWindow): Promise<CaseFact[]> {
  let q = db
    .selectFrom('tradein_after_sales_cases as c')
    .select(['c.organization_id', 'c.kind', 'c.status', 'c.opened_at', 'c.responded_at', 'c.rating'])
    .where('c.opened_at', '>=', w.from)
    .where('c.opened_at', '<', w.to);
  if (w.townId !== undefined && w.townId !== null) q = q.where('c.redemption_id', 'in', salesInTown(db, w.townId));
  const rows = await q.execute();
  return rows.map((r) => ({
    organizationId: Number(r.organization_id),
    kind: r.kind,
    status: r.status,
    openedAt: r.opened_at,
    respondedAt: r.responded_at,
    rating: r.rating === null ? null : Number(r.rating),
  }));
}

/** Hours from opening to the first answer of each answered case. */
export const responseHoursOf = (cases: readonly CaseFact[]): number[] =>
  cases.filter((c) => c.respondedAt !== null).map((c) => (Date.parse(c.respondedAt!) - Date.parse(c.openedAt)) / 3_600_000);

export const average = (xs: readonly number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

export function median(xs: readonly number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export const ratingsOf = (cases: readonly CaseFact[]): number[] => cases.filter((c) => c.rating !== null).map((c) => c.rating!);
