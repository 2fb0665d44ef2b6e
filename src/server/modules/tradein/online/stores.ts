import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError, fieldError, invalidState, notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { inTransaction, type Queryable, type Tx } from '../../../db/database.js';
import { isUniqueViolation } from '../../../db/errors.js';
import { nowIso } from '../../../db/time.js';
import { paginate } from '../../../http/pagination.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { grantsOf } from '../../platform/grants/service.js';
import { onlineStorePolicy } from './policy.js';
import type { ListOnlineStoresQuery, OnlineStoreInput, OnlineStoreUpdate, OnlineStoreView } from './schema.js';

/** Online stores: an enterprise's shops on e-commerce platforms, each under one of its programme enrolments. */

const shopTaken = () => new AppError(409, 'DUPLICATE', 'error.ONLINE_STORE_DUPLICATE', {}, [{ path: 'shopUrl', reason: 'field.tradein.shopUrlTaken' }]);

function selectStores(db: Queryable) {
  return db
    .selectFrom('tradein_online_stores as s')
    .innerJoin('tradein_merchants as m', 'm.id', 's.merchant_id')
    .innerJoin('tradein_programs as g', 'g.id', 'm.program_id')
    .innerJoin('organizations as o', 'o.id', 's.organization_id');
}

const STORE_COLUMNS = [
  's.id',
  's.merchant_id',
  'm.program_id',
  'g.name as program_name',
  's.organization_id',
  'o.name as organization_name',
  's.platform',
  's.shop_name',
  's.shop_url',
  's.status',
  's.created_at',
  's.updated_at',
] as const;

const selectStoreRows = (db: Queryable) => selectStores(db).select(STORE_COLUMNS);
type StoreRow = Awaited<ReturnType<ReturnType<typeof selectStoreRows>['executeTakeFirstOrThrow']>>;

async function toViews(db: Queryable, rows: StoreRow[]): Promise<OnlineStoreView[]> {
  const ids = rows.map((r) => Number(r.id));
  const cats = ids.length
    ? await db.selectFrom('tradein_online_store_categories').selectAll().where('online_store_id', 'in', ids).orderBy('category').execute()
    : [];
  return rows.map((r) => ({
    id: Number(r.id),
    merchantId: Number(r.merchant_id),
    programId: Number(r.program_id),
    programName: r.program_name,
    organizationId: Number(r.organization_id),
    organizationName: r.organization_name,
    platform: r.platform,
    shopName: r.shop_name,
    shopUrl: r.shop_url,
    categories: cats.filter((c) => Number(c.online_store_id) === Number(r.id)).map((c) => c.category),
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

export async function loadOnlineStore(db: Queryable, id: number): Promise<OnlineStoreView> {
  const row = await selectStoreRows(db).where('s.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  const [view] = await toViews(db, [row]);
  return view!;
}

/** The categories must be among the enrolment's; the first one that is not is named. */
async function checkCategories(tx: Tx, merchantId: number, categories: readonly string[]): Promise<string[]> {
  const enrolled = new Set(
    (await tx.selectFrom('tradein_merchant_categories').select('category').where('merchant_id', '=', merchantId).execute()).map((c) => c.category),
  );
  categories.forEach((c, i) => {
    if (!enrolled.has(c)) throw fieldError(`categories.${i}`, 'field.tradein.categoryNotEnrolled');
  });
  return [...new Set(categories)];
}

async function shopExists(tx: Tx, merchantId: number, platform: string, shopUrl: string, except?: number): Promise<boolean> {
  let q = tx
    .selectFrom('tradein_online_stores')
    .select('id')
    .where('merchant_id', '=', merchantId)
    .where('platform', '=', platform as OnlineStoreView['platform'])
    .where('shop_url', '=', shopUrl);
  if (except !== undefined) q = q.where('id', '<>', except);
  return (await q.executeTakeFirst()) !== undefined;
}

/** An enterprise enrols a shop it runs on a platform under one of its approved or pending enrolments. */
export async function createOnlineStore(deps: AppDeps, ctx: RequestContext, input: OnlineStoreInput): Promise<OnlineStoreView> {
  const orgId = ctx.actor.organizationId ?? -1;
  authorize(ctx.actor, onlineStorePolicy, 'create', { organization_id: orgId });
  let id: number;
  try {
    id = await inTransaction(deps.database, async (tx) => {
      const m = await tx.selectFrom('tradein_merchants').select(['id', 'organization_id', 'status']).where('id', '=', input.merchantId).executeTakeFirst();
      if (!m || Number(m.organization_id) !== orgId) throw fieldError('merchantId', 'field.invalid');
      if (m.status !== 'approved' && m.status !== 'pending') throw fieldError('merchantId', 'field.tradein.enrolmentNotOpen');
      const categories = await checkCategories(tx, input.merchantId, input.categories);
      if (await shopExists(tx, input.merchantId, input.platform, input.shopUrl)) throw shopTaken();
      const now = nowIso();
      const row = await tx
        .insertInto('tradein_online_stores')
        .values({
          merchant_id: input.merchantId,
          organization_id: orgId,
          platform: input.platform,
          shop_name: input.shopName,
          shop_url: input.shopUrl,
          status: 'active',
          created_by: ctx.actor.userId,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const storeId = Number(row.id);
      await tx
        .insertInto('tradein_online_store_categories')
        .values(categories.map((category) => ({ online_store_id: storeId, category })))
        .execute();
      await appendAudit(tx, ctx, {
        entity: 'tradein_online_store',
        entityId: storeId,
        action: 'create',
        organizationId: orgId,
        after: { merchantId: input.merchantId, platform: input.platform, shopName: input.shopName, shopUrl: input.shopUrl, categories },
      });
      return storeId;
    });
  } catch (err) {
    // Two enrolments of the same shop at once: the unique constraint kept one.
    throw isUniqueViolation(err) ? shopTaken() : err;
  }
  return loadOnlineStore(deps.database.db, id);
}

/** The enterprise changes a shop's platform, name, address or categories (a closed shop stays closed). */
export async function updateOnlineStore(deps: AppDeps, ctx: RequestContext, id: number, input: OnlineStoreUpdate): Promise<OnlineStoreView> {
  try {
    await inTransaction(deps.database, async (tx) => {
      const s = await tx.selectFrom('tradein_online_stores').selectAll().where('id', '=', id).executeTakeFirst();
      if (!s) throw notFound();
      authorize(ctx.actor, onlineStorePolicy, 'update', { organization_id: Number(s.organization_id) }, id);
      if (s.status === 'closed') throw invalidState('closed');
      const categories = input.categories ? await checkCategories(tx, Number(s.merchant_id), input.categories) : null;
      const platform = input.platform ?? s.platform;
      const shopUrl = input.shopUrl ?? s.shop_url;
      if ((platform !== s.platform || shopUrl !== s.shop_url) && (await shopExists(tx, Number(s.merchant_id), platform, shopUrl, id))) throw shopTaken();
      const before = { platform: s.platform, shopName: s.shop_name, shopUrl: s.shop_url };
      await tx
        .updateTable('tradein_online_stores')
        .set({ platform, shop_name: input.shopName ?? s.shop_name, shop_url: shopUrl, updated_at: nowIso() })
        .where('id', '=', id)
        .execute();
      if (categories) {
        await tx.deleteFrom('tradein_online_store_categories').where('online_store_id', '=', id).execute();
        await tx
          .insertInto('tradein_online_store_categories')
          .values(categories.map((category) => ({ online_store_id: id, category })))
          .execute();
      }
      await appendAudit(tx, ctx, {
        entity: 'tradein_online_store',
        entityId: id,
        action: 'update',
        organizationId: Number(s.organization_id),
        before,
        after: { platform, shopName: input.shopName ?? s.shop_name, shopUrl, ...(categories ? { categories } : {}) },
      });
    });
  } catch (err) {
    throw isUniqueViolation(err) ? shopTaken() : err;
  }
  return loadOnlineStore(deps.database.db, id);
}

/** The enterprise closes a shop: no new orders; orders waiting for their residents may still be confirmed. */
export async function closeOnlineStore(deps: AppDeps, ctx: RequestContext, id: number): Promise<OnlineStoreView> {
  await inTransaction(deps.database, async (tx) => {
    const s = await tx.selectFrom('tradein_online_stores').select(['organization_id', 'status']).where('id', '=', id).executeTakeFirst();
    if (!s) throw notFound();
    authorize(ctx.actor, onlineStorePolicy, 'close', { organization_id: Number(s.organization_id) }, id);
    const closed = await tx
      .updateTable('tradein_online_stores')
      .set({ status: 'closed', updated_at: nowIso() })
      .where('id', '=', id)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (Number(closed.numUpdatedRows) !== 1) throw invalidState('closed');
    await appendAudit(tx, ctx, {
      entity: 'tradein_online_store',
      entityId: id,
      action: 'close',
      organizationId: Number(s.organization_id),
      before: { status: 'active' },
      after: { status: 'closed' },
    });
  });
  return loadOnlineStore(deps.database.db, id);
}

/** A business sees its own shops; supervisors see every shop, by organisation, platform and status. */
export async function listOnlineStores(deps: AppDeps, ctx: RequestContext, q: ListOnlineStoresQuery) {
  const db = deps.database.db;
  const business = ctx.actor.role === 'enterprise' || ctx.actor.role === 'merchant';
  const orgId = business ? (ctx.actor.organizationId ?? -1) : q.organizationId;
  authorize(ctx.actor, onlineStorePolicy, 'list', business ? { organization_id: orgId! } : { grants: await grantsOf(db, ctx.actor, 'tradein') });
  let base = selectStores(db);
  if (orgId !== undefined) base = base.where('s.organization_id', '=', orgId);
  if (q.platform) base = base.where('s.platform', '=', q.platform);
  if (q.status) base = base.where('s.status', '=', q.status);
  const page = await paginate(base, (qb) => qb.select(STORE_COLUMNS).orderBy('s.id', 'desc'), q);
  return { ...page, items: await toViews(db, page.items) };
}
