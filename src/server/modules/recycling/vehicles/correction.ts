import type { Updateable } from 'kysely';
import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { badRequest, type FieldIssue } from '../../../core/errors.js';
import { versionConflict } from '../../../core/versioned.js';
import { nextStatus } from '../../../core/workflow.js';
import { inTransaction } from '../../../db/database.js';
import { getVehicle } from './queries.js';
import type { CorrectVehicleInput } from './schema.js';
import { certificateTaken, claimCertificateNumber, claimOpenVin, openVinTaken, releaseCertificateNumber, releaseOpenVin } from './keys.js';
import { certificateUsed, checkDates, duplicateOf, loadForDismantler, moveVehicle, ownerColumns, vinOpen } from './service.js';
import type { ScrappedVehicleTable } from './tables.js';
import { scrappedVehicleWorkflow } from './workflow.js';

type Column = keyof ScrappedVehicleTable;

/** The plain fields a correction may change, by the body's name and the column's. */
const PLAIN: [keyof CorrectVehicleInput, Column][] = [
  ['vin', 'vin'],
  ['plate', 'plate'],
  ['emissionStandard', 'emission_standard'],
  ['fuelType', 'fuel_type'],
  ['registeredOn', 'registered_on'],
  ['receivedOn', 'received_on'],
  ['certificateNumber', 'certificate_number'],
  ['certificateIssuedOn', 'certificate_issued_on'],
  ['dismantledOn', 'dismantled_on'],
];

/**
 * The dismantler corrects what it recorded wrongly, before the registration is cancelled (after that the record is
 * what the traffic police acted on): only the fields sent, each checked as at recording, with a reason. The
 * correction is a move on the timeline (which fields, why) and an audit record with the values before and after
 * (the owner's ID only masked). `version` is the one corrected: a stale one is 409 VERSION_CONFLICT.
 */
export async function correctVehicle(deps: AppDeps, ctx: RequestContext, id: number, input: CorrectVehicleInput) {
  await inTransaction(deps.database, async (tx) => {
    const v = await loadForDismantler(tx, ctx, id, 'correct');
    // A deregistered (or withdrawn) record is refused as such, whatever version the caller holds.
    nextStatus(scrappedVehicleWorkflow, v.status, 'correct');
    if (Number(v.version) !== input.version) throw versionConflict(input.version);
    const issues: FieldIssue[] = [];
    if ((input.certificateNumber !== undefined || input.certificateIssuedOn !== undefined) && v.certificate_number === null)
      issues.push({
        path: input.certificateNumber !== undefined ? 'certificateNumber' : 'certificateIssuedOn',
        reason: 'field.recycling.vehicle.notYetAtStep',
      });
    if (input.dismantledOn !== undefined && v.dismantled_on === null) issues.push({ path: 'dismantledOn', reason: 'field.recycling.vehicle.notYetAtStep' });
    if (issues.length) throw badRequest(issues);

    const set: Updateable<ScrappedVehicleTable> = {};
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const fields: string[] = [];
    for (const [name, column] of PLAIN) {
      const value = input[name];
      if (value === undefined || value === v[column]) continue;
      (set as Record<string, unknown>)[column] = value;
      before[name] = v[column];
      after[name] = value;
      fields.push(name);
    }
    if (input.owner) {
      const o = ownerColumns(deps, input.owner);
      const same =
        o.owner_kind === v.owner_kind && o.owner_name === v.owner_name && o.owner_id_hash === v.owner_id_hash && o.owner_credit_code === v.owner_credit_code;
      if (!same) {
        Object.assign(set, o);
        before.owner = { kind: v.owner_kind, name: v.owner_name, idNumber: v.owner_id_mask, creditCode: v.owner_credit_code };
        after.owner = { kind: o.owner_kind, name: o.owner_name, idNumber: o.owner_id_mask, creditCode: o.owner_credit_code };
        fields.push('owner');
      }
    }
    if (!fields.length) throw badRequest([{ path: 'reason', reason: 'field.recycling.vehicle.nothingToCorrect' }]);

    const merged = (name: keyof CorrectVehicleInput, column: Column) => (input[name] as string | undefined) ?? (v[column] as string | null);
    const assemblies = v.dismantled_on
      ? await tx
          .selectFrom('recycling_scrapped_vehicle_assemblies')
          .select(['on_date'])
          .where('dismantler_organization_id', '=', Number(v.dismantler_organization_id))
          .where('vehicle_id', '=', id)
          .execute()
      : [];
    const earliestAssembly = assemblies.map((a) => a.on_date).sort()[0];
    checkDates(
      issues,
      [
        ['registeredOn', merged('registeredOn', 'registered_on')],
        ['receivedOn', merged('receivedOn', 'received_on')],
        ['certificateIssuedOn', merged('certificateIssuedOn', 'certificate_issued_on')],
        ['dismantledOn', merged('dismantledOn', 'dismantled_on')],
        ['assemblies', earliestAssembly],
      ],
      [
        ['registeredOn', 'receivedOn'],
        ['receivedOn', 'certificateIssuedOn'],
        ['certificateIssuedOn', 'dismantledOn'],
        ['dismantledOn', 'assemblies'],
      ],
    );
    // The assemblies' dates are not corrected here: a dismantling date after them names the field corrected.
    const assemblyIssue = issues.findIndex((i) => i.path === 'assemblies');
    if (assemblyIssue >= 0) issues[assemblyIssue] = { path: 'dismantledOn', reason: 'field.recycling.vehicle.afterAssemblies' };
    if (issues.length) throw badRequest(issues);
    if (set.vin && (await openVinTaken(tx, set.vin as string, id))) throw vinOpen('vin');
    if (set.certificate_number && (await certificateTaken(tx, set.certificate_number as string, id))) throw certificateUsed('certificateNumber');

    // The version decides between two corrections of one version: the second changes no row.
    const bumped = await tx
      .updateTable('recycling_scrapped_vehicles')
      .set({ version: input.version + 1 })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(bumped.numUpdatedRows) !== 1) throw versionConflict(input.version);
    const ownerHash = (set.owner_id_hash as string | null | undefined) !== undefined ? (set.owner_id_hash as string | null) : v.owner_id_hash;
    try {
      // The keys unique across dismantlers follow the correction: the old VIN or number is given back, the new claimed.
      const key = { dismantlerOrganizationId: Number(v.dismantler_organization_id), vehicleId: id };
      if (set.vin) {
        await releaseOpenVin(tx, v.vin, id);
        await claimOpenVin(tx, set.vin as string, key);
      }
      if (set.certificate_number && v.certificate_number) {
        await releaseCertificateNumber(tx, v.certificate_number, id);
        await claimCertificateNumber(tx, set.certificate_number as string, key);
      }
      await moveVehicle(
        tx,
        ctx,
        { ...v, owner_id_hash: ownerHash },
        'correct',
        { set, reasons: [input.reason], params: { fields }, audit: { before, after } },
        'recycling_vehicle_corrected',
        { reasons: input.reason },
      );
    } catch (e) {
      throw duplicateOf(e, 'vin', 'certificateNumber') ?? e;
    }
  });
  return getVehicle(deps, ctx, id);
}
