import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { fieldError, invalidState, notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { move, type WorkflowAction, type WorkflowNotification } from '../../../core/workflow.js';
import { inTransaction, type Queryable, type Tx } from '../../../db/database.js';
import { isUniqueViolation } from '../../../db/errors.js';
import { nowIso } from '../../../db/time.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { grantedOrganizations, grantsOf } from '../../platform/grants/service.js';
import { settlementBatchPolicy } from '../policies/settlementBatch.js';
import { yuan } from '../risk/rules.js';
import { periodBounds } from './period.js';
import type { BatchView, CreateBatchesInput, ListBatchesQuery } from './schema.js';
import { settlementBatchWorkflow } from './workflow.js';

function selectBatches(db: Queryable) {
  return db
    .selectFrom('tradein_settlement_batches as b')
    .innerJoin('organizations as o', 'o.id', 'b.organization_id')
    .innerJoin('tradein_programs as g', 'g.id', 'b.program_id');
}

export type BatchRow = Awaited<ReturnType<ReturnType<typeof selectBatchRows>['executeTakeFirstOrThrow']>>;
export function selectBatchRows(db: Queryable) {
  return selectBatches(db).selectAll('b').select(['o.name as merchant_name', 'g.name as program_name']);
}

const id = (v: number | null) => (v === null ? null : Number(v));

function toView(b: BatchRow): BatchView {
  return {
    id: Number(b.id),
    merchantId: Number(b.merchant_id),
    organizationId: Number(b.organization_id),
    merchantName: b.merchant_name,
    programId: Number(b.program_id),
    programName: b.program_name,
    period: b.period,
    status: b.status,
    subsidy: Number(b.subsidy_fen),
    subsidyCount: b.subsidy_count,
    clawback: Number(b.clawback_fen),
    clawbackCount: b.clawback_count,
    net: Number(b.net_fen),
    bankName: b.bank_name,
    accountName: b.account_name,
    bankAccount: b.bank_account_mask,
    createdAt: b.created_at,
    approvedBy: id(b.approved_by),
    approvedAt: b.approved_at,
    confirmedBy: id(b.confirmed_by),
    confirmedAt: b.confirmed_at,
    paidBy: id(b.paid_by),
    paidAt: b.paid_at,
    paymentReference: b.payment_reference,
  };
}

export async function loadBatch(db: Queryable, batchId: number): Promise<BatchRow> {
  const b = await selectBatchRows(db).where('b.id', '=', batchId).executeTakeFirst();
  if (!b) throw notFound();
  return b;
}

/**
 * Makes one merchant's batch for one month, without asking who is acting (the service and the month-end job
 * both call it). What goes in:
 * - every accepted redemption of the merchant made before the month ended, settleable by then (delivered, and
 *   installed where the category needs it) and not yet settled, unless its risk
 *   review is still open or held (a held redemption has status `held` and is never picked; an open review keeps
 *   an accepted one waiting until it is cleared). A redemption cleared late, from an earlier month, lands in the
 *   first batch made after it was cleared;
 * - as claw-backs, every reversed redemption that had already been settled and was reversed before the month
 *   ended, oldest first, as far as the batch's subsidies cover them: a batch never pays a negative amount, and a
 *   claw-back that does not fit waits for a later batch.
 * Returns null when there is nothing to pay.
 */
export async function buildBatch(tx: Tx, ctx: RequestContext, merchantId: number, period: string): Promise<{ id: number; created: boolean } | null> {
  const existing = await tx
    .selectFrom('tradein_settlement_batches')
    .select('id')
    .where('merchant_id', '=', merchantId)
    .where('period', '=', period)
    .executeTakeFirst();
  if (existing) return { id: Number(existing.id), created: false };
  const { to } = periodBounds(period);
  const merchant = await tx.selectFrom('tradein_merchants').selectAll().where('id', '=', merchantId).executeTakeFirst();
  if (!merchant) throw fieldError('merchantId', 'field.invalid');
  const subsidies = await tx
    .selectFrom('tradein_redemptions as r')
    .select(['r.id', 'r.holder_user_id', 'r.subsidy_fen'])
    .where('r.merchant_id', '=', merchantId)
    .where('r.status', '=', 'accepted')
    .where('r.settlement_batch_id', 'is', null)
    .where('r.created_at', '<', to)
    // Delivered, and installed where the category needs it, before the month ended (fulfilment/workflow.ts).
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('tradein_fulfilments as f')
          .select('f.redemption_id')
          .whereRef('f.redemption_id', '=', 'r.id')
          .where('f.status', '=', 'settleable')
          .where('f.settleable_at', '<', to),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('tradein_risk_reviews as w')
            .select('w.redemption_id')
            .whereRef('w.redemption_id', '=', 'r.id')
            .where('w.status', 'in', ['open', 'held']),
        ),
      ),
    )
    .orderBy('r.id')
    .execute();
  if (!subsidies.length) return null;
  const gross = subsidies.reduce((s, r) => s + Number(r.subsidy_fen), 0);
  const pending = await tx
    .selectFrom('tradein_redemptions')
    .select(['id', 'holder_user_id', 'subsidy_fen'])
    .where('merchant_id', '=', merchantId)
    .where('status', '=', 'reversed')
    .where('clawback_pending', '=', 1)
    .where('reversed_at', '<', to)
    .orderBy('reversed_at')
    .orderBy('id')
    .execute();
  const clawbacks: typeof pending = [];
  let clawed = 0;
  for (const c of pending) {
    if (clawed + Number(c.subsidy_fen) > gross) continue;
    clawed += Number(c.subsidy_fen);
    clawbacks.push(c);
  }
  const now = nowIso();
  const batch = await tx
    .insertInto('tradein_settlement_batches')
    .values({
      merchant_id: merchantId,
      organization_id: Number(merchant.organization_id),
      program_id: Number(merchant.program_id),
      period,
      status: 'draft',
      subsidy_fen: gross,
      subsidy_count: subsidies.length,
      clawback_fen: clawed,
      clawback_count: clawbacks.length,
      net_fen: gross - clawed,
      bank_name: merchant.bank_name,
      account_name: merchant.account_name,
      bank_account_enc: merchant.bank_account_enc,
      bank_account_mask: merchant.bank_account_mask,
      created_by: ctx.actor.userId,
      created_at: now,
      approved_by: null,
      approved_at: null,
      confirmed_by: null,
      confirmed_at: null,
      paid_by: null,
      paid_at: null,
      payment_reference: null,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const batchId = Number(batch.id);
  const ids = subsidies.map((r) => Number(r.id));
  // Conditional on the state read above: a reversal or review racing with us makes the counts differ.
  const taken = await tx
    .updateTable('tradein_redemptions')
    .set({ settlement_batch_id: batchId, updated_at: now })
    .where('id', 'in', ids)
    .where('status', '=', 'accepted')
    .where('settlement_batch_id', 'is', null)
    .executeTakeFirst();
  if (Number(taken.numUpdatedRows) !== ids.length) throw invalidState('changed');
  if (clawbacks.length) {
    const cleared = await tx
      .updateTable('tradein_redemptions')
      .set({ clawback_pending: 0, updated_at: now })
      .where(
        'id',
        'in',
        clawbacks.map((c) => Number(c.id)),
      )
      .where('clawback_pending', '=', 1)
      .executeTakeFirst();
    if (Number(cleared.numUpdatedRows) !== clawbacks.length) throw invalidState('changed');
  }
  await tx
    .insertInto('tradein_settlement_lines')
    .values([
      ...subsidies.map((r) => ({
        batch_id: batchId,
        redemption_id: Number(r.id),
        holder_user_id: Number(r.holder_user_id),
        kind: 'subsidy' as const,
        amount_fen: Number(r.subsidy_fen),
      })),
      ...clawbacks.map((c) => ({
        batch_id: batchId,
        redemption_id: Number(c.id),
        holder_user_id: Number(c.holder_user_id),
        kind: 'clawback' as const,
        amount_fen: -Number(c.subsidy_fen),
      })),
    ])
    .execute();
  await appendAudit(tx, ctx, {
    entity: 'tradein_settlement_batch',
    entityId: batchId,
    action: 'create',
    organizationId: Number(merchant.organization_id),
    after: { merchantId, period, subsidy: gross, subsidyCount: ids.length, clawback: clawed, clawbackCount: clawbacks.length, net: gross - clawed },
  });
  return { id: batchId, created: true };
}

/** The merchant enrolments that have something to settle up to the end of a month. */
export async function merchantsToSettle(db: Queryable, period: string, programId?: number): Promise<number[]> {
  const { to } = periodBounds(period);
  let q = db
    .selectFrom('tradein_redemptions')
    .select('merchant_id')
    .distinct()
    .where('status', '=', 'accepted')
    .where('settlement_batch_id', 'is', null)
    .where('created_at', '<', to);
  if (programId !== undefined) q = q.where('program_id', '=', programId);
  return (await q.orderBy('merchant_id').execute()).map((r) => Number(r.merchant_id));
}

/** Makes one merchant's batch in its own transaction; a racing creator's batch is found instead of duplicated. */
async function buildOne(deps: AppDeps, ctx: RequestContext, merchantId: number, period: string) {
  try {
    return await inTransaction(deps.database, (tx) => buildBatch(tx, ctx, merchantId, period));
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const b = await deps.database.db
      .selectFrom('tradein_settlement_batches')
      .select('id')
      .where('merchant_id', '=', merchantId)
      .where('period', '=', period)
      .executeTakeFirstOrThrow();
    return { id: Number(b.id), created: false };
  }
}

/**
 * 市商务局 makes the batches of a month: idempotent per merchant and month (asking again returns the batch already
 * made). A month that has not ended cannot be settled: sales would still come in.
 */
export async function createBatches(deps: AppDeps, ctx: RequestContext, input: CreateBatchesInput, now = new Date()) {
  const db = deps.database.db;
  authorize(ctx.actor, settlementBatchPolicy, 'create', { grants: await grantsOf(db, ctx.actor, 'tradein') });
  if (periodBounds(input.period).to > now.toISOString()) throw fieldError('period', 'field.settlement.periodNotEnded');
  let merchants: number[];
  if (input.merchantId !== undefined) {
    const m = await db.selectFrom('tradein_merchants').select(['id', 'program_id']).where('id', '=', input.merchantId).executeTakeFirst();
    if (!m || (input.programId !== undefined && Number(m.program_id) !== input.programId)) throw fieldError('merchantId', 'field.invalid');
    merchants = [Number(m.id)];
  } else {
    const existing = await db.selectFrom('tradein_settlement_batches').select('merchant_id').where('period', '=', input.period).execute();
    merchants = [...new Set([...(await merchantsToSettle(db, input.period, input.programId)), ...existing.map((e) => Number(e.merchant_id))])];
    if (input.programId !== undefined) {
      const inProgram = new Set(
        (await db.selectFrom('tradein_merchants').select('id').where('program_id', '=', input.programId).execute()).map((m) => Number(m.id)),
      );
      merchants = merchants.filter((m) => inProgram.has(m));
    }
  }
  const items = [];
  for (const merchantId of merchants.sort((a, b) => a - b)) {
    const made = await buildOne(deps, ctx, merchantId, input.period);
    if (made) items.push({ ...toView(await loadBatch(db, made.id)), created: made.created });
  }
  return { items };
}

export async function listBatches(deps: AppDeps, ctx: RequestContext, q: ListBatchesQuery) {
  const db = deps.database.db;
  const business = ctx.actor.role === 'enterprise' || ctx.actor.role === 'merchant';
  const orgId = business ? (ctx.actor.organizationId ?? -1) : q.organizationId;
  authorize(ctx.actor, settlementBatchPolicy, 'list', { grants: await grantsOf(db, ctx.actor, 'tradein'), ...(business ? { organization_id: orgId! } : {}) });
  let base = selectBatches(db);
  if (orgId !== undefined) base = base.where('b.organization_id', '=', orgId);
  if (q.period) base = base.where('b.period', '=', q.period);
  if (q.programId) base = base.where('b.program_id', '=', q.programId);
  if (q.status) base = base.where('b.status', '=', q.status);
  const total = Number(((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()) as { n: number | string } | undefined)?.n ?? 0);
  const rows = await base
    .selectAll('b')
    .select(['o.name as merchant_name', 'g.name as program_name'])
    .orderBy('b.period', 'desc')
    .orderBy('b.id', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items: rows.map(toView), total, page: q.page, pageSize: q.pageSize };
}

export async function batchLines(db: Queryable, batchId: number) {
  const rows = await db
    .selectFrom('tradein_settlement_lines as l')
    // On the holder too: a line and its redemption share a shard, so the join stays on it (Citus).
    .innerJoin('tradein_redemptions as r', (j) => j.onRef('r.id', '=', 'l.redemption_id').onRef('r.holder_user_id', '=', 'l.holder_user_id'))
    .select(['l.redemption_id', 'l.kind', 'l.amount_fen', 'r.category', 'r.serial_number', 'r.invoice_number', 'r.price_fen', 'r.created_at', 'r.reversed_at'])
    .where('l.batch_id', '=', batchId)
    .orderBy('l.kind', 'desc')
    .orderBy('l.redemption_id')
    .execute();
  return rows.map((l) => ({
    redemptionId: Number(l.redemption_id),
    kind: l.kind,
    amount: Number(l.amount_fen),
    category: l.category,
    serialNumber: l.serial_number,
    invoiceNumber: l.invoice_number,
    price: Number(l.price_fen),
    redeemedAt: l.created_at,
    reversedAt: l.reversed_at,
  }));
}

export async function getBatch(deps: AppDeps, ctx: RequestContext, batchId: number) {
  const db = deps.database.db;
  const b = await loadBatch(db, batchId);
  authorize(
    ctx.actor,
    settlementBatchPolicy,
    'read',
    { grants: await grantsOf(db, ctx.actor, 'tradein'), organization_id: Number(b.organization_id) },
    batchId,
  );
  return { ...toView(b), lines: await batchLines(db, batchId) };
}

type Transition = WorkflowAction<typeof settlementBatchWorkflow>;

/** Who hears of a move: 市财政局 that a batch waits for its confirmation, the merchant that it was paid. */
async function noticesOf(
  tx: Tx,
  action: Transition,
  b: { id: number; organization_id: number; period: string; net_fen: number },
  paymentReference: string | undefined,
): Promise<WorkflowNotification[]> {
  const batchId = Number(b.id);
  const amount = yuan(Number(b.net_fen));
  if (action === 'approve')
    return (await grantedOrganizations(tx, 'tradein', 'confirm_payment')).map((payer) => ({
      organizationId: payer,
      kind: 'tradein_settlement_approved',
      params: { period: b.period, amount },
      link: `/tradein/settlement/batches/${batchId}`,
      dedupeKey: `tradein-settlement-approved:${batchId}:${payer}`,
    }));
  if (action === 'markPaid')
    return [
      {
        organizationId: Number(b.organization_id),
        kind: 'tradein_settlement_paid',
        params: { period: b.period, amount, reference: paymentReference ?? '' },
        link: null,
        dedupeKey: `tradein-settlement-paid:${batchId}`,
      },
    ];
  return [];
}

export async function moveBatch(
  deps: AppDeps,
  ctx: RequestContext,
  batchId: number,
  action: Transition,
  extra: { note?: string | undefined; paymentReference?: string },
) {
  await inTransaction(deps.database, async (tx) => {
    const b = await tx.selectFrom('tradein_settlement_batches').selectAll().where('id', '=', batchId).executeTakeFirst();
    if (!b) throw notFound();
    authorize(
      ctx.actor,
      settlementBatchPolicy,
      action,
      { grants: await grantsOf(tx, ctx.actor, 'tradein'), organization_id: Number(b.organization_id) },
      batchId,
    );
    const now = nowIso();
    const stamp =
      action === 'approve'
        ? { approved_by: ctx.actor.userId, approved_at: now }
        : action === 'confirm'
          ? { confirmed_by: ctx.actor.userId, confirmed_at: now }
          : { paid_by: ctx.actor.userId, paid_at: now, payment_reference: extra.paymentReference ?? null };
    await move(tx, ctx, settlementBatchWorkflow, {
      id: batchId,
      action,
      from: b.status,
      set: { ...stamp, updated_at: now },
      note: extra.note ?? extra.paymentReference ?? null,
      organizationId: Number(b.organization_id),
      audit: {
        after: {
          net: Number(b.net_fen),
          ...(extra.note ? { note: extra.note } : {}),
          ...(extra.paymentReference ? { paymentReference: extra.paymentReference } : {}),
        },
      },
      notify: await noticesOf(tx, action, b, extra.paymentReference),
    });
  });
  return getBatch(deps, ctx, batchId);
}
