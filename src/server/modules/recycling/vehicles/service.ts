import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError, badRequest, notFound, type FieldIssue } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { shanghaiDate } from '../../../core/time.js';
import { enter, move, type MoveInput, type Moved, type WorkflowNotification } from '../../../core/workflow.js';
import { inTransaction, type Tx } from '../../../db/database.js';
import { isUniqueViolation } from '../../../db/errors.js';
import { nowIso } from '../../../db/time.js';
import { VEHICLE_ASSEMBLIES, type ScrappedVehicleStatus } from '../../../../shared/enums/recyclingVehicles.js';
import { maskCitizenId } from '../../../../shared/validators/citizenId.js';
import { grantsOf } from '../../platform/grants/service.js';
import { scrappedVehiclePolicy } from '../policies/vehicle.js';
import { certificateTaken, claimCertificateNumber, claimOpenVin, openVinTaken, releaseOpenVin } from './keys.js';
import { requireQualified } from './qualifications.js';
import { getVehicle, policyRecord, selectVehicles, type VehicleRow } from './queries.js';
import type { DismantleInput, RecordVehicleInput } from './schema.js';
import { scrappedVehicleWorkflow, type ScrappedVehicleAction } from './workflow.js';

/** Dates in the order the one-stop takes them, none after today (Shanghai): each pair is (earlier, later). */
function checkDates(issues: FieldIssue[], dated: [path: string, date: string | null | undefined][], order: [string, string][]) {
  const today = shanghaiDate();
  const at = new Map(dated);
  for (const [path, d] of dated) if (d && d > today) issues.push({ path, reason: 'field.recycling.vehicle.futureDate' });
  for (const [earlier, later] of order) {
    const a = at.get(earlier);
    const b = at.get(later);
    if (a && b && b < a) issues.push({ path: later, reason: `field.recycling.vehicle.before.${earlier.split('.').at(-1)!}` as FieldIssue['reason'] });
  }
}

// The keys unique across dismantlers are their own tables (keys.ts): the certificate's is named for its column.
const duplicateOf = (e: unknown, vinPath: string, certificatePath: string): AppError | null => {
  if (!isUniqueViolation(e)) return null;
  const err = e as { message?: string; constraint?: string };
  const text = `${err.constraint ?? ''} ${err.message ?? ''}`;
  return text.includes('certificate_number') ? certificateUsed(certificatePath) : vinOpen(vinPath);
};
const vinOpen = (path: string) =>
  new AppError(409, 'VEHICLE_ALREADY_RECORDED', 'error.recycling.vehicleAlreadyRecorded', {}, [{ path, reason: 'field.recycling.vehicle.vinOpen' }]);
const certificateUsed = (path: string) =>
  new AppError(409, 'SCRAPPING_CERTIFICATE_USED', 'error.recycling.scrappingCertificateUsed', {}, [
    { path, reason: 'field.recycling.vehicle.certificateUsed' },
  ]);

function ownerColumns(deps: AppDeps, owner: RecordVehicleInput['owner']) {
  return owner.kind === 'person'
    ? {
        owner_kind: 'person' as const,
        owner_name: owner.name,
        owner_id_enc: deps.sealer.seal(owner.idNumber),
        owner_id_hash: deps.sealer.lookup(owner.idNumber),
        owner_id_mask: maskCitizenId(owner.idNumber),
        owner_credit_code: null,
      }
    : {
        owner_kind: 'organization' as const,
        owner_name: owner.name,
        owner_id_enc: null,
        owner_id_hash: null,
        owner_id_mask: null,
        owner_credit_code: owner.creditCode,
      };
}

/**
 * The owner follows the vehicle on a phone: every move is notified to the resident accounts whose ID number is the
 * owner's (none for an organisation owner, or an owner without an account). Each key names the timeline entry.
 */
async function ownerNotices(tx: Tx, ownerHash: string | null, id: number, kind: string, params: Record<string, string | number>) {
  const users = ownerHash
    ? await tx.selectFrom('users').select('id').where('id_number_hash', '=', ownerHash).where('role', '=', 'resident').where('status', '=', 'active').execute()
    : [];
  return (m: Moved<ScrappedVehicleStatus>): WorkflowNotification[] =>
    users.map((u) => ({
      userId: Number(u.id),
      kind,
      params: { id, ...params },
      link: '/recycling/vehicles/mine',
      dedupeKey: `recycling:vehicle:${id}:timeline:${m.timelineId}:owner:${u.id}`,
    }));
}

async function loadForDismantler(tx: Tx, ctx: RequestContext, id: number, action: 'advance' | 'correct' | 'withdraw'): Promise<VehicleRow> {
  const v = await selectVehicles(tx).where('v.id', '=', id).executeTakeFirst();
  if (!v) throw notFound();
  authorize(ctx.actor, scrappedVehiclePolicy, action, policyRecord(await grantsOf(tx, ctx.actor, 'recycling'), v), id);
  return v;
}

type VehicleMove = Omit<MoveInput<'recycling_scrapped_vehicles', ScrappedVehicleAction>, 'id' | 'action' | 'from'>;

async function moveVehicle(
  tx: Tx,
  ctx: RequestContext,
  v: VehicleRow,
  action: ScrappedVehicleAction,
  rec: VehicleMove,
  kind: string,
  params: Record<string, string | number>,
) {
  return move(tx, ctx, scrappedVehicleWorkflow, {
    id: Number(v.id),
    action,
    from: v.status,
    organizationId: Number(v.dismantler_organization_id),
    ...rec,
    notify: await ownerNotices(tx, v.owner_id_hash, Number(v.id), kind, { plate: v.plate, ...params }),
  });
}

/**
 * A qualified dismantler records a vehicle it takes in (VIN, plate, owner, standard, fuel, dates), and the scrapping
 * certificate when it issues it at receipt. A VIN is on one open record; a certificate number is never used twice.
 */
export async function recordVehicle(deps: AppDeps, ctx: RequestContext, input: RecordVehicleInput) {
  authorize(ctx.actor, scrappedVehiclePolicy, 'record');
  const issues: FieldIssue[] = [];
  checkDates(
    issues,
    [
      ['registeredOn', input.registeredOn],
      ['receivedOn', input.receivedOn],
      ['certificate.issuedOn', input.certificate?.issuedOn],
    ],
    [
      ['registeredOn', 'receivedOn'],
      ['receivedOn', 'certificate.issuedOn'],
    ],
  );
  if (issues.length) throw badRequest(issues);
  const id = await inTransaction(deps.database, async (tx) => {
    const orgId = ctx.actor.organizationId!;
    const qualification = await requireQualified(tx, orgId);
    if (await openVinTaken(tx, input.vin, null)) throw vinOpen('vin');
    if (input.certificate && (await certificateTaken(tx, input.certificate.number, null))) throw certificateUsed('certificate.number');
    const org = await tx.selectFrom('organizations').select('town_id').where('id', '=', orgId).executeTakeFirstOrThrow();
    if (org.town_id === null) throw new AppError(409, 'DISMANTLER_NO_TOWN', 'error.recycling.dismantlerNoTown');
    const now = nowIso();
    let row: { id: number };
    try {
      row = await tx
        .insertInto('recycling_scrapped_vehicles')
        .values({
          dismantler_organization_id: orgId,
          qualification_id: qualification.id,
          town_id: Number(org.town_id),
          vin: input.vin,
          plate: input.plate,
          ...ownerColumns(deps, input.owner),
          emission_standard: input.emissionStandard,
          fuel_type: input.fuelType,
          registered_on: input.registeredOn,
          received_on: input.receivedOn,
          certificate_number: null,
          certificate_issued_on: null,
          dismantled_on: null,
          deregistered_on: null,
          status: 'received',
          withdrawn_reason: null,
          version: 1,
          recorded_by: ctx.actor.userId,
          is_demo: 0,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // One open record per VIN across dismantlers, held by the VIN's table (the check above only names the field early).
      await claimOpenVin(tx, input.vin, { dismantlerOrganizationId: orgId, vehicleId: Number(row.id) });
    } catch (e) {
      throw duplicateOf(e, 'vin', 'certificate.number') ?? e;
    }
    const vid = Number(row.id);
    const hash = input.owner.kind === 'person' ? deps.sealer.lookup(input.owner.idNumber) : null;
    await enter(tx, ctx, scrappedVehicleWorkflow, {
      id: vid,
      action: 'receive',
      organizationId: orgId,
      params: { receivedOn: input.receivedOn },
      audit: { after: { vin: input.vin, plate: input.plate, ownerKind: input.owner.kind, receivedOn: input.receivedOn } },
      notify: await ownerNotices(tx, hash, vid, 'recycling_vehicle_received', { plate: input.plate, date: input.receivedOn }),
    });
    if (input.certificate) {
      const v = await selectVehicles(tx).where('v.id', '=', vid).executeTakeFirstOrThrow();
      await issue(tx, ctx, v, input.certificate, 'certificate.number');
    }
    return vid;
  });
  return getVehicle(deps, ctx, id);
}

async function issue(tx: Tx, ctx: RequestContext, v: VehicleRow, c: { number: string; issuedOn: string }, path: string) {
  if (await certificateTaken(tx, c.number, Number(v.id))) throw certificateUsed(path);
  try {
    // A number once issued is spent across dismantlers, held by the number's table (the check above names the field).
    await claimCertificateNumber(tx, c.number, { dismantlerOrganizationId: Number(v.dismantler_organization_id), vehicleId: Number(v.id) });
    await moveVehicle(
      tx,
      ctx,
      v,
      'issueCertificate',
      {
        set: { certificate_number: c.number, certificate_issued_on: c.issuedOn },
        params: { number: c.number, issuedOn: c.issuedOn },
        audit: { after: { certificateNumber: c.number, issuedOn: c.issuedOn } },
      },
      'recycling_vehicle_certificate_issued',
      { number: c.number, date: c.issuedOn },
    );
  } catch (e) {
    throw duplicateOf(e, 'vin', path) ?? e;
  }
}

/** The dismantler issues the scrapping certificate (报废机动车回收证明), one per vehicle with its own number. */
export async function issueCertificate(deps: AppDeps, ctx: RequestContext, id: number, input: { number: string; issuedOn: string }) {
  await inTransaction(deps.database, async (tx) => {
    const v = await loadForDismantler(tx, ctx, id, 'advance');
    const issues: FieldIssue[] = [];
    checkDates(
      issues,
      [
        ['receivedOn', v.received_on],
        ['issuedOn', input.issuedOn],
      ],
      [['receivedOn', 'issuedOn']],
    );
    if (issues.length) throw badRequest(issues);
    await issue(tx, ctx, v, input, 'number');
  });
  return getVehicle(deps, ctx, id);
}

/**
 * Dismantled, with where each of the five main assemblies went (remanufacturing or destroyed as scrap metal) and
 * when: each once, on or after the dismantling. Only while the dismantler is qualified.
 */
export async function dismantleVehicle(deps: AppDeps, ctx: RequestContext, id: number, input: DismantleInput) {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  input.assemblies.forEach((a, i) => {
    if (seen.has(a.assembly)) issues.push({ path: `assemblies.${i}.assembly`, reason: 'field.recycling.vehicle.assemblyTwice' });
    seen.add(a.assembly);
    if (a.destination === 'scrap_destroyed' && a.recipient)
      issues.push({ path: `assemblies.${i}.recipient`, reason: 'field.recycling.vehicle.recipientForScrap' });
  });
  await inTransaction(deps.database, async (tx) => {
    const v = await loadForDismantler(tx, ctx, id, 'advance');
    await requireQualified(tx, Number(v.dismantler_organization_id));
    const dated: [string, string | null][] = [
      ['certificateIssuedOn', v.certificate_issued_on],
      ['dismantledOn', input.dismantledOn],
      ...input.assemblies.map((a, i): [string, string] => [`assemblies.${i}.on`, a.on]),
    ];
    checkDates(issues, dated, [
      ['certificateIssuedOn', 'dismantledOn'],
      ...input.assemblies.map((_, i): [string, string] => ['dismantledOn', `assemblies.${i}.on`]),
    ]);
    if (issues.length) throw badRequest(issues);
    await moveVehicle(
      tx,
      ctx,
      v,
      'dismantle',
      {
        set: { dismantled_on: input.dismantledOn },
        params: { dismantledOn: input.dismantledOn, assemblies: Object.fromEntries(input.assemblies.map((a) => [a.assembly, a.destination])) },
        audit: { after: { dismantledOn: input.dismantledOn, assemblies: input.assemblies } },
      },
      'recycling_vehicle_dismantled',
      { date: input.dismantledOn },
    );
    const byName = new Map(input.assemblies.map((a) => [a.assembly, a]));
    await tx
      .insertInto('recycling_scrapped_vehicle_assemblies')
      .values(
        VEHICLE_ASSEMBLIES.map((name) => {
          const a = byName.get(name)!;
          return {
            dismantler_organization_id: Number(v.dismantler_organization_id),
            vehicle_id: id,
            assembly: name,
            destination: a.destination,
            recipient: a.recipient ?? null,
            on_date: a.on,
          };
        }),
      )
      .execute();
  });
  return getVehicle(deps, ctx, id);
}

/** The registration was cancelled (注销登记) by the traffic police, on the owner's behalf: the one-stop is done. */
export async function deregisterVehicle(deps: AppDeps, ctx: RequestContext, id: number, input: { deregisteredOn: string }) {
  await inTransaction(deps.database, async (tx) => {
    const v = await loadForDismantler(tx, ctx, id, 'advance');
    const issues: FieldIssue[] = [];
    checkDates(
      issues,
      [
        ['dismantledOn', v.dismantled_on],
        ['deregisteredOn', input.deregisteredOn],
      ],
      [['dismantledOn', 'deregisteredOn']],
    );
    if (issues.length) throw badRequest(issues);
    await moveVehicle(
      tx,
      ctx,
      v,
      'deregister',
      {
        set: { deregistered_on: input.deregisteredOn },
        params: { deregisteredOn: input.deregisteredOn },
        audit: { after: { deregisteredOn: input.deregisteredOn } },
      },
      'recycling_vehicle_deregistered',
      { date: input.deregisteredOn },
    );
  });
  return getVehicle(deps, ctx, id);
}

/** A record made by mistake, withdrawn before dismantling with the reason; its VIN is free again, its certificate spent. */
export async function withdrawVehicle(deps: AppDeps, ctx: RequestContext, id: number, reason: string) {
  await inTransaction(deps.database, async (tx) => {
    const v = await loadForDismantler(tx, ctx, id, 'withdraw');
    await moveVehicle(tx, ctx, v, 'withdraw', { set: { withdrawn_reason: reason }, reasons: [reason] }, 'recycling_vehicle_withdrawn', { reasons: reason });
    await releaseOpenVin(tx, v.vin, id);
  });
  return getVehicle(deps, ctx, id);
}

export { checkDates, certificateUsed, duplicateOf, loadForDismantler, moveVehicle, ownerColumns, vinOpen };
