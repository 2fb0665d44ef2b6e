import type { Queryable, Tx } from '../../../db/database.js';

/**
 * A car's identifiers are each subsidised once across every applicant: the old car (VIN), the new car (VIN), the new
 * car's invoice and the scrapping certificate. Applications are distributed by applicant (Citus, issue 15), where a
 * unique key without the applicant cannot be enforced, so each identifier has a lookup table whose primary key it is
 * (cartradein_old_vins, …; 20261203_1810): the primary key refuses a second holder, whatever the concurrency. They
 * are written in the application's transaction, here and nowhere else.
 */

export type IdentifierColumn = 'old_vin' | 'new_vin' | 'new_invoice_number' | 'scrapping_certificate_no';
export type CarIdentifiers = Record<IdentifierColumn, string | null>;

interface Holder {
  applicant_user_id: number;
  application_id: number;
}

interface Lookup {
  /** Whether an application other than `exceptId` holds `value`. */
  heldBy(db: Queryable, value: string, exceptId: number | null): Promise<boolean>;
  hold(tx: Tx, value: string, holder: Holder): Promise<void>;
  release(tx: Tx, value: string, applicationId: number): Promise<void>;
}

const except = (exceptId: number | null) => exceptId ?? -1;

// One typed table per identifier: the four differ only in the name of their key column.
const LOOKUPS: Record<IdentifierColumn, Lookup> = {
  old_vin: {
    heldBy: async (db, v, id) =>
      !!(await db
        .selectFrom('cartradein_old_vins')
        .select('application_id')
        .where('old_vin', '=', v)
        .where('application_id', '!=', except(id))
        .executeTakeFirst()),
    hold: async (tx, v, h) =>
      void (await tx
        .insertInto('cartradein_old_vins')
        .values({ old_vin: v, ...h })
        .execute()),
    release: async (tx, v, id) => void (await tx.deleteFrom('cartradein_old_vins').where('old_vin', '=', v).where('application_id', '=', id).execute()),
  },
  new_vin: {
    heldBy: async (db, v, id) =>
      !!(await db
        .selectFrom('cartradein_new_vins')
        .select('application_id')
        .where('new_vin', '=', v)
        .where('application_id', '!=', except(id))
        .executeTakeFirst()),
    hold: async (tx, v, h) =>
      void (await tx
        .insertInto('cartradein_new_vins')
        .values({ new_vin: v, ...h })
        .execute()),
    release: async (tx, v, id) => void (await tx.deleteFrom('cartradein_new_vins').where('new_vin', '=', v).where('application_id', '=', id).execute()),
  },
  new_invoice_number: {
    heldBy: async (db, v, id) =>
      !!(await db
        .selectFrom('cartradein_new_invoice_numbers')
        .select('application_id')
        .where('new_invoice_number', '=', v)
        .where('application_id', '!=', except(id))
        .executeTakeFirst()),
    hold: async (tx, v, h) =>
      void (await tx
        .insertInto('cartradein_new_invoice_numbers')
        .values({ new_invoice_number: v, ...h })
        .execute()),
    release: async (tx, v, id) =>
      void (await tx.deleteFrom('cartradein_new_invoice_numbers').where('new_invoice_number', '=', v).where('application_id', '=', id).execute()),
  },
  scrapping_certificate_no: {
    heldBy: async (db, v, id) =>
      !!(await db
        .selectFrom('cartradein_scrapping_certificate_nos')
        .select('application_id')
        .where('scrapping_certificate_no', '=', v)
        .where('application_id', '!=', except(id))
        .executeTakeFirst()),
    hold: async (tx, v, h) =>
      void (await tx
        .insertInto('cartradein_scrapping_certificate_nos')
        .values({ scrapping_certificate_no: v, ...h })
        .execute()),
    release: async (tx, v, id) =>
      void (await tx.deleteFrom('cartradein_scrapping_certificate_nos').where('scrapping_certificate_no', '=', v).where('application_id', '=', id).execute()),
  },
};

const COLUMNS = Object.keys(LOOKUPS) as IdentifierColumn[];

/** Which of these identifiers another application than `exceptId` holds (each a single-shard lookup by its value). */
export async function heldIdentifiers(db: Queryable, ids: CarIdentifiers, exceptId: number | null): Promise<Set<IdentifierColumn>> {
  const held = new Set<IdentifierColumn>();
  for (const column of COLUMNS) {
    const value = ids[column];
    if (value !== null && (await LOOKUPS[column].heldBy(db, value, exceptId))) held.add(column);
  }
  return held;
}

/**
 * The application takes its identifiers (`before` is what it held until now, on a resubmission): a changed one is
 * given up and the new one taken, an unchanged one stays. A value already held by another application fails with
 * the lookup table's unique violation (`mapUniqueViolation` names the field).
 */
export async function holdIdentifiers(tx: Tx, holder: Holder, ids: CarIdentifiers, before: CarIdentifiers | null = null): Promise<void> {
  for (const column of COLUMNS) {
    const [was, now] = [before?.[column] ?? null, ids[column]];
    if (was === now) continue;
    if (was !== null) await LOOKUPS[column].release(tx, was, holder.application_id);
    if (now !== null) await LOOKUPS[column].hold(tx, now, holder);
  }
}

/** The identifiers an application row holds. */
export const identifiersOf = (a: CarIdentifiers): CarIdentifiers => ({
  old_vin: a.old_vin,
  new_vin: a.new_vin,
  new_invoice_number: a.new_invoice_number,
  scrapping_certificate_no: a.scrapping_certificate_no,
});
