import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { storeParameters } from '../../../../../test/helpers/parameters.js';
import { createTestApp, type TestApp } from '../../../../../test/helpers/testApp.js';
import { verifyAuditTrail } from '../../platform/audit/auditTrail.js';
import { openTestPool } from '../testing/pools.js';
import { claimAdmissionFor } from './claimAdmission.js';
import { createSignedInResidents, type SignedInResident } from '../testing/residents.js';

/** Inside the national programmes' window, so that the seeded programmes take claims. */
useFakeClock(shanghaiInstant('2026-06-10', '07:30'));

interface Place {
  ticketId: number;
  status: 'waiting' | 'claiming' | 'issued' | 'refused';
  position: number | null;
  estimatedWaitSeconds: number | null;
  retryAfterSeconds: number | null;
  voucher: { id: number; code: string } | null;
  error: { code: string; message: string } | null;
}

/**
 * The queue in front of a rush: with `tradein.claimBacklogPerProcess` at 0 every claim queues (202, a place), the
 * drainer claims the places oldest first through the same batch, and each resident reads how their claim ended
 * from GET …/queue. With a small backlog, direct and queued claims mix — and never issue one voucher too many.
 */
describe('the claim queue', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    await storeParameters(t.deps, { 'tradein.claimBurstPerAddress': 1_000_000, 'tradein.claimBacklogPerProcess': 0 });
  });
  afterAll(() => t.close());

  const headers = (r: SignedInResident, locale = 'zh-CN') => ({ cookie: r.cookie, 'x-csrf-token': r.csrf, 'accept-language': locale });
  const claim = (r: SignedInResident, poolId: number) => t.app.inject({ method: 'POST', url: `/api/tradein/pools/${poolId}/claims`, headers: headers(r) });
  const placeOf = (r: SignedInResident, poolId: number, locale?: string) =>
    t.app.inject({ method: 'GET', url: `/api/tradein/pools/${poolId}/queue`, headers: headers(r, locale) });

  /** Polls a resident's place until their claim has ended (issued or refused). */
  async function outcome(r: SignedInResident, poolId: number, locale?: string): Promise<Place> {
    for (let i = 0; i < 200; i++) {
      const res = await placeOf(r, poolId, locale);
      expect(res.statusCode, res.body).toBe(200);
      const place = res.json() as Place;
      if (place.status === 'issued' || place.status === 'refused') return place;
      await new Promise((done) => setTimeout(done, 25));
    }
    throw new Error('the queued claim did not end within 5 s');
  }

  const issuedFrom = (poolId: number) =>
    t.deps.database.db.selectFrom('tradein_vouchers').select(['id', 'holder_user_id']).where('pool_id', '=', poolId).execute();

  it('a queued claim answers 202 with its place and Retry-After, then the voucher — first come, first served', async () => {
    const poolId = await openTestPool(t.deps, 'refrigerator', 3);
    const residents = await createSignedInResidents(t.deps.database, t.deps.config, 5);
    // The drainer waits while they join, as when another process is the one that drains.
    const admission = claimAdmissionFor(t.deps);
    await admission.stop();
    const answers: LightMyRequestResponse[] = [];
    try {
      for (const r of residents) answers.push(await claim(r, poolId));
      const fourth = (await placeOf(residents[3]!, poolId)).json() as Place;
      expect(fourth).toMatchObject({ status: 'waiting', position: 4, voucher: null, error: null });
    } finally {
      admission.start();
      admission.wake();
    }
    const waiting = answers.slice(0, 4);
    for (const a of waiting) {
      expect(a.statusCode, a.body).toBe(202);
      expect(Number(a.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(a.json().queued).toMatchObject({ poolId, status: 'waiting', voucher: null });
    }
    expect(waiting.map((a) => a.json().queued.position)).toEqual([1, 2, 3, 4]);
    // Three vouchers left: the queue holds at most 1.2 × 3 → 4 residents, and the fifth is told so at once.
    expect(answers[4]!.statusCode).toBe(409);
    expect(answers[4]!.json().error.code).toBe('CLAIM_QUEUE_FULL');

    const ended: Place[] = [];
    for (const r of residents.slice(0, 4)) ended.push(await outcome(r, poolId, 'en'));
    expect(ended.map((p) => p.status)).toEqual(['issued', 'issued', 'issued', 'refused']);
    expect(ended[3]!.error).toEqual({ code: 'POOL_EXHAUSTED', message: 'This release has run out of vouchers; watch for the next release' });
    const vouchers = await issuedFrom(poolId);
    expect(vouchers.map((v) => Number(v.holder_user_id)).sort()).toEqual(
      residents
        .slice(0, 3)
        .map((r) => r.userId)
        .sort(),
    );
    expect(new Set(ended.slice(0, 3).map((p) => p.voucher!.id))).toEqual(new Set(vouchers.map((v) => Number(v.id))));
    const mine = await t.app.inject({ method: 'GET', url: '/api/tradein/vouchers/mine', headers: headers(residents[0]!) });
    expect(mine.json().map((v: { id: number }) => v.id)).toContain(ended[0]!.voucher!.id);
    expect(await verifyAuditTrail(t.deps.database.db)).toMatchObject({ ok: true });
  });

  it('residents joining at the same moment take places one behind the other, and the bound counts each of them', async () => {
    const poolId = await openTestPool(t.deps, 'washing_machine', 5);
    const residents = await createSignedInResidents(t.deps.database, t.deps.config, 10);
    const admission = claimAdmissionFor(t.deps);
    await admission.stop();
    try {
      // Their reads of the queue are shared (claimQueueReads.ts); five vouchers left → room for 1.2 × 5 = 6.
      const answers = await Promise.all(residents.map((r) => claim(r, poolId)));
      const queued = answers.filter((a) => a.statusCode === 202);
      expect(queued).toHaveLength(6);
      expect(answers.filter((a) => a.statusCode === 409).map((a) => a.json().error.code)).toEqual(Array(4).fill('CLAIM_QUEUE_FULL'));
      const places = await t.deps.database.db.selectFrom('tradein_claim_queue').select('place').where('pool_id', '=', poolId).execute();
      expect(new Set(places.map((p) => Number(p.place))).size).toBe(6);
      const positions = queued.map((a) => a.json().queued.position as number).sort((a, b) => a - b);
      expect(positions).toEqual([1, 2, 3, 4, 5, 6]);
    } finally {
      admission.start();
      admission.wake();
    }
  });

  it('a resident holds one place per release; asking again after the claim ended is a new claim, refused as already claimed', async () => {
    const poolId = await openTestPool(t.deps, 'television', 5);
    const [r] = await createSignedInResidents(t.deps.database, t.deps.config, 1);
    const [a, b] = await Promise.all([claim(r!, poolId), claim(r!, poolId)]);
    expect([a!.statusCode, b!.statusCode]).toEqual([202, 202]);
    await outcome(r!, poolId);
    // The fake clock moves in 20 ms steps: a new claim in the step its first voucher was issued in would read as
    // that claim retried after a crash (voucherIssuedFromPool compares times), which is not what this test asks.
    vi.setSystemTime(Date.now() + 1000);
    expect((await claim(r!, poolId)).statusCode).toBe(202);
    const again = await outcome(r!, poolId);
    expect(again).toMatchObject({ status: 'refused', error: { code: 'ALREADY_CLAIMED' } });
    expect(await issuedFrom(poolId)).toHaveLength(1);
  });

  it('a release with no vouchers left or not open refuses before queueing; nobody without a place has one to read', async () => {
    const poolId = await openTestPool(t.deps, 'washing_machine', 1);
    const [a, b, c] = await createSignedInResidents(t.deps.database, t.deps.config, 3);
    expect((await claim(a!, poolId)).statusCode).toBe(202);
    expect((await outcome(a!, poolId)).status).toBe('issued');
    const empty = await claim(b!, poolId);
    expect(empty.statusCode).toBe(409);
    expect(empty.json().error.code).toBe('POOL_EXHAUSTED');
    expect((await placeOf(c!, poolId)).statusCode).toBe(404);
    await t.deps.database.db
      .updateTable('tradein_pools')
      .set({ closes_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', poolId)
      .execute();
    expect((await claim(c!, poolId)).json().error.code).toBe('POOL_CLOSED');
  });

  it('past the queue’s bound a resident is told the release is spoken for (409 CLAIM_QUEUE_FULL)', async () => {
    await storeParameters(t.deps, { 'tradein.claimQueueMax': 0 });
    try {
      const poolId = await openTestPool(t.deps, 'air_conditioner', 10);
      const [r] = await createSignedInResidents(t.deps.database, t.deps.config, 1);
      const full = await claim(r!, poolId);
      expect(full.statusCode).toBe(409);
      expect(full.json().error).toMatchObject({ code: 'CLAIM_QUEUE_FULL', message: expect.stringContaining('排队人数已满') });
      expect(await issuedFrom(poolId)).toHaveLength(0);
    } finally {
      await storeParameters(t.deps, { 'tradein.claimQueueMax': 200_000 });
    }
  });

  it('400 residents at once with a backlog of 20: direct and queued claims together issue exactly the quota', async () => {
    await storeParameters(t.deps, { 'tradein.claimBacklogPerProcess': 20 });
    try {
      const poolId = await openTestPool(t.deps, 'computer', 150);
      const residents = await createSignedInResidents(t.deps.database, t.deps.config, 400);
      const answers = await Promise.all(residents.map((r) => claim(r, poolId)));
      const statuses = answers.map((a) => a.statusCode);
      expect(
        statuses.every((s) => s === 201 || s === 202 || s === 409),
        JSON.stringify([...new Set(statuses)]),
      ).toBe(true);
      expect(statuses.filter((s) => s === 202).length).toBeGreaterThan(0);
      const ends = await Promise.all(
        residents.map(async (r, i) => {
          const a = answers[i]!;
          if (a.statusCode === 201) return 'issued';
          if (a.statusCode === 409) return a.json().error.code as string;
          const place = await outcome(r, poolId);
          return place.status === 'issued' ? 'issued' : place.error!.code;
        }),
      );
      expect(ends.filter((e) => e === 'issued')).toHaveLength(150);
      // Refused: the release ran out, or those already waiting spoke for what was left.
      expect([...new Set(ends.filter((e) => e !== 'issued'))].every((e) => e === 'POOL_EXHAUSTED' || e === 'CLAIM_QUEUE_FULL')).toBe(true);
      const vouchers = await issuedFrom(poolId);
      expect(vouchers).toHaveLength(150);
      expect(new Set(vouchers.map((v) => v.holder_user_id)).size).toBe(150);
      const pool = await t.deps.database.db.selectFrom('tradein_pools').select('issued').where('id', '=', poolId).executeTakeFirstOrThrow();
      expect(pool.issued).toBe(150);
    } finally {
      await storeParameters(t.deps, { 'tradein.claimBacklogPerProcess': 0 });
    }
  }, 60_000);
});
