import { sql } from 'kysely';
import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError, fieldError, invalidState, notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { inTransaction, type Queryable } from '../../../db/database.js';
import { isUniqueViolation } from '../../../db/errors.js';
import { nowIso } from '../../../db/time.js';
import { paginate } from '../../../http/pagination.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { grantsOf } from '../../platform/grants/service.js';
import { enrolmentFor } from '../merchants/merchants.js';
import { redemptionPolicy } from '../policies/redemption.js';
import { computeSubsidy, parseRule, rateFor } from '../programs/rules.js';
import { normalisedVoucherCode } from '../vouchers/service.js';
import { formatVoucherCode } from '../vouchers/voucherCode.js';
import { assessRedemption, serialiseRiskScope } from '../risk/assess.js';
import type { RedeemInput, RedemptionView } from './schema.js';

const serialAlreadySubsidised = () =>
  new AppError(409, 'SERIAL_ALREADY_SUBSIDISED', 'error.SERIAL_ALREADY_SUBSIDISED', {}, [{ path: 'serialNumber', reason: 'field.invalid' }]);
const invoiceAlreadyUsed = () =>
  new AppError(409, 'INVOICE_ALREADY_USED', 'error.INVOICE_ALREADY_USED', {}, [{ path: 'invoiceNumber', reason: 'field.invalid' }]);

/** Serial numbers and IMEIs compare without case, spaces or hyphens: the same device cannot come back disguised. */
export function serialKey(serial: string): string {
  return serial.toUpperCase().replace(/[\s\-_/.]/g, '');
}

/**
 * `serial_key` is unique: it marks a subsidy that stands. A reversed sale keeps its row but gives its key up
 * under this name, which no live key can take (live keys are upper-cased, this one has lower-case letters).
 * A sale rejected by risk review keeps its key: the unit stays blocked.
 */
export function retiredSerialKey(key: string, redemptionId: number): string {
  return `${key}~returned-${redemptionId}`;
}

function selectRedemptions(db: Queryable) {
  return db.selectFrom('tradein_redemptions as r').innerJoin('tradein_vouchers as v', 'v.id', 'r.voucher_id').selectAll('r').select('v.code as voucher_code');
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

/**
 * 立购立减: the merchant rings up a sale against a resident's voucher and the subsidy comes off the price.
 * Every condition of a subsidised sale is checked here, and the ones a race could break are also held by the database:
 * the serial number and the invoice number are unique columns, one live redemption per voucher is a partial
 * unique index, the voucher moves active → redeemed by a conditional update, and the programme budget by a
 * conditional update under a CHECK.
 */
export async function redeem(deps: AppDeps, ctx: RequestContext, input: RedeemInput, till: { deviceId?: string | null } = {}): Promise<RedemptionView> {
  const orgId = ctx.actor.organizationId ?? -1;
  authorize(ctx.actor, redemptionPolicy, 'create', { organization_id: orgId });
  const code = normalisedVoucherCode(input.voucherCode, 'voucherCode');
  const key = serialKey(input.serialNumber);
  let id: number;
  try {
    id = await inTransaction(deps.database, async (tx) => {
      const voucher = await tx.selectFrom('tradein_vouchers').selectAll().where('code', '=', code).executeTakeFirst();
      if (!voucher) throw fieldError('voucherCode', 'field.invalid');
      // Sales that risk control compares wait for each other here, and only then read the clock (see there).
      await serialiseRiskScope(tx, deps.database.dialect, {
        merchantOrganizationId: orgId,
        holderUserId: Number(voucher.holder_user_id),
        oldItemReference: input.oldItemProof?.reference ?? null,
      });
      const now = nowIso();
      if (voucher.status !== 'active') throw new AppError(409, 'VOUCHER_NOT_ACTIVE', 'error.VOUCHER_NOT_ACTIVE', { status: voucher.status });
      if (voucher.expires_at <= now) throw new AppError(409, 'VOUCHER_EXPIRED', 'error.VOUCHER_EXPIRED');
      const program = await tx.selectFrom('tradein_programs').select(['status', 'rounding']).where('id', '=', voucher.program_id).executeTakeFirstOrThrow();
      if (program.status !== 'active') throw new AppError(409, 'PROGRAM_NOT_ACTIVE', 'error.PROGRAM_NOT_ACTIVE');
      const enrolment = await enrolmentFor(tx, orgId, Number(voucher.program_id), voucher.category);
      if (!enrolment || enrolment.status !== 'approved') throw new AppError(409, 'MERCHANT_NOT_ENROLLED', 'error.MERCHANT_NOT_ENROLLED');
      const product = await tx.selectFrom('tradein_products').selectAll().where('id', '=', input.productId).executeTakeFirst();
      if (!product || Number(product.organization_id) !== orgId || product.status !== 'active') throw fieldError('productId', 'field.invalid');
      if (product.category !== voucher.category)
        throw new AppError(409, 'VOUCHER_CATEGORY_MISMATCH', 'error.VOUCHER_CATEGORY_MISMATCH', {}, [{ path: 'productId', reason: 'field.invalid' }]);
      // The rule the voucher was issued under, not today's: a rule change applies to new vouchers only.
      const version = await tx.selectFrom('tradein_rule_versions').select('rule_json').where('id', '=', voucher.rule_version_id).executeTakeFirstOrThrow();
      const rule = parseRule(version.rule_json);
      if (rule.priceCeilingFen !== null && input.price > rule.priceCeilingFen)
        throw new AppError(409, 'PRICE_ABOVE_CEILING', 'error.PRICE_ABOVE_CEILING', { ceiling: rule.priceCeilingFen }, [
          { path: 'price', reason: 'field.invalid' },
        ]);
      const rateBp = rateFor(rule, product.efficiency_grade);
      if (rateBp === null) throw new AppError(409, 'PRODUCT_NOT_ELIGIBLE', 'error.PRODUCT_NOT_ELIGIBLE', {}, [{ path: 'productId', reason: 'field.invalid' }]);
      let proof: { kind: 'manual' | 'recycling'; reference: string; attachmentId: number | null } | null = null;
      if (rule.evidence.oldItemProof && !input.oldItemProof) throw fieldError('oldItemProof', 'field.tradein.evidenceRequired');
      if (input.oldItemProof) {
        const verdict = await deps.extensions.oldItemProofVerifier.verify(tx, deps, input.oldItemProof, {
          category: voucher.category,
          holderUserId: Number(voucher.holder_user_id),
          merchantOrganizationId: orgId,
        });
        if (!verdict.ok)
          throw new AppError(409, 'OLD_ITEM_PROOF_REJECTED', 'error.OLD_ITEM_PROOF_REJECTED', {}, [{ path: 'oldItemProof', reason: 'field.invalid' }]);
        proof = { kind: verdict.kind, reference: verdict.reference, attachmentId: verdict.attachmentId };
      }
      // The store of the sale places it in a town (the plan's metrics count sales by town); a single-store merchant need not say which.
      let stores = tx.selectFrom('tradein_stores').select('id').where('merchant_id', '=', Number(enrolment.id));
      if (input.storeId !== undefined) stores = stores.where('id', '=', input.storeId);
      const store = await stores.orderBy('id').executeTakeFirst();
      if (!store) throw fieldError('storeId', 'field.invalid');
      if (await tx.selectFrom('tradein_redemptions').select('id').where('serial_key', '=', key).executeTakeFirst()) throw serialAlreadySubsidised();
      if (await tx.selectFrom('tradein_redemptions').select('id').where('invoice_number', '=', input.invoiceNumber).executeTakeFirst())
        throw invoiceAlreadyUsed();

      const subsidy = computeSubsidy(input.price, rateBp, rule.capFen, program.rounding);
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
          serial_number: input.serialNumber,
          serial_key: key,
          invoice_number: input.invoiceNumber,
          price_fen: input.price,
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
          store_id: Number(store.id),
          created_by: ctx.actor.userId,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (proof) await deps.extensions.oldItemProofVerifier.bind?.(tx, deps, proof.reference, Number(row.id));
      await appendAudit(tx, ctx, {
        entity: 'tradein_redemption',
        entityId: Number(row.id),
        action: 'redeem',
        after: {
          voucherId: Number(voucher.id),
          productId: input.productId,
          serialNumber: input.serialNumber,
          invoiceNumber: input.invoiceNumber,
          price: input.price,
          subsidy,
          rateBp,
        },
      });
      // Risk control: every redemption is scored in the same transaction; a rule may put it in the review queue or hold it.
      await assessRedemption(
        tx,
        deps,
        ctx,
        {
          id: Number(row.id),
          voucherId: Number(voucher.id),
          programId: Number(voucher.program_id),
          organizationId: orgId,
          holderUserId: Number(voucher.holder_user_id),
          productId: Number(product.id),
          priceFen: input.price,
          createdAt: now,
          oldItemProof: proof,
        },
        { tillDeviceId: till.deviceId ?? null, deliveryAddress: input.deliveryAddress ?? null },
      );
      return Number(row.id);
    });
  } catch (err) {
    // Two tills racing with the same device or invoice: the unique index kept one; name the loser's reason.
    if (isUniqueViolation(err)) {
      const text = `${(err as { constraint?: string }).constraint ?? ''} ${(err as Error).message}`;
      if (/serial_key/.test(text)) throw serialAlreadySubsidised();
      if (/invoice_number/.test(text)) throw invoiceAlreadyUsed();
      if (/one_per_voucher|voucher_id/.test(text)) throw new AppError(409, 'VOUCHER_NOT_ACTIVE', 'error.VOUCHER_NOT_ACTIVE', { status: 'redeemed' });
    }
    throw err;
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
  let base = db.selectFrom('tradein_redemptions as r').innerJoin('tradein_vouchers as v', 'v.id', 'r.voucher_id');
  if (orgId !== undefined) base = base.where('r.organization_id', '=', orgId);
  if (q.status) base = base.where('r.status', '=', q.status);
  if (q.programId) base = base.where('r.program_id', '=', q.programId);
  const page = await paginate(base, (qb) => qb.selectAll('r').select('v.code as voucher_code').orderBy('r.id', 'desc'), q);
  return { ...page, items: page.items.map((r) => toView(r as RedemptionRow)) };
}

/** The purchases a resident made with their own vouchers, newest first. */
export async function listMyPurchases(deps: AppDeps, ctx: RequestContext, q: { page: number; pageSize: number }) {
  authorize(ctx.actor, redemptionPolicy, 'listMine');
  const base = deps.database.db
    .selectFrom('tradein_redemptions as r')
    .innerJoin('tradein_vouchers as v', 'v.id', 'r.voucher_id')
    .where('v.holder_user_id', '=', ctx.actor.userId!);
  const page = await paginate(base, (qb) => qb.selectAll('r').select('v.code as voucher_code').orderBy('r.id', 'desc'), q);
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
  await inTransaction(deps.database, async (tx) => {
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
    // The old item handed in may back another sale now (a recycling certificate is freed).
    if (r.old_item_proof_ref !== null) await deps.extensions.oldItemProofVerifier.release(tx, deps, r.old_item_proof_ref, id);
    await tx
      .updateTable('tradein_programs')
      .set((eb) => ({ budget_used_fen: eb('budget_used_fen', '-', Number(r.subsidy_fen)) }))
      .where('id', '=', r.program_id)
      .execute();
    const voucher = await tx.selectFrom('tradein_vouchers').selectAll().where('id', '=', r.voucher_id).executeTakeFirstOrThrow();
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
  });
  return toView(await loadRedemption(deps.database.db, id));
}
