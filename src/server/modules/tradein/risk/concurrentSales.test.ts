import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { isPostgres } from '../../../../../test/helpers/testApp.js';
import { inTransaction } from '../../../db/database.js';
import { serialiseRiskScope } from './assess.js';
import { createTradeinWorld, type Shop, type TradeinWorld } from './testFixture.js';

/**
 * Sales in flight at the same moment must see each other when the rules count: otherwise a scalper ringing up
 * many sales at once keeps every one of them just under a threshold. (PostgreSQL runs the transactions in
 * parallel; SQLite one after another.)
 */
/**
 * The seeded programmes' releases, vouchers and sales are dated around "now": the file sets its clock to a morning
 * inside the national programmes' window (2025-01-01 – 2026-12-31), before 08:00 in Shanghai (still the day before
 * in UTC), so that the tests do not depend on the day they run on.
 */
useFakeClock(shanghaiInstant('2026-06-10', '07:30'));

describe('risk control under concurrent sales', () => {
  let w: TradeinWorld;
  let shop0: Shop;
  let shop1: Shop;
  let shop2: Shop;
  let mobileSeq = 0;
  const freshMobile = () => `1360${String(++mobileSeq).padStart(5, '0')}00`;
  const flagged = async (ids: number[]) => {
    let n = 0;
    for (const id of ids) if ((await w.commerce.get(`/api/tradein/risk/reviews/${id}`)).statusCode === 200) n++;
    return n;
  };

  beforeAll(async () => {
    w = await createTradeinWorld(3);
    [shop0, shop1, shop2] = w.shops as [Shop, Shop, Shop];
    await w.disableAllRules();
  });
  afterAll(() => w.t.close());

  it('a burst rung up all at once at one merchant is flagged from its second sale', async () => {
    await w.setRule('merchant_burst', { enabled: true, params: { count: 2, windowMinutes: 10 } });
    const vouchers = [];
    for (let i = 0; i < 8; i++) vouchers.push(await w.claim(await w.resident(freshMobile()), 'refrigerator'));
    const sales = await Promise.all(vouchers.map((v) => w.sell(shop0, v.code, shop0.products.fridge, 400_000)));
    expect(sales.map((s) => s.statusCode)).toEqual(vouchers.map(() => 201));
    // Every sale but the first saw at least one other in the window.
    expect(await flagged(sales.map((s) => s.json().id))).toBe(7);
    await w.setRule('merchant_burst', { enabled: false });
  });

  it('one resident buying at three merchants at the same moment, across programmes, is flagged at the third', async () => {
    // Sales of one programme already queue on its budget row; a phone (digital programme) runs beside two
    // appliances, so only the resident's own lock makes the three see each other.
    const programs = (await w.commerce.get('/api/tradein/programs')).json() as { id: number; code: string }[];
    const digitalId = programs.find((p) => p.code === 'digital-national-2025')!.id;
    const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
    const pool = await w.commerce.post(`/api/tradein/programs/${digitalId}/pools`, {
      category: 'mobile_phone',
      quota: 10,
      opensAt: inHours(-1),
      closesAt: inHours(2),
    });
    expect(pool.statusCode, pool.body).toBe(201);
    const enrolled = await shop2.client.post('/api/tradein/merchants', {
      programId: digitalId,
      categories: ['mobile_phone'],
      stores: [{ name: '数码门店', townId: w.towns[0]!.id, address: '晋江市数码路1号' }],
      bankName: '中国工商银行晋江支行',
      accountName: '测试数码商户',
      bankAccount: '6222020200112233499',
    });
    expect(enrolled.statusCode, enrolled.body).toBe(201);
    expect((await w.commerce.post(`/api/tradein/merchants/${enrolled.json().id}/approve`, {})).statusCode).toBe(200);
    const phone = await shop2.client.post('/api/tradein/products', {
      category: 'mobile_phone',
      brand: '华为',
      model: 'P-1',
      efficiencyGrade: null,
      referencePriceFen: 400_000,
    });
    expect(phone.statusCode, phone.body).toBe(201);

    await w.setRule('resident_merchant_hopping', { enabled: true, params: { windowMinutes: 60, minMerchants: 3 } });
    const r = await w.resident(freshMobile());
    const fridge = await w.claim(r, 'refrigerator');
    const tv = await w.claim(r, 'television');
    const claimed = await r.client.post(`/api/tradein/pools/${pool.json().id}/claims`);
    expect(claimed.statusCode, claimed.body).toBe(201);
    const sales = await Promise.all([
      w.sell(shop0, fridge.code, shop0.products.fridge, 400_000),
      w.sell(shop1, tv.code, shop1.products.tv, 300_000),
      w.sell(shop2, claimed.json().voucher.code, phone.json().id, 400_000),
    ]);
    expect(
      sales.map((s) => s.statusCode),
      sales.map((s) => s.body).join('\n'),
    ).toEqual([201, 201, 201]);
    expect(await flagged(sales.map((s) => s.json().id))).toBe(1);
    await w.setRule('resident_merchant_hopping', { enabled: false });
  });

  // The race itself is a matter of microseconds; these pin down the lock that closes it (PostgreSQL only: SQLite
  // has one writer and takes no advisory locks).
  it.skipIf(!isPostgres())('a sale sharing the resident with one in flight waits for it; an unrelated sale does not', async () => {
    const events: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const lockTaken = new Promise<void>((r) => (started = r));
    const first = inTransaction(w.t.deps.database, async (tx) => {
      await serialiseRiskScope(tx, 'postgres', { merchantOrganizationId: 101, holderUserId: 202, oldItemReference: 'HS-0001' });
      started();
      await held;
      events.push('first commits');
    });
    await lockTaken;
    const sameResident = inTransaction(w.t.deps.database, async (tx) => {
      await serialiseRiskScope(tx, 'postgres', { merchantOrganizationId: 303, holderUserId: 202, oldItemReference: null });
      events.push('same resident proceeds');
    });
    const sameProof = inTransaction(w.t.deps.database, async (tx) => {
      await serialiseRiskScope(tx, 'postgres', { merchantOrganizationId: 404, holderUserId: 505, oldItemReference: 'hs 0001' });
      events.push('same old item proceeds');
    });
    await inTransaction(w.t.deps.database, async (tx) => {
      await serialiseRiskScope(tx, 'postgres', { merchantOrganizationId: 606, holderUserId: 707, oldItemReference: null });
      events.push('unrelated proceeds');
    });
    release();
    await Promise.all([first, sameResident, sameProof]);
    expect(events[0]).toBe('unrelated proceeds');
    expect(events[1]).toBe('first commits');
    expect(events.slice(2).sort()).toEqual(['same old item proceeds', 'same resident proceeds']);
  });
});
