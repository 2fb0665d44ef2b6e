import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeClock, shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { createTradeinWorld, type Resident, type TradeinWorld } from '../risk/testFixture.js';
import { afterSalesMetrics } from './metrics.js';

/**
 * After-sales on one timeline: every sale is made on the first morning (the fixture's releases are open for six
 * hours), then the clock is moved forward for each answer, so response hours and the return window are exact.
 */
const T0 = '2026-06-10';
useFakeClock(shanghaiInstant(T0, '07:30'));
const at = (date: string, time: string) => fakeClock(shanghaiInstant(date, time));
// The story runs over ten days on the same sign-ins: sessions must outlive the clock's jumps (read at app start).
const SESSION_ENV = { HUANXIN_SESSION_IDLE_MINUTES: String(60 * 24 * 30), HUANXIN_SESSION_ABSOLUTE_HOURS: String(24 * 30) };

interface Case {
  id: number;
  status: string;
  respondedAt: string | null;
  responseHours: number | null;
  overdue: boolean;
  returned: boolean;
  rating: number | null;
  timeline: { action: string; to: string }[];
}

describe('after-sales: returns, repairs, complaints, ratings and merchants’ service', () => {
  let w: TradeinWorld;
  let a: Resident;
  let b: Resident;
  /** A's fridge and television at shop 0; B's fridge at shop 0 and washer at shop 1. */
  const sale = { aFridge: 0, aTv: 0, bFridge: 0, bWasher: 0 };
  const cases = { aReturn: 0, aRepair: 0, aComplaint: 0, bComplaint: 0 };
  let fridgeSubsidy = 0;

  const open = (r: Resident, redemptionId: number, kind: string, topic = 'quality', headers?: Record<string, string>) =>
    r.client.post('/api/tradein/after-sales', { redemptionId, kind, topic, description: `${kind}：商品出现问题，请处理` }, headers);
  const budgetUsed = async () =>
    Number(
      (await w.t.deps.database.db.selectFrom('tradein_programs').select('budget_used_fen').where('id', '=', w.applianceId).executeTakeFirstOrThrow())
        .budget_used_fen,
    );

  beforeAll(async () => {
    Object.assign(process.env, SESSION_ENV);
    w = await createTradeinWorld(2);
    await w.disableAllRules();
    a = await w.resident('13900001101');
    b = await w.resident('13900001102');
    const [shop0, shop1] = w.shops as [TradeinWorld['shops'][0], TradeinWorld['shops'][0]];
    const fridge = await w.buy(shop0, a, 'refrigerator', 400_000);
    sale.aFridge = fridge.id;
    fridgeSubsidy = fridge.subsidy;
    sale.aTv = (await w.buy(shop0, a, 'television', 300_000)).id;
    sale.bFridge = (await w.buy(shop0, b, 'refrigerator', 400_000)).id;
    sale.bWasher = (await w.buy(shop1, b, 'washing_machine', 200_000)).id;
  });
  afterAll(async () => {
    for (const key of Object.keys(SESSION_ENV)) Reflect.deleteProperty(process.env, key);
    await w.t.close();
  });

  it('a return within the window, resolved by the merchant, reverses the subsidy in the same step', async () => {
    at(T0, '08:30');
    const shop0 = w.shops[0]!;
    const before = await budgetUsed();
    const opened = await open(a, sale.aFridge, 'return');
    expect(opened.statusCode, opened.body).toBe(201);
    cases.aReturn = opened.json().id;
    expect(opened.json()).toMatchObject({ status: 'open', kind: 'return', organizationId: shop0.organizationId, respondedAt: null });
    // The merchant's organisation is told.
    const notes = await w.t.deps.database.db
      .selectFrom('notifications')
      .select(['kind', 'organization_id'])
      .where('kind', '=', 'tradein_after_sales_opened')
      .execute();
    expect(notes.map((n) => Number(n.organization_id))).toEqual([shop0.organizationId]);
    // One return at a time per sale.
    const again = await open(a, sale.aFridge, 'return');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('RETURN_ALREADY_OPEN');

    const resolved = await shop0.client.post(`/api/tradein/after-sales/${cases.aReturn}/resolve`, { outcome: '已上门取回商品并退款' });
    expect(resolved.statusCode, resolved.body).toBe(200);
    const c = resolved.json() as Case;
    expect(c).toMatchObject({ status: 'resolved', returned: true, responseHours: 0 });
    expect(c.respondedAt).not.toBeNull();
    expect(c.timeline.map((e) => `${e.action}:${e.to}`)).toEqual(['open:open', 'resolve:resolved']);

    const purchases = (await a.client.get('/api/tradein/redemptions/mine')).json().items as { id: number; status: string; fulfilmentStatus: string }[];
    expect(purchases.find((p) => p.id === sale.aFridge)).toMatchObject({ status: 'reversed', fulfilmentStatus: 'cancelled' });
    expect(await budgetUsed()).toBe(before - fridgeSubsidy);
    const vouchers = (await a.client.get('/api/tradein/vouchers/mine')).json() as { category: string; status: string }[];
    expect(vouchers.filter((v) => v.category === 'refrigerator').map((v) => v.status)).toEqual(['active']);
    // A reversed sale takes no more cases.
    const late = await open(a, sale.aFridge, 'complaint');
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('SALE_NOT_STANDING');
  });

  it('nobody opens a case on someone else’s purchase; another merchant neither sees nor answers it', async () => {
    expect((await open(b, sale.aTv, 'complaint')).statusCode).toBe(404);
    const repair = await open(a, sale.aTv, 'repair');
    expect(repair.statusCode).toBe(201);
    cases.aRepair = repair.json().id;
    const complaint = await open(a, sale.aTv, 'complaint', 'service');
    expect(complaint.statusCode).toBe(201);
    cases.aComplaint = complaint.json().id;
    const bComplaint = await open(b, sale.bWasher, 'complaint', 'delivery');
    expect(bComplaint.statusCode).toBe(201);
    cases.bComplaint = bComplaint.json().id;

    const other = w.shops[1]!.client;
    expect((await other.get(`/api/tradein/after-sales/${cases.aRepair}`)).statusCode).toBe(404);
    expect((await other.post(`/api/tradein/after-sales/${cases.aRepair}/respond`, { note: '我们来处理' })).statusCode).toBe(404);
    expect((await b.client.get(`/api/tradein/after-sales/${cases.aRepair}`)).statusCode).toBe(404);
    const list = (await other.get('/api/tradein/after-sales')).json();
    expect(list.items.map((c: Case) => c.id)).toEqual([cases.bComplaint]);
    const mine = (await w.shops[0]!.client.get('/api/tradein/after-sales?kind=repair')).json();
    expect(mine.items.map((c: Case) => c.id)).toEqual([cases.aRepair]);
    // A resident does not answer.
    expect((await a.client.post(`/api/tradein/after-sales/${cases.aRepair}/respond`, { note: '我自己答复' })).statusCode).toBe(403);
  });

  it('repair and complaint: the response time is the merchant’s first answer', async () => {
    const shop0 = w.shops[0]!.client;
    at(T0, '10:30');
    const responded = await shop0.post(`/api/tradein/after-sales/${cases.aComplaint}/respond`, { note: '已联系送货人员核实' });
    expect(responded.statusCode, responded.body).toBe(200);
    expect(responded.json()).toMatchObject({ status: 'responded', responseHours: 2 });
    at(T0, '12:30');
    const repair = await shop0.post(`/api/tradein/after-sales/${cases.aRepair}/respond`, { note: '明天上门检修' });
    expect(repair.json()).toMatchObject({ status: 'responded', responseHours: 4 });
    at('2026-06-11', '09:00');
    const fixed = await shop0.post(`/api/tradein/after-sales/${cases.aRepair}/resolve`, { outcome: '更换压缩机，已修复' });
    // Resolving does not move the first response.
    expect(fixed.json()).toMatchObject({ status: 'resolved', responseHours: 4, returned: false });
    expect((await shop0.post(`/api/tradein/after-sales/${cases.aComplaint}/refuse`, { reason: '送货时间与约定一致' })).json()).toMatchObject({
      status: 'refused',
      responseHours: 2,
    });
    // Closed cases are not answered again.
    expect((await shop0.post(`/api/tradein/after-sales/${cases.aRepair}/respond`, { note: '再答复一次' })).statusCode).toBe(409);
    const detail = (await a.client.get(`/api/tradein/after-sales/${cases.aRepair}`)).json() as Case;
    expect(detail.timeline.map((e) => e.action)).toEqual(['open', 'respond', 'resolve']);
    const told = await w.t.deps.database.db
      .selectFrom('notifications')
      .select('kind')
      .where('user_id', '=', a.userId)
      .where('kind', 'like', 'tradein_after_sales_%')
      .execute();
    expect(told.map((n) => n.kind).sort()).toEqual([
      'tradein_after_sales_refused',
      'tradein_after_sales_resolved',
      'tradein_after_sales_resolved',
      'tradein_after_sales_responded',
      'tradein_after_sales_responded',
    ]);
  });

  it('a closed case is rated once', async () => {
    expect((await b.client.post(`/api/tradein/after-sales/${cases.bComplaint}/rate`, { rating: 1 })).statusCode).toBe(409);
    expect((await b.client.post(`/api/tradein/after-sales/${cases.aRepair}/rate`, { rating: 1 })).statusCode).toBe(404);
    const rated = await a.client.post(`/api/tradein/after-sales/${cases.aRepair}/rate`, { rating: 4, comment: '师傅很专业' });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json()).toMatchObject({ rating: 4, status: 'resolved' });
    expect(rated.json().timeline.at(-1)).toMatchObject({ action: 'rate', to: 'resolved' });
    const twice = await a.client.post(`/api/tradein/after-sales/${cases.aRepair}/rate`, { rating: 5 });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('ALREADY_RATED');
    expect((await a.client.post(`/api/tradein/after-sales/${cases.aComplaint}/rate`, { rating: 2 })).statusCode).toBe(200);
    expect((await a.client.post(`/api/tradein/after-sales/${cases.aReturn}/rate`, { rating: 5 })).statusCode).toBe(200);
    const mine = (await a.client.get('/api/tradein/after-sales/mine')).json();
    expect(mine.items.map((c: Case) => c.rating).sort()).toEqual([2, 4, 5]);
  });

  it('the return window closes at the end of its last day; an unanswered case turns overdue after 48 hours', async () => {
    at('2026-06-12', '09:00');
    const overdue = (await w.shops[1]!.client.get('/api/tradein/after-sales?overdue=true')).json();
    expect(overdue.items.map((c: Case) => [c.id, c.overdue])).toEqual([[cases.bComplaint, true]]);
    at('2026-06-17', '23:30');
    const lastMinute = await open(b, sale.bFridge, 'return');
    expect(lastMinute.statusCode, lastMinute.body).toBe(201);
    at('2026-06-18', '00:10');
    const late = await open(a, sale.aTv, 'return', 'quality', { 'accept-language': 'en' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toMatchObject({ code: 'RETURN_WINDOW_CLOSED', details: [{ field: 'kind' }] });
    expect(late.json().error.message).toContain('2026-06-17');
    // Repairs and complaints may still be opened.
    expect((await open(a, sale.aTv, 'repair')).statusCode).toBe(201);
    // The window runs from receipt: goods delivered later are returned later, goods not yet delivered at any time
    // (the fixture sells at the till only, so the deliveries are written here).
    const db = w.t.deps.database.db;
    await db
      .updateTable('tradein_fulfilments')
      .set({ delivered_at: shanghaiInstant('2026-06-12', '15:00').toISOString() })
      .where('redemption_id', '=', sale.aTv)
      .execute();
    expect((await open(a, sale.aTv, 'return')).statusCode).toBe(201);
    await db.updateTable('tradein_fulfilments').set({ status: 'awaiting_delivery', delivered_at: null }).where('redemption_id', '=', sale.bWasher).execute();
    expect((await open(b, sale.bWasher, 'return', 'delivery')).statusCode).toBe(201);
  });

  it('field errors in the caller’s language', async () => {
    const res = await a.client.post(
      '/api/tradein/after-sales',
      { redemptionId: sale.aTv, kind: 'swap', topic: 'quality', description: 'x' },
      { 'accept-language': 'en' },
    );
    expect(res.statusCode).toBe(400);
    const details = res.json().error.details as { field: string; message: string }[];
    expect(details.map((d) => d.field).sort()).toEqual(['description', 'kind']);
    expect(details.find((d) => d.field === 'description')!.message).toBe('At least 2 characters');
    const control = await a.client.post(
      '/api/tradein/after-sales',
      { redemptionId: sale.aTv, kind: 'repair', topic: 'quality', description: '坏了\u0007请修' },
      { 'accept-language': 'en' },
    );
    expect(control.statusCode).toBe(400);
    expect(control.json().error.details).toMatchObject([{ field: 'description', reason: 'controlCharacters' }]);
    const rating = await a.client.post(`/api/tradein/after-sales/${cases.aRepair}/rate`, { rating: 6 }, { 'accept-language': 'en' });
    expect(rating.statusCode).toBe(400);
    expect(rating.json().error.details[0]).toMatchObject({ field: 'rating' });
  });

  it('市商务局 sees each merchant’s figures as the cases imply; auditors read; only a manager suspends', async () => {
    at('2026-06-20', '09:00');
    const [shop0, shop1] = w.shops as [TradeinWorld['shops'][0], TradeinWorld['shops'][0]];
    const page = await w.commerce.get('/api/tradein/merchant-service?pageSize=50');
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json()).toMatchObject({ from: '2026-01-01', to: '2026-12-31' });
    type Row = Record<string, unknown> & { organizationId: number; enrolments: { id: number; status: string }[] };
    const rows = page.json().items as Row[];
    const row0 = rows.find((r) => r.organizationId === shop0.organizationId)!;
    // A's fridge was returned (reversed): A's television and B's fridge stand. Cases: A's return (0 h), A's
    // complaint (2 h), A's repair (4 h); A's second repair, A's late-delivered return and B's return unanswered;
    // ratings 5, 4, 2.
    expect(row0).toMatchObject({
      sales: 2,
      onlineSales: 0,
      onlineShare: 0,
      returns: 3,
      repairs: 2,
      complaints: 1,
      complaintRate: 500,
      medianResponseHours: 2,
      avgResponseHours: 2,
      unanswered: 3,
      avgRating: 3.7,
      ratings: 3,
    });
    expect(rows.find((r) => r.organizationId === shop1.organizationId)).toMatchObject({
      sales: 1,
      returns: 1,
      complaints: 1,
      complaintRate: 1000,
      medianResponseHours: null,
      unanswered: 2,
      avgRating: null,
    });
    // Sorted by complaint rate, worst first, by default.
    expect(rows.slice(0, 2).map((r) => r.organizationId)).toEqual([shop1.organizationId, shop0.organizationId]);
    const byRating = (await w.commerce.get('/api/tradein/merchant-service?sort=avgRating&order=asc')).json().items as Row[];
    expect(byRating[0]!.organizationId).toBe(shop0.organizationId);
    const outside = (await w.commerce.get('/api/tradein/merchant-service?from=2025-01-01&to=2025-12-31')).json().items as Row[];
    expect(outside.find((r) => r.organizationId === shop0.organizationId)).toMatchObject({ sales: 0, complaintRate: null, returns: 0 });

    const audited = await w.auditor.get('/api/tradein/merchant-service');
    expect(audited.statusCode).toBe(200);
    const enrolment = shop1.merchantId;
    expect((await w.auditor.post(`/api/tradein/merchants/${enrolment}/suspend`, { note: '投诉率过高' })).statusCode).toBe(403);
    expect((await a.client.get('/api/tradein/merchant-service')).statusCode).toBe(403);
    expect((await shop0.client.get('/api/tradein/merchant-service')).statusCode).toBe(403);
    const suspended = await w.commerce.post(`/api/tradein/merchants/${enrolment}/suspend`, { note: '投诉率过高，暂停整改' });
    expect(suspended.statusCode, suspended.body).toBe(200);
    const after = (await w.commerce.get('/api/tradein/merchant-service?pageSize=50')).json().items as Row[];
    expect(after.find((r) => r.organizationId === shop1.organizationId)!.enrolments).toMatchObject([{ id: enrolment, status: 'suspended' }]);

    const file = await w.commerce.get('/api/tradein/merchant-service/export', { 'accept-language': 'en' });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Merchant');
    expect(sheet.rowCount).toBe(after.length + 1);
  });

  it('metrics: complaints per 1,000 sales, response hours and satisfaction, city-wide and by town', async () => {
    const metric = (name: string) => afterSalesMetrics.find((m) => m.name === name)!;
    const db = w.t.deps.database.db;
    const year = { from: shanghaiInstant('2026-01-01').toISOString(), to: shanghaiInstant('2027-01-01').toISOString() };
    // Sales standing: A's television, B's fridge (shop 0, first store, town 0) and B's washer (shop 1, town 1).
    expect(await metric('tradein.afterSales.complaintRate').compute(db, year)).toBeCloseTo((2 * 1000) / 3, 6);
    expect(await metric('tradein.afterSales.responseHours').compute(db, year)).toBeCloseTo(2, 2);
    expect(await metric('tradein.afterSales.satisfaction').compute(db, year)).toBeCloseTo(11 / 3, 6);
    const town0 = { ...year, townId: w.towns[0]!.id };
    const town1 = { ...year, townId: w.towns[1]!.id };
    expect(await metric('tradein.afterSales.complaintRate').compute(db, town0)).toBe(500);
    expect(await metric('tradein.afterSales.complaintRate').compute(db, town1)).toBe(1000);
    expect(await metric('tradein.afterSales.responseHours').compute(db, town1)).toBeNull();
    expect(await metric('tradein.afterSales.satisfaction').compute(db, town0)).toBeCloseTo(11 / 3, 6);
    const before = { from: shanghaiInstant('2025-01-01').toISOString(), to: shanghaiInstant('2026-01-01').toISOString() };
    expect(await metric('tradein.afterSales.complaintRate').compute(db, before)).toBeNull();
  });
});
