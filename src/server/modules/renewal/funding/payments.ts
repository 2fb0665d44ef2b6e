import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError, badRequest, invalidState, notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { shanghaiDate } from '../../../core/time.js';
import { move } from '../../../core/workflow.js';
import { inTransaction } from '../../../db/database.js';
import { isUniqueViolation } from '../../../db/errors.js';
import { nowIso } from '../../../db/time.js';
import { fenToYuan } from '../../../../shared/money.js';
import { PAYABLE_STATUSES } from '../../../../shared/enums/renewalFunding.js';
import { grantsOf } from '../../platform/grants/service.js';
import { fundingPolicy } from '../policies/funding.js';
import { loadApplication, policyRecord } from './queries.js';
import type { ApplicationDetailView, PaymentInput } from './schema.js';
import { fundingWorkflow } from './workflow.js';

/**
 * 市财政局 (the renewal `confirm_payment` department) records one payment (拨付) of a granted application. The
 * amount is added to the application's `paid_fen` by one conditional update — `paid_fen + amount <= granted_fen`,
 * in the payment's transaction — so the database decides between two payments racing: on PostgreSQL the second
 * update waits for the first's row lock and re-checks the condition on the committed total; on SQLite writers are
 * serialised. The table's CHECK (`paid_fen <= granted_fen`) refuses an overpayment whatever else writes the row.
 * The move to partially_paid or paid follows on the row this transaction now holds.
 */
export async function recordPayment(deps: AppDeps, ctx: RequestContext, id: number, input: PaymentInput): Promise<ApplicationDetailView> {
  const today = shanghaiDate();
  await inTransaction(deps.database, async (tx) => {
    const a = await tx.selectFrom('renewal_funding_applications').select(['status', 'granted_on', 'organization_id']).where('id', '=', id).executeTakeFirst();
    if (!a) throw notFound();
    const grants = await grantsOf(tx, ctx.actor, 'renewal');
    authorize(ctx.actor, fundingPolicy, 'pay', policyRecord(grants, a), id);
    if (!(PAYABLE_STATUSES as readonly string[]).includes(a.status)) throw invalidState(a.status);
    const paidOn = input.paidOn ?? today;
    if (paidOn > today) throw badRequest([{ path: 'paidOn', reason: 'field.renewal.fundingDateFuture' }]);
    if (a.granted_on !== null && paidOn < a.granted_on)
      throw badRequest([{ path: 'paidOn', reason: 'field.renewal.fundingPaidBeforeGrant', params: { date: a.granted_on } }]);
    const charged = await tx
      .updateTable('renewal_funding_applications')
      .set((eb) => ({ paid_fen: eb('paid_fen', '+', input.amountFen), updated_at: nowIso() }))
      .where('id', '=', id)
      .where('status', 'in', PAYABLE_STATUSES)
      .where((eb) => eb(eb('paid_fen', '+', input.amountFen), '<=', eb.ref('granted_fen')))
      .returning(['paid_fen', 'granted_fen', 'status'])
      .executeTakeFirst();
    if (!charged) {
      // Lost to another payment (or the grant is already paid): say what is left, on the amount field.
      const now = await tx
        .selectFrom('renewal_funding_applications')
        .select(['paid_fen', 'granted_fen', 'status'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      if (!(PAYABLE_STATUSES as readonly string[]).includes(now.status)) throw invalidState(now.status);
      const params = {
        granted: fenToYuan(Number(now.granted_fen)),
        paid: fenToYuan(Number(now.paid_fen)),
        left: fenToYuan(Number(now.granted_fen) - Number(now.paid_fen)),
      };
      throw new AppError(409, 'FUNDING_PAYMENT_EXCEEDS_GRANT', 'error.FUNDING_PAYMENT_EXCEEDS_GRANT', params, [
        { path: 'amountFen', reason: 'field.renewal.fundingPaymentExceedsGrant', params },
      ]);
    }
    const paid = Number(charged.paid_fen);
    const granted = Number(charged.granted_fen);
    const payment = await tx
      .insertInto('renewal_funding_payments')
      .values({
        organization_id: Number(a.organization_id),
        application_id: id,
        paid_on: paidOn,
        amount_fen: input.amountFen,
        reference: input.reference,
        note: input.note || null,
        recorded_by: ctx.actor.userId,
        is_demo: 0,
        created_at: nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((err: unknown) => {
        if (isUniqueViolation(err)) throw badRequest([{ path: 'reference', reason: 'field.renewal.fundingReferenceTaken' }]);
        throw err;
      });
    await move(tx, ctx, fundingWorkflow, {
      id,
      action: paid === granted ? 'payInFull' : 'pay',
      from: charged.status,
      note: input.reference,
      organizationId: Number(a.organization_id),
      params: { amountFen: input.amountFen, paidOn, paidFen: paid, grantedFen: granted, reference: input.reference },
      audit: { before: { paidFen: paid - input.amountFen }, after: { paidFen: paid, paymentId: Number(payment.id), ...input, paidOn } },
    });
  });
  return loadApplication(deps, ctx, id);
}
