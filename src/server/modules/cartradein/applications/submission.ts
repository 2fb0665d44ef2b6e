import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { fieldError, notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { shanghaiDate } from '../../../core/time.js';
import { inTransaction, type Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { maskBankAccount } from '../../../../shared/validators/bankAccount.js';
import { grantsOf } from '../../platform/grants/service.js';
import { carApplicationPolicy } from '../policies/application.js';
import { evaluateCarEligibility, type Reason } from '../programs/eligibility.js';
import { assessSubmission, certificateVerdict, factsOf, identifiersOfInput, mapUniqueViolation, openProgram, usedIdentifiers, type Fields } from './assess.js';
import { holdIdentifiers, identifiersOf } from './identifiers.js';
import type { CarApplicationView, PrecheckCarApplicationInput, ResubmitCarApplicationInput, SubmitCarApplicationInput } from './schema.js';
import { nextStatus } from './stateMachine.js';
import { moveApplication, recordSubmission } from './transitions.js';
import { loadCarApplicationView, toEligibility } from './views.js';

/** What the resident does: check the form, send an application, send a returned one again. */

/** The form's eligibility check: the same rules as a submission, plus whether the car was already used; nothing written. */
export async function precheckCarApplication(deps: AppDeps, ctx: RequestContext, input: PrecheckCarApplicationInput) {
  authorize(ctx.actor, carApplicationPolicy, 'precheck');
  const db = deps.database.db;
  const program = await openProgram(db, input.programId, { forNewApplication: true });
  const verdict = await certificateVerdict(db, deps, program, input);
  const facts = factsOf(program, input, shanghaiDate(), verdict.status);
  const result = evaluateCarEligibility(program.view.rule, program.view, facts);
  const used = await usedIdentifiers(db, input, null);
  const extra: Reason[] = used.vehicle.map((f) => ({ code: 'alreadySubsidised', params: { field: f.path } }));
  if (used.invoice) extra.push({ code: 'alreadySubsidised', params: { field: 'newVehicle.invoiceNumber' } });
  const reasons = [...result.reasons, ...extra];
  return {
    ...toEligibility(ctx.locale, { eligible: reasons.length === 0, reasons, amountFen: reasons.length === 0 ? result.amountFen : 0 }),
    certificateCheck: verdict.status,
    ruleVersionId: program.ruleVersionId,
  };
}

/** The town must be one of the division list's (an organisation of kind town). */
async function checkTown(tx: Tx, townId: number) {
  const town = await tx.selectFrom('organizations').select('id').where('id', '=', townId).where('kind', '=', 'town').executeTakeFirst();
  if (!town) throw fieldError('townId', 'field.town.unknown');
}

function applicationColumns(deps: AppDeps, input: ResubmitCarApplicationInput) {
  return {
    town_id: input.townId,
    old_vin: input.oldVehicle.vin,
    old_plate: input.oldVehicle.plate,
    old_registered_on: input.oldVehicle.registeredOn,
    old_owned_since: input.oldVehicle.ownedSince,
    old_energy_type: input.oldVehicle.energyType,
    old_emission_standard: input.oldVehicle.emissionStandard ?? null,
    scrapping_certificate_no: input.scrapping?.certificateNumber ?? null,
    deregistered_on: input.scrapping?.deregisteredOn ?? null,
    transfer_record_no: input.transfer?.recordNumber ?? null,
    transferred_on: input.transfer?.transferredOn ?? null,
    new_vin: input.newVehicle.vin,
    new_invoice_number: input.newVehicle.invoiceNumber,
    new_invoice_date: input.newVehicle.invoiceDate,
    new_price_fen: input.newVehicle.priceFen,
    new_energy_type: input.newVehicle.energyType,
    new_displacement_ml: input.newVehicle.energyType === 'fuel' ? (input.newVehicle.displacementMl ?? null) : null,
    bank_name: input.bank.bankName,
    account_name: input.bank.accountName,
    bank_account_enc: deps.sealer.seal(input.bank.account),
    bank_account_hash: deps.sealer.lookup(input.bank.account),
    bank_account_mask: maskBankAccount(input.bank.account),
  };
}

/**
 * The evidence the application cites. No foreign key to attachments (they are not colocated with the applicant on
 * Citus): `assessSubmission` checked, in this transaction, that each is the applicant's own upload, and uploads are
 * never deleted.
 */
async function writeEvidence(tx: Tx, applicantUserId: number, id: number, evidence: Fields['evidence']) {
  await tx.deleteFrom('cartradein_application_evidence').where('applicant_user_id', '=', applicantUserId).where('application_id', '=', id).execute();
  const unique = [...new Map(evidence.map((e) => [e.attachmentId, e])).values()];
  if (unique.length)
    await tx
      .insertInto('cartradein_application_evidence')
      .values(unique.map((e) => ({ applicant_user_id: applicantUserId, application_id: id, attachment_id: e.attachmentId, kind: e.kind })))
      .execute();
}

export async function submitCarApplication(deps: AppDeps, ctx: RequestContext, input: SubmitCarApplicationInput): Promise<CarApplicationView> {
  authorize(ctx.actor, carApplicationPolicy, 'submit');
  const id = await inTransaction(deps.database, async (tx) => {
    const program = await openProgram(tx, input.programId, { forNewApplication: true });
    await checkTown(tx, input.townId);
    const { verdict, result, reviewDueOn } = await assessSubmission(tx, deps, ctx, program, input, null);
    const now = nowIso();
    const row = await tx
      .insertInto('cartradein_applications')
      .values({
        program_id: input.programId,
        rule_version_id: program.ruleVersionId,
        kind: program.view.kind,
        applicant_user_id: ctx.actor.userId!,
        status: 'submitted',
        ...applicationColumns(deps, input),
        eligible: result.eligible ? 1 : 0,
        reasons_json: JSON.stringify(result.reasons),
        amount_fen: result.amountFen,
        certificate_check: verdict.status,
        certificate_check_source: verdict.source,
        certificate_check_note: verdict.note,
        submitted_at: now,
        review_due_on: reviewDueOn,
        approved_at: null,
        payment_due_on: null,
        decided_by: null,
        payment_batch_id: null,
        payment_reference: null,
        paid_at: null,
        resubmissions: 0,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(row.id);
    await holdIdentifiers(tx, { applicant_user_id: ctx.actor.userId!, application_id: id }, identifiersOfInput(input));
    await writeEvidence(tx, ctx.actor.userId!, id, input.evidence);
    await recordSubmission(tx, ctx, {
      id,
      applicantUserId: ctx.actor.userId!,
      params: { dueOn: reviewDueOn },
      audit: { after: { programId: input.programId, townId: input.townId, eligible: result.eligible, amountFen: result.amountFen, reasons: result.reasons } },
    });
    return id;
  }).catch(mapUniqueViolation);
  return loadCarApplicationView(deps.database.db, ctx, id, await grantsOf(deps.database.db, ctx.actor, 'cartradein'));
}

async function loadForResident(tx: Tx, ctx: RequestContext, id: number) {
  const a = await tx.selectFrom('cartradein_applications').selectAll().where('id', '=', id).executeTakeFirst();
  if (!a) throw notFound();
  authorize(ctx.actor, carApplicationPolicy, 'resubmit', { applicant_user_id: Number(a.applicant_user_id) }, id);
  return a;
}

/** The resident corrects a returned application and sends it again: reassessed under the current rule, the review clock restarts. */
export async function resubmitCarApplication(deps: AppDeps, ctx: RequestContext, id: number, input: ResubmitCarApplicationInput): Promise<CarApplicationView> {
  await inTransaction(deps.database, async (tx) => {
    const before = await loadForResident(tx, ctx, id);
    nextStatus('resubmit', before.status);
    const program = await openProgram(tx, Number(before.program_id), { forNewApplication: false });
    await checkTown(tx, input.townId);
    const { verdict, result, reviewDueOn } = await assessSubmission(tx, deps, ctx, program, input, id, before.created_at);
    await moveApplication(tx, ctx, {
      id,
      applicantUserId: Number(before.applicant_user_id),
      action: 'resubmit',
      from: before.status,
      set: {
        rule_version_id: program.ruleVersionId,
        ...applicationColumns(deps, input),
        eligible: result.eligible ? 1 : 0,
        reasons_json: JSON.stringify(result.reasons),
        amount_fen: result.amountFen,
        certificate_check: verdict.status,
        certificate_check_source: verdict.source,
        certificate_check_note: verdict.note,
        submitted_at: nowIso(),
        review_due_on: reviewDueOn,
        resubmissions: before.resubmissions + 1,
      },
      params: { dueOn: reviewDueOn },
      audit: {
        before: { eligible: before.eligible === 1, amountFen: Number(before.amount_fen), oldVin: before.old_vin, newVin: before.new_vin },
        after: { eligible: result.eligible, amountFen: result.amountFen, reasons: result.reasons },
      },
    });
    const holder = { applicant_user_id: Number(before.applicant_user_id), application_id: id };
    await holdIdentifiers(tx, holder, identifiersOfInput(input), identifiersOf(before));
    await writeEvidence(tx, holder.applicant_user_id, id, input.evidence);
  }).catch(mapUniqueViolation);
  return loadCarApplicationView(deps.database.db, ctx, id, await grantsOf(deps.database.db, ctx.actor, 'cartradein'));
}
