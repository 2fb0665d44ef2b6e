import type { AppDeps } from '../../../core/deps.js';
import { systemContext, type RequestContext } from '../../../core/context.js';
import { AppError, invalidState, notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { move } from '../../../core/workflow.js';
import { inTransaction, type Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { paginate } from '../../../http/pagination.js';
import { makeSale, saleConflict } from '../redemptions/sale.js';
import { ORDER_COLUMNS, orderView, selectOrders, toOrderViews } from './orderViews.js';
import { onlineOrderPolicy } from './policy.js';
import type { OnlineOrderView } from './schema.js';
import { onlineOrderWorkflow } from './workflow.js';

/** The resident's side of an online order: read it on the phone, confirm it (the sale is made) or decline it. */

export const EXPIRY_ACTOR = 'tradein.onlineOrders.expire';
const orderExpired = () => new AppError(409, 'ORDER_EXPIRED', 'error.ORDER_EXPIRED');

/** My online orders, newest first: what I am asked to confirm, and what became of the others. */
export async function listMyOnlineOrders(deps: AppDeps, ctx: RequestContext, q: { page: number; pageSize: number }) {
  authorize(ctx.actor, onlineOrderPolicy, 'listMine');
  const base = selectOrders(deps.database.db).where('x.holder_user_id', '=', ctx.actor.userId ?? -1);
  const page = await paginate(base, (qb) => qb.select(ORDER_COLUMNS).orderBy('x.created_at', 'desc').orderBy('x.id', 'desc'), q);
  return { ...page, items: await toOrderViews(deps, ctx.actor, page.items) };
}

async function loadForResident(tx: Tx, ctx: RequestContext, id: number, action: 'confirm' | 'decline') {
  const o = await tx.selectFrom('tradein_online_orders').selectAll().where('id', '=', id).executeTakeFirst();
  if (!o) throw notFound();
  authorize(ctx.actor, onlineOrderPolicy, action, { holder_user_id: Number(o.holder_user_id) }, id);
  if (o.status !== 'awaiting_confirmation') throw invalidState(o.status);
  return o;
}

/** An order past its time ends as expired, by the system (the resident's late confirmation only found it so). */
export async function expireOrder(tx: Tx, id: number, organizationId: number): Promise<boolean> {
  const moved = await tx
    .updateTable('tradein_online_orders')
    .set({ status: 'expired', decided_at: nowIso(), updated_at: nowIso() })
    .where('id', '=', id)
    .where('status', '=', 'awaiting_confirmation')
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) !== 1) return false;
  // Written as a move already made: the conditional update above is the move, this records it.
  await onlineOrderWorkflow.effects.appendTimeline(tx, systemContext(EXPIRY_ACTOR), {
    entity: onlineOrderWorkflow.kind,
    entityId: id,
    action: 'expire',
    from: 'awaiting_confirmation',
    to: 'expired',
    organizationId,
    note: null,
    reasons: [],
    params: {},
  });
  await onlineOrderWorkflow.effects.appendAudit(tx, systemContext(EXPIRY_ACTOR), {
    entity: onlineOrderWorkflow.kind,
    entityId: id,
    action: 'expire',
    organizationId,
    before: { status: 'awaiting_confirmation' },
    after: { status: 'expired' },
  });
  return true;
}

/**
 * The resident confirms the order on their phone: in one transaction the sale is made (makeSale: every check of a
 * sale, the voucher consumed, the budget used, delivery followed, risk assessed) and the order is confirmed. An
 * order past its time is not confirmed: it is marked expired in a transaction of its own and the voucher stays.
 */
export async function confirmOnlineOrder(deps: AppDeps, ctx: RequestContext, id: number): Promise<OnlineOrderView> {
  let late = null as { organizationId: number } | null;
  try {
    await inTransaction(deps.database, async (tx) => {
      const o = await loadForResident(tx, ctx, id, 'confirm');
      if (o.expires_at <= nowIso()) {
        // Nothing is written here: the refusal must not roll back an expiry, so that is recorded after.
        late = { organizationId: Number(o.organization_id) };
        return;
      }
      const redemptionId = await makeSale(tx, deps, ctx, {
        voucher: { holderUserId: Number(o.holder_user_id), voucherId: Number(o.voucher_id) },
        organizationId: Number(o.organization_id),
        channel: 'online',
        onlineOrderId: id,
        delivery: { townId: Number(o.delivery_town_id), address: deps.sealer.open(o.delivery_address_enc) },
        productId: Number(o.product_id),
        serialNumber: o.serial_number,
        price: Number(o.price_fen),
        invoiceNumber: o.invoice_number,
      });
      await move(tx, ctx, onlineOrderWorkflow, {
        id,
        action: 'confirm',
        from: 'awaiting_confirmation',
        set: { redemption_id: redemptionId, decided_at: nowIso() },
        organizationId: Number(o.organization_id),
        audit: { after: { redemptionId } },
        notify: {
          organizationId: Number(o.organization_id),
          kind: 'tradein_online_order_confirmed',
          params: { orderNumber: o.order_number },
          link: '/tradein/merchant/online',
          dedupeKey: `tradein-online-order-confirmed:${id}`,
        },
      });
    });
  } catch (err) {
    throw saleConflict(err) ?? err;
  }
  if (late) {
    const { organizationId } = late;
    await inTransaction(deps.database, (tx) => expireOrder(tx, id, organizationId));
    throw orderExpired();
  }
  return orderView(deps, ctx.actor, id);
}

/** The resident declines an order they did not place, or no longer want; the voucher stays theirs. */
export async function declineOnlineOrder(deps: AppDeps, ctx: RequestContext, id: number): Promise<OnlineOrderView> {
  await inTransaction(deps.database, async (tx) => {
    const o = await loadForResident(tx, ctx, id, 'decline');
    await move(tx, ctx, onlineOrderWorkflow, {
      id,
      action: 'decline',
      from: 'awaiting_confirmation',
      set: { decided_at: nowIso() },
      organizationId: Number(o.organization_id),
      notify: {
        organizationId: Number(o.organization_id),
        kind: 'tradein_online_order_declined',
        params: { orderNumber: o.order_number },
        link: '/tradein/merchant/online',
        dedupeKey: `tradein-online-order-declined:${id}`,
      },
    });
  });
  return orderView(deps, ctx.actor, id);
}
