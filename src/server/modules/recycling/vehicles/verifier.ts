import type { CertificateVerdict, ScrappingCertificateVerifier } from '../../../core/extensions.js';
import { certificateOwner, openVinOwner } from './keys.js';
import { normaliseScrappingCertificateNumber, type CertificateMismatchReason } from '../../../../shared/enums/recyclingVehicles.js';

/** Who vouches for a verdict of this verifier: the dismantler's record of the vehicle. */
export const DISMANTLER_SOURCE = 'recycling.dismantler';

const mismatch = (note: CertificateMismatchReason): CertificateVerdict => ({ status: 'mismatch', note });

/**
 * A car application's scrapping certificate (报废机动车回收证明) against the dismantlers' records: `verified` when a
 * record holds this certificate for this VIN, the vehicle is deregistered and on the date the application gives.
 * Otherwise `mismatch` with a named reason (the note is a stable code the car trade-in pages translate):
 * the record was withdrawn, is for another VIN, the VIN is recorded under another certificate, the vehicle is not
 * deregistered yet, or on another date. A certificate no record knows is `certificate_unknown`: by default left
 * to the reviewer (unverified; the car may have been scrapped outside the city), a mismatch when 市商务局 says so
 * (parameter `recycling.vehicles.unknownCertificate`). That a certificate backs one application only is car
 * trade-in's unique index on it.
 */
export const scrappingCertificateVerifier: ScrappingCertificateVerifier = {
  source: DISMANTLER_SOURCE,
  async verify(db, deps, query) {
    const number = normaliseScrappingCertificateNumber(query.certificateNumber);
    const vin = query.vin.trim().toUpperCase();
    // By the number's table, then on the dismantler's shard (keys.ts).
    const holder = await certificateOwner(db, number);
    const record =
      holder &&
      (await db
        .selectFrom('recycling_scrapped_vehicles')
        .select(['vin', 'status', 'deregistered_on'])
        .where('dismantler_organization_id', '=', Number(holder.dismantler_organization_id))
        .where('id', '=', Number(holder.vehicle_id))
        .executeTakeFirst());
    if (!record) {
      const open = await openVinOwner(db, vin);
      const other =
        open &&
        (await db
          .selectFrom('recycling_scrapped_vehicles')
          .select('id')
          .where('dismantler_organization_id', '=', Number(open.dismantler_organization_id))
          .where('id', '=', Number(open.vehicle_id))
          .where('certificate_number', 'is not', null)
          .executeTakeFirst());
      if (other) return mismatch('vin_other_certificate');
      return (await deps.parameters.get('recycling.vehicles.unknownCertificate')) === 'mismatch'
        ? mismatch('certificate_unknown')
        : { status: 'unverified', note: 'certificate_unknown' };
    }
    if (record.status === 'withdrawn') return mismatch('certificate_withdrawn');
    if (record.vin !== vin) return mismatch('vin_mismatch');
    if (record.status !== 'deregistered' || !record.deregistered_on) return mismatch('not_deregistered');
    if (record.deregistered_on !== query.deregisteredOn) return mismatch('deregistration_date_mismatch');
    return { status: 'verified', note: null };
  },
};
