import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError, fieldError, notFound, type FieldIssue } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { inTransaction, type Queryable, type Tx } from '../../../db/database.js';
import { isUniqueViolation } from '../../../db/errors.js';
import { nowIso } from '../../../db/time.js';
import { paginate, type Page } from '../../../http/pagination.js';
import { maskBankAccount } from '../../../../shared/validators/bankAccount.js';
import type { Locale } from '../../../../shared/roles.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { readAttachmentFile } from '../../platform/attachments/service.js';
import { notify } from '../../platform/notifications/service.js';
import { grantsOf } from '../../tradein/access.js';
import type { TradeinGrants } from '../../tradein/policies/common.js';
import { addWorkingDays, daysBetween, loadCalendar, shanghaiDateOf, shanghaiToday } from '../calendar/workingDays.js';
import { carApplicationPolicy } from '../policies/application.js';
import { evaluateCarEligibility, type CarApplicationFacts, type Eligibility, type Reason } from '../programs/eligibility.js';
import { loadProgramForApplication, loadRuleVersion } from '../programs/service.js';
import type { Selectable, Updateable } from 'kysely';
import type { CarApplicationStatus, CarApplicationTable, CertificateCheckStatus } from '../tables.js';
import { scrappingCertificateVerifier } from './certificates.js';
import { describeReasons } from './reasons.js';
import type {
  CarApplicationSummary,
  CarApplicationView,
  ListCarApplicationsQuery,
  PrecheckCarApplicationInput,
  ResubmitCarApplicationInput,
  SubmitCarApplicationInput,
} from './schema.js';
import { CAR_TRANSITIONS, canTransition, nextStatus, type CarTransition } from './stateMachine.js';

type Fields = ResubmitCarApplicationInput | PrecheckCarApplicationInput;
type Program = NonNullable<Awaited<ReturnType<typeof loadProgramForApplication>>>;

const vehicleAlreadySubsidised = (fields: FieldIssue[]) => new AppError(409, 'VEHICLE_ALREADY_SUBSIDISED', 'error.VEHICLE_ALREADY_SUBSIDISED', {}, fields);
const invoiceAlreadyUsed = () =>
  new AppError(409, 'INVOICE_ALREADY_USED', 'error.INVOICE_ALREADY_USED', {}, [{ path: 'newVehicle.invoiceNumber', reason: 'field.cartradein.alreadyUsed' }]);

// ---------------------------------------------------------------------------------------------------------------
// Checking what the resident sent

/**
 * The field-level checks no schema can make alone (they depend on the programme's kind or on today), then the
 * facts the eligibility rules look at. Everything here is a 400 naming the field: a form mistake, not a rule.
 */
function factsOf(program: Program, input: Fields, today: string, certificateCheck: CertificateCheckStatus, appliedOn = today): CarApplicationFacts {
  const issues: FieldIssue[] = [];
  const { oldVehicle: old, newVehicle: car } = input;
  const kind = program.view.kind;
  if (kind === 'scrapping' && !input.scrapping) issues.push({ path: 'scrapping', reason: 'field.required' });
  if (kind === 'replacement' && !input.transfer) issues.push({ path: 'transfer', reason: 'field.required' });
  if (kind === 'scrapping' && input.transfer) issues.push({ path: 'transfer', reason: 'field.cartradein.notForKind' });
  if (kind === 'replacement' && input.scrapping) issues.push({ path: 'scrapping', reason: 'field.cartradein.notForKind' });
  if (old.energyType === 'fuel' && !old.emissionStandard) issues.push({ path: 'oldVehicle.emissionStandard', reason: 'field.required' });
  if (car.energyType === 'fuel' && !car.displacementMl) issues.push({ path: 'newVehicle.displacementMl', reason: 'field.required' });
  if (old.vin === car.vin) issues.push({ path: 'newVehicle.vin', reason: 'field.cartradein.sameVin' });
  if (old.ownedSince < old.registeredOn) issues.push({ path: 'oldVehicle.ownedSince', reason: 'field.cartradein.ownedBeforeRegistration' });
  const disposedOn = input.scrapping?.deregisteredOn ?? input.transfer?.transferredOn ?? today;
  const dated: [string, string | undefined][] = [
    ['oldVehicle.registeredOn', old.registeredOn],
    ['oldVehicle.ownedSince', old.ownedSince],
    ['scrapping.deregisteredOn', input.scrapping?.deregisteredOn],
    ['transfer.transferredOn', input.transfer?.transferredOn],
    ['newVehicle.invoiceDate', car.invoiceDate],
  ];
  for (const [path, d] of dated) if (d !== undefined && d > today) issues.push({ path, reason: 'field.cartradein.futureDate' });
  if (issues.length) throw new AppError(400, 'VALIDATION_FAILED', 'error.VALIDATION_FAILED', {}, issues);
  return {
    kind,
    appliedOn,
    old: { energyType: old.energyType, emissionStandard: old.emissionStandard ?? null, registeredOn: old.registeredOn, ownedSince: old.ownedSince },
    disposedOn,
    newCar: { energyType: car.energyType, displacementMl: car.displacementMl ?? null, priceFen: car.priceFen, invoiceDate: car.invoiceDate },
    evidenceKinds: input.evidence.map((e) => e.kind),
    certificateCheck,
  };
}

/** Which of the car's identifiers another application already uses (old VIN, new VIN, scrapping certificate, invoice). */
async function usedIdentifiers(db: Queryable, input: Fields, exceptId: number | null) {
  const cert = input.scrapping?.certificateNumber ?? null;
  let q = db
    .selectFrom('cartradein_applications')
    .select(['id', 'old_vin', 'new_vin', 'scrapping_certificate_no', 'new_invoice_number'])
    .where((eb) =>
      eb.or([
        eb('old_vin', '=', input.oldVehicle.vin),
        eb('new_vin', '=', input.newVehicle.vin),
        eb('new_invoice_number', '=', input.newVehicle.invoiceNumber),
        ...(cert ? [eb('scrapping_certificate_no', '=', cert)] : []),
      ]),
    );
  if (exceptId !== null) q = q.where('id', '!=', exceptId);
  const rows = await q.execute();
  const vehicle: FieldIssue[] = [];
  if (rows.some((r) => r.old_vin === input.oldVehicle.vin)) vehicle.push({ path: 'oldVehicle.vin', reason: 'field.cartradein.alreadyUsed' });
  if (rows.some((r) => r.new_vin === input.newVehicle.vin)) vehicle.push({ path: 'newVehicle.vin', reason: 'field.cartradein.alreadyUsed' });
  if (cert && rows.some((r) => r.scrapping_certificate_no === cert)) vehicle.push({ path: 'scrapping.certificateNumber', reason: 'field.cartradein.alreadyUsed' });
  return { vehicle, invoice: rows.some((r) => r.new_invoice_number === input.newVehicle.invoiceNumber) };
}

/** The attachments must be the applicant's own uploads (residents share one organisation, so the uploader decides). */
async function checkEvidence(db: Queryable, ctx: RequestContext, evidence: Fields['evidence']) {
  const ids = [...new Set(evidence.map((e) => e.attachmentId))];
  if (!ids.length) return;
  const own = new Set(
    (await db.selectFrom('attachments').select('id').where('id', 'in', ids).where('uploaded_by', '=', ctx.actor.userId ?? -1).execute()).map((r) => Number(r.id)),
  );
  const issues: FieldIssue[] = [];
  evidence.forEach((e, i) => {
    if (!own.has(e.attachmentId)) issues.push({ path: `evidence.${i}.attachmentId`, reason: 'field.cartradein.attachmentUnknown' });
  });
  if (issues.length) throw new AppError(400, 'VALIDATION_FAILED', 'error.VALIDATION_FAILED', {}, issues);
}

/**
 * The programme a submission goes to. A new application is refused outside the window, with the date, rather
 * than recorded as ineligible: nothing is written. A returned application corrected after the window is the
 * same application, sent inside it, so `forNewApplication: false` lets it through.
 */
async function openProgram(db: Queryable, programId: number, { forNewApplication }: { forNewApplication: boolean }): Promise<Program> {
  const program = await loadProgramForApplication(db, programId);
  if (!program || program.view.status === 'draft') throw fieldError('programId', 'field.invalid');
  if (program.view.status !== 'active') throw new AppError(409, 'CAR_PROGRAM_NOT_OPEN', 'error.CAR_PROGRAM_NOT_OPEN');
  if (forNewApplication) {
    const today = shanghaiToday();
    if (today > program.view.validTo) throw new AppError(409, 'CAR_PROGRAM_ENDED', 'error.CAR_PROGRAM_ENDED', { date: program.view.validTo });
    if (today < program.view.validFrom) throw new AppError(409, 'CAR_PROGRAM_NOT_STARTED', 'error.CAR_PROGRAM_NOT_STARTED', { date: program.view.validFrom });
  }
  return program;
}

async function certificateVerdict(db: Queryable, program: Program, input: Fields) {
  if (program.view.kind !== 'scrapping' || !input.scrapping) return { status: 'not_applicable' as const, source: null, note: null };
  const verifier = scrappingCertificateVerifier();
  const v = await verifier.verify(db, { certificateNumber: input.scrapping.certificateNumber, vin: input.oldVehicle.vin, deregisteredOn: input.scrapping.deregisteredOn });
  return { status: v.status, source: verifier.source, note: v.note ?? null };
}

// ---------------------------------------------------------------------------------------------------------------
// Views

const toEligibility = (locale: Locale, e: Eligibility) => ({ eligible: e.eligible, reasons: describeReasons(locale, e.reasons), amountFen: e.amountFen });

function summaryBase(db: Queryable) {
  return db
    .selectFrom('cartradein_applications as a')
    .innerJoin('cartradein_programs as p', 'p.id', 'a.program_id')
    .innerJoin('users as u', 'u.id', 'a.applicant_user_id');
}

const SUMMARY_COLUMNS = [
  'a.id',
  'a.program_id',
  'p.name as program_name',
  'a.kind',
  'a.status',
  'u.display_name as applicant_name',
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

type SummaryRow = {
  id: number;
  program_id: number;
  program_name: string;
  kind: CarApplicationTable['kind'];
  status: CarApplicationStatus;
  applicant_name: string;
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

const REVIEW_PENDING: CarApplicationStatus[] = ['submitted'];
const PAYMENT_PENDING: CarApplicationStatus[] = ['approved', 'in_payment'];

/** What the actor may do to the application now: the policy and the state machine, together. */
function allowedActions(ctx: RequestContext, a: Selectable<CarApplicationTable>, grants: TradeinGrants): string[] {
  const out: string[] = [];
  const rec = { grants, applicant_user_id: Number(a.applicant_user_id) };
  if (carApplicationPolicy.can(ctx.actor, 'resubmit', rec) && canTransition('resubmit', a.status)) out.push('resubmit');
  if (carApplicationPolicy.can(ctx.actor, 'review', rec))
    for (const t of ['approve', 'return', 'reject'] as const) if (canTransition(t, a.status) && (t !== 'approve' || a.eligible === 1)) out.push(t);
  return out;
}

export async function loadCarApplicationView(db: Queryable, ctx: RequestContext, id: number, grants: TradeinGrants): Promise<CarApplicationView> {
  const a = await db.selectFrom('cartradein_applications').selectAll().where('id', '=', id).executeTakeFirst();
  if (!a) throw notFound();
  const summaryRow = await summaryBase(db).select(SUMMARY_COLUMNS).where('a.id', '=', id).executeTakeFirstOrThrow();
  const evidence = await db
    .selectFrom('cartradein_application_evidence as e')
    .innerJoin('attachments as f', 'f.id', 'e.attachment_id')
    .select(['e.attachment_id', 'e.kind', 'f.filename'])
    .where('e.application_id', '=', id)
    .orderBy('e.attachment_id')
    .execute();
  const events = await db.selectFrom('cartradein_application_events').selectAll().where('application_id', '=', id).orderBy('id').execute();
  const today = shanghaiToday();
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
    scrapping: a.scrapping_certificate_no !== null && a.deregistered_on !== null ? { certificateNumber: a.scrapping_certificate_no, deregisteredOn: a.deregistered_on } : null,
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
    evidence: evidence.map((e) => ({ attachmentId: Number(e.attachment_id), kind: e.kind, filename: e.filename })),
    eligibility: { eligible: a.eligible === 1, reasons: describeReasons(ctx.locale, reasons), amountFen: Number(a.amount_fen) },
    certificate: {
      status: a.certificate_check,
      source: a.certificate_check_source,
      note: a.certificate_check_note,
      needsManualConfirmation: a.certificate_check === 'unverified' && a.status === 'submitted',
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
    timeline: events.map((e) => ({
      at: e.at,
      action: e.action,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      actorRole: e.actor_role,
      reasons: JSON.parse(e.reasons_json) as string[],
      note: e.note,
    })),
    allowedActions: allowedActions(ctx, a, grants),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Transitions: one event on the timeline, one audit record, one notification to the resident

const NOTIFICATION_KIND: Record<CarTransition, string> = {
  submit: 'cartradein_submitted',
  resubmit: 'cartradein_resubmitted',
  approve: 'cartradein_approved',
  return: 'cartradein_returned',
  reject: 'cartradein_rejected',
  addToBatch: 'cartradein_in_payment',
  cancelBatch: 'cartradein_payment_cancelled',
  markPaid: 'cartradein_paid',
};

export interface TransitionRecord {
  applicationId: number;
  applicantUserId: number;
  action: CarTransition;
  from: CarApplicationStatus | null;
  to: CarApplicationStatus;
  reasons?: string[];
  note?: string | null;
  /** Extra values for the notification text ({amount}, {dueOn}, {batchNo}, {reference}). */
  params?: Record<string, string | number>;
  audit?: { before?: unknown; after?: unknown };
}

export async function recordTransition(tx: Tx, ctx: RequestContext, t: TransitionRecord): Promise<void> {
  const reasons = t.reasons ?? [];
  const event = await tx
    .insertInto('cartradein_application_events')
    .values({
      application_id: t.applicationId,
      at: nowIso(),
      actor_user_id: ctx.actor.userId,
      actor_role: ctx.actor.role,
      action: t.action,
      from_status: t.from,
      to_status: t.to,
      reasons_json: JSON.stringify(reasons),
      note: t.note ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await appendAudit(tx, ctx, {
    entity: 'cartradein_application',
    entityId: t.applicationId,
    action: t.action,
    before: { status: t.from, ...(t.audit?.before as object | undefined) },
    after: { status: t.to, reasons, note: t.note ?? null, ...(t.audit?.after as object | undefined) },
  });
  await notify(tx, {
    userId: t.applicantUserId,
    kind: NOTIFICATION_KIND[t.action],
    params: { id: t.applicationId, reasons: reasons.join('；'), ...(t.params ?? {}) },
    link: `/tradein/car-applications/${t.applicationId}`,
    dedupeKey: `cartradein:application:${t.applicationId}:event:${Number(event.id)}`,
  });
}

/** Moves an application from the status it was read in; 409 when somebody else moved it first. */
export async function moveApplication(tx: Tx, id: number, action: CarTransition, from: CarApplicationStatus, set: Updateable<CarApplicationTable>): Promise<CarApplicationStatus> {
  const to = nextStatus(action, from);
  const res = await tx
    .updateTable('cartradein_applications')
    .set({ ...set, status: to, updated_at: nowIso() })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) {
    const now = await tx.selectFrom('cartradein_applications').select('status').where('id', '=', id).executeTakeFirst();
    nextStatus(action, now?.status ?? from);
  }
  return to;
}

const yuanText = (fen: number) => (fen / 100).toFixed(2);

// ---------------------------------------------------------------------------------------------------------------
// Use cases

/** The form's eligibility check: the same rules as a submission, plus whether the car was already used; nothing written. */
export async function precheckCarApplication(deps: AppDeps, ctx: RequestContext, input: PrecheckCarApplicationInput) {
  authorize(ctx.actor, carApplicationPolicy, 'precheck');
  const db = deps.database.db;
  const program = await openProgram(db, input.programId, { forNewApplication: true });
  const verdict = await certificateVerdict(db, program, input);
  const facts = factsOf(program, input, shanghaiToday(), verdict.status);
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

function applicationColumns(deps: AppDeps, input: Fields & { bank: SubmitCarApplicationInput['bank'] }) {
  return {
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
 * Everything a (re)submission shares: field checks, duplicate identifiers, evidence ownership, the certificate
 * verdict, eligibility under the programme's current rule, and the review deadline from today.
 */
async function assess(tx: Tx, ctx: RequestContext, program: Program, input: Fields, exceptId: number | null, firstSubmittedAt: string | null = null) {
  const verdict = await certificateVerdict(tx, program, input);
  const today = shanghaiToday();
  // A resubmission is judged on the day the application was first sent, so a correction after the window counts.
  const facts = factsOf(program, input, today, verdict.status, firstSubmittedAt ? shanghaiDateOf(firstSubmittedAt) : today);
  const used = await usedIdentifiers(tx, input, exceptId);
  if (used.vehicle.length) throw vehicleAlreadySubsidised(used.vehicle);
  if (used.invoice) throw invoiceAlreadyUsed();
  await checkEvidence(tx, ctx, input.evidence);
  const result = evaluateCarEligibility(program.view.rule, program.view, facts);
  const reviewDueOn = addWorkingDays(today, program.view.rule.deadlines.reviewWorkingDays, await loadCalendar(tx, today));
  return { verdict, result, reviewDueOn };
}

async function writeEvidence(tx: Tx, id: number, evidence: Fields['evidence']) {
  await tx.deleteFrom('cartradein_application_evidence').where('application_id', '=', id).execute();
  const unique = [...new Map(evidence.map((e) => [e.attachmentId, e])).values()];
  if (unique.length)
    await tx
      .insertInto('cartradein_application_evidence')
      .values(unique.map((e) => ({ application_id: id, attachment_id: e.attachmentId, kind: e.kind })))
      .execute();
}

/** Columns of the unique indexes, and the field each one names (PostgreSQL names the constraint, SQLite the column). */
const UNIQUE_FIELDS: [column: string, path: string][] = [
  ['old_vin', 'oldVehicle.vin'],
  ['new_vin', 'newVehicle.vin'],
  ['scrapping_certificate_no', 'scrapping.certificateNumber'],
];

/**
 * A race lost to a concurrent submission of the same car: both passed the check, the unique indexes kept the
 * first. The loser hears the same 409 as if it had come second.
 */
function mapUniqueViolation(e: unknown): never {
  if (isUniqueViolation(e)) {
    const err = e as { message?: string; constraint?: string };
    const text = `${err.constraint ?? ''} ${err.message ?? ''}`;
    if (text.includes('new_invoice_number')) throw invoiceAlreadyUsed();
    const hit = UNIQUE_FIELDS.find(([column]) => text.includes(column));
    throw vehicleAlreadySubsidised(hit ? [{ path: hit[1], reason: 'field.cartradein.alreadyUsed' }] : []);
  }
  throw e;
}

export async function submitCarApplication(deps: AppDeps, ctx: RequestContext, input: SubmitCarApplicationInput): Promise<CarApplicationView> {
  authorize(ctx.actor, carApplicationPolicy, 'submit');
  const id = await inTransaction(deps.database, async (tx) => {
    const program = await openProgram(tx, input.programId, { forNewApplication: true });
    const { verdict, result, reviewDueOn } = await assess(tx, ctx, program, input, null);
    const now = nowIso();
    const row = await tx
      .insertInto('cartradein_applications')
      .values({
        program_id: input.programId,
        rule_version_id: program.ruleVersionId,
        kind: program.view.kind,
        applicant_user_id: ctx.actor.userId!,
        status: CAR_TRANSITIONS.submit.to,
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
    await writeEvidence(tx, id, input.evidence);
    await recordTransition(tx, ctx, {
      applicationId: id,
      applicantUserId: ctx.actor.userId!,
      action: 'submit',
      from: null,
      to: 'submitted',
      params: { dueOn: reviewDueOn },
      audit: { after: { programId: input.programId, eligible: result.eligible, amountFen: result.amountFen, reasons: result.reasons } },
    });
    return id;
  }).catch(mapUniqueViolation);
  return loadCarApplicationView(deps.database.db, ctx, id, await grantsOf(deps.database.db, ctx.actor));
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
    const { verdict, result, reviewDueOn } = await assess(tx, ctx, program, input, id, before.created_at);
    const from = before.status;
    await moveApplication(tx, id, 'resubmit', from, {
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
    });
    await writeEvidence(tx, id, input.evidence);
    await recordTransition(tx, ctx, {
      applicationId: id,
      applicantUserId: Number(before.applicant_user_id),
      action: 'resubmit',
      from,
      to: 'submitted',
      params: { dueOn: reviewDueOn },
      audit: {
        before: { eligible: before.eligible === 1, amountFen: Number(before.amount_fen), oldVin: before.old_vin, newVin: before.new_vin },
        after: { eligible: result.eligible, amountFen: result.amountFen, reasons: result.reasons },
      },
    });
  }).catch(mapUniqueViolation);
  return loadCarApplicationView(deps.database.db, ctx, id, await grantsOf(deps.database.db, ctx.actor));
}

async function loadForReview(tx: Tx, ctx: RequestContext, id: number) {
  const grants = await grantsOf(tx, ctx.actor);
  authorize(ctx.actor, carApplicationPolicy, 'review', { grants }, id);
  const a = await tx.selectFrom('cartradein_applications').selectAll().where('id', '=', id).executeTakeFirst();
  if (!a) throw notFound();
  return { a, grants };
}

/**
 * 市商务局 approves: only an eligible application, and — while no verifier could check the scrapping certificate —
 * only with the reviewer's statement that they checked it by hand. The payment deadline starts today.
 */
export async function approveCarApplication(deps: AppDeps, ctx: RequestContext, id: number, input: { note?: string | undefined; certificateConfirmed?: boolean | undefined }) {
  const grants = await inTransaction(deps.database, async (tx) => {
    const { a, grants } = await loadForReview(tx, ctx, id);
    nextStatus('approve', a.status);
    if (a.eligible !== 1) throw new AppError(409, 'NOT_ELIGIBLE', 'error.NOT_ELIGIBLE');
    const manual = a.certificate_check === 'unverified';
    if (manual && input.certificateConfirmed !== true) throw fieldError('certificateConfirmed', 'field.cartradein.certificateConfirmRequired');
    const rule = await loadRuleVersion(tx, Number(a.rule_version_id));
    const today = shanghaiToday();
    const paymentDueOn = addWorkingDays(today, rule.deadlines.paymentWorkingDays, await loadCalendar(tx, today));
    const now = nowIso();
    await moveApplication(tx, id, 'approve', a.status, {
      approved_at: now,
      payment_due_on: paymentDueOn,
      decided_by: ctx.actor.userId,
      ...(manual ? { certificate_check: 'confirmed' as const, certificate_check_source: `reviewer:${ctx.actor.userId}` } : {}),
    });
    await recordTransition(tx, ctx, {
      applicationId: id,
      applicantUserId: Number(a.applicant_user_id),
      action: 'approve',
      from: a.status,
      to: 'approved',
      note: input.note ?? null,
      params: { amount: yuanText(Number(a.amount_fen)), dueOn: paymentDueOn },
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
    const to = await moveApplication(tx, id, action, a.status, { decided_by: ctx.actor.userId });
    await recordTransition(tx, ctx, { applicationId: id, applicantUserId: Number(a.applicant_user_id), action, from: a.status, to, reasons });
    return grants;
  });
  return loadCarApplicationView(deps.database.db, ctx, id, grants);
}

export const returnCarApplication = (deps: AppDeps, ctx: RequestContext, id: number, reasons: string[]) => decideAgainstCarApplication(deps, ctx, id, 'return', reasons);
export const rejectCarApplication = (deps: AppDeps, ctx: RequestContext, id: number, reasons: string[]) => decideAgainstCarApplication(deps, ctx, id, 'reject', reasons);

export async function getCarApplication(deps: AppDeps, ctx: RequestContext, id: number): Promise<CarApplicationView> {
  const db = deps.database.db;
  const grants = await grantsOf(db, ctx.actor);
  const a = await db.selectFrom('cartradein_applications').select(['applicant_user_id']).where('id', '=', id).executeTakeFirst();
  if (!a) throw notFound();
  authorize(ctx.actor, carApplicationPolicy, 'read', { grants, applicant_user_id: Number(a.applicant_user_id) }, id);
  return loadCarApplicationView(db, ctx, id, grants);
}

const SORT = { id: 'a.id', submittedAt: 'a.submitted_at', reviewDueOn: 'a.review_due_on', amountFen: 'a.amount_fen' } as const;

export async function listCarApplications(deps: AppDeps, ctx: RequestContext, q: ListCarApplicationsQuery): Promise<Page<CarApplicationSummary>> {
  const db = deps.database.db;
  const grants = await grantsOf(db, ctx.actor);
  authorize(ctx.actor, carApplicationPolicy, 'list', { grants });
  let base = summaryBase(db);
  // A resident's list is their own applications, whatever the filters say.
  if (ctx.actor.role === 'resident') base = base.where('a.applicant_user_id', '=', ctx.actor.userId ?? -1);
  if (q.status) base = base.where('a.status', '=', q.status);
  if (q.programId) base = base.where('a.program_id', '=', q.programId);
  if (q.kind) base = base.where('a.kind', '=', q.kind);
  if (q.eligible) base = base.where('a.eligible', '=', q.eligible === 'true' ? 1 : 0);
  if (q.q) {
    const term = q.q.toUpperCase();
    base = base.where((eb) => eb.or([eb('a.old_vin', '=', term), eb('a.new_vin', '=', term), eb('a.old_plate', '=', term.replace(/[\s·.]/g, ''))]));
  }
  const page = await paginate(base, (qb) => qb.select(SUMMARY_COLUMNS).orderBy(SORT[q.sort ?? 'id'], q.order).orderBy('a.id', q.order), q);
  return { ...page, items: page.items.map((r) => toSummary(r as SummaryRow)) };
}

/** Steps past their last day: reviews 市商务局 has not decided, payments 市财政局 has not made. Most overdue first. */
export async function listOverdueCarApplications(deps: AppDeps, ctx: RequestContext, asOf: string = shanghaiToday()) {
  const db = deps.database.db;
  authorize(ctx.actor, carApplicationPolicy, 'listOverdue', { grants: await grantsOf(db, ctx.actor) });
  const review = await summaryBase(db).select(SUMMARY_COLUMNS).where('a.status', 'in', REVIEW_PENDING).where('a.review_due_on', '<', asOf).execute();
  const payment = await summaryBase(db)
    .select(SUMMARY_COLUMNS)
    .where('a.status', 'in', PAYMENT_PENDING)
    .where('a.payment_due_on', 'is not', null)
    .where('a.payment_due_on', '<', asOf)
    .execute();
  const items = [
    ...review.map((r) => ({ step: 'review' as const, dueOn: r.review_due_on, application: toSummary(r as SummaryRow) })),
    ...payment.map((r) => ({ step: 'payment' as const, dueOn: r.payment_due_on!, application: toSummary(r as SummaryRow) })),
  ].map((i) => ({ ...i, daysOverdue: daysBetween(i.dueOn, asOf) }));
  return items.sort((x, y) => y.daysOverdue - x.daysOverdue || x.application.id - y.application.id);
}

/** An evidence file, for whoever may read the application (reviewers cannot read residents' uploads otherwise). Audited. */
export async function readCarApplicationEvidence(deps: AppDeps, ctx: RequestContext, id: number, attachmentId: number) {
  const db = deps.database.db;
  const grants = await grantsOf(db, ctx.actor);
  const a = await db.selectFrom('cartradein_applications').select(['applicant_user_id']).where('id', '=', id).executeTakeFirst();
  if (!a) throw notFound();
  authorize(ctx.actor, carApplicationPolicy, 'read', { grants, applicant_user_id: Number(a.applicant_user_id) }, id);
  const cited = await db
    .selectFrom('cartradein_application_evidence')
    .select('kind')
    .where('application_id', '=', id)
    .where('attachment_id', '=', attachmentId)
    .executeTakeFirst();
  if (!cited) throw notFound();
  await inTransaction(deps.database, (tx) =>
    appendAudit(tx, ctx, { entity: 'cartradein_application', entityId: id, action: 'readEvidence', after: { attachmentId, kind: cited.kind } }),
  );
  return readAttachmentFile(deps, attachmentId);
}

