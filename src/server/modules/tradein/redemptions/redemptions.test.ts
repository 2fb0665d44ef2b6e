import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { computeInvoiceNumber } from './testInvoices.js';

/**
 * The seeded programmes' releases, vouchers and sales are dated around "now": the file sets its clock to a morning
 * inside the national programmes' window (2025-01-01 – 2026-12-31), before 08:00 in Shanghai (still the day before
 * in UTC), so that the tests do not depend on the day they run on.
 */
useFakeClock(shanghaiInstant('2026-06-10', '07:30'));

const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

describe('programmes, merchants and redemption at the till', () => {
  let t: TestApp;
  let commerce: TestClient;
  let finance: TestClient;
  let merchant: TestClient;
  let resident: TestClient;
  let appliance: { id: number };
  let digital: { id: number };
  let merchantId: number;
  let towns: { id: number; name: string }[];
  const products: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp();
    commerce = await t.login('demo_department');
    finance = await t.login('demo_finance');
    merchant = await t.login('demo_merchant');
    resident = await t.login('13800000001');
    const programs = (await commerce.get('/api/tradein/programs')).json();
    appliance = programs.find((p: { code: string }) => p.code === 'appliance-national-2025');
    digital = programs.find((p: { code: string }) => p.code === 'digital-national-2025');
    towns = (await t.anonymous.get('/api/towns')).json();
  });
  afterAll(() => t.close());

  it('ships the default programmes; 市商务局 manages, 市财政局 and towns do not', async () => {
    const programs = (await commerce.get('/api/tradein/programs')).json();
    expect(programs.map((p: { code: string }) => p.code)).toEqual(['appliance-national-2025', 'digital-national-2025', 'home-renovation-example']);
    const renovation = programs[2];
    expect(renovation).toMatchObject({ kind: 'home_renovation', isExample: true, status: 'draft' });
    expect(renovation.sourceNote).toContain('示例');
    expect(programs[0].roundingStatement).toContain('half up');
    // Residents do not see drafts.
    expect((await resident.get('/api/tradein/programs')).json()).toHaveLength(2);
    const managers = (await commerce.get('/api/grants?domain=tradein')).json();
    expect(managers.map((m: { organizationName: string; capability: string }) => `${m.organizationName}:${m.capability}`).sort()).toEqual([
      '市商务局:manage',
      '市财政局:confirm_payment',
    ]);
    const patch = { budget: { centralFen: 1, provincialFen: 2, cityFen: 3 } };
    expect((await finance.patch(`/api/tradein/programs/${renovation.id}`, patch)).statusCode).toBe(403);
    const town = await t.login('demo_town');
    expect((await town.patch(`/api/tradein/programs/${renovation.id}`, patch)).statusCode).toBe(403);
  });

  it('an enterprise applies; 市商务局 approves; the public list shows it by town and category; the bank account is masked', async () => {
    const res = await merchant.post('/api/tradein/merchants', {
      programId: appliance.id,
      categories: ['refrigerator', 'television', 'air_conditioner'],
      stores: [{ name: '青阳旗舰店', townId: towns[0]!.id, address: '晋江市青阳街道示范路1号' }],
      bankName: '中国工商银行晋江支行',
      accountName: '晋江示范家电商场有限公司',
      bankAccount: '6222 0202 0011 2233 445',
    });
    expect(res.statusCode).toBe(201);
    const m = res.json();
    expect(m).toMatchObject({ status: 'pending', bankAccount: '**** **** **** 3445', categories: ['air_conditioner', 'refrigerator', 'television'] });
    merchantId = m.id;
    const stored = await t.deps.database.db.selectFrom('tradein_merchants').select(['bank_account_enc']).where('id', '=', m.id).executeTakeFirstOrThrow();
    expect(stored.bank_account_enc).not.toContain('6222');
    expect(t.deps.sealer.open(stored.bank_account_enc)).toBe('6222020200112233445');
    expect((await merchant.post(`/api/tradein/merchants/${m.id}/approve`, {})).statusCode).toBe(403);
    expect((await finance.post(`/api/tradein/merchants/${m.id}/approve`, {})).statusCode).toBe(403);
    expect((await commerce.post(`/api/tradein/merchants/${m.id}/approve`, { note: '材料齐全' })).json().status).toBe('approved');
    const pub = (await t.anonymous.get(`/api/tradein/public/merchants?townId=${towns[0]!.id}&category=television`)).json().items;
    expect(pub).toHaveLength(1);
    expect(pub[0]).toMatchObject({ organizationName: '晋江示范家电商场有限公司（演示）' });
    expect(JSON.stringify(pub)).not.toContain('3445');
    expect((await t.anonymous.get(`/api/tradein/public/merchants?category=mobile_phone`)).json().items).toHaveLength(0);
  });

  it('the merchant keeps its catalogue and creates staff accounts with the merchant role', async () => {
    for (const [key, body] of Object.entries({
      fridge1: { category: 'refrigerator', brand: '海尔', model: 'BCD-500W', efficiencyGrade: 1, referencePriceFen: 399_999 },
      fridge3: { category: 'refrigerator', brand: '海尔', model: 'BCD-200', efficiencyGrade: 3, referencePriceFen: 199_900 },
      tv2: { category: 'television', brand: 'TCL', model: '75Q10', efficiencyGrade: 2, referencePriceFen: 2_000_000 },
      ac1: { category: 'air_conditioner', brand: '格力', model: 'KFR-35', efficiencyGrade: 1, referencePriceFen: 300_000 },
    })) {
      const res = await merchant.post('/api/tradein/products', body);
      expect(res.statusCode).toBe(201);
      products[key] = res.json().id;
    }
    expect(
      (await merchant.post('/api/tradein/products', { category: 'refrigerator', brand: '海尔', model: 'BCD-500W', referencePriceFen: 1 })).statusCode,
    ).toBe(409);
    expect((await merchant.get('/api/tradein/products')).json()).toHaveLength(4);
    const staff = await merchant.post('/api/tradein/staff', { username: 'shop_clerk1', displayName: '店员一', password: 'Clerk#Pass2024' });
    expect(staff.statusCode).toBe(201);
    const user = await t.deps.database.db
      .selectFrom('users')
      .select(['role', 'organization_id', 'must_change_password'])
      .where('username', '=', 'shop_clerk1')
      .executeTakeFirstOrThrow();
    expect(user).toMatchObject({ role: 'merchant', must_change_password: 1 });
  });

  async function voucherFor(client: TestClient, category: string) {
    const pool = (
      await commerce.post(`/api/tradein/programs/${appliance.id}/pools`, { category, quota: 10, opensAt: inHours(-1), closesAt: inHours(1) })
    ).json();
    const res = await client.post(`/api/tradein/pools/${pool.id}/claims`);
    expect(res.statusCode).toBe(201);
    return res.json().voucher as { code: string; id: number; ruleVersionId: number };
  }

  let invoiceSeq = 1;
  const sale = (voucherCode: string, productId: number, price: number, serialNumber: string, extra: Record<string, unknown> = {}) =>
    merchant.post('/api/tradein/redemptions', { voucherCode, productId, serialNumber, price, invoiceNumber: computeInvoiceNumber(invoiceSeq++), ...extra });

  it('redeems: subsidy = rate × price, rounded half up, capped; the voucher is used; the serial and invoice are used once', async () => {
    const v = await voucherFor(resident, 'refrigerator');
    const res = await sale(v.code, products.fridge1!, 399_999, 'SN-HAIER-0001');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ subsidy: 80_000, payable: 319_999, rateBp: 2000, status: 'accepted', settlementBatchId: null });
    const again = await sale(v.code, products.fridge1!, 399_999, 'SN-HAIER-0002');
    expect(again.json().error.code).toBe('VOUCHER_NOT_ACTIVE');
    // The same device, written differently, by another resident.
    const [r2] = await (await import('../testing/residents.js')).createSignedInResidents(t.deps.database, t.deps.config, 1);
    const client2: TestClient = {
      ...resident,
      post: (url: string, body?: unknown) =>
        t.app.inject({
          method: 'POST',
          url,
          headers: { cookie: r2!.cookie, 'x-csrf-token': r2!.csrf },
          ...(body === undefined ? {} : { payload: body as object }),
        }),
    } as TestClient;
    const v2 = await voucherFor(client2, 'refrigerator');
    const dup = await sale(v2.code, products.fridge1!, 399_999, 'sn haier 0001');
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('SERIAL_ALREADY_SUBSIDISED');
    const usedInvoice = await merchant.post('/api/tradein/redemptions', {
      voucherCode: v2.code,
      productId: products.fridge1!,
      serialNumber: 'SN-HAIER-0003',
      price: 100_000,
      invoiceNumber: computeInvoiceNumber(1),
    });
    expect(usedInvoice.json().error.code).toBe('INVOICE_ALREADY_USED');
    // Grade 3 is not subsidised; a TV voucher cannot buy a fridge.
    expect((await sale(v2.code, products.fridge3!, 100_000, 'SN-HAIER-0004')).json().error.code).toBe('PRODUCT_NOT_ELIGIBLE');
    expect((await sale(v2.code, products.tv2!, 100_000, 'SN-TV-0001')).json().error.code).toBe('VOUCHER_CATEGORY_MISMATCH');
    // A TV at 20,000 yuan: 15% would be 3,000 yuan; capped at 2,000 yuan.
    const tv = await voucherFor(client2, 'television');
    expect((await sale(tv.code, products.tv2!, 2_000_000, 'SN-TV-0002')).json().subsidy).toBe(200_000);
    const budget = (await commerce.get(`/api/tradein/programs/${appliance.id}`)).json().budget;
    expect(budget.usedFen).toBe(280_000);
    // Each resident sees the purchases made with their own vouchers, and only those.
    const mine = (await resident.get('/api/tradein/redemptions/mine')).json();
    expect(mine.items.map((r: { serialNumber: string; subsidy: number }) => [r.serialNumber, r.subsidy])).toEqual([['SN-HAIER-0001', 80_000]]);
    expect((await merchant.get('/api/tradein/redemptions/mine')).statusCode).toBe(403);
  });

  it('refuses an expired voucher, a merchant not enrolled for the category, and a price above the ceiling', async () => {
    const [r] = await (await import('../testing/residents.js')).createSignedInResidents(t.deps.database, t.deps.config, 1);
    const client: TestClient = {
      ...resident,
      post: (url: string) => t.app.inject({ method: 'POST', url, headers: { cookie: r!.cookie, 'x-csrf-token': r!.csrf } }),
    } as TestClient;
    const v = await voucherFor(client, 'air_conditioner');
    await t.deps.database.db
      .updateTable('tradein_vouchers')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', v.id)
      .execute();
    expect((await sale(v.code, products.ac1!, 300_000, 'SN-AC-0001')).json().error.code).toBe('VOUCHER_EXPIRED');
    // Washing machines are not in the merchant's enrolment.
    const w = await voucherFor(client, 'washing_machine');
    expect((await sale(w.code, products.ac1!, 300_000, 'SN-AC-0002')).json().error.code).toBe('MERCHANT_NOT_ENROLLED');
    // Digital products: ceiling 6,000 yuan (the merchant enrols in the digital programme first).
    const enrol = await merchant.post('/api/tradein/merchants', {
      programId: digital.id,
      categories: ['mobile_phone'],
      stores: [{ name: '青阳旗舰店', townId: towns[0]!.id, address: '晋江市青阳街道示范路1号' }],
      bankName: '中国工商银行晋江支行',
      accountName: '晋江示范家电商场有限公司',
      bankAccount: '6222020200112233445',
    });
    await commerce.post(`/api/tradein/merchants/${enrol.json().id}/approve`, {});
    const phone = (
      await merchant.post('/api/tradein/products', { category: 'mobile_phone', brand: '华为', model: 'Mate 70', referencePriceFen: 599_900 })
    ).json();
    const pool = (
      await commerce.post(`/api/tradein/programs/${digital.id}/pools`, { category: 'mobile_phone', quota: 5, opensAt: inHours(-1), closesAt: inHours(1) })
    ).json();
    const pv = (await client.post(`/api/tradein/pools/${pool.id}/claims`)).json().voucher;
    const high = await sale(pv.code, phone.id, 600_001, 'IMEI-86000000000001');
    expect(high.statusCode).toBe(409);
    expect(high.json().error.code).toBe('PRICE_ABOVE_CEILING');
    const ok = await sale(pv.code, phone.id, 599_900, 'IMEI-86000000000001');
    expect(ok.json().subsidy).toBe(50_000);
  });

  it('a rule change applies to new vouchers only, and its history is kept', async () => {
    const old = await voucherFor(resident, 'air_conditioner');
    const current = (await commerce.get(`/api/tradein/programs/${appliance.id}`))
      .json()
      .categories.find((c: { category: string }) => c.category === 'air_conditioner');
    const rule = {
      ...current.rule,
      rates: [
        { grade: 1, rateBp: 1000 },
        { grade: 2, rateBp: 500 },
      ],
    };
    const put = await commerce.put(`/api/tradein/programs/${appliance.id}/categories/air_conditioner`, { rule, note: '资金趋紧，下调比例' });
    expect(put.statusCode).toBe(200);
    const history = (await finance.get(`/api/tradein/programs/${appliance.id}/categories/air_conditioner/history`)).json();
    expect(history.map((h: { version: number; current: boolean }) => [h.version, h.current])).toEqual([
      [2, true],
      [1, false],
    ]);
    // The voucher issued before the change is paid under version 1: 20% of 3,000 yuan = 600 yuan.
    const res = await sale(old.code, products.ac1!, 300_000, 'SN-AC-0100');
    expect(res.json()).toMatchObject({ subsidy: 60_000, ruleVersionId: current.ruleVersionId });
  });

  it('a return reverses the redemption: the budget is restored, the voucher is given back; a settled one is marked for claw-back', async () => {
    const list = (await merchant.get('/api/tradein/redemptions?status=accepted')).json();
    const target = list.items.find((r: { serialNumber: string }) => r.serialNumber === 'SN-AC-0100');
    const before = (await commerce.get(`/api/tradein/programs/${appliance.id}`)).json().budget.usedFen;
    expect((await resident.post(`/api/tradein/redemptions/${target.id}/reverse`, { reason: '退货' })).statusCode).toBe(403);
    const res = await merchant.post(`/api/tradein/redemptions/${target.id}/reverse`, { reason: '顾客退货' });
    expect(res.json()).toMatchObject({ status: 'reversed', clawbackPending: false, reversalReason: '顾客退货' });
    expect((await commerce.get(`/api/tradein/programs/${appliance.id}`)).json().budget.usedFen).toBe(before - 60_000);
    const mine = (await resident.get('/api/tradein/vouchers/mine')).json();
    expect(mine.find((v: { code: string }) => v.code === target.voucherCode).status).toBe('active');
    expect((await merchant.post(`/api/tradein/redemptions/${target.id}/reverse`, { reason: '再次' })).statusCode).toBe(409);
    // The returned unit carries no subsidy any more: sold again, its serial number is subsidised again — once.
    const resold = await sale(target.voucherCode, products.ac1!, 300_000, 'SN-AC-0100');
    expect(resold.statusCode).toBe(201);
    const another = await voucherFor(resident, 'air_conditioner');
    expect((await sale(another.code, products.ac1!, 300_000, 'sn ac 0100')).json().error.code).toBe('SERIAL_ALREADY_SUBSIDISED');
    expect((await merchant.post(`/api/tradein/redemptions/${resold.json().id}/reverse`, { reason: '顾客再次退货' })).statusCode).toBe(200);

    const settled = list.items.find((r: { serialNumber: string }) => r.serialNumber === 'SN-TV-0002');
    await t.deps.database.db.updateTable('tradein_redemptions').set({ settlement_batch_id: 7 }).where('id', '=', settled.id).execute();
    const clawed = await commerce.post(`/api/tradein/redemptions/${settled.id}/reverse`, { reason: '市商务局核查：虚假交易' });
    expect(clawed.json()).toMatchObject({ status: 'reversed', clawbackPending: true, settlementBatchId: 7 });
  });

  it('suspending a merchant stops its sales', async () => {
    expect((await commerce.post(`/api/tradein/merchants/${merchantId}/suspend`, { note: '涉嫌先涨价后打折' })).json().status).toBe('suspended');
    const v = await voucherFor(resident, 'television');
    expect((await sale(v.code, products.tv2!, 100_000, 'SN-TV-0100')).json().error.code).toBe('MERCHANT_NOT_ENROLLED');
    expect((await commerce.post(`/api/tradein/merchants/${merchantId}/resume`, {})).json().status).toBe('approved');
    expect((await sale(v.code, products.tv2!, 100_000, 'SN-TV-0100')).statusCode).toBe(201);
  });
});
