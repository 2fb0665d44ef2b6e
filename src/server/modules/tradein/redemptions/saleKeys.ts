import type { Queryable, Tx } from '../../../db/database.js';

/**
 * A sale's serial key and invoice number are unique across every holder's sales (anti-fraud: one subsidy per unit,
 * one sale per invoice). Redemptions are distributed by holder on Citus, where a unique key must hold the holder,
 * so each key is the primary key of a lookup table of its own (migration 20261203_1810): the insert of its row, in
 * the sale's transaction, is what refuses a second sale of the key, racing or not (saleConflict names it).
 */

/** Whether a standing sale holds the serial key (one row read on the key's shard). */
export async function serialTaken(db: Queryable, serialKey: string): Promise<boolean> {
  return !!(await db.selectFrom('tradein_redemption_serials').select('redemption_id').where('serial_key', '=', serialKey).executeTakeFirst());
}

/** Whether a sale, reversed or not, was made on the invoice. */
export async function invoiceTaken(db: Queryable, invoiceNumber: string): Promise<boolean> {
  return !!(await db.selectFrom('tradein_redemption_invoices').select('redemption_id').where('invoice_number', '=', invoiceNumber).executeTakeFirst());
}

/** Takes the new sale's serial key and invoice number; a unique violation here means another sale holds one. */
export async function takeSaleKeys(tx: Tx, sale: { redemptionId: number; holderUserId: number; serialKey: string; invoiceNumber: string }): Promise<void> {
  const owner = { holder_user_id: sale.holderUserId, redemption_id: sale.redemptionId };
  await tx
    .insertInto('tradein_redemption_serials')
    .values({ serial_key: sale.serialKey, ...owner })
    .execute();
  await tx
    .insertInto('tradein_redemption_invoices')
    .values({ invoice_number: sale.invoiceNumber, ...owner })
    .execute();
}

/**
 * A reversed sale gives its serial key up (see retiredSerialKey): its row goes, so the unit can be sold again with a
 * subsidy. The retired key needs no row: it holds the redemption's id, so no other sale can ever have it, and it
 * cannot be a live key (live keys are upper-cased, it has lower-case letters). The invoice stays taken.
 */
export async function releaseSerialKey(tx: Tx, serialKey: string, redemptionId: number): Promise<void> {
  await tx.deleteFrom('tradein_redemption_serials').where('serial_key', '=', serialKey).where('redemption_id', '=', redemptionId).execute();
}
