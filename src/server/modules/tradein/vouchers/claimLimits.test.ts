import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeClock, shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { setParameter } from '../../../../../test/helpers/parameters.js';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { createSignedInResidents, type SignedInResident } from '../testing/residents.js';
import { openTestPool } from '../testing/pools.js';

/** Inside the national programmes' window, so that the seeded appliance programme takes claims. */
const START = shanghaiInstant('2026-06-10', '07:30');
useFakeClock(START);

/**
 * Claim bursts are refused before they reach the claim batch: past `tradein.claimBurstPerPerson` requests of one
 * resident, or `tradein.claimBurstPerAddress` requests from one address, within the window. The store is the
 * database here (no REDIS_URL in tests); rateLimits.test.ts runs the same counting against Redis.
 */
describe('claim burst limits', () => {
  let t: TestApp;
  let office: TestClient;
  beforeAll(async () => {
    t = await createTestApp();
    office = await t.login('demo_office');
    await setParameter(office, 'tradein.claimBurstPerPerson', 3);
    await setParameter(office, 'tradein.claimBurstPerAddress', 10);
    await setParameter(office, 'tradein.claimBurstWindowSeconds', 60);
  });
  afterAll(() => t.close());

  const claim = (r: SignedInResident, poolId: number, remoteAddress: string, locale = 'zh-CN') =>
    t.app.inject({
      method: 'POST',
      url: `/api/tradein/pools/${poolId}/claims`,
      remoteAddress,
      headers: { cookie: r.cookie, 'x-csrf-token': r.csrf, 'accept-language': locale },
    });

  it('a resident past the per-person limit is told to wait, with Retry-After, in their language; the window then reopens', async () => {
    const poolId = await openTestPool(t.deps, 'refrigerator', 10);
    const [r] = await createSignedInResidents(t.deps.database, t.deps.config, 1);
    expect((await claim(r!, poolId, '10.9.0.1')).statusCode).toBe(201);
    expect((await claim(r!, poolId, '10.9.0.1')).json().error.code).toBe('ALREADY_CLAIMED');
    expect((await claim(r!, poolId, '10.9.0.2')).json().error.code).toBe('ALREADY_CLAIMED');
    const refused = await claim(r!, poolId, '10.9.0.3', 'en');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatchObject({ code: 'CLAIM_RATE_LIMITED' });
    expect(refused.json().error.message).toMatch(/^Too many claim requests; try again in \d+ seconds$/);
    const wait = Number(refused.headers['retry-after']);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    const zh = await claim(r!, poolId, '10.9.0.3');
    expect(zh.statusCode).toBe(429);
    expect(zh.json().error.message).toContain('领券请求过于频繁');
    // Nothing was claimed by the refused requests.
    const held = await t.deps.database.db.selectFrom('tradein_vouchers').select('id').where('pool_id', '=', poolId).execute();
    expect(held).toHaveLength(1);

    fakeClock(new Date(Date.now() + 61_000));
    expect((await claim(r!, poolId, '10.9.0.4')).json().error.code).toBe('ALREADY_CLAIMED');
    fakeClock(START);
  });

  it('an address past the per-address limit is refused for every resident behind it, other addresses are not', async () => {
    const poolId = await openTestPool(t.deps, 'television', 50);
    const residents = await createSignedInResidents(t.deps.database, t.deps.config, 12);
    const statuses: number[] = [];
    for (const r of residents.slice(0, 11)) statuses.push((await claim(r, poolId, '10.8.0.1')).statusCode);
    expect(statuses).toEqual([...Array(10).fill(201), 429]);
    expect((await claim(residents[11]!, poolId, '10.8.0.2')).statusCode).toBe(201);
    const issued = await t.deps.database.db.selectFrom('tradein_pools').select('issued').where('id', '=', poolId).executeTakeFirstOrThrow();
    expect(issued.issued).toBe(11);
  });

  it('the limits are the office’s parameters, validated against their bounds', async () => {
    const list = (await office.get('/api/parameters')).json() as { key: string; version: number }[];
    const version = list.find((p) => p.key === 'tradein.claimBurstPerAddress')!.version;
    const low = await office.put('/api/parameters/tradein.claimBurstPerAddress', { value: 1, version });
    expect(low.statusCode).toBe(400);
    expect(low.json().error.details[0]).toMatchObject({ field: 'value' });
  });
});
