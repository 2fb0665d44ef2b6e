import type { Queryable, Tx } from '../../../db/database.js';

/**
 * The two keys of a scrapped vehicle unique across dismantlers, kept in their own tables (on Citus the vehicles are
 * distributed by dismantler, and a unique key there holds only per dismantler): a VIN while its record is open, a
 * scrapping certificate number for good. Each is claimed in the transaction that writes the record, so of two
 * dismantlers racing for one the key's primary key lets one through; the loser's unique violation names the table,
 * which `duplicateOf` maps to the field (a name with `certificate_number` in it is the certificate's).
 */
interface Key {
  dismantlerOrganizationId: number;
  vehicleId: number;
}

/** Whether another record than `exceptId` has this VIN open. */
export async function openVinTaken(db: Queryable, vin: string, exceptId: number | null) {
  let q = db.selectFrom('recycling_scrapped_vehicle_open_vins').select('vehicle_id').where('vin', '=', vin);
  if (exceptId !== null) q = q.where('vehicle_id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** Whether another record than `exceptId` holds this scrapping certificate number. */
export async function certificateTaken(db: Queryable, number: string, exceptId: number | null) {
  let q = db.selectFrom('recycling_scrapped_vehicle_certificate_numbers').select('vehicle_id').where('certificate_number', '=', number);
  if (exceptId !== null) q = q.where('vehicle_id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** The record that has this VIN open, if any. */
export async function openVinOwner(db: Queryable, vin: string) {
  return db.selectFrom('recycling_scrapped_vehicle_open_vins').select(['dismantler_organization_id', 'vehicle_id']).where('vin', '=', vin).executeTakeFirst();
}

/** The record that holds this scrapping certificate number, if any. */
export async function certificateOwner(db: Queryable, number: string) {
  return db
    .selectFrom('recycling_scrapped_vehicle_certificate_numbers')
    .select(['dismantler_organization_id', 'vehicle_id'])
    .where('certificate_number', '=', number)
    .executeTakeFirst();
}

export async function claimOpenVin(tx: Tx, vin: string, key: Key) {
  await tx
    .insertInto('recycling_scrapped_vehicle_open_vins')
    .values({ vin, dismantler_organization_id: key.dismantlerOrganizationId, vehicle_id: key.vehicleId })
    .execute();
}

/** The record is withdrawn, or its VIN corrected: the VIN is free for another record. */
export async function releaseOpenVin(tx: Tx, vin: string, vehicleId: number) {
  await tx.deleteFrom('recycling_scrapped_vehicle_open_vins').where('vin', '=', vin).where('vehicle_id', '=', vehicleId).execute();
}

export async function claimCertificateNumber(tx: Tx, number: string, key: Key) {
  await tx
    .insertInto('recycling_scrapped_vehicle_certificate_numbers')
    .values({ certificate_number: number, dismantler_organization_id: key.dismantlerOrganizationId, vehicle_id: key.vehicleId })
    .execute();
}

/** Only a correction of the number gives it back (a withdrawn record keeps its number spent). */
export async function releaseCertificateNumber(tx: Tx, number: string, vehicleId: number) {
  await tx.deleteFrom('recycling_scrapped_vehicle_certificate_numbers').where('certificate_number', '=', number).where('vehicle_id', '=', vehicleId).execute();
}
