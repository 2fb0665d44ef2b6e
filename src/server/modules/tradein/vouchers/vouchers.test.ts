import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate, shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { verifyAuditTrail } from '../../platform/audit/auditTrail.js';
import { createSignedInResidents } from '../testing/residents.js';
import { releaseDailyPools, expireVouchers } from './service.js';
import { parseVoucherCode } from './voucherCode.js';

const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

/**
 * The seeded programmes' releases, vouchers and sales are dated around "now": the file sets its clock to a morning
 * inside the national programmes' window (2025-01-01 – 2026-12-31), before 08:00 in Shanghai (still the day before
 * in UTC), so that the tests do not depend on the day they run on.
 */
useFakeClock(shanghaiInstant('2026-06-10', '07:30'));

describe('voucher releases and claims', () => {
  let t: TestApp;
  let manager: TestClient;
  let resident: TestClient;
  let appliance: { id: number };
  beforeAll(async () => {
    t = await createTestApp();
    manager = await t.login('demo_department');
    resident = await t.login('13800000001');
    const programs = (await manager.get('/api/tradein/programs')).json();
    appliance = programs.find((p: { code: string }) => p.code === 'appliance-national-2025');
  });
  afterAll(() => t.close());

  const openPool = async (category: string, quota: number, from = -1, to = 2) => {
    const res = await manager.post(`/api/tradein/programs/${appliance.id}/pools`, { category, quota, opensAt: inHours(from), closesAt: inHours(to) });
    expect(res.statusCode).toBe(201);
    return res.json();
  };

  it('a manager opens a release; it is listed as open with its live remaining quota', async () => {
    const pool = await openPool('refrigerator', 5);
    expect(pool).toMatchObject({ category: 'refrigerator', quota: 5, issued: 0, remaining: 5, status: 'open', categoryName: '冰箱' });
    const open = (await resident.get('/api/tradein/pools?status=open')).json();
    expect(open.map((p: { id: number }) => p.id)).toContain(pool.id);
    const bad = await manager.post(`/api/tradein/programs/${appliance.id}/pools`, {
      category: 'spaceship',
      quota: 1,
      opensAt: inHours(0),
      closesAt: inHours(1),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ field: 'category', reason: 'tradein.categoryUnknown' });
  });

  it('a resident claims a voucher; a second claim for the category is ALREADY_CLAIMED', async () => {
    const pool = await openPool('television', 5);
    const res = await resident.post(`/api/tradein/pools/${pool.id}/claims`);
    expect(res.statusCode).toBe(201);
    const v = res.json().voucher;
    expect(v).toMatchObject({ category: 'television', status: 'active', programId: appliance.id });
    expect(parseVoucherCode(v.code).ok).toBe(true);
    expect(new Date(v.expiresAt).getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    const again = await resident.post(`/api/tradein/pools/${pool.id}/claims`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALREADY_CLAIMED');
    const mine = (await resident.get('/api/tradein/vouchers/mine')).json();
    expect(mine.map((x: { code: string }) => x.code)).toContain(v.code);
    const after = (await resident.get('/api/tradein/pools?status=open&category=television')).json();
    expect(after.find((p: { id: number }) => p.id === pool.id)).toMatchObject({ issued: 1, remaining: 4 });
  });

  it('an empty release answers POOL_EXHAUSTED; a closed one POOL_CLOSED', async () => {
    const pool = await openPool('washing_machine', 1);
    const [a, b] = await createSignedInResidents(t.deps.database, t.deps.config, 2);
    const claim = (r: { cookie: string; csrf: string }) =>
      t.app.inject({ method: 'POST', url: `/api/tradein/pools/${pool.id}/claims`, headers: { cookie: r.cookie, 'x-csrf-token': r.csrf } });
    expect((await claim(a!)).statusCode).toBe(201);
    const second = await claim(b!);
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('POOL_EXHAUSTED');
    const later = await openPool('washing_machine', 1, 1, 2);
    const early = await t.app.inject({ method: 'POST', url: `/api/tradein/pools/${later.id}/claims`, headers: { cookie: b!.cookie, 'x-csrf-token': b!.csrf } });
    expect(early.json().error.code).toBe('POOL_CLOSED');
  });

  it('a retry with the same Idempotency-Key returns the same voucher', async () => {
    const pool = await openPool('computer', 3);
    const [r] = await createSignedInResidents(t.deps.database, t.deps.config, 1);
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/tradein/pools/${pool.id}/claims`,
        headers: { cookie: r!.cookie, 'x-csrf-token': r!.csrf, 'idempotency-key': 'claim-computer-0001' },
      });
    const first = await send();
    const second = await send();
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotency-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    const count = await t.deps.database.db
      .selectFrom('tradein_vouchers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('pool_id', '=', pool.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('air conditioners: up to three per person, one active at a time', async () => {
    const pool = await openPool('air_conditioner', 10);
    const [r] = await createSignedInResidents(t.deps.database, t.deps.config, 1);
    const claim = () => t.app.inject({ method: 'POST', url: `/api/tradein/pools/${pool.id}/claims`, headers: { cookie: r!.cookie, 'x-csrf-token': r!.csrf } });
    for (let i = 0; i < 3; i++) {
      const res = await claim();
      expect(res.statusCode).toBe(201);
      // Pretend it was used, so the next one may be claimed.
      await t.deps.database.db.updateTable('tradein_vouchers').set({ status: 'redeemed' }).where('id', '=', res.json().voucher.id).execute();
    }
    const fourth = await claim();
    expect(fourth.statusCode).toBe(409);
    expect(fourth.json().error.code).toBe('ALREADY_CLAIMED');
  });

  it('expired vouchers lose their hold on the category and their quota returns to the next daily release', async () => {
    const pool = await openPool('dishwasher', 2);
    const [r] = await createSignedInResidents(t.deps.database, t.deps.config, 1);
    const claim = (poolId: number) =>
      t.app.inject({ method: 'POST', url: `/api/tradein/pools/${poolId}/claims`, headers: { cookie: r!.cookie, 'x-csrf-token': r!.csrf } });
    const v = (await claim(pool.id)).json().voucher;
    await t.deps.database.db
      .updateTable('tradein_vouchers')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', v.id)
      .execute();
    expect((await resident.get('/api/tradein/vouchers/mine')).statusCode).toBe(200);
    // The lapsed voucher no longer blocks a new claim (it is expired on the spot).
    expect((await claim(pool.id)).statusCode).toBe(201);
    expect(await expireVouchers(t.deps)).toBeGreaterThanOrEqual(0);
    // Tomorrow's release at 10:00 Shanghai carries the daily quota plus the returned one.
    const releaseAt = shanghaiInstant(addDays(shanghaiDate(), 1), '10:30');
    const created = await releaseDailyPools(t.deps, releaseAt);
    expect(created).toBe(15); // 12 appliance + 3 digital categories (renovation is a draft)
    expect(await releaseDailyPools(t.deps, releaseAt)).toBe(0); // idempotent
    const dish = await t.deps.database.db
      .selectFrom('tradein_pools')
      .selectAll()
      .where('source', '=', 'schedule')
      .where('category', '=', 'dishwasher')
      .executeTakeFirstOrThrow();
    expect(dish.returned_quota).toBe(1);
    expect(dish.quota).toBe(100 + 1);
  });

  it('a merchant looks a code up; a mistyped code is a 400 naming the check character', async () => {
    const merchant = await t.login('demo_merchant');
    const v = (await resident.get('/api/tradein/vouchers/mine')).json()[0];
    const res = await merchant.get(`/api/tradein/vouchers/${v.code.toLowerCase()}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ category: v.category, holderMask: '138****0001' });
    const typo = v.code.slice(0, -1) + (v.code.endsWith('2') ? '3' : '2');
    const bad = await merchant.get(`/api/tradein/vouchers/${typo}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].reason).toBe('voucherCode.checksum');
    expect((await resident.get(`/api/tradein/vouchers/${v.code}`)).statusCode).toBe(403);
  });

  it('only residents claim; the audit trail still verifies', async () => {
    const pool = await openPool('microwave_oven', 2);
    expect((await manager.post(`/api/tradein/pools/${pool.id}/claims`)).statusCode).toBe(403);
    expect((await t.anonymous.post(`/api/tradein/pools/${pool.id}/claims`)).statusCode).toBe(401);
    expect(
      (await resident.post(`/api/tradein/programs/${appliance.id}/pools`, { category: 'microwave_oven', quota: 1, opensAt: inHours(0), closesAt: inHours(1) }))
        .statusCode,
    ).toBe(403);
    expect(await verifyAuditTrail(t.deps.database.db)).toMatchObject({ ok: true });
  });
});
