import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { createTestApp, type TestApp } from '../../../../../test/helpers/testApp.js';
import { verifyAuditTrail } from '../../platform/audit/auditTrail.js';
import { createSignedInResidents } from '../testing/residents.js';
import { openTestPool } from '../testing/pools.js';
import { storeParameters } from '../../../../../test/helpers/parameters.js';

/**
 * The seeded programmes' releases, vouchers and sales are dated around "now": the file sets its clock to a morning
 * inside the national programmes' window (2025-01-01 – 2026-12-31), before 08:00 in Shanghai (still the day before
 * in UTC), so that the tests do not depend on the day they run on.
 */
useFakeClock(shanghaiInstant('2026-06-10', '07:30'));

/**
 * The promise of the issue: a pool never issues more than its quota and a person never holds two active
 * vouchers for one category, whatever the concurrency. Requests go through the whole HTTP stack (app.inject).
 */
describe('claims under concurrency', () => {
  let t: TestApp;
  let programId: number;
  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    const program = await t.deps.database.db
      .selectFrom('tradein_programs')
      .select('id')
      .where('code', '=', 'appliance-national-2025')
      .executeTakeFirstOrThrow();
    programId = Number(program.id);
    // One test address sends every claim, one person forty at once: the burst limits and the queue (claimQueue.test.ts)
    // stand aside so that the claim batch itself is what these tests race.
    await storeParameters(t.deps, {
      'tradein.claimBurstPerAddress': 1_000_000,
      'tradein.claimBurstPerPerson': 1000,
      'tradein.claimBacklogPerProcess': 100_000,
    });
  });
  afterAll(() => t.close());

  const pool = (category: string, quota: number) => openTestPool(t.deps, category, quota);

  it('1,000 concurrent claims against a pool of 100: exactly 100 vouchers and 900 clean 409s', async () => {
    const poolId = await pool('refrigerator', 100);
    const residents = await createSignedInResidents(t.deps.database, t.deps.config, 1000);
    const responses = await Promise.all(
      residents.map((r, i) =>
        t.app.inject({
          method: 'POST',
          url: `/api/tradein/pools/${poolId}/claims`,
          headers: { cookie: r.cookie, 'x-csrf-token': r.csrf, 'idempotency-key': `load-${i}-refrigerator` },
        }),
      ),
    );
    const byStatus = new Map<number, number>();
    for (const res of responses) byStatus.set(res.statusCode, (byStatus.get(res.statusCode) ?? 0) + 1);
    expect(Object.fromEntries(byStatus)).toEqual({ 201: 100, 409: 900 });
    const conflicts = responses.filter((r) => r.statusCode === 409).map((r) => r.json().error.code);
    expect(new Set(conflicts)).toEqual(new Set(['POOL_EXHAUSTED']));

    const db = t.deps.database.db;
    const p = await db.selectFrom('tradein_pools').select(['issued', 'quota']).where('id', '=', poolId).executeTakeFirstOrThrow();
    expect(p).toEqual({ issued: 100, quota: 100 });
    const vouchers = await db.selectFrom('tradein_vouchers').select(['holder_user_id', 'code']).where('pool_id', '=', poolId).execute();
    expect(vouchers).toHaveLength(100);
    expect(new Set(vouchers.map((v) => v.holder_user_id)).size).toBe(100);
    const issuedCodes = new Set(responses.filter((r) => r.statusCode === 201).map((r) => r.json().voucher.code.replace(/-/g, '')));
    expect(new Set(vouchers.map((v) => v.code))).toEqual(issuedCodes);
    expect(await verifyAuditTrail(db)).toMatchObject({ ok: true });
  });

  it('one person hammering two pools of one category at once gets exactly one active voucher', async () => {
    const a = await pool('television', 50);
    const b = await pool('television', 50);
    const [r] = await createSignedInResidents(t.deps.database, t.deps.config, 1);
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        t.app.inject({ method: 'POST', url: `/api/tradein/pools/${i % 2 ? a : b}/claims`, headers: { cookie: r!.cookie, 'x-csrf-token': r!.csrf } }),
      ),
    );
    // One claim wins; every other one — all 39 of them, none answered otherwise — is a 409 ALREADY_CLAIMED.
    expect(responses.filter((x) => x.statusCode === 201)).toHaveLength(1);
    const others = responses.filter((x) => x.statusCode !== 201);
    expect(others.map((x) => x.statusCode)).toEqual(Array(39).fill(409));
    expect(others.map((x) => x.json().error.code)).toEqual(Array(39).fill('ALREADY_CLAIMED'));
    const active = await t.deps.database.db
      .selectFrom('tradein_vouchers')
      .select('id')
      .where('holder_user_id', '=', r!.userId)
      .where('category', '=', 'television')
      .where('status', '=', 'active')
      .execute();
    expect(active).toHaveLength(1);
  });

  it('the database itself refuses a second active voucher and an over-issued pool', async () => {
    const db = t.deps.database.db;
    const poolId = await pool('water_heater', 1);
    const [r] = await createSignedInResidents(t.deps.database, t.deps.config, 1);
    const rule = await db
      .selectFrom('tradein_categories')
      .select('current_rule_version_id')
      .where('program_id', '=', programId)
      .where('category', '=', 'water_heater')
      .executeTakeFirstOrThrow();
    const row = (code: string) => ({
      code,
      program_id: programId,
      category: 'water_heater',
      pool_id: poolId,
      holder_user_id: r!.userId,
      rule_version_id: Number(rule.current_rule_version_id),
      status: 'active' as const,
      issued_at: new Date().toISOString(),
      expires_at: new Date(Date.now() + 86_400_000).toISOString(),
      redeemed_at: null,
      quota_returned_pool_id: null,
      updated_at: new Date().toISOString(),
    });
    await db.insertInto('tradein_vouchers').values(row('TESTCODE001')).execute();
    await expect(db.insertInto('tradein_vouchers').values(row('TESTCODE002')).execute()).rejects.toThrow();
    await expect(db.updateTable('tradein_pools').set({ issued: 2 }).where('id', '=', poolId).execute()).rejects.toThrow();
  });
});
