import type { Selectable } from 'kysely';
import type { RequestContext } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { shanghaiDate } from '../../../core/time.js';
import type { Queryable } from '../../../db/database.js';
import type { Locale } from '../../../../shared/roles.js';
import { viewedAttachments } from '../../platform/attachments/service.js';
import type { Grants } from '../../platform/grants/policy.js';
import { timelineOf } from '../../platform/timeline/timeline.js';
import { carApplicationPolicy } from '../policies/application.js';
import type { Eligibility, Reason } from '../programs/eligibility.js';
import type { CarApplicationStatus, CarApplicationTable, CertificateCheckStatus } from '../tables.js';
import { certificatesOpened } from './certificateViewing.js';
import { describeReasons } from './reasons.js';
import type { CarApplicationSummary, CarApplicationView } from './schema.js';
import { canTransition, carApplicationWorkflow } from './stateMachine.js';

/** What an application looks like to the people who read it: the summary of the lists and the whole record. */

export const toEligibility = (locale: Locale, e: Eligibility) => ({
  eligible: e.eligible,
  reasons: describeReasons(locale, e.reasons),
  amountFen: e.amountFen,
});

export function summaryBase(db: Queryable) {
  return db
    .selectFrom('cartradein_applications as a')
    .innerJoin('cartradein_programs as p', 'p.id', 'a.program_id')
    .innerJoin('users as u', 'u.id', 'a.applicant_user_id')
    .leftJoin('organizations as town', 'town.id', 'a.town_id');
}

export const SUMMARY_COLUMNS = [
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
] as const;

export type SummaryRow = {
  id: number;
  program_id: number;
  program_name: string;
  kind: CarApplicationTable['kind'];
  status: CarApplicationStatus;
  applicant_name: string;
  town_id: number | null;
  town_name: string | null;
  old_vin: string;
  old_plate: string;
  new_vin: string;
  new_energy_type: CarApplicationTable['new_energy_type'];
  new_price_fen: number;
  eligible: number;
  amount_fen: number;
  certificate_check: CertificateCheckStatus;
  submitted_at: string;
  review_due_on: string;
  payment_due_on: string | null;
  payment_batch_id: number | null;
};

export function toSummary(r: SummaryRow): CarApplicationSummary {
  return {
    id: Number(r.id),
    programId: Number(r.program_id),
    programName: r.program_name,
    kind: r.kind,
    status: r.status,
    applicantName: r.applicant_name,
    townId: r.town_id === null ? null : Number(r.town_id),
    townName: r.town_name,
    oldVin: r.old_vin,
    oldPlate: r.old_plate,
    newVin: r.new_vin,
    newEnergyType: r.new_energy_type,
    newPriceFen: Number(r.new_price_fen),
    eligible: r.eligible === 1,
    amountFen: Number(r.amount_fen),
    certificateCheck: r.certificate_check,
    submittedAt: r.submitted_at,
    reviewDueOn: r.review_due_on,
    paymentDueOn: r.payment_due_on,
    paymentBatchId: r.payment_batch_id === null ? null : Number(r.payment_batch_id),
  };
}

export const REVIEW_PENDING: CarApplicationStatus[] = ['submitted'];
export const PAYMENT_PENDING: CarApplicationStatus[] = ['approved', 'in_payment'];

/** What the actor may do to the application now: the policy and the workflow, together. */
function allowedActions(ctx: RequestContext, a: Selectable<CarApplicationTable>, grants: Grants): string[] {
  const out: string[] = [];
  const rec = { grants, applicant_user_id: Number(a.applicant_user_id) };
  if (carApplicationPolicy.can(ctx.actor, 'resubmit', rec) && canTransition('resubmit', a.status)) out.push('resubmit');
  if (carApplicationPolicy.can(ctx.actor, 'review', rec))
    for (const t of ['approve', 'return', 'reject'] as const) if (canTransition(t, a.status) && (t !== 'approve' || a.eligible === 1)) out.push(t);
  return out;
}

export async function loadCarApplicationView(db: Queryable, ctx: RequestContext, id: number, grants: Grants): Promise<CarApplicationView> {
  const a = await db.selectFrom('cartradein_applications').selectAll().where('id', '=', id).executeTakeFirst();
  if (!a) throw notFound();
  const summaryRow = await summaryBase(db).select(SUMMARY_COLUMNS).where('a.id', '=', id).executeTakeFirstOrThrow();
  const evidence = await db
    .selectFrom('cartradein_application_evidence as e')
    .innerJoin('attachments as f', 'f.id', 'e.attachment_id')
    .select(['e.attachment_id', 'e.kind', 'f.filename', 'f.mime_type', 'f.size_bytes'])
    .where('e.applicant_user_id', '=', Number(a.applicant_user_id))
    .where('e.application_id', '=', id)
    .orderBy('e.attachment_id')
    .execute();
  const files = evidence.map((e) => ({
    attachmentId: Number(e.attachment_id),
    kind: e.kind,
    filename: e.filename,
    mimeType: e.mime_type,
    sizeBytes: Number(e.size_bytes),
  }));
  const opened = await viewedAttachments(
    db,
    files.map((f) => f.attachmentId),
    ctx.actor.userId,
  );
  const timeline = await timelineOf(db, carApplicationWorkflow, id);
  const today = shanghaiDate();
  const reasons = JSON.parse(a.reasons_json) as Reason[];
  const reviewDone = !REVIEW_PENDING.includes(a.status) && a.status !== 'returned';
  const paymentDone = a.status === 'paid';
  return {
    ...toSummary(summaryRow as SummaryRow),
    ruleVersionId: Number(a.rule_version_id),
    oldVehicle: {
      vin: a.old_vin,
      plate: a.old_plate,
      registeredOn: a.old_registered_on,
      ownedSince: a.old_owned_since,
      energyType: a.old_energy_type,
      emissionStandard: a.old_emission_standard,
    },
    scrapping:
      a.scrapping_certificate_no !== null && a.deregistered_on !== null
        ? { certificateNumber: a.scrapping_certificate_no, deregisteredOn: a.deregistered_on }
        : null,
    transfer: a.transfer_record_no !== null && a.transferred_on !== null ? { recordNumber: a.transfer_record_no, transferredOn: a.transferred_on } : null,
    newVehicle: {
      vin: a.new_vin,
      invoiceNumber: a.new_invoice_number,
      invoiceDate: a.new_invoice_date,
      priceFen: Number(a.new_price_fen),
      energyType: a.new_energy_type,
      displacementMl: a.new_displacement_ml,
    },
    bank: { bankName: a.bank_name, accountName: a.account_name, account: a.bank_account_mask },
    evidence: files.map((f) => ({ ...f, openedByMe: opened.has(f.attachmentId) })),
    eligibility: { eligible: a.eligible === 1, reasons: describeReasons(ctx.locale, reasons), amountFen: Number(a.amount_fen) },
    certificate: {
      status: a.certificate_check,
      source: a.certificate_check_source,
      note: a.certificate_check_note,
      needsManualConfirmation: a.certificate_check === 'unverified' && a.status === 'submitted',
      openedByMe: certificatesOpened(files, opened),
    },
    deadlines: {
      // A returned application waits for the resident, not the reviewer: no review deadline runs meanwhile.
      review: { dueOn: a.status === 'returned' ? null : a.review_due_on, done: reviewDone, overdue: a.status === 'submitted' && today > a.review_due_on },
      payment: {
        dueOn: a.payment_due_on,
        done: paymentDone,
        overdue: PAYMENT_PENDING.includes(a.status) && a.payment_due_on !== null && today > a.payment_due_on,
      },
    },
    payment: { batchId: a.payment_batch_id === null ? null : Number(a.payment_batch_id), reference: a.payment_reference, paidAt: a.paid_at },
    approvedAt: a.approved_at,
    resubmissions: a.resubmissions,
    timeline: timeline.map((e) => ({
      at: e.at,
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      actorRole: e.actorRole,
      reasons: e.reasons,
      note: e.note,
    })),
    allowedActions: allowedActions(ctx, a, grants),
  };
}
