import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createDatabase } from './database.js';
import { sql } from 'kysely';
import { createReadRouter, decideRoute, isReplicaFailure, type ReplicaProbe } from './replica.js';

/**
 * The routing decision without a replica: the measurements are made up (test/replica/ runs against a real one).
 * Port 1 on loopback refuses connections, so a replica URL there never reaches a server.
 */
const CLOSED = 'postgres://huanxin@127.0.0.1:1/huanxin';

describe('read routing to a replica', () => {
  const primary = createDatabase('sqlite::memory:');
  afterAll(() => primary.close());

  const streaming = (lagSeconds: number | null): ReplicaProbe => ({ standby: true, receiving: true, lagSeconds });

  it('reads from the replica only while it follows the primary within the lag limit', () => {
    expect(decideRoute(streaming(0), 5)).toEqual({ reads: 'replica', reason: null, lagSeconds: 0 });
    expect(decideRoute(streaming(5), 5)).toEqual({ reads: 'replica', reason: null, lagSeconds: 5 });
    expect(decideRoute(streaming(5.2), 5)).toEqual({ reads: 'primary', reason: 'lagging', lagSeconds: 5.2 });
    expect(decideRoute(streaming(null), 5)).toEqual({ reads: 'primary', reason: 'lag_unknown', lagSeconds: null });
    // Replayed everything received, but nothing arrives: "0" would be a guess.
    expect(decideRoute({ standby: true, receiving: false, lagSeconds: 0 }, 5).reason).toBe('not_receiving');
    expect(decideRoute({ standby: false, receiving: false, lagSeconds: 0 }, 5).reason).toBe('not_standby');
    expect(decideRoute(new Error('connect ECONNREFUSED'), 5)).toEqual({ reads: 'primary', reason: 'unreachable', lagSeconds: null });
  });

  it('without a replica every read is the primary’s, and nothing is measured', async () => {
    const router = createReadRouter(primary, { url: null, maxLagSeconds: 5 });
    expect(await router.reader()).toBe(primary.db);
    expect(await router.state()).toEqual({ configured: false, maxLagSeconds: 5, lagSeconds: null, reads: 'primary', reason: null, checkedAt: null });
    await router.close();
  });

  it('measures at most once a second, one measurement shared by the requests that wait for it', async () => {
    let clock = 1_000_000;
    let lag = 0.5;
    let probes = 0;
    const router = createReadRouter(primary, {
      url: CLOSED,
      maxLagSeconds: 2,
      now: () => clock,
      probe: async () => {
        probes++;
        return streaming(lag);
      },
    });
    try {
      const [a, b] = await Promise.all([router.reader(), router.reader()]);
      expect(a).toBe(b);
      expect(a).not.toBe(primary.db);
      expect(probes).toBe(1);
      lag = 3;
      clock += 999;
      expect(await router.reader()).toBe(a);
      expect(probes).toBe(1);
      clock += 1;
      expect(await router.reader()).toBe(primary.db);
      expect(probes).toBe(2);
      expect(await router.state()).toMatchObject({
        configured: true,
        reads: 'primary',
        reason: 'lagging',
        lagSeconds: 3,
        checkedAt: new Date(clock).toISOString(),
      });
      lag = 0;
      clock += 1000;
      expect(await router.reader()).toBe(a);
    } finally {
      await router.close();
    }
  });

  it('falls back to the primary when the replica does not answer in time, or refuses connections', async () => {
    const hanging = createReadRouter(primary, { url: CLOSED, maxLagSeconds: 5, probeTimeoutMs: 50, probe: () => new Promise<never>(() => undefined) });
    const refused = createReadRouter(primary, { url: CLOSED, maxLagSeconds: 5 });
    try {
      expect(await hanging.reader()).toBe(primary.db);
      expect((await hanging.state()).reason).toBe('unreachable');
      // A real connection attempt (the default probe) to a closed port.
      expect(await refused.reader()).toBe(primary.db);
      expect(await refused.state()).toMatchObject({ configured: true, reads: 'primary', reason: 'unreachable', lagSeconds: null });
    } finally {
      await hanging.close();
      await refused.close();
    }
  });

  it('runs a read that the replica failed again on the primary, and sends the next reads there until it measures again', async () => {
    let clock = 1_000_000;
    // Measured fit, but nothing listens there: the read itself fails to connect.
    const router = createReadRouter(primary, { url: CLOSED, maxLagSeconds: 5, now: () => clock, probe: async () => streaming(0) });
    const asked: unknown[] = [];
    const one = (db: Parameters<Parameters<typeof router.read>[0]>[0]) => {
      asked.push(db);
      return sql<{ one: number }>`select 1 as one`.execute(db).then((r) => r.rows[0]!.one);
    };
    try {
      expect(await router.read(one)).toBe(1);
      expect(asked).toHaveLength(2);
      expect(asked[0]).not.toBe(primary.db);
      expect(asked[1]).toBe(primary.db);
      expect(await router.state()).toMatchObject({ reads: 'primary', reason: 'unreachable' });
      expect(await router.read(one)).toBe(1);
      expect(asked).toHaveLength(3);
      clock += 1000;
      expect(await router.reader()).not.toBe(primary.db);
    } finally {
      await router.close();
    }
  });

  it('retries on the primary only what is the replica’s fault, not a query the primary would refuse too', () => {
    expect(isReplicaFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isReplicaFailure(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isReplicaFailure(Object.assign(new Error('the database system is shutting down'), { code: '57P03' }))).toBe(true);
    expect(isReplicaFailure(Object.assign(new Error('canceling statement due to conflict with recovery'), { code: '40001' }))).toBe(true);
    expect(isReplicaFailure(Object.assign(new Error('syntax error'), { code: '42601' }))).toBe(false);
    expect(isReplicaFailure(Object.assign(new Error('division by zero'), { code: '22012' }))).toBe(false);
  });

  it('is configured for PostgreSQL only, with a lag limit of 5 s unless set', () => {
    const env = { NODE_ENV: 'test', DATABASE_REPLICA_URL: CLOSED };
    expect(loadConfig({ ...env, DATABASE_URL: 'postgres://huanxin@127.0.0.1/huanxin' })).toMatchObject({ replicaUrl: CLOSED, replicaMaxLagSeconds: 5 });
    expect(loadConfig({ ...env, DATABASE_URL: 'sqlite::memory:', HUANXIN_REPLICA_MAX_LAG_SECONDS: '2' })).toMatchObject({
      replicaUrl: null,
      replicaMaxLagSeconds: 2,
    });
    expect(loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgres://huanxin@127.0.0.1/huanxin' }).replicaUrl).toBeNull();
  });
});
