import { sql } from 'kysely';
import type { AppDeps } from '../../../core/deps.js';
import { shanghaiDate } from '../../../core/time.js';
import type { Queryable } from '../../../db/database.js';
import { likePattern, type Page } from '../../../http/pagination.js';
import type { PublicMerchantsQuery, PublicMerchantView } from './schema.js';

/**
 * The residents' store finder (no sign-in): merchants approved in a programme that is active and not yet over,
 * with their stores, their online shops and the programmes they take part in. Every filter applies to one enrolment at a time, so a
 * merchant selling televisions in one town under one programme and fridges elsewhere under another is not listed
 * for fridges in the first town. Nothing about the enrolment beyond that (bank, review) is public.
 */

type Filters = Omit<PublicMerchantsQuery, 'page' | 'pageSize' | 'q'>;

function eligibleEnrolments(db: Queryable, today: string, f: Filters) {
  let q = db
    .selectFrom('tradein_merchants as m')
    .innerJoin('tradein_programs as g', 'g.id', 'm.program_id')
    .where('m.status', '=', 'approved')
    .where('g.status', '=', 'active')
    .where('g.valid_to', '>=', today);
  if (f.programId) q = q.where('m.program_id', '=', f.programId);
  if (f.category) {
    const category = f.category;
    q = q.where((eb) =>
      eb.exists(
        eb.selectFrom('tradein_merchant_categories as c').select('c.merchant_id').whereRef('c.merchant_id', '=', 'm.id').where('c.category', '=', category),
      ),
    );
  }
  if (f.townId) {
    const townId = f.townId;
    q = q.where((eb) => eb.exists(eb.selectFrom('tradein_stores as s').select('s.id').whereRef('s.merchant_id', '=', 'm.id').where('s.town_id', '=', townId)));
  }
  return q;
}

export async function findStores(deps: AppDeps, query: PublicMerchantsQuery, db: Queryable = deps.database.db): Promise<Page<PublicMerchantView>> {
  const today = shanghaiDate();
  const pattern = query.q ? likePattern(query.q) : null;
  const base = db
    .selectFrom('organizations as o')
    .where('o.status', '=', 'active')
    .where((eb) => {
      let enrolments = eligibleEnrolments(db, today, query).select('m.id').where('m.organization_id', '=', eb.ref('o.id'));
      if (pattern)
        enrolments = enrolments.where((e) =>
          e.or([
            sql<boolean>`${eb.ref('o.name')} like ${pattern} escape '\\'`,
            e.exists(
              e
                .selectFrom('tradein_stores as sn')
                .select('sn.id')
                .whereRef('sn.merchant_id', '=', 'm.id')
                .where((x) => sql<boolean>`${x.ref('sn.name')} like ${pattern} escape '\\'`),
            ),
          ]),
        );
      return eb.exists(enrolments);
    });
  const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const orgs = await base
    .select(['o.id', 'o.name'])
    .orderBy('o.name')
    .orderBy('o.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const page = { total: Number(count?.n ?? 0), page: query.page, pageSize: query.pageSize };
  if (orgs.length === 0) return { ...page, items: [] };

  const enrolments = await eligibleEnrolments(db, today, query)
    .select(['m.id', 'm.organization_id', 'g.id as program_id', 'g.name as program_name', 'g.kind', 'g.valid_from', 'g.valid_to'])
    .where(
      'm.organization_id',
      'in',
      orgs.map((o) => Number(o.id)),
    )
    .orderBy('g.valid_from')
    .orderBy('g.id')
    .execute();
  const ids = enrolments.map((e) => Number(e.id));
  const categories = await db
    .selectFrom('tradein_merchant_categories as c')
    .innerJoin('tradein_merchants as m', 'm.id', 'c.merchant_id')
    .innerJoin('tradein_categories as k', (j) => j.onRef('k.program_id', '=', 'm.program_id').onRef('k.category', '=', 'c.category'))
    .select(['c.merchant_id', 'c.category', 'k.name'])
    .where('c.merchant_id', 'in', ids)
    .orderBy('k.sort_order')
    .orderBy('c.category')
    .execute();
  let stores = db
    .selectFrom('tradein_stores as s')
    .innerJoin('organizations as t', 't.id', 's.town_id')
    .select(['s.merchant_id', 's.name', 's.town_id', 't.name as town_name', 's.address'])
    .where('s.merchant_id', 'in', ids);
  // Asked for one town, a resident wants the stores there, not the merchant's others.
  if (query.townId) stores = stores.where('s.town_id', '=', query.townId);
  const storeRows = await stores.orderBy('s.id').execute();
  // Online shops deliver anywhere in the city, so a town filter keeps them; a category filter keeps shops selling it.
  let online = db
    .selectFrom('tradein_online_stores as os')
    .select(['os.id', 'os.merchant_id', 'os.platform', 'os.shop_name', 'os.shop_url'])
    .where('os.merchant_id', 'in', ids)
    .where('os.status', '=', 'active');
  if (query.category) {
    const category = query.category;
    online = online.where((eb) =>
      eb.exists(
        eb
          .selectFrom('tradein_online_store_categories as oc')
          .select('oc.online_store_id')
          .whereRef('oc.online_store_id', '=', 'os.id')
          .where('oc.category', '=', category),
      ),
    );
  }
  const onlineRows = await online.orderBy('os.id').execute();

  const items = orgs.map((o): PublicMerchantView => {
    const mine = enrolments.filter((e) => Number(e.organization_id) === Number(o.id));
    const mineIds = new Set(mine.map((e) => Number(e.id)));
    const catsOf = (merchantId: number) => categories.filter((c) => Number(c.merchant_id) === merchantId).map((c) => ({ category: c.category, name: c.name }));
    const allCats = new Map(mine.flatMap((e) => catsOf(Number(e.id))).map((c) => [c.category, c]));
    // Rolled-over programmes copy the stores: one address is shown once.
    const uniqueStores = new Map(
      storeRows
        .filter((s) => mineIds.has(Number(s.merchant_id)))
        .map((s) => [
          `${s.name}\u0000${Number(s.town_id)}\u0000${s.address}`,
          { name: s.name, townId: Number(s.town_id), townName: s.town_name, address: s.address },
        ]),
    );
    return {
      organizationId: Number(o.id),
      organizationName: o.name,
      categories: [...allCats.values()],
      stores: [...uniqueStores.values()],
      onlineStores: [
        ...new Map(
          onlineRows
            .filter((r) => mineIds.has(Number(r.merchant_id)))
            .map((r) => [`${r.platform}\u0000${r.shop_url}`, { platform: r.platform, shopName: r.shop_name, shopUrl: r.shop_url }]),
        ).values(),
      ],
      programs: mine.map((e) => ({
        id: Number(e.program_id),
        name: e.program_name,
        kind: e.kind,
        validFrom: e.valid_from,
        validTo: e.valid_to,
        categories: catsOf(Number(e.id)),
      })),
    };
  });
  return { ...page, items };
}

/** The categories residents can look for: those of the programmes that are active and not over, each once. */
export async function publicCategories(deps: AppDeps, db: Queryable = deps.database.db): Promise<{ category: string; name: string }[]> {
  const rows = await db
    .selectFrom('tradein_categories as k')
    .innerJoin('tradein_programs as g', 'g.id', 'k.program_id')
    .select(['k.category', 'k.name'])
    .where('g.status', '=', 'active')
    .where('g.valid_to', '>=', shanghaiDate())
    .orderBy('g.id')
    .orderBy('k.sort_order')
    .execute();
  return [...new Map(rows.map((r) => [r.category, { category: r.category, name: r.name }])).values()];
}
