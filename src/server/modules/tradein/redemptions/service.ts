import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { invalidState, notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { inTransaction, type Queryable, type Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { paginate } from '../../../http/pagination.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { grantsOf } from '../../platform/grants/service.js';
import { redemptionPolicy } from '../policies/redemption.js';
import { normalisedVoucherCode } from '../vouchers/service.js';
import { formatVoucherCode } from '../vouchers/voucherCode.js';
import { cancelFulfilment } from '../fulfilment/start.js';
import { makeSale, saleConflict } from './sale.js';
import { releaseSerialKey } from './saleKeys.js';
import type { RedeemInput, RedemptionView } from './schema.js';
import { voucherByKey } from '../vouchers/voucherKey.js';

/**
 * `serial_key` is unique (tradein_redemption_serials, saleKeys.ts): it marks a subsidy that stands. A reversed sale keeps its row but gives its key up
 * under this name, which no live key can take (live keys are upper-cased, this one has lower-case letters).
 * A sale rejected by risk review keeps its key: the unit stays blocked.
 */
export function retiredSerialKey(key: string, redemptionId: number): string {
  return `${key}~returned-${redemptionId}`;
}

// A sale, its voucher and its fulfilment share the holder's shard (Citus): joined on the holder too, a join stays on it.
function selectRedemptions(db: Queryable) {
  return db
    .selectFrom('tradein_redemptions as r')
    .innerJoin('tradein_vouchers as v', (j) => j.onRef('v.id', '=', 'r.voucher_id').onRef('v.holder_user_id', '=', 'r.holder_user_id'))
    .leftJoin('tradein_fulfilments as f', (j) => j.onRef('f.redemption_id', '=', 'r.id').onRef('f.holder_user_id', '=', 'r.holder_user_id'))
    .selectAll('r')
    .select(['v.code as voucher_code', 'f.status as fulfilment_status']);
}

type RedemptionRow = Awaited<ReturnType<ReturnType<typeof selectRedemptions>['executeTakeFirstOrThrow']>>;

function toView(r: RedemptionRow): RedemptionView {
  return {
    id: Number(r.id),
    voucherCode: formatVoucherCode(r.voucher_code),
    programId: Number(r.program_id),
    category: r.category,
    merchantId: Number(r.merchant_id),
    organizationId: Number(r.organization_id),
    productId: Number(r.product_id),
    serialNumber: r.serial_number,
    invoiceNumber: r.invoice_number,
    price: Number(r.price_fen),
    subsidy: Number(r.subsidy_fen),
    payable: Number(r.price_fen) - Number(r.subsidy_fen),
    rateBp: r.rate_bp,
    ruleVersionId: Number(r.rule_version_id),
    oldItemProof:
      r.old_item_proof_kind && r.old_item_proof_ref
        ? {
            kind: r.old_item_proof_kind,
            reference: r.old_item_proof_ref,
            attachmentId: r.old_item_attachment_id === null ? null : Number(r.old_item_attachment_id),
          }
        : null,
    status: r.status,
    channel: r.channel,
    fulfilmentStatus: r.fulfilment_status,
    settlementBatchId: r.settlement_batch_id === null ? null : Number(r.settlement_batch_id),
    clawbackPending: r.clawback_pending === 1,
    reversalReason: r.reversal_reason,
    reversedAt: r.reversed_at,
    createdAt: r.created_at,
  };
}

async function loadRedemption(db: Queryable, id: number) {
  const row = await selectRedemptions(db).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/** 立购立减: the merchant rings up a sale against a resident's voucher and the subsidy comes off the price (see makeSale). */
export async function redeem(deps: AppDeps, ctx: RequestContext, input: RedeemInput, till: { deviceId?: string | null } = {}): Promise<RedemptionView> {
  const orgId = ctx.actor.organizationId ?? -1;
  authorize(ctx.actor, redemptionPolicy, 'create', { organization_id: orgId });
  const { voucherCode, ...rest } = input;
  const code = normalisedVoucherCode(voucherCode, 'voucherCode');
  let id: number;
  try {
    id = await inTransaction(deps.database, (tx) =>
      makeSale(tx, deps, ctx, {
        ...rest,
        voucher: { code },
        organizationId: orgId,
        channel: 'store',
        // A sale at a till with an address is delivered (and followed until it is); the till does not name its town.
        delivery: rest.deliveryAddress ? { townId: null, address: rest.deliveryAddress } : null,
        tillDeviceId: till.deviceId ?? null,
      }),
    );
  } catch (err) {
    throw saleConflict(err) ?? err;
  }
  return toView(await loadRedemption(deps.database.db, id));
}

export async function listRedemptions(
  deps: AppDeps,
  ctx: RequestContext,
  q: { status?: RedemptionView['status'] | undefined; programId?: number | undefined; organizationId?: number | undefined; page: number; pageSize: number },
) {
  const db = deps.database.db;
  const business = ctx.actor.role === 'enterprise' || ctx.actor.role === 'merchant';
  const orgId = business ? ctx.actor.organizationId! : q.organizationId;
  authorize(ctx.actor, redemptionPolicy, 'list', { grants: await grantsOf(db, ctx.actor, 'tradein'), ...(business ? { organization_id: orgId! } : {}) });
  let base = db
    .selectFrom('tradein_redemptions as r')
    .innerJoin('tradein_vouchers as v', (j) => j.onRef('v.id', '=', 'r.voucher_id').onRef('v.holder_user_id', '=', 'r.holder_user_id'))
    .leftJoin('tradein_fulfilments as f', (j) => j.onRef('f.redemption_id', '=', 'r.id').onRef('f.holder_user_id', '=', 'r.holder_user_id'));
  if (orgId !== undefined) base = base.where('r.organization_id', '=', orgId);
  if (q.status) base = base.where('r.status', '=', q.status);
  if (q.programId) base = base.where('r.program_id', '=', q.programId);
  const page = await paginate(base, (qb) => qb.selectAll('r').select(['v.code as voucher_code', 'f.status as fulfilment_status']).orderBy('r.id', 'desc'), q);
  return { ...page, items: page.items.map((r) => toView(r as RedemptionRow)) };
}

/** The purchases a resident made with their own vouchers, newest first. */
export async function listMyPurchases(deps: AppDeps, ctx: RequestContext, q: { page: number; pageSize: number }) {
  authorize(ctx.actor, redemptionPolicy, 'listMine');
  const base = deps.database.db
    .selectFrom('tradein_redemptions as r')
    .innerJoin('tradein_vouchers as v', (j) => j.onRef('v.id', '=', 'r.voucher_id').onRef('v.holder_user_id', '=', 'r.holder_user_id'))
    .leftJoin('tradein_fulfilments as f', (j) => j.onRef('f.redemption_id', '=', 'r.id').onRef('f.holder_user_id', '=', 'r.holder_user_id'))
    .where('r.holder_user_id', '=', ctx.actor.userId!);
  const page = await paginate(base, (qb) => qb.selectAll('r').select(['v.code as voucher_code', 'f.status as fulfilment_status']).orderBy('r.id', 'desc'), q);
  return { ...page, items: page.items.map((r) => toView(r as RedemptionRow)) };
}

/**
 * A return or refund reverses the redemption. The subsidy goes back to the programme budget. The voucher is
 * given back to the resident (active again, same expiry) when it has not expired and the resident holds no
 * other active voucher for the category; otherwise it ends (expired, or cancelled) and its quota returns to a
 * later release. If settlement has already paid the merchant, the redemption is marked for claw-back, which the
 * next settlement deducts.
 */
export async function reverseRedemption(deps: AppDeps, ctx: RequestContext, id: number, reason: string): Promise<RedemptionView> {
  await inTransaction(deps.database, (tx) => reverseInTransaction(tx, deps, ctx, id, reason));
  return toView(await loadRedemption(deps.database.db, id));
}

/** The reversal inside the caller's transaction (an after-sales return resolved as returned), with its policy check. */
export async function reverseInTransaction(tx: Tx, deps: AppDeps, ctx: RequestContext, id: number, reason: string): Promise<void> {
  const r = await tx.selectFrom('tradein_redemptions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound();
  authorize(ctx.actor, redemptionPolicy, 'reverse', { grants: await grantsOf(tx, ctx.actor, 'tradein'), organization_id: Number(r.organization_id) }, id);
  if (r.status !== 'accepted' && r.status !== 'held') throw invalidState(r.status);
  const now = nowIso();
  const settled = r.settlement_batch_id !== null;
  const changed = await tx
    .updateTable('tradein_redemptions')
    // The unit was returned, so no subsidy stands on its serial number any more: retire the key (the number as
    // entered stays on the row) so the unit can be sold again with a subsidy.
    .set({
      status: 'reversed',
      reversal_reason: reason,
      reversed_at: now,
      clawback_pending: settled ? 1 : 0,
      serial_key: retiredSerialKey(r.serial_key, id),
      updated_at: now,
    })
    .where('id', '=', id)
    .where('status', '=', r.status)
    .executeTakeFirst();
  if (Number(changed.numUpdatedRows) !== 1) throw invalidState('reversed');
  await releaseSerialKey(tx, r.serial_key, id);
  // The old item handed in may back another sale now (a recycling certificate is freed).
  if (r.old_item_proof_ref !== null) await deps.extensions.oldItemProofVerifier.release(tx, deps, r.old_item_proof_ref, id);
  await tx
    .updateTable('tradein_programs')
    .set((eb) => ({ budget_used_fen: eb('budget_used_fen', '-', Number(r.subsidy_fen)) }))
    .where('id', '=', r.program_id)
    .execute();
  const voucher = await voucherByKey(tx, { holderUserId: Number(r.holder_user_id), voucherId: Number(r.voucher_id) });
  if (!voucher) throw new Error(`redemption ${id}: its voucher ${r.voucher_id} is missing`);
  const other = await tx
    .selectFrom('tradein_vouchers')
    .select('id')
    .where('holder_user_id', '=', voucher.holder_user_id)
    .where('category', '=', voucher.category)
    .where('status', '=', 'active')
    .executeTakeFirst();
  const next = voucher.expires_at <= now ? 'expired' : other ? 'cancelled' : 'active';
  await tx
    .updateTable('tradein_vouchers')
    .set({ status: next, redeemed_at: next === 'active' ? null : voucher.redeemed_at, updated_at: now })
    .where('id', '=', voucher.id)
    .execute();
  await appendAudit(tx, ctx, {
    entity: 'tradein_redemption',
    entityId: id,
    action: 'reverse',
    before: { status: r.status },
    after: { status: 'reversed', reason, clawbackPending: settled, voucherStatus: next },
  });
  await cancelFulfilment(tx, ctx, id, Number(r.organization_id));
}
