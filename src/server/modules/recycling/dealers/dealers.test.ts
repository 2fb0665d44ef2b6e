import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate, shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { inTransaction } from '../../../db/database.js';
import { insertUser } from '../../platform/users/service.js';
import { recyclingMetrics } from '../metrics.js';
import { seedDealersDemo } from './seed.js';
import { fields, testCreditCode, testVin } from './testing.js';

const instant = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();
const usedCars = recyclingMetrics.find((m) => m.name === 'recycling.dealers.usedCarTrades')!;

useFakeClock(shanghaiInstant('2026-06-10', '07:30'));

describe('second-hand dealers: the register, trades, the export and the used-car metric', () => {
  let t: TestApp;
  let office: TestClient;
  let commerce: TestClient;
  let finance: TestClient;
  let market: TestClient;
  let town: TestClient;
  let enterprise: TestClient;
  let merchant: TestClient;
  let resident: TestClient;
  let auditor: TestClient;
  let qingyang: number;
  let otherTown: number;
  let enterpriseOrg: number;
  let dealerId: number;
  const today = () => shanghaiDate();
  const dealer = (over: Record<string, unknown> = {}) => ({
    name: '测试二手车行',
    creditCode: testCreditCode(1),
    kinds: ['cars', 'appliances'],
    townId: otherTown,
    address: '测试路 8 号',
    contactName: '王经理',
    contactMobile: '13912345678',
    licenceNumber: '备案 2026-01',
    organizationId: enterpriseOrg,
    ...over,
  });
  const car = (over: Record<string, unknown> = {}) => ({
    dealerId,
    kind: 'cars',
    tradedOn: today(),
    description: '2018 款轿车',
    amountFen: 5_600_000,
    vin: testVin(1),
    plateRegionFrom: '闽C',
    plateRegionTo: '闽C',
    ...over,
  });
  const window = (townId?: number) => ({ from: instant(addDays(today(), -30)), to: instant(addDays(today(), 1)), townId: townId ?? null });

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.deps.database.db;
    const orgOf = async (username: string) =>
      Number((await db.selectFrom('users').select('organization_id').where('username', '=', username).executeTakeFirstOrThrow()).organization_id);
    qingyang = await orgOf('demo_town');
    enterpriseOrg = await orgOf('demo_enterprise');
    otherTown = Number(
      (await db.selectFrom('organizations').select('id').where('kind', '=', 'town').where('id', '!=', qingyang).orderBy('id').executeTakeFirstOrThrow()).id,
    );
    const marketOrg = Number((await db.selectFrom('organizations').select('id').where('name', '=', '市市场监管局').executeTakeFirstOrThrow()).id);
    await inTransaction(t.deps.database, (tx) =>
      insertUser(tx, t.deps, {
        username: 'market_officer',
        displayName: '市场监管局',
        role: 'department',
        organizationId: marketOrg,
        password: 'Market#2027x',
        mustChangePassword: false,
      }),
    );
    [office, commerce, finance, town, enterprise, merchant, resident, auditor] = await Promise.all([
      t.login('demo_office'),
      t.login('demo_department'),
      t.login('demo_finance'),
      t.login('demo_town'),
      t.login('demo_enterprise'),
      t.login('demo_merchant'),
      t.login('13800000001'),
      t.login('demo_auditor'),
    ]);
    market = await t.login('market_officer', 'Market#2027x');
  });
  afterAll(() => t.close());

  it('市商务局 and the office register dealers; other departments, towns, enterprises and the public may not', async () => {
    const res = await commerce.post('/api/recycling/dealers', dealer());
    expect(res.statusCode).toBe(201);
    dealerId = res.json().id;
    expect(res.json()).toMatchObject({
      status: 'active',
      statusSince: today(),
      registeredOn: today(),
      kinds: ['cars', 'appliances'],
      contactMobile: '139****5678',
      organizationId: enterpriseOrg,
      grade: { grade: 'A', points: 0, ruleVersion: 1 },
      actions: ['update', 'recordTrade', 'recordViolation', 'suspend', 'deregister'],
    });
    expect(res.json().history.map((h: { action: string }) => h.action)).toEqual(['register']);
    // The mobile is sealed at rest: neither the table nor the audit trail holds it in the clear.
    const stored = await t.deps.database.db.selectFrom('recycling_dealers').selectAll().where('id', '=', dealerId).executeTakeFirstOrThrow();
    expect(stored.contact_mobile_enc).not.toContain('13912345678');
    expect(t.deps.sealer.open(stored.contact_mobile_enc)).toBe('13912345678');
    const audit = await t.deps.database.db.selectFrom('audit_log').select('after_json').where('entity', '=', 'recycling_dealer').execute();
    expect(audit.map((a) => a.after_json).join()).not.toContain('13912345678');
    expect(
      (await office.post('/api/recycling/dealers', dealer({ creditCode: testCreditCode(2), name: '专班登记车行', organizationId: null }))).statusCode,
    ).toBe(201);
    for (const c of [finance, market, town, enterprise, resident, auditor])
      expect((await c.post('/api/recycling/dealers', dealer({ creditCode: testCreditCode(3) }))).statusCode).toBe(403);
    expect((await t.anonymous.post('/api/recycling/dealers', dealer())).statusCode).toBe(401);
  });

  it('checks the credit code, kinds, town, linked enterprise and mobile, all at once; a taken code is a field error', async () => {
    const bad = await commerce.post('/api/recycling/dealers', dealer({ creditCode: '91350582MA1000001X', contactMobile: '12345', kinds: [] }));
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual(['contactMobile', 'creditCode', 'kinds']);
    const res = await commerce.post(
      '/api/recycling/dealers',
      dealer({ creditCode: testCreditCode(4), townId: enterpriseOrg, organizationId: qingyang, kinds: ['cars', 'cars'] }),
    );
    expect(fields(res)).toEqual(['kinds', 'organizationId', 'townId']);
    const taken = await commerce.post('/api/recycling/dealers', dealer());
    expect(fields(taken)).toEqual(['creditCode']);
    const en = await commerce.request({ method: 'POST', url: '/api/recycling/dealers', payload: dealer(), headers: { 'accept-language': 'en' } });
    expect(en.json().error.details[0].message).toBe('A dealer with this credit code is already registered');
  });

  it('edits state the version they edited; a dealer is suspended, reinstated and deregistered with dates on its history', async () => {
    const d = (await commerce.get(`/api/recycling/dealers/${dealerId}`)).json();
    const body = { ...dealer(), contactMobile: undefined, name: '测试二手车行（改）', version: d.version };
    const ok = await commerce.put(`/api/recycling/dealers/${dealerId}`, body);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: '测试二手车行（改）', contactMobile: '139****5678', version: d.version + 1 });
    const stale = await commerce.put(`/api/recycling/dealers/${dealerId}`, body);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect((await market.put(`/api/recycling/dealers/${dealerId}`, { ...body, version: d.version + 1 })).statusCode).toBe(403);
    const other = (await commerce.get('/api/recycling/dealers?q=专班登记')).json().items[0];
    expect((await commerce.post(`/api/recycling/dealers/${other.id}/moves`, { action: 'suspend', note: '停业整顿' })).json()).toMatchObject({
      status: 'suspended',
      actions: ['update', 'recordViolation', 'reinstate', 'deregister'],
    });
    expect((await commerce.post(`/api/recycling/dealers/${other.id}/moves`, { action: 'suspend' })).statusCode).toBe(409);
    expect((await town.post(`/api/recycling/dealers/${other.id}/moves`, { action: 'reinstate' })).statusCode).toBe(403);
    const gone = await office.post(`/api/recycling/dealers/${other.id}/moves`, { action: 'deregister' });
    expect(gone.json()).toMatchObject({ status: 'deregistered', statusSince: today(), actions: [] });
    expect(gone.json().history.map((h: { action: string }) => h.action)).toEqual(['register', 'suspend', 'deregister']);
    expect(gone.json().history[1].note).toBe('停业整顿');
    expect(
      (await commerce.put(`/api/recycling/dealers/${other.id}`, { ...dealer({ creditCode: testCreditCode(2) }), version: gone.json().version })).json().error
        .code,
    ).toBe('DEALER_DEREGISTERED');
  });

  it('who sees the register: officials all, a town its own town, an enterprise its own dealer only', async () => {
    for (const c of [office, commerce, market, finance, auditor]) expect((await c.get('/api/recycling/dealers')).json().total).toBe(2);
    expect((await town.get('/api/recycling/dealers')).json().total).toBe(0); // neither is in 青阳
    const mine = (await enterprise.get('/api/recycling/dealers')).json();
    expect(mine.items.map((d: { id: number }) => d.id)).toEqual([dealerId]);
    expect(mine.items[0].actions).toEqual(['recordTrade']);
    expect((await merchant.get(`/api/recycling/dealers/${dealerId}`)).statusCode).toBe(403);
    expect((await town.get(`/api/recycling/dealers/${dealerId}`)).statusCode).toBe(403);
    expect((await resident.get('/api/recycling/dealers')).statusCode).toBe(403);
    expect((await commerce.get('/api/recycling/dealers?kind=appliances')).json().total).toBe(2);
    expect((await commerce.get('/api/recycling/dealers?kind=furniture')).json().total).toBe(0);
    expect((await commerce.get('/api/recycling/dealers?status=deregistered')).json().total).toBe(1);
  });

  it('the dealer’s own accounts record trades: a transfer across regions is accepted and counted, an export flagged, a same-day VIN a 409', async () => {
    const local = await enterprise.post('/api/recycling/dealer-trades', car());
    expect(local.statusCode).toBe(201);
    expect(local.json()).toMatchObject({ crossRegion: false, export: false, vin: testVin(1), recordedByUnit: expect.any(String) });
    const again = await enterprise.post('/api/recycling/dealer-trades', car({ description: '重复' }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'DEALER_TRADE_DUPLICATE', details: [{ field: 'vin' }] });
    // The same car the next day (bought back and sold again) is another trade.
    expect((await enterprise.post('/api/recycling/dealer-trades', car({ tradedOn: addDays(today(), -1) }))).statusCode).toBe(201);
    const moved = await enterprise.post('/api/recycling/dealer-trades', car({ vin: testVin(2), plateRegionTo: '粤B' }));
    expect(moved.json()).toMatchObject({ crossRegion: true, plateRegionFrom: '闽C', plateRegionTo: '粤B' });
    const exported = await commerce.post('/api/recycling/dealer-trades', car({ vin: testVin(3), plateRegionTo: undefined, export: true, exportCountry: 'KZ' }));
    expect(exported.json()).toMatchObject({ export: true, exportCountry: 'KZ', crossRegion: false, plateRegionTo: null });
    const appliance = await enterprise.post('/api/recycling/dealer-trades', {
      dealerId,
      kind: 'appliances',
      tradedOn: today(),
      description: '二手洗衣机',
      amountFen: 30_000,
    });
    expect(appliance.statusCode).toBe(201);
    const detail = (await commerce.get(`/api/recycling/dealers/${dealerId}`)).json();
    expect(detail.tradeCounts).toEqual({ total: 5, usedCars: 4, crossRegion: 1, export: 1 });
  });

  it('refuses what does not fit a used car, a kind the dealer does not trade, a future date, and a dealer not active', async () => {
    const noVin = await enterprise.post('/api/recycling/dealer-trades', car({ vin: undefined, plateRegionTo: undefined }));
    expect(fields(noVin)).toEqual(['plateRegionTo', 'vin']);
    const badVin = await enterprise.post(
      '/api/recycling/dealer-trades',
      car({ vin: 'LFV2A21K0G3000001' === testVin(1) ? 'LFV2A21K1G3000001' : 'LFV2A21K0G3000001' }),
    );
    expect(fields(badVin)).toEqual(['vin']);
    const exportNoCountry = await enterprise.post('/api/recycling/dealer-trades', car({ vin: testVin(4), export: true }));
    expect(fields(exportNoCountry)).toEqual(['exportCountry', 'plateRegionTo']);
    const sofa = await enterprise.post('/api/recycling/dealer-trades', {
      dealerId,
      kind: 'furniture',
      tradedOn: addDays(today(), 1),
      description: '沙发',
      amountFen: 1,
      vin: testVin(5),
    });
    expect(fields(sofa)).toEqual(['kind', 'tradedOn', 'vin']);
    expect(fields(await enterprise.post('/api/recycling/dealer-trades', car({ plateRegionFrom: '闽C12345' })))).toEqual(['plateRegionFrom']);
    for (const c of [merchant, market, town, auditor, resident])
      expect((await c.post('/api/recycling/dealer-trades', car({ vin: testVin(6) }))).statusCode).toBe(403);
    await commerce.post(`/api/recycling/dealers/${dealerId}/moves`, { action: 'suspend' });
    const suspended = await enterprise.post('/api/recycling/dealer-trades', car({ vin: testVin(6) }));
    expect(suspended.statusCode).toBe(409);
    expect(suspended.json().error.code).toBe('DEALER_NOT_ACTIVE');
    expect((await enterprise.get(`/api/recycling/dealers/${dealerId}`)).json().actions).toEqual([]);
    await commerce.post(`/api/recycling/dealers/${dealerId}/moves`, { action: 'reinstate' });
  });

  it('trades list and export to Excel for their readers; an enterprise sees its own dealer’s only', async () => {
    const all = (await commerce.get(`/api/recycling/dealer-trades?dealerId=${dealerId}`)).json();
    expect(all.total).toBe(5);
    expect((await commerce.get('/api/recycling/dealer-trades?crossRegion=1')).json().total).toBe(1);
    expect((await commerce.get('/api/recycling/dealer-trades?export=1&kind=cars')).json().total).toBe(1);
    expect((await commerce.get(`/api/recycling/dealer-trades?from=${today()}&to=${today()}`)).json().total).toBe(4);
    expect((await commerce.get(`/api/recycling/dealer-trades?q=${testVin(2)}`)).json().total).toBe(1);
    expect((await enterprise.get('/api/recycling/dealer-trades')).json().total).toBe(5);
    expect((await merchant.get('/api/recycling/dealer-trades')).json().total).toBe(0);
    expect((await town.get('/api/recycling/dealer-trades')).json().total).toBe(0);
    const xlsx = await auditor.get(`/api/recycling/dealer-trades/export.xlsx?dealerId=${dealerId}&kind=cars`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.rowCount).toBe(5);
    expect(sheet.getRow(1).values).toContain('二手车转让代出口');
    expect((await resident.get('/api/recycling/dealer-trades/export.xlsx')).statusCode).toBe(403);
  });

  it('the used-car metric counts car trades by trade date in the window and by the dealer’s town', async () => {
    const db = t.deps.database.db;
    expect(await usedCars.compute(db, window())).toBe(4);
    expect(await usedCars.compute(db, window(otherTown))).toBe(4);
    expect(await usedCars.compute(db, window(qingyang))).toBe(0);
    // The window's end is exclusive: today's trades are outside a window ending at today's midnight.
    expect(await usedCars.compute(db, { from: instant(addDays(today(), -30)), to: instant(today()) })).toBe(1);
    expect(usedCars.unit).toBe('辆');
  });

  it('the demo seed adds labelled dealers, trades and one violation, once', async () => {
    await seedDealersDemo(t.deps);
    await seedDealersDemo(t.deps);
    const demo = (await commerce.get('/api/recycling/dealers?q=演示&pageSize=50')).json();
    expect(demo.total).toBe(3);
    expect(demo.items.every((d: { isDemo: boolean; name: string }) => d.isDemo && d.name.includes('演示'))).toBe(true);
    const linked = demo.items.find((d: { organizationId: number | null }) => d.organizationId === enterpriseOrg);
    expect(linked.kinds).toEqual(['cars']);
    expect((await commerce.get(`/api/recycling/dealer-trades?dealerId=${linked.id}`)).json().total).toBe(3);
    expect((await commerce.get('/api/recycling/dealer-violations')).json().items.filter((v: { isDemo: boolean }) => v.isDemo)).toHaveLength(1);
    expect(await usedCars.compute(t.deps.database.db, window(qingyang))).toBe(3);
  });
});
