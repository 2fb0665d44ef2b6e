import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError, fieldError, invalidState, notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { inTransaction, type Queryable } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { fenToDecimal } from '../../../../shared/money.js';
import { workbookBuffer } from '../../../http/excel.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { grantsOf } from '../../platform/grants/service.js';
import { moveApplication } from '../applications/transitions.js';
import { toSummary } from '../applications/views.js';
import { shanghaiDate } from '../../../core/time.js';
import { carPaymentBatchPolicy } from '../policies/paymentBatch.js';
import type { Selectable } from 'kysely';
import type { CarPaymentBatchTable } from '../tables.js';
import type { BatchView, CreateBatchInput, MarkPaidInput } from './schema.js';
import { move } from '../../../core/workflow.js';
import { carPaymentBatchWorkflow } from './workflow.js';
import { recordCarPayment } from '../budget/service.js';

function toView(b: Selectable<CarPaymentBatchTable>): BatchView {
  return {
    id: Number(b.id),
    batchNo: b.batch_no,
    status: b.status,
    applicationCount: b.application_count,
    totalFen: Number(b.total_fen),
    note: b.note,
    createdAt: b.created_at,
    paidAt: b.paid_at,
    paidOn: b.paid_on,
    paymentReference: b.payment_reference,
  };
}

async function loadBatch(db: Queryable, id: number) {
  const b = await db.selectFrom('cartradein_payment_batches').selectAll().where('id', '=', id).executeTakeFirst();
  if (!b) throw notFound();
  return b;
}

function batchApplications(db: Queryable, batchId: number) {
  return db
    .selectFrom('cartradein_applications as a')
    .innerJoin('cartradein_programs as p', 'p.id', 'a.program_id')
    .innerJoin('users as u', 'u.id', 'a.applicant_user_id')
    .leftJoin('organizations as town', 'town.id', 'a.town_id')
    .where('a.payment_batch_id', '=', batchId)
    .orderBy('a.id');
}

export async function listPaymentBatches(deps: AppDeps, ctx: RequestContext): Promise<BatchView[]> {
  const db = deps.database.db;
  authorize(ctx.actor, carPaymentBatchPolicy, 'list', { grants: await grantsOf(db, ctx.actor, 'cartradein') });
  const rows = await db.selectFrom('cartradein_payment_batches').selectAll().orderBy('id', 'desc').limit(500).execute();
  return rows.map(toView);
}

export async function getPaymentBatch(deps: AppDeps, ctx: RequestContext, id: number) {
  const db = deps.database.db;
  authorize(ctx.actor, carPaymentBatchPolicy, 'read', { grants: await grantsOf(db, ctx.actor, 'cartradein') }, id);
  const b = await loadBatch(db, id);
  const apps = await batchApplications(db, id)
    .select([
      'a.id',
      'a.program_id',
      'p.name as program_name',
      'a.kind',
      'a.status',
      'u.display_name as applicant_name',
      'a.town_id',
      'town.name as town_name',
      'a.old_vin',
      'a.old_plate',
      'a.new_vin',
      'a.new_energy_type',
      'a.new_price_fen',
      'a.eligible',
      'a.amount_fen',
      'a.certificate_check',
      'a.submitted_at',
      'a.review_due_on',
      'a.payment_due_on',
      'a.payment_batch_id',
    ])
    .execute();
  return { ...toView(b), applications: apps.map((r) => toSummary(r)) };
}

/**
 * 市财政局 puts approved applications into a payment batch. Every application named must still be approved and
 * in no batch; the batch total is the sum of their amounts in fen.
 */
export async function createPaymentBatch(deps: AppDeps, ctx: RequestContext, input: CreateBatchInput) {
  const id = await inTransaction(deps.database, async (tx) => {
    authorize(ctx.actor, carPaymentBatchPolicy, 'create', { grants: await grantsOf(tx, ctx.actor, 'cartradein') });
    let q = tx.selectFrom('cartradein_applications').select(['id', 'status', 'amount_fen', 'applicant_user_id', 'payment_batch_id']).orderBy('id');
    const ids = input.applicationIds ? [...new Set(input.applicationIds)] : null;
    q = ids ? q.where('id', 'in', ids) : q.where('status', '=', 'approved').where('payment_batch_id', 'is', null);
    const apps = await q.execute();
    if (ids) {
      const found = new Set(apps.map((a) => Number(a.id)));
      ids.forEach((appId, i) => {
        if (!found.has(appId)) throw fieldError(`applicationIds.${i}`, 'field.invalid');
      });
      const notApproved = apps.find((a) => a.status !== 'approved');
      if (notApproved) throw invalidState(notApproved.status);
    }
    if (!apps.length) throw new AppError(409, 'NOTHING_TO_PAY', 'error.NOTHING_TO_PAY');
    const now = nowIso();
    const total = apps.reduce((s, a) => s + Number(a.amount_fen), 0);
    const row = await tx
      .insertInto('cartradein_payment_batches')
      .values({
        // Provisional unique number, replaced below once the id is known.
        batch_no: `pending-${now}-${ctx.actor.userId}-${Math.random().toString(36).slice(2)}`,
        status: 'pending',
        application_count: apps.length,
        total_fen: total,
        note: input.note ?? null,
        created_by: ctx.actor.userId,
        created_at: now,
        paid_at: null,
        paid_on: null,
        payment_reference: null,
        settled_by: null,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const batchId = Number(row.id);
    const batchNo = `QCBF-${shanghaiDate().replaceAll('-', '')}-${String(batchId).padStart(5, '0')}`;
    await tx.updateTable('cartradein_payment_batches').set({ batch_no: batchNo }).where('id', '=', batchId).execute();
    for (const a of apps) {
      await moveApplication(tx, ctx, {
        id: Number(a.id),
        applicantUserId: Number(a.applicant_user_id),
        action: 'addToBatch',
        from: a.status,
        set: { payment_batch_id: batchId },
        params: { batchNo },
        audit: { after: { batchId, batchNo } },
      });
    }
    await appendAudit(tx, ctx, {
      entity: 'cartradein_payment_batch',
      entityId: batchId,
      action: 'create',
      after: { batchNo, count: apps.length, totalFen: total, applicationIds: apps.map((a) => Number(a.id)) },
    });
    return batchId;
  });
  return getPaymentBatch(deps, ctx, id);
}

/**
 * The payment file for the bank or treasury system: one row per application with the full bank account. The
 * accounts are decrypted for this file only, so producing it is audited as a read of personal data.
 */
export async function exportPaymentFile(deps: AppDeps, ctx: RequestContext, id: number): Promise<{ filename: string; buffer: Buffer }> {
  const db = deps.database.db;
  authorize(ctx.actor, carPaymentBatchPolicy, 'exportFile', { grants: await grantsOf(db, ctx.actor, 'cartradein') }, id);
  const b = await loadBatch(db, id);
  const rows = await batchApplications(db, id)
    .select(['a.id', 'a.kind', 'u.display_name', 'a.bank_name', 'a.account_name', 'a.bank_account_enc', 'a.amount_fen', 'a.new_vin', 'a.approved_at'])
    .execute();
  await inTransaction(deps.database, (tx) =>
    appendAudit(tx, ctx, {
      entity: 'cartradein_payment_batch',
      entityId: id,
      action: 'exportFile',
      after: { batchNo: b.batch_no, rows: rows.length, fullBankAccounts: true },
    }),
  );
  const lines = rows.map((r, i) => ({ seq: i + 1, ...r, account: deps.sealer.open(r.bank_account_enc) }));
  const buffer = await workbookBuffer({
    name: b.batch_no,
    columns: [
      { header: '序号', value: (r) => r.seq, width: 6 },
      { header: '批次号', value: () => b.batch_no, width: 22 },
      { header: '申请编号', value: (r) => Number(r.id), width: 10 },
      { header: '补贴类型', value: (r) => (r.kind === 'scrapping' ? '报废更新' : '置换更新'), width: 10 },
      { header: '申请人', value: (r) => r.display_name, width: 12 },
      { header: '开户银行', value: (r) => r.bank_name, width: 24 },
      { header: '户名', value: (r) => r.account_name, width: 12 },
      // Text, so Excel does not turn a 19-digit account into 6.22202E+18.
      { header: '银行账号', value: (r) => r.account, width: 24 },
      { header: '补贴金额（元）', value: (r) => Number(r.amount_fen) / 100, width: 14 },
      { header: '补贴金额（分）', value: (r) => Number(r.amount_fen), width: 14 },
      { header: '新车车辆识别代号', value: (r) => r.new_vin, width: 20 },
      { header: '审核通过日期', value: (r) => (r.approved_at ? shanghaiDate(r.approved_at) : ''), width: 14 },
    ],
    rows: lines,
  });
  return { filename: `汽车以旧换新补贴拨付_${b.batch_no}.xlsx`, buffer };
}

/** 市财政局 records the payment: the batch and each of its applications become paid, and each resident is told. */
export async function markPaymentBatchPaid(deps: AppDeps, ctx: RequestContext, id: number, input: MarkPaidInput) {
  await inTransaction(deps.database, async (tx) => {
    authorize(ctx.actor, carPaymentBatchPolicy, 'markPaid', { grants: await grantsOf(tx, ctx.actor, 'cartradein') }, id);
    const b = await loadBatch(tx, id);
    if (b.status !== 'pending') throw invalidState(b.status);
    const paidOn = input.paidOn ?? shanghaiDate();
    if (paidOn > shanghaiDate()) throw fieldError('paidOn', 'field.cartradein.futureDate');
    const now = nowIso();
    await move(tx, ctx, carPaymentBatchWorkflow, {
      id,
      action: 'markPaid',
      from: b.status,
      set: { paid_at: now, paid_on: paidOn, payment_reference: input.reference, settled_by: ctx.actor.userId, updated_at: now },
      note: input.reference,
      audit: { after: { reference: input.reference, paidOn } },
    });
    const apps = await tx
      .selectFrom('cartradein_applications')
      .select(['id', 'status', 'applicant_user_id', 'amount_fen', 'program_id'])
      .where('payment_batch_id', '=', id)
      .execute();
    for (const a of apps) {
      await moveApplication(tx, ctx, {
        id: Number(a.id),
        applicantUserId: Number(a.applicant_user_id),
        action: 'markPaid',
        from: a.status,
        set: { paid_at: now, payment_reference: input.reference },
        note: input.reference,
        params: { amount: fenToDecimal(Number(a.amount_fen)), reference: input.reference },
      });
      await recordCarPayment(tx, Number(a.program_id), Number(a.amount_fen));
    }
  });
  return getPaymentBatch(deps, ctx, id);
}

/** Withdraws a batch that was not paid (e.g. a wrong file): its applications are approved again, ready for another batch. */
export async function cancelPaymentBatch(deps: AppDeps, ctx: RequestContext, id: number) {
  await inTransaction(deps.database, async (tx) => {
    authorize(ctx.actor, carPaymentBatchPolicy, 'cancel', { grants: await grantsOf(tx, ctx.actor, 'cartradein') }, id);
    const b = await loadBatch(tx, id);
    if (b.status !== 'pending') throw invalidState(b.status);
    await move(tx, ctx, carPaymentBatchWorkflow, { id, action: 'cancel', from: b.status });
    const apps = await tx.selectFrom('cartradein_applications').select(['id', 'status', 'applicant_user_id']).where('payment_batch_id', '=', id).execute();
    for (const a of apps) {
      await moveApplication(tx, ctx, {
        id: Number(a.id),
        applicantUserId: Number(a.applicant_user_id),
        action: 'cancelBatch',
        from: a.status,
        set: { payment_batch_id: null },
        params: { batchNo: b.batch_no },
      });
    }
  });
  return getPaymentBatch(deps, ctx, id);
}
