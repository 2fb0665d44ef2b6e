import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError, fieldError, type FieldIssue } from '../../../core/errors.js';
import { shanghaiDate } from '../../../core/time.js';
import type { Queryable, Tx } from '../../../db/database.js';
import { isUniqueViolation } from '../../../db/errors.js';
import { addWorkingDays, loadCalendar } from '../calendar/workingDays.js';
import { evaluateCarEligibility, type CarApplicationFacts } from '../programs/eligibility.js';
import { loadProgramForApplication } from '../programs/service.js';
import type { CertificateCheckStatus } from '../tables.js';
import type { ScrappingCertificateVerifier } from '../../../core/extensions.js';
import type { PrecheckCarApplicationInput, ResubmitCarApplicationInput } from './schema.js';
import { heldIdentifiers, type CarIdentifiers } from './identifiers.js';

/**
 * Checking what the resident sent: the field checks no schema can make alone, the facts the eligibility rules look
 * at, the car's identifiers against every other application, the evidence's ownership, the programme's window and
 * the scrapping certificate's verdict.
 */

export type Fields = ResubmitCarApplicationInput | PrecheckCarApplicationInput;
export type Program = NonNullable<Awaited<ReturnType<typeof loadProgramForApplication>>>;

const vehicleAlreadySubsidised = (fields: FieldIssue[]) => new AppError(409, 'VEHICLE_ALREADY_SUBSIDISED', 'error.VEHICLE_ALREADY_SUBSIDISED', {}, fields);
const invoiceAlreadyUsed = () =>
  new AppError(409, 'INVOICE_ALREADY_USED', 'error.INVOICE_ALREADY_USED', {}, [{ path: 'newVehicle.invoiceNumber', reason: 'field.cartradein.alreadyUsed' }]);

/**
 * The field-level checks no schema can make alone (they depend on the programme's kind or on today), then the
 * facts the eligibility rules look at. Everything here is a 400 naming the field: a form mistake, not a rule.
 */
export function factsOf(program: Program, input: Fields, today: string, certificateCheck: CertificateCheckStatus, appliedOn = today): CarApplicationFacts {
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
export async function usedIdentifiers(db: Queryable, input: Fields, exceptId: number | null) {
  const held = await heldIdentifiers(db, identifiersOfInput(input), exceptId);
  const vehicle: FieldIssue[] = [];
  if (held.has('old_vin')) vehicle.push({ path: 'oldVehicle.vin', reason: 'field.cartradein.alreadyUsed' });
  if (held.has('new_vin')) vehicle.push({ path: 'newVehicle.vin', reason: 'field.cartradein.alreadyUsed' });
  if (held.has('scrapping_certificate_no')) vehicle.push({ path: 'scrapping.certificateNumber', reason: 'field.cartradein.alreadyUsed' });
  return { vehicle, invoice: held.has('new_invoice_number') };
}

/** The identifiers a form names, as the application row stores them. */
export function identifiersOfInput(input: Fields): CarIdentifiers {
  return {
    old_vin: input.oldVehicle.vin,
    new_vin: input.newVehicle.vin,
    new_invoice_number: input.newVehicle.invoiceNumber,
    scrapping_certificate_no: input.scrapping?.certificateNumber ?? null,
  };
}

/** The attachments must be the applicant's own uploads (residents share one organisation, so the uploader decides). */
async function checkEvidence(db: Queryable, ctx: RequestContext, evidence: Fields['evidence']) {
  const ids = [...new Set(evidence.map((e) => e.attachmentId))];
  if (!ids.length) return;
  const own = new Set(
    (
      await db
        .selectFrom('attachments')
        .select('id')
        .where('id', 'in', ids)
        .where('uploaded_by', '=', ctx.actor.userId ?? -1)
        .execute()
    ).map((r) => Number(r.id)),
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
export async function openProgram(db: Queryable, programId: number, { forNewApplication }: { forNewApplication: boolean }): Promise<Program> {
  const program = await loadProgramForApplication(db, programId);
  if (!program || program.view.status === 'draft') throw fieldError('programId', 'field.invalid');
  if (program.view.status !== 'active') throw new AppError(409, 'CAR_PROGRAM_NOT_OPEN', 'error.CAR_PROGRAM_NOT_OPEN');
  if (forNewApplication) {
    const today = shanghaiDate();
    if (today > program.view.validTo) throw new AppError(409, 'CAR_PROGRAM_ENDED', 'error.CAR_PROGRAM_ENDED', { date: program.view.validTo });
    if (today < program.view.validFrom) throw new AppError(409, 'CAR_PROGRAM_NOT_STARTED', 'error.CAR_PROGRAM_NOT_STARTED', { date: program.view.validFrom });
  }
  return program;
}

export async function certificateVerdict(db: Queryable, deps: AppDeps, program: Program, input: Fields) {
  const verifier: ScrappingCertificateVerifier = deps.extensions.scrappingCertificateVerifier;
  if (program.view.kind !== 'scrapping' || !input.scrapping) return { status: 'not_applicable' as const, source: null, note: null };
  const v = await verifier.verify(db, deps, {
    certificateNumber: input.scrapping.certificateNumber,
    vin: input.oldVehicle.vin,
    deregisteredOn: input.scrapping.deregisteredOn,
  });
  return { status: v.status, source: verifier.source, note: v.note ?? null };
}

/**
 * Everything a (re)submission shares: field checks, duplicate identifiers, evidence ownership, the certificate
 * verdict, eligibility under the programme's current rule, and the review deadline from today.
 */
export async function assessSubmission(
  tx: Tx,
  deps: AppDeps,
  ctx: RequestContext,
  program: Program,
  input: Fields,
  exceptId: number | null,
  firstSubmittedAt: string | null = null,
) {
  const verdict = await certificateVerdict(tx, deps, program, input);
  const today = shanghaiDate();
  // A resubmission is judged on the day the application was first sent, so a correction after the window counts.
  const facts = factsOf(program, input, today, verdict.status, firstSubmittedAt ? shanghaiDate(firstSubmittedAt) : today);
  const used = await usedIdentifiers(tx, input, exceptId);
  if (used.vehicle.length) throw vehicleAlreadySubsidised(used.vehicle);
  if (used.invoice) throw invoiceAlreadyUsed();
  await checkEvidence(tx, ctx, input.evidence);
  const result = evaluateCarEligibility(program.view.rule, program.view, facts);
  const reviewDueOn = addWorkingDays(today, program.view.rule.deadlines.reviewWorkingDays, await loadCalendar(tx, today));
  return { verdict, result, reviewDueOn };
}

/**
 * Columns of the unique keys, and the field each one names: PostgreSQL names the constraint, SQLite the column, and
 * the identifiers' lookup tables (cartradein_old_vins, …, whose primary keys hold the uniqueness) carry the column
 * in their names, so both the lookup tables and SQLite's remaining unique columns are recognised.
 */
const UNIQUE_FIELDS: [column: string, path: string][] = [
  ['old_vin', 'oldVehicle.vin'],
  ['new_vin', 'newVehicle.vin'],
  ['scrapping_certificate_no', 'scrapping.certificateNumber'],
];

/**
 * A race lost to a concurrent submission of the same car: both passed the check, the unique indexes kept the
 * first. The loser hears the same 409 as if it had come second.
 */
export function mapUniqueViolation(e: unknown): never {
  if (isUniqueViolation(e)) {
    const err = e as { message?: string; constraint?: string };
    const text = `${err.constraint ?? ''} ${err.message ?? ''}`;
    if (text.includes('new_invoice_number')) throw invoiceAlreadyUsed();
    const hit = UNIQUE_FIELDS.find(([column]) => text.includes(column));
    throw vehicleAlreadySubsidised(hit ? [{ path: hit[1], reason: 'field.cartradein.alreadyUsed' }] : []);
  }
  throw e;
}
