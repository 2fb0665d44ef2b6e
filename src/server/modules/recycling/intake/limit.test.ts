import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { citizenId, intakeSetup, paperSale, setParameter, type IntakeSetup } from './testing.js';

/**
 * The seller's yearly limit (国家税务总局公告2024年第5号: 5,000,000 yuan a year, VAT excluded, set low here through the
 * parameter): across every recycler, refused on the price with the limit and the total, restored by a void, and held
 * by the database when two purchases race.
 */
describe('reverse invoicing: the seller’s yearly limit', () => {
  let t: TestApp;
  let s: IntakeSetup;
  let office: TestClient;
  const totalOf = async (seller: number) =>
    Number(
      (
        await t.deps.database.db
          .selectFrom('recycling_reverse_invoice_totals')
          .select('total_fen')
          .where('seller_id_lookup', '=', t.deps.sealer.lookup(citizenId(seller)))
          .executeTakeFirst()
      )?.total_fen ?? 0,
    );

  beforeAll(async () => {
    t = await createTestApp();
    s = await intakeSetup(t, 'lim');
    office = await t.login('demo_office');
    // 1,000 yuan a year.
    await setParameter(office, 'recycling.reverseInvoiceAnnualLimitYuan', 1000);
  });
  afterAll(() => t.close());

  it('refuses a sale beyond the limit on its price, with the limit and the total, across recyclers; nothing written', async () => {
    // 606.00 incl. 1% VAT is 600.00.
    expect((await s.a.post('/api/recycling/intake', paperSale(s.siteA, 1, 60_600))).statusCode).toBe(201);
    expect(await totalOf(1)).toBe(60_000);
    const before = (await t.deps.database.db.selectFrom('recycling_intake_records').select('id').execute()).length;
    // Another recycler buying from the same person: 405.01 is 401.00 excl. VAT, 1.00 beyond the limit.
    const refused = await s.b.post('/api/recycling/intake', paperSale(s.siteB, 1, 40_501));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('REVERSE_INVOICE_LIMIT');
    expect(refused.json().error.details).toEqual([
      { field: 'priceFen', reason: 'recycling.reverseInvoiceLimit', message: expect.stringContaining('1,000.00') },
    ]);
    expect(refused.json().error.details[0].message).toContain('600.00');
    const en = await s.b.request({
      method: 'POST',
      url: '/api/recycling/intake',
      headers: { 'accept-language': 'en' },
      payload: paperSale(s.siteB, 1, 40_501),
    });
    expect(en.json().error.message).toMatch(/yearly limit of ¥1,000\.00/);
    expect((await t.deps.database.db.selectFrom('recycling_intake_records').select('id').execute()).length).toBe(before);
    expect(await totalOf(1)).toBe(60_000);
    // Exactly up to the limit passes: 404.00 is 400.00 excl. VAT.
    const exact = await s.b.post('/api/recycling/intake', paperSale(s.siteB, 1, 40_400));
    expect(exact.statusCode).toBe(201);
    expect(await totalOf(1)).toBe(100_000);
    expect((await s.b.get(`/api/recycling/intake/${exact.json().id}`)).json().reverseInvoice.yearTotalFen).toBe(100_000);
  });

  it('gives a voided sale’s amount back, so the next one passes', async () => {
    const list = (await s.a.get('/api/recycling/intake')).json();
    const first = list.items.find((i: { sellerName: string }) => i.sellerName === '出售人1');
    expect((await s.a.post('/api/recycling/intake', paperSale(s.siteA, 1, 10_100))).statusCode).toBe(409);
    expect((await s.a.post(`/api/recycling/intake/${first.id}/void`, { reason: '录重了' })).statusCode).toBe(200);
    expect(await totalOf(1)).toBe(40_000);
    expect((await s.a.post('/api/recycling/intake', paperSale(s.siteA, 1, 10_100))).statusCode).toBe(201);
    expect(await totalOf(1)).toBe(50_000);
  });

  it('lets only one of two purchases racing near the limit pass', async () => {
    for (const seller of [2, 3, 4]) {
      // The seller's row exists (a first sale of 1.01), so the race is on the update of one row, not on its insert.
      expect((await s.a.post('/api/recycling/intake', paperSale(s.siteA, seller, 101))).statusCode).toBe(201);
      // Two recyclers at once, 505.00 each (500.00): with the 1.00 before, together 1,001.00 > 1,000.00.
      const results = await Promise.all([
        s.a.post('/api/recycling/intake', paperSale(s.siteA, seller, 50_500)),
        s.b.post('/api/recycling/intake', paperSale(s.siteB, seller, 50_500)),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      expect(await totalOf(seller)).toBe(50_100);
      const invoices = await t.deps.database.db
        .selectFrom('recycling_reverse_invoices')
        .select('id')
        .where('seller_id_lookup', '=', t.deps.sealer.lookup(citizenId(seller)))
        .execute();
      expect(invoices).toHaveLength(2);
    }
  });

  it('uses the rates in force and keeps them on the invoice', async () => {
    await setParameter(office, 'recycling.reverseInvoiceVatRateBp', 300);
    // The rate as stored now (another process's write is seen within the cache's time).
    await t.deps.parameters.refresh();
    const rec = await s.a.post('/api/recycling/intake', paperSale(s.siteA, 9, 10_300));
    expect(rec.statusCode).toBe(201);
    const invoice = (await s.a.get(`/api/recycling/intake/${rec.json().id}`)).json().reverseInvoice;
    expect(invoice).toMatchObject({ amountFen: 10_000, vatFen: 300, incomeTaxFen: 50, vatRateBp: 300, incomeTaxRateBp: 50 });
    const options = (await s.a.get('/api/recycling/intake/options')).json();
    expect(options.rates).toEqual({ vatRateBp: 300, incomeTaxRateBp: 50, annualLimitYuan: 1000 });
    expect(options.sites.map((x: { id: number }) => x.id)).toEqual([s.siteA]);
  });
});
