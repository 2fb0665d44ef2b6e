import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError, fieldError, notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { shanghaiDate } from '../../../core/time.js';
import { inTransaction, type Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { fenToDecimal } from '../../../../shared/money.js';
import { grantsOf } from '../../platform/grants/service.js';
import { addWorkingDays, loadCalendar } from '../calendar/workingDays.js';
import { carApplicationPolicy } from '../policies/application.js';
import { loadRuleVersion } from '../programs/service.js';
import { chargeCarBudget } from '../budget/service.js';
import { certificateOpenedBy } from './certificateViewing.js';
import { nextStatus } from './stateMachine.js';
import { moveApplication } from './transitions.js';
import { loadCarApplicationView } from './views.js';

/** What 市商务局 decides on a submitted application: approve it, return it for correction, or reject it. */

async function loadForReview(tx: Tx, ctx: RequestContext, id: number) {
  const grants = await grantsOf(tx, ctx.actor, 'cartradein');
  authorize(ctx.actor, carApplicationPolicy, 'review', { grants }, id);
  const a = await tx.selectFrom('cartradein_applications').selectAll().where('id', '=', id).executeTakeFirst();
  if (!a) throw notFound();
  return { a, grants };
}

/**
 * 市商务局 approves: only an eligible application, and — while no verifier could check the scrapping certificate —
 * only with the reviewer's statement that they checked it by hand. The payment deadline starts today.
 */
export async function approveCarApplication(
  deps: AppDeps,
  ctx: RequestContext,
  id: number,
  input: { note?: string | undefined; certificateConfirmed?: boolean | undefined },
) {
  const grants = await inTransaction(deps.database, async (tx) => {
    const { a, grants } = await loadForReview(tx, ctx, id);
    nextStatus('approve', a.status);
    if (a.eligible !== 1) throw new AppError(409, 'NOT_ELIGIBLE', 'error.NOT_ELIGIBLE');
    const manual = a.certificate_check === 'unverified';
    if (manual && input.certificateConfirmed !== true) throw fieldError('certificateConfirmed', 'field.cartradein.certificateConfirmRequired');
    // "Checked by hand" is believed only from a reviewer who opened the certificate file.
    if (manual && !(await certificateOpenedBy(tx, id, ctx.actor.userId)))
      throw new AppError(400, 'CERTIFICATE_NOT_OPENED', 'error.CERTIFICATE_NOT_OPENED', {}, [
        { path: 'certificateConfirmed', reason: 'field.cartradein.certificateNotOpened' },
      ]);
    const rule = await loadRuleVersion(tx, Number(a.rule_version_id));
    const today = shanghaiDate();
    const paymentDueOn = addWorkingDays(today, rule.deadlines.paymentWorkingDays, await loadCalendar(tx, today));
    // Beyond the programme's budget the database's CHECK refuses it (409 CAR_BUDGET_EXCEEDED) and nothing is written.
    await chargeCarBudget(tx, Number(a.program_id), Number(a.amount_fen));
    await moveApplication(tx, ctx, {
      id,
      applicantUserId: Number(a.applicant_user_id),
      action: 'approve',
      from: a.status,
      set: {
        approved_at: nowIso(),
        payment_due_on: paymentDueOn,
        decided_by: ctx.actor.userId,
        ...(manual ? { certificate_check: 'confirmed' as const, certificate_check_source: `reviewer:${ctx.actor.userId}` } : {}),
      },
      note: input.note ?? null,
      params: { amount: fenToDecimal(Number(a.amount_fen)), dueOn: paymentDueOn },
      audit: { after: { amountFen: Number(a.amount_fen), paymentDueOn, certificateConfirmedByHand: manual } },
    });
    return grants;
  });
  return loadCarApplicationView(deps.database.db, ctx, id, grants);
}

/** Return for correction or reject, each with the reasons the resident is shown. */
export async function decideAgainstCarApplication(deps: AppDeps, ctx: RequestContext, id: number, action: 'return' | 'reject', reasons: string[]) {
  const grants = await inTransaction(deps.database, async (tx) => {
    const { a, grants } = await loadForReview(tx, ctx, id);
    await moveApplication(tx, ctx, {
      id,
      applicantUserId: Number(a.applicant_user_id),
      action,
      from: a.status,
      set: { decided_by: ctx.actor.userId },
      reasons,
    });
    return grants;
  });
  return loadCarApplicationView(deps.database.db, ctx, id, grants);
}

export const returnCarApplication = (deps: AppDeps, ctx: RequestContext, id: number, reasons: string[]) =>
  decideAgainstCarApplication(deps, ctx, id, 'return', reasons);
export const rejectCarApplication = (deps: AppDeps, ctx: RequestContext, id: number, reasons: string[]) =>
  decideAgainstCarApplication(deps, ctx, id, 'reject', reasons);
