import { sql } from 'kysely';
import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError, fieldError } from '../../../core/errors.js';
import type { Tx } from '../../../db/database.js';
import { isUniqueViolation } from '../../../db/errors.js';
import { nowIso } from '../../../db/time.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { startFulfilment, type SaleDelivery } from '../fulfilment/start.js';
import { enrolmentFor } from '../merchants/merchants.js';
import { computeSubsidy, needsInstallation, parseRule, rateFor } from '../programs/rules.js';
import { assessRedemption, serialiseRiskScope } from '../risk/assess.js';
import type { SaleChannel } from '../tables.js';
import { invoiceTaken, serialTaken, takeSaleKeys } from './saleKeys.js';
import type { RedeemInput } from './schema.js';
import { voucherByCode, voucherByKey, type VoucherKey } from '../vouchers/voucherKey.js';

export const serialAlreadySubsidised = () =>
  new AppError(409, 'SERIAL_ALREADY_SUBSIDISED', 'error.SERIAL_ALREADY_SUBSIDISED', {}, [{ path: 'serialNumber', reason: 'field.invalid' }]);
export const invoiceAlreadyUsed = () =>
  new AppError(409, 'INVOICE_ALREADY_USED', 'error.INVOICE_ALREADY_USED', {}, [{ path: 'invoiceNumber', reason: 'field.invalid' }]);

/** Serial numbers and IMEIs compare without case, spaces or hyphens: the same device cannot come back disguised. */
export function serialKey(serial: string): string {
  return serial.toUpperCase().replace(/[\s\-_/.]/g, '');
}

/** A sale against a voucher, at a store's till or confirmed online; `voucher` names it by its code or its key. */
export interface Sale extends Omit<RedeemInput, 'voucherCode'> {
  /** Typed at the till (its code) or known from an order (its key). */
  voucher: { code: string } | VoucherKey;
  /** The merchant's organisation (the till's, or the online store's). */
  organizationId: number;
  channel: SaleChannel;
  onlineOrderId?: number | null;
  /** Where the goods go, when they are delivered (online sales always are). */
  delivery?: SaleDelivery | null;
  tillDeviceId?: string | null;
}

/**
 * Makes a subsidised sale inside the caller's transaction and returns the redemption's id. Every condition of a
 * subsidised sale is checked here, and the ones a race could break are also held by the database: the serial
 * number and the invoice number are primary keys of their lookup tables (saleKeys.ts), one live redemption per
 * voucher is a partial unique index,
 * the voucher moves active → redeemed by a conditional update, and the programme budget by a conditional update
 * under a CHECK. The caller has authorised the actor; a unique violation is named by {@link saleConflict}.
 */
export async function makeSale(tx: Tx, deps: AppDeps, ctx: RequestContext, sale: Sale): Promise<number> {
  const orgId = sale.organizationId;
  const key = serialKey(sale.serialNumber);
  const voucher = 'code' in sale.voucher ? await voucherByCode(tx, sale.voucher.code) : await voucherByKey(tx, sale.voucher);
  if (!voucher) throw fieldError('voucherCode', 'field.invalid');
  // Sales that risk control compares wait for each other here, and only then read the clock (see there).
  await serialiseRiskScope(tx, deps.database.dialect, {
    merchantOrganizationId: orgId,
    holderUserId: Number(voucher.holder_user_id),
    oldItemReference: sale.oldItemProof?.reference ?? null,
  });
  const now = nowIso();
  if (voucher.status !== 'active') throw new AppError(409, 'VOUCHER_NOT_ACTIVE', 'error.VOUCHER_NOT_ACTIVE', { status: voucher.status });
  if (voucher.expires_at <= now) throw new AppError(409, 'VOUCHER_EXPIRED', 'error.VOUCHER_EXPIRED');
  const program = await tx.selectFrom('tradein_programs').select(['status', 'rounding']).where('id', '=', voucher.program_id).executeTakeFirstOrThrow();
  if (program.status !== 'active') throw new AppError(409, 'PROGRAM_NOT_ACTIVE', 'error.PROGRAM_NOT_ACTIVE');
  const enrolment = await enrolmentFor(tx, orgId, Number(voucher.program_id), voucher.category);
  if (!enrolment || enrolment.status !== 'approved') throw new AppError(409, 'MERCHANT_NOT_ENROLLED', 'error.MERCHANT_NOT_ENROLLED');
  const product = await tx.selectFrom('tradein_products').selectAll().where('id', '=', sale.productId).executeTakeFirst();
  if (!product || Number(product.organization_id) !== orgId || product.status !== 'active') throw fieldError('productId', 'field.invalid');
  if (product.category !== voucher.category)
    throw new AppError(409, 'VOUCHER_CATEGORY_MISMATCH', 'error.VOUCHER_CATEGORY_MISMATCH', {}, [{ path: 'productId', reason: 'field.invalid' }]);
  // The rule the voucher was issued under, not today's: a rule change applies to new vouchers only.
  const version = await tx.selectFrom('tradein_rule_versions').select('rule_json').where('id', '=', voucher.rule_version_id).executeTakeFirstOrThrow();
  const rule = parseRule(version.rule_json);
  if (rule.priceCeilingFen !== null && sale.price > rule.priceCeilingFen)
    throw new AppError(409, 'PRICE_ABOVE_CEILING', 'error.PRICE_ABOVE_CEILING', { ceiling: rule.priceCeilingFen }, [
      { path: 'price', reason: 'field.invalid' },
    ]);
  const rateBp = rateFor(rule, product.efficiency_grade);
  if (rateBp === null) throw new AppError(409, 'PRODUCT_NOT_ELIGIBLE', 'error.PRODUCT_NOT_ELIGIBLE', {}, [{ path: 'productId', reason: 'field.invalid' }]);
  let proof: { kind: 'manual' | 'recycling'; reference: string; attachmentId: number | null } | null = null;
  if (rule.evidence.oldItemProof && !sale.oldItemProof) throw fieldError('oldItemProof', 'field.tradein.evidenceRequired');
  if (sale.oldItemProof) {
    const verdict = await deps.extensions.oldItemProofVerifier.verify(tx, deps, sale.oldItemProof, {
      category: voucher.category,
      holderUserId: Number(voucher.holder_user_id),
      merchantOrganizationId: orgId,
    });
    if (!verdict.ok)
      throw new AppError(409, 'OLD_ITEM_PROOF_REJECTED', 'error.OLD_ITEM_PROOF_REJECTED', {}, [{ path: 'oldItemProof', reason: 'field.invalid' }]);
    proof = { kind: verdict.kind, reference: verdict.reference, attachmentId: verdict.attachmentId };
  }
  // The store of a sale at a till places it in a town (the plan's metrics count sales by town); a single-store
  // merchant need not say which. An online sale is placed by its delivery town instead.
  let storeId: number | null = null;
  if (sale.channel === 'store') {
    let stores = tx.selectFrom('tradein_stores').select('id').where('merchant_id', '=', Number(enrolment.id));
    if (sale.storeId !== undefined) stores = stores.where('id', '=', sale.storeId);
    const store = await stores.orderBy('id').executeTakeFirst();
    if (!store) throw fieldError('storeId', 'field.invalid');
    storeId = Number(store.id);
  }
  if (await serialTaken(tx, key)) throw serialAlreadySubsidised();
  if (await invoiceTaken(tx, sale.invoiceNumber)) throw invoiceAlreadyUsed();

  const subsidy = computeSubsidy(sale.price, rateBp, rule.capFen, program.rounding);
  const budget = await tx
    .updateTable('tradein_programs')
    .set((eb) => ({ budget_used_fen: eb('budget_used_fen', '+', subsidy) }))
    .where('id', '=', voucher.program_id)
    .where(sql<boolean>`budget_used_fen + ${subsidy} <= budget_central_fen + budget_provincial_fen + budget_city_fen`)
    .executeTakeFirst();
  if (Number(budget.numUpdatedRows) !== 1) throw new AppError(409, 'BUDGET_EXHAUSTED', 'error.BUDGET_EXHAUSTED');
  const used = await tx
    .updateTable('tradein_vouchers')
    .set({ status: 'redeemed', redeemed_at: now, updated_at: now })
    .where('id', '=', voucher.id)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (Number(used.numUpdatedRows) !== 1) throw new AppError(409, 'VOUCHER_NOT_ACTIVE', 'error.VOUCHER_NOT_ACTIVE', { status: 'redeemed' });
  const row = await tx
    .insertInto('tradein_redemptions')
    .values({
      voucher_id: Number(voucher.id),
      program_id: Number(voucher.program_id),
      category: voucher.category,
      merchant_id: Number(enrolment.id),
      organization_id: orgId,
      product_id: Number(product.id),
      holder_user_id: Number(voucher.holder_user_id),
      rule_version_id: Number(voucher.rule_version_id),
      serial_number: sale.serialNumber,
      serial_key: key,
      invoice_number: sale.invoiceNumber,
      price_fen: sale.price,
      subsidy_fen: subsidy,
      rate_bp: rateBp,
      old_item_proof_kind: proof?.kind ?? null,
      old_item_proof_ref: proof?.reference ?? null,
      old_item_attachment_id: proof?.attachmentId ?? null,
      status: 'accepted',
      settlement_batch_id: null,
      clawback_pending: 0,
      reversal_reason: null,
      reversed_at: null,
      store_id: storeId,
      channel: sale.channel,
      online_order_id: sale.onlineOrderId ?? null,
      created_by: ctx.actor.userId,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const redemptionId = Number(row.id);
  await takeSaleKeys(tx, { redemptionId, holderUserId: Number(voucher.holder_user_id), serialKey: key, invoiceNumber: sale.invoiceNumber });
  if (proof) await deps.extensions.oldItemProofVerifier.bind?.(tx, deps, proof.reference, redemptionId);
  await appendAudit(tx, ctx, {
    entity: 'tradein_redemption',
    entityId: redemptionId,
    action: 'redeem',
    organizationId: orgId,
    after: {
      voucherId: Number(voucher.id),
      productId: sale.productId,
      serialNumber: sale.serialNumber,
      invoiceNumber: sale.invoiceNumber,
      price: sale.price,
      subsidy,
      rateBp,
      channel: sale.channel,
      ...(sale.onlineOrderId ? { onlineOrderId: sale.onlineOrderId } : {}),
    },
  });
  await startFulfilment(tx, deps, ctx, {
    redemptionId,
    organizationId: orgId,
    merchantId: Number(enrolment.id),
    holderUserId: Number(voucher.holder_user_id),
    channel: sale.channel,
    needsInstallation: needsInstallation(rule, voucher.category),
    delivery: sale.delivery ?? null,
    at: now,
  });
  // Risk control: every redemption is scored in the same transaction; a rule may put it in the review queue or hold it.
  await assessRedemption(
    tx,
    deps,
    ctx,
    {
      id: redemptionId,
      voucherId: Number(voucher.id),
      programId: Number(voucher.program_id),
      organizationId: orgId,
      holderUserId: Number(voucher.holder_user_id),
      productId: Number(product.id),
      priceFen: sale.price,
      createdAt: now,
      oldItemProof: proof,
    },
    { tillDeviceId: sale.tillDeviceId ?? null, deliveryAddress: sale.delivery?.address ?? sale.deliveryAddress ?? null },
  );
  return redemptionId;
}

/**
 * Two sales racing with the same device or invoice: a unique key kept one; the loser's reason, or null. PostgreSQL
 * names the constraint (the lookup tables' primary keys, on Citus with a shard suffix), SQLite the columns.
 */
export function saleConflict(err: unknown): AppError | null {
  if (!isUniqueViolation(err)) return null;
  const text = `${(err as { constraint?: string }).constraint ?? ''} ${(err as Error).message}`;
  if (/serial_key|redemption_serials/.test(text)) return serialAlreadySubsidised();
  if (/invoice_number|redemption_invoices/.test(text)) return invoiceAlreadyUsed();
  if (/one_per_voucher|voucher_id/.test(text)) return new AppError(409, 'VOUCHER_NOT_ACTIVE', 'error.VOUCHER_NOT_ACTIVE', { status: 'redeemed' });
  return null;
}
