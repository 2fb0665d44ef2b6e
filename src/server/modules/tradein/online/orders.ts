import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError, fieldError, notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { enter, move } from '../../../core/workflow.js';
import { inTransaction, type Queryable, type Tx } from '../../../db/database.js';
import { isUniqueViolation } from '../../../db/errors.js';
import { nowIso } from '../../../db/time.js';
import { likePattern, paginate } from '../../../http/pagination.js';
import { grantsOf } from '../../platform/grants/service.js';
import { parseRule, rateFor } from '../programs/rules.js';
import { invoiceAlreadyUsed, serialAlreadySubsidised, serialKey } from '../redemptions/sale.js';
import { invoiceTaken, serialTaken } from '../redemptions/saleKeys.js';
import { maskStart } from '../risk/rules.js';
import { normalisedVoucherCode } from '../vouchers/service.js';
import { voucherByCode } from '../vouchers/voucherKey.js';
import { otherPlaceNamed } from './city.js';
import { ORDER_COLUMNS, orderView, selectOrders, toOrderViews } from './orderViews.js';
import { onlineOrderPolicy } from './policy.js';
import type { ExportOnlineOrdersQuery, ListOnlineOrdersQuery, OnlineOrderInput, OnlineOrderView } from './schema.js';
import { onlineOrderWorkflow } from './workflow.js';

const MINUTE_MS = 60_000;

export const orderNumberUsed = () =>
  new AppError(409, 'ORDER_NUMBER_USED', 'error.ORDER_NUMBER_USED', {}, [{ path: 'orderNumber', reason: 'field.tradein.orderNumberUsed' }]);
export const orderWaiting = () =>
  new AppError(409, 'ORDER_AWAITING_CONFIRMATION', 'error.ORDER_AWAITING_CONFIRMATION', {}, [{ path: 'voucherCode', reason: 'field.tradein.orderWaiting' }]);
const outsideCity = (path: 'deliveryTownId' | 'deliveryAddress', place?: string) =>
  fieldError(path, 'field.tradein.deliveryOutsideCity', place ? { place } : undefined);

/**
 * A unique violation of the orders table or of tradein_online_order_numbers, named (SQLite names columns,
 * PostgreSQL the constraint).
 */
export function orderConflict(err: unknown): AppError | null {
  if (!isUniqueViolation(err)) return null;
  const text = `${(err as { constraint?: string }).constraint ?? ''} ${(err as Error).message}`;
  if (/tradein_online_orders_number|order_number/.test(text)) return orderNumberUsed();
  if (/one_waiting|tradein_online_orders\.voucher_id/.test(text)) return orderWaiting();
  return null;
}

/** The delivery must stay in the city: a town of the city, and an address that names no other city or province. */
async function checkDelivery(tx: Tx, townId: number, address: string): Promise<void> {
  const town = await tx
    .selectFrom('organizations')
    .select('id')
    .where('id', '=', townId)
    .where('kind', '=', 'town')
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (!town) throw outsideCity('deliveryTownId');
  const other = otherPlaceNamed(address);
  if (other) throw outsideCity('deliveryAddress', other);
}

/**
 * Merchant staff enter an order placed in one of their active online shops against a resident's voucher. What the
 * merchant can be told at once is checked here; the voucher is not touched: the resident confirms the order on
 * their phone, and only then is the sale made, with every check of a sale made again (see confirm.ts).
 */
export async function enterOnlineOrder(deps: AppDeps, ctx: RequestContext, input: OnlineOrderInput): Promise<OnlineOrderView> {
  const orgId = ctx.actor.organizationId ?? -1;
  authorize(ctx.actor, onlineOrderPolicy, 'create', { organization_id: orgId });
  const code = normalisedVoucherCode(input.voucherCode, 'voucherCode');
  const minutes = await deps.parameters.get('tradein.onlineOrderConfirmMinutes');
  let id: number;
  try {
    id = await inTransaction(deps.database, async (tx) => {
      const store = await tx.selectFrom('tradein_online_stores').selectAll().where('id', '=', input.onlineStoreId).executeTakeFirst();
      if (!store || Number(store.organization_id) !== orgId) throw fieldError('onlineStoreId', 'field.invalid');
      if (store.status !== 'active') throw fieldError('onlineStoreId', 'field.tradein.onlineStoreClosed');
      const voucher = await voucherByCode(tx, code);
      if (!voucher) throw fieldError('voucherCode', 'field.invalid');
      const now = nowIso();
      if (voucher.status !== 'active') throw new AppError(409, 'VOUCHER_NOT_ACTIVE', 'error.VOUCHER_NOT_ACTIVE', { status: voucher.status });
      if (voucher.expires_at <= now) throw new AppError(409, 'VOUCHER_EXPIRED', 'error.VOUCHER_EXPIRED');
      const enrolment = await tx.selectFrom('tradein_merchants').select(['program_id', 'status']).where('id', '=', store.merchant_id).executeTakeFirstOrThrow();
      const sells = await tx
        .selectFrom('tradein_online_store_categories')
        .select('category')
        .where('online_store_id', '=', store.id)
        .where('category', '=', voucher.category)
        .executeTakeFirst();
      if (!sells || Number(enrolment.program_id) !== Number(voucher.program_id))
        throw new AppError(409, 'ONLINE_STORE_CATEGORY', 'error.ONLINE_STORE_CATEGORY', {}, [{ path: 'onlineStoreId', reason: 'field.invalid' }]);
      if (enrolment.status !== 'approved') throw new AppError(409, 'MERCHANT_NOT_ENROLLED', 'error.MERCHANT_NOT_ENROLLED');
      const product = await tx.selectFrom('tradein_products').selectAll().where('id', '=', input.productId).executeTakeFirst();
      if (!product || Number(product.organization_id) !== orgId || product.status !== 'active') throw fieldError('productId', 'field.invalid');
      if (product.category !== voucher.category)
        throw new AppError(409, 'VOUCHER_CATEGORY_MISMATCH', 'error.VOUCHER_CATEGORY_MISMATCH', {}, [{ path: 'productId', reason: 'field.invalid' }]);
      const version = await tx.selectFrom('tradein_rule_versions').select('rule_json').where('id', '=', voucher.rule_version_id).executeTakeFirstOrThrow();
      const rule = parseRule(version.rule_json);
      if (rule.priceCeilingFen !== null && input.price > rule.priceCeilingFen)
        throw new AppError(409, 'PRICE_ABOVE_CEILING', 'error.PRICE_ABOVE_CEILING', { ceiling: rule.priceCeilingFen }, [
          { path: 'price', reason: 'field.invalid' },
        ]);
      if (rateFor(rule, product.efficiency_grade) === null)
        throw new AppError(409, 'PRODUCT_NOT_ELIGIBLE', 'error.PRODUCT_NOT_ELIGIBLE', {}, [{ path: 'productId', reason: 'field.invalid' }]);
      // An online sale carries no old item to the till; a rule that asks for proof cannot be met online yet.
      if (rule.evidence.oldItemProof) throw fieldError('voucherCode', 'field.tradein.onlineNeedsOldItem');
      await checkDelivery(tx, input.deliveryTownId, input.deliveryAddress);
      if (await serialTaken(tx, serialKey(input.serialNumber))) throw serialAlreadySubsidised();
      if (await invoiceTaken(tx, input.invoiceNumber)) throw invoiceAlreadyUsed();
      const taken = await tx
        .selectFrom('tradein_online_order_numbers')
        .select('online_order_id')
        .where('online_store_id', '=', store.id)
        .where('order_number', '=', input.orderNumber)
        .executeTakeFirst();
      if (taken) throw orderNumberUsed();
      const waiting = await tx
        .selectFrom('tradein_online_orders')
        .select('id')
        .where('holder_user_id', '=', voucher.holder_user_id)
        .where('voucher_id', '=', voucher.id)
        .where('status', '=', 'awaiting_confirmation')
        .executeTakeFirst();
      if (waiting) throw orderWaiting();
      const row = await tx
        .insertInto('tradein_online_orders')
        .values({
          online_store_id: Number(store.id),
          merchant_id: Number(store.merchant_id),
          organization_id: orgId,
          voucher_id: Number(voucher.id),
          holder_user_id: Number(voucher.holder_user_id),
          product_id: Number(product.id),
          order_number: input.orderNumber,
          serial_number: input.serialNumber,
          invoice_number: input.invoiceNumber,
          price_fen: input.price,
          delivery_town_id: input.deliveryTownId,
          delivery_address_enc: deps.sealer.seal(input.deliveryAddress),
          delivery_address_mask: maskStart(input.deliveryAddress, 6),
          status: 'awaiting_confirmation',
          expires_at: new Date(Date.parse(now) + minutes * MINUTE_MS).toISOString(),
          redemption_id: null,
          decided_at: null,
          created_by: ctx.actor.userId,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const orderId = Number(row.id);
      // Unique per store across holders (orders are distributed by holder on Citus, where their own unique key must
      // hold the holder): this row's primary key refuses a second order with the number, racing or not.
      await tx
        .insertInto('tradein_online_order_numbers')
        .values({
          online_store_id: Number(store.id),
          order_number: input.orderNumber,
          holder_user_id: Number(voucher.holder_user_id),
          online_order_id: orderId,
        })
        .execute();
      await enter(tx, ctx, onlineOrderWorkflow, {
        id: orderId,
        action: 'place',
        organizationId: orgId,
        params: { orderNumber: input.orderNumber, onlineStoreId: Number(store.id) },
        audit: {
          after: {
            onlineStoreId: Number(store.id),
            voucherId: Number(voucher.id),
            productId: Number(product.id),
            orderNumber: input.orderNumber,
            serialNumber: input.serialNumber,
            invoiceNumber: input.invoiceNumber,
            price: input.price,
            deliveryTownId: input.deliveryTownId,
            deliveryAddress: maskStart(input.deliveryAddress, 6),
          },
        },
        notify: {
          userId: Number(voucher.holder_user_id),
          kind: 'tradein_online_order_to_confirm',
          params: { shop: store.shop_name, orderNumber: input.orderNumber, amount: (input.price / 100).toFixed(2) },
          link: '/tradein/my/orders',
          dedupeKey: `tradein-online-order-to-confirm:${orderId}`,
        },
      });
      return orderId;
    });
  } catch (err) {
    throw orderConflict(err) ?? err;
  }
  return orderView(deps, ctx.actor, id);
}

/** Merchant staff withdraw an order the resident has not confirmed (a cancelled sale on the platform). */
export async function cancelOnlineOrder(deps: AppDeps, ctx: RequestContext, id: number): Promise<OnlineOrderView> {
  await inTransaction(deps.database, async (tx) => {
    const o = await tx
      .selectFrom('tradein_online_orders')
      .select(['organization_id', 'holder_user_id', 'status', 'order_number'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!o) throw notFound();
    authorize(ctx.actor, onlineOrderPolicy, 'cancel', { organization_id: Number(o.organization_id) }, id);
    await move(tx, ctx, onlineOrderWorkflow, {
      id,
      action: 'cancel',
      from: o.status,
      set: { decided_at: nowIso() },
      organizationId: Number(o.organization_id),
      notify: {
        userId: Number(o.holder_user_id),
        kind: 'tradein_online_order_cancelled',
        params: { orderNumber: o.order_number },
        link: '/tradein/my/orders',
        dedupeKey: `tradein-online-order-cancelled:${id}`,
      },
    });
  });
  return orderView(deps, ctx.actor, id);
}

/** The orders a merchant or a supervisor may list, filtered. */
async function scopedOrders(deps: AppDeps, ctx: RequestContext, q: ExportOnlineOrdersQuery, action: 'list' | 'export') {
  const db: Queryable = deps.database.db;
  const business = ctx.actor.role === 'enterprise' || ctx.actor.role === 'merchant';
  const orgId = business ? (ctx.actor.organizationId ?? -1) : q.organizationId;
  authorize(ctx.actor, onlineOrderPolicy, action, business ? { organization_id: orgId! } : { grants: await grantsOf(db, ctx.actor, 'tradein') });
  let base = selectOrders(db);
  if (orgId !== undefined) base = base.where('x.organization_id', '=', orgId);
  if (q.status) base = base.where('x.status', '=', q.status);
  if (q.onlineStoreId) base = base.where('x.online_store_id', '=', q.onlineStoreId);
  if (q.q) {
    const pattern = likePattern(q.q);
    base = base.where((eb) => eb('x.order_number', 'like', pattern));
  }
  return base;
}

const SORT_COLUMN = { createdAt: 'x.created_at', expiresAt: 'x.expires_at', price: 'x.price_fen' } as const;

/** Online orders: a business sees its own, supervisors every one (addresses masked). */
export async function listOnlineOrders(deps: AppDeps, ctx: RequestContext, q: ListOnlineOrdersQuery) {
  const base = await scopedOrders(deps, ctx, q, 'list');
  const page = await paginate(base, (qb) => qb.select(ORDER_COLUMNS).orderBy(SORT_COLUMN[q.sort], q.order).orderBy('x.id', q.order), q);
  return { ...page, items: await toOrderViews(deps, ctx.actor, page.items) };
}

/** An export is a document, not a dump: this many rows at most, newest first. */
export const EXPORT_LIMIT = 10_000;

export async function ordersToExport(deps: AppDeps, ctx: RequestContext, q: ExportOnlineOrdersQuery): Promise<OnlineOrderView[]> {
  const base = await scopedOrders(deps, ctx, q, 'export');
  return toOrderViews(deps, ctx.actor, await base.select(ORDER_COLUMNS).orderBy('x.id', 'desc').limit(EXPORT_LIMIT).execute());
}
