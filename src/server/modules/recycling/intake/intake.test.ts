import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_RESIDENT, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { addDays, shanghaiDate, shanghaiMonth } from '../../../core/time.js';
import { divideHalfUp } from '../../../../shared/money.js';
import { reverseInvoiceFigures } from '../../../../shared/reverseInvoice.js';
import { seedSitesDemo } from '../sites/seed.js';
import { seedIntakeDemo } from './seed.js';
import { citizenId, CREDIT_CODE, intakeSetup, paperSale, type IntakeSetup } from './testing.js';

type Detail = { field: string; reason: string; message: string };
const fields = (res: { json(): unknown }) => ((res.json() as { error: { details: Detail[] } }).error.details ?? []).map((d) => d.field);

describe('reverse-invoice figures: fen, half-up', () => {
  it('rounds half up to the fen and keeps amount + VAT = price', () => {
    expect([divideHalfUp(5, 10), divideHalfUp(4, 10), divideHalfUp(15, 10), divideHalfUp(0, 7)]).toEqual([1, 0, 2, 0]);
    // 101.00 at 1%: 100.00 + 1.00 VAT; 0.5% income tax of 100.00 is 0.50.
    expect(reverseInvoiceFigures(10_100, 100, 50)).toEqual({ amountFen: 10_000, vatFen: 100, incomeTaxFen: 50, netPaidFen: 9_950 });
    // 1.00 at 1%: 0.990099… → 0.99, VAT 0.01; income tax 0.00495 → 0.00.
    expect(reverseInvoiceFigures(100, 100, 50)).toEqual({ amountFen: 99, vatFen: 1, incomeTaxFen: 0, netPaidFen: 99 });
    // Income tax exactly half a fen rounds up: 1.00 × 0.5% = 0.005 → 0.01.
    expect(reverseInvoiceFigures(101, 100, 50)).toMatchObject({ amountFen: 100, incomeTaxFen: 1 });
    // 3% VAT: 1,000.00 → 970.87 (970.873…), VAT 29.13.
    expect(reverseInvoiceFigures(100_000, 300, 50)).toEqual({ amountFen: 97_087, vatFen: 2_913, incomeTaxFen: 485, netPaidFen: 97_087 - 485 });
  });
});

describe('intake records and reverse invoices', () => {
  let t: TestApp;
  let s: IntakeSetup;
  let commerce: TestClient;
  let auditor: TestClient;
  let resident: TestClient;
  let finance: TestClient;
  const today = shanghaiDate();

  beforeAll(async () => {
    t = await createTestApp();
    s = await intakeSetup(t, 'intk');
    [commerce, auditor, resident, finance] = await Promise.all([
      t.login('demo_department'),
      t.login('demo_auditor'),
      t.login(DEMO_RESIDENT.mobile),
      t.login('demo_finance'),
    ]);
  });
  afterAll(() => t.close());

  it('records an individual’s sale with its reverse invoice: ID sealed and masked, rates stored, audited', async () => {
    const res = await s.a.post('/api/recycling/intake', paperSale(s.siteA, 1, 10_100));
    expect(res.statusCode).toBe(201);
    const { id, reverseInvoiceId } = res.json();
    expect(reverseInvoiceId).toBeGreaterThan(0);
    const one = (await s.a.get(`/api/recycling/intake/${id}`)).json();
    expect(one).toMatchObject({
      townId: s.townId,
      material: 'paper',
      weightKg: 100,
      units: null,
      source: 'individual',
      sellerIdMask: expect.stringMatching(/^3505\*+\d{3}[\dX]$/),
    });
    expect(one.reverseInvoice).toMatchObject({
      priceFen: 10_100,
      amountFen: 10_000,
      vatFen: 100,
      incomeTaxFen: 50,
      netPaidFen: 9_950,
      vatRateBp: 100,
      incomeTaxRateBp: 50,
      yearTotalFen: 10_000,
      status: 'issued',
    });
    expect(JSON.stringify(one)).not.toContain(citizenId(1));
    const row = await t.deps.database.db.selectFrom('recycling_intake_records').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.seller_id_enc).not.toContain(citizenId(1));
    expect(t.deps.sealer.open(row.seller_id_enc!)).toBe(citizenId(1));
    expect(row.seller_id_lookup).toBe(t.deps.sealer.lookup(citizenId(1)));
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select(['action', 'after_json'])
      .where('entity', '=', 'recycling_intake')
      .where('entity_id', '=', String(id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['record']);
    expect(audit[0]!.after_json).not.toContain(citizenId(1));
  });

  it('records appliances by units and an enterprise’s sale with its credit code, without a reverse invoice', async () => {
    const appliance = await s.a.post('/api/recycling/intake', {
      ...paperSale(s.siteA, 2, 20_000),
      material: 'appliances',
      applianceCategory: 'television',
      weightKg: undefined,
      units: 3,
    });
    expect(appliance.statusCode).toBe(201);
    const enterprise = await s.a.post('/api/recycling/intake', {
      siteId: s.siteA,
      material: 'plastics',
      source: 'enterprise',
      weightKg: 500.5,
      priceFen: 80_000,
      takenInOn: today,
      seller: { name: '某鞋材厂', creditCode: CREDIT_CODE },
    });
    expect(enterprise.statusCode).toBe(201);
    expect(enterprise.json().reverseInvoiceId).toBeNull();
  });

  it('refuses what a record must not be, each on its field, in the caller’s language', async () => {
    const post = (body: Record<string, unknown>) => s.a.post('/api/recycling/intake', body);
    expect(fields(await post({ ...paperSale(s.siteA, 3, 100), material: 'vehicles' }))).toEqual(['material']);
    const en = await s.a.request({
      method: 'POST',
      url: '/api/recycling/intake',
      headers: { 'accept-language': 'en' },
      payload: { ...paperSale(s.siteA, 3, 100), material: 'vehicles' },
    });
    expect(en.json().error.details[0].message).toMatch(/scrapped-vehicle one-stop/);
    expect(fields(await post({ ...paperSale(s.siteA, 3, 100), material: 'appliances' }))).toEqual(['applianceCategory', 'units', 'weightKg']);
    expect(fields(await post({ ...paperSale(s.siteA, 3, 100), units: 2 }))).toEqual(['units']);
    expect(fields(await post({ ...paperSale(s.siteA, 3, 100), takenInOn: addDays(today, 1) }))).toEqual(['takenInOn']);
    expect(fields(await post({ ...paperSale(s.siteA, 3, 100), takenInOn: addDays(today, -40) }))).toEqual(['takenInOn']);
    expect(fields(await post({ ...paperSale(s.siteA, 3, 100), seller: { name: '某人' } }))).toEqual(['seller.idNumber']);
    const badId = await post({ ...paperSale(s.siteA, 3, 100), seller: { name: '某人', idNumber: '350582198001011235' } });
    expect(badId.statusCode).toBe(400);
    expect(fields(badId)).toEqual(['seller.idNumber']);
    expect(fields(await post({ ...paperSale(s.siteA, 3, 100), source: 'enterprise', seller: { name: '某厂' } }))).toEqual(['seller.creditCode']);
    expect(fields(await post({ ...paperSale(s.siteA, 3, 100), source: 'enterprise', seller: { name: '某厂', creditCode: '91350100M000100Y44' } }))).toEqual([
      'seller.creditCode',
    ]);
    expect(fields(await post(paperSale(s.suspendedA, 3, 100)))).toEqual(['siteId']);
    expect(fields(await post(paperSale(999_999, 3, 100)))).toEqual(['siteId']);
    const nothing = await t.deps.database.db.selectFrom('recycling_intake_records').select('id').where('seller_name', '=', '出售人3').execute();
    expect(nothing).toEqual([]);
  });

  it('keeps production scrap metal’s seller identity, and refuses it without', async () => {
    const scrap = {
      siteId: s.siteA,
      material: 'steel',
      source: 'enterprise',
      productionScrap: true,
      weightKg: 3000,
      priceFen: 780_000,
      takenInOn: today,
      seller: { name: '某机械厂', creditCode: CREDIT_CODE },
    };
    const refused = await s.a.post('/api/recycling/intake', scrap);
    expect(refused.statusCode).toBe(400);
    expect(fields(refused)).toEqual(['seller.contactName', 'seller.contactPhone']);
    expect(
      fields(
        await s.a.post('/api/recycling/intake', {
          ...paperSale(s.siteA, 4, 100),
          productionScrap: true,
          seller: { name: 'x', idNumber: citizenId(4), contactName: 'y', contactPhone: '13800000000' },
        }),
      ),
    ).toEqual(['productionScrap']);
    const ok = await s.a.post('/api/recycling/intake', { ...scrap, seller: { ...scrap.seller, contactName: '王经理', contactPhone: '13812345678' } });
    expect(ok.statusCode).toBe(201);
    const one = (await s.a.get(`/api/recycling/intake/${ok.json().id}`)).json();
    expect(one).toMatchObject({
      productionScrap: true,
      sellerContactName: '王经理',
      sellerContactPhoneMask: '138****5678',
      sellerCreditCode: CREDIT_CODE,
      keepUntil: addDays(today, 731),
    });
  });

  it('lets only the site’s operator record at it and read or void its records; residents nothing; officials read all', async () => {
    expect((await s.b.post('/api/recycling/intake', paperSale(s.siteA, 5, 100))).statusCode).toBe(403);
    expect((await resident.post('/api/recycling/intake', paperSale(s.siteA, 5, 100))).statusCode).toBe(403);
    expect((await commerce.post('/api/recycling/intake', paperSale(s.siteA, 5, 100))).statusCode).toBe(403);
    const mine = (await s.a.get('/api/recycling/intake?pageSize=200')).json();
    expect(mine.total).toBeGreaterThanOrEqual(4);
    const id = mine.items[0].id;
    expect((await s.b.get(`/api/recycling/intake/${id}`)).statusCode).toBe(403);
    expect((await s.b.post(`/api/recycling/intake/${id}/void`, { reason: '不是我的' })).statusCode).toBe(403);
    expect((await s.b.get('/api/recycling/intake')).json().total).toBe(0);
    expect((await resident.get('/api/recycling/intake')).statusCode).toBe(403);
    expect((await resident.get(`/api/recycling/intake/reverse-invoices?month=${shanghaiMonth()}`)).statusCode).toBe(403);
    expect((await finance.get('/api/recycling/intake')).statusCode).toBe(403);
    // B asking for A's invoices gets its own (none): a recycler's scope is its own whatever it asks.
    const bInvoices = (await s.b.get(`/api/recycling/intake/reverse-invoices?month=${shanghaiMonth()}&recyclerId=${s.orgA}`)).json();
    expect(bInvoices.total).toBe(0);
    expect((await s.b.get(`/api/recycling/intake/reverse-invoices/export?month=${shanghaiMonth()}&recyclerId=${s.orgA}`)).statusCode).toBe(200);
    for (const official of [commerce, auditor]) {
      const all = (await official.get(`/api/recycling/intake?recyclerId=${s.orgA}&pageSize=200`)).json();
      expect(all.total).toBe(mine.total);
      expect(all.items[0].canVoid).toBe(false);
      expect((await official.get(`/api/recycling/intake/${id}`)).statusCode).toBe(200);
      expect((await official.post(`/api/recycling/intake/${id}/void`, { reason: '无权作废' })).statusCode).toBe(403);
    }
    expect(fields(await commerce.get(`/api/recycling/intake/reverse-invoices/export?month=${shanghaiMonth()}`))).toEqual(['recyclerId']);
  });

  it('filters, pages and sorts the list', async () => {
    const get = async (q: string) => (await s.a.get(`/api/recycling/intake?${q}`)).json();
    expect((await get('material=appliances')).items.map((i: { units: number }) => i.units)).toEqual([3]);
    expect((await get('source=enterprise')).total).toBe(2);
    expect((await get(`month=${shanghaiMonth()}`)).total).toBe((await get('')).total);
    expect((await get(`from=${addDays(today, 1)}`)).total).toBe(0);
    expect((await get(`siteId=${s.suspendedA}`)).total).toBe(0);
    const byPrice = await get('sort=priceFen&order=asc&pageSize=2&page=1');
    expect(byPrice.items).toHaveLength(2);
    expect(byPrice.items[0].priceFen).toBeLessThanOrEqual(byPrice.items[1].priceFen);
    expect((await get('q=某机械')).total).toBe(1);
    expect((await s.a.get('/api/recycling/intake?material=gold')).statusCode).toBe(400);
  });

  it('voids a record with its invoice and gives the seller’s total back; not twice', async () => {
    const rec = (await s.a.post('/api/recycling/intake', paperSale(s.siteA, 6, 20_200))).json();
    const total = () =>
      t.deps.database.db
        .selectFrom('recycling_reverse_invoice_totals')
        .select('total_fen')
        .where('seller_id_lookup', '=', t.deps.sealer.lookup(citizenId(6)))
        .executeTakeFirstOrThrow();
    expect(Number((await total()).total_fen)).toBe(20_000);
    expect(fields(await s.a.post(`/api/recycling/intake/${rec.id}/void`, { reason: '' }))).toEqual(['reason']);
    const voided = await s.a.post(`/api/recycling/intake/${rec.id}/void`, { reason: '重量录错' });
    expect(voided.statusCode).toBe(200);
    expect(voided.json()).toMatchObject({ status: 'void', voidReason: '重量录错', canVoid: false, reverseInvoice: { status: 'void' } });
    expect(Number((await total()).total_fen)).toBe(0);
    expect((await s.a.post(`/api/recycling/intake/${rec.id}/void`, { reason: '再作废' })).statusCode).toBe(409);
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'recycling_intake')
      .where('entity_id', '=', String(rec.id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['record', 'void']);
  });

  it('lists a month’s invoices with totals and exports them for filing (void ones left out)', async () => {
    const month = shanghaiMonth();
    const list = (await s.a.get(`/api/recycling/intake/reverse-invoices?month=${month}`)).json();
    // Seller 1 (101.00), seller 2's appliances (200.00), seller 6's (voided).
    expect(list.total).toBe(3);
    expect(list.totals).toEqual({ count: 2, priceFen: 30_100, amountFen: 10_000 + 19_802, vatFen: 100 + 198, incomeTaxFen: 50 + 99 });
    expect((await commerce.get(`/api/recycling/intake/reverse-invoices?month=${month}&recyclerId=${s.orgA}`)).json().totals).toEqual(list.totals);
    const res = await s.a.get(`/api/recycling/intake/reverse-invoices/export?month=${month}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe(`${month} 反向开票明细（自然人报废产品出售者）`);
    expect(ws.getCell('C2').value).toBe('intk_a 回收公司');
    expect(ws.getCell('C4').value).toBe('增值税 1%，个人所得税 0.5%');
    expect(ws.getRow(6).getCell(3).value).toBe('出售人姓名');
    const lines = [7, 8].map((n) => ws.getRow(n).values as unknown[]);
    expect(lines.map((l) => l[3])).toEqual(['出售人1', '出售人2']);
    expect(lines[0]!.slice(5, 11)).toEqual([101, 100, 1, 0.5, 99.5, 100]);
    expect(String(lines[0]![4])).toMatch(/^3505\*+/);
    const totals = ws.getRow(9).values as unknown[];
    expect([totals[1], totals[3], ...totals.slice(5, 10)]).toEqual(['合计', '2 张', 301, 298.02, 2.98, 1.49, 296.53]);
    // 市商务局 exports A's month too; the export is audited.
    expect((await commerce.get(`/api/recycling/intake/reverse-invoices/export?month=${month}&recyclerId=${s.orgA}`)).statusCode).toBe(200);
    const exports = await t.deps.database.db
      .selectFrom('audit_log')
      .select('actor_username')
      .where('entity', '=', 'recycling_intake')
      .where('action', '=', 'exportInvoices')
      .execute();
    expect(exports.map((e) => e.actor_username)).toContain('demo_department');
  });

  it('seeds demo records once, at the demo recycler’s sites, labelled demo', async () => {
    const count = async () => (await t.deps.database.db.selectFrom('recycling_intake_records').select('id').where('is_demo', '=', 1).execute()).length;
    // Tests start without the modules' demo data: seed the demo sites, then the records twice.
    await seedSitesDemo(t.deps);
    await seedIntakeDemo(t.deps);
    const before = await count();
    expect(before).toBe(5);
    await seedIntakeDemo(t.deps);
    expect(await count()).toBe(before);
    const demo = await t.login('demo_recycler');
    const list = (await demo.get('/api/recycling/intake?pageSize=50')).json();
    expect(list.items.every((i: { isDemo: boolean }) => i.isDemo)).toBe(true);
    expect((await demo.get('/api/recycling/intake/options')).json().sites.length).toBeGreaterThan(0);
  });
});
