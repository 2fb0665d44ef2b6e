import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/helpers/testApp.js';
import { inTransaction } from '../../../db/database.js';
import { orderConflict } from '../online/orders.js';
import { saleConflict } from './sale.js';
import { invoiceTaken, releaseSerialKey, serialTaken, takeSaleKeys } from './saleKeys.js';

/** Whatever the database threw, or null when the write went through. */
async function thrownBy(write: () => Promise<unknown>): Promise<unknown> {
  try {
    await write();
    return null;
  } catch (err) {
    return err;
  }
}

// The keys unique across holders live in lookup tables (migration 20261203_1810): a second sale of a key is refused
// by the lookup's primary key, also when two sales race past the reads, and named as before on both databases.
describe('serial keys, invoice numbers and order numbers unique across holders', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ demo: false });
  });
  afterAll(() => t.close());

  it('a second sale of a serial key or an invoice, by another holder, is refused with the field-level reason', async () => {
    const db = t.deps.database.db;
    await inTransaction(t.deps.database, (tx) => takeSaleKeys(tx, { redemptionId: 1, holderUserId: 10, serialKey: 'SNRACE1', invoiceNumber: 'INV-RACE-1' }));
    expect(await serialTaken(db, 'SNRACE1')).toBe(true);
    expect(await invoiceTaken(db, 'INV-RACE-1')).toBe(true);
    const serial = await thrownBy(() =>
      inTransaction(t.deps.database, (tx) => takeSaleKeys(tx, { redemptionId: 2, holderUserId: 11, serialKey: 'SNRACE1', invoiceNumber: 'INV-RACE-2' })),
    );
    expect(saleConflict(serial)).toMatchObject({ code: 'SERIAL_ALREADY_SUBSIDISED', status: 409, fields: [{ path: 'serialNumber' }] });
    const invoice = await thrownBy(() =>
      inTransaction(t.deps.database, (tx) => takeSaleKeys(tx, { redemptionId: 3, holderUserId: 12, serialKey: 'SNRACE3', invoiceNumber: 'INV-RACE-1' })),
    );
    expect(saleConflict(invoice)).toMatchObject({ code: 'INVOICE_ALREADY_USED', status: 409, fields: [{ path: 'invoiceNumber' }] });
    // The refused sales took nothing.
    expect(await serialTaken(db, 'SNRACE3')).toBe(false);
    expect(await invoiceTaken(db, 'INV-RACE-2')).toBe(false);
  });

  it('a reversal gives the serial key up, not the invoice; only the reversed sale’s own row goes', async () => {
    const db = t.deps.database.db;
    await inTransaction(t.deps.database, (tx) => takeSaleKeys(tx, { redemptionId: 20, holderUserId: 10, serialKey: 'SNBACK', invoiceNumber: 'INV-BACK' }));
    await inTransaction(t.deps.database, (tx) => releaseSerialKey(tx, 'SNBACK', 21));
    expect(await serialTaken(db, 'SNBACK')).toBe(true);
    await inTransaction(t.deps.database, (tx) => releaseSerialKey(tx, 'SNBACK', 20));
    expect(await serialTaken(db, 'SNBACK')).toBe(false);
    expect(await invoiceTaken(db, 'INV-BACK')).toBe(true);
  });

  it('an order number is taken once per online store, whichever holder', async () => {
    const db = t.deps.database.db;
    const row = (holder: number, order: number) => ({ online_store_id: 5, order_number: 'JD-0001', holder_user_id: holder, online_order_id: order });
    await db.insertInto('tradein_online_order_numbers').values(row(10, 1)).execute();
    const err = await thrownBy(() => db.insertInto('tradein_online_order_numbers').values(row(11, 2)).execute());
    expect(orderConflict(err)).toMatchObject({ code: 'ORDER_NUMBER_USED', status: 409, fields: [{ path: 'orderNumber' }] });
    await db
      .insertInto('tradein_online_order_numbers')
      .values({ ...row(11, 3), online_store_id: 6 })
      .execute();
  });
});
