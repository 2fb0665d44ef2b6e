import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsOf, type HuanxinModule } from '../../../core/module.js';
import { responseStats } from '../../../http/responseStats.js';
import { MODULES } from '../../index.js';
import { notify } from '../notifications/service.js';
import { createTestApp, DEMO_RESIDENT, isPostgres, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import type { ServiceStatus } from './schema.js';

/**
 * The only way to make the app answer 500 on purpose: a route of a module installed by this test alone (the
 * running service has no such route), and a backlog probe of it.
 */
const brokenModule: HuanxinModule = {
  name: 'brokentest',
  migrations: [],
  plugin: async (app) => {
    app.get('/brokentest/fail', { config: { policy: 'authenticated' } }, async () => {
      throw new Error('forced failure for the 5xx count');
    });
  },
  queues: [{ name: 'brokentest.waiting', label: { 'zh-CN': '等待中', en: 'Waiting' }, scope: 'process', depth: async () => 7 }],
};

describe('service status', () => {
  let t: TestApp;
  let office: TestClient;
  beforeAll(async () => {
    t = await createTestApp({ modules: [...MODULES, brokenModule] });
    office = await t.login('demo_office');
  });
  afterAll(() => t.close());

  const status = async (client: TestClient = office) => {
    const res = await client.get('/api/status', { 'accept-language': 'en' });
    expect(res.statusCode).toBe(200);
    return res.json<ServiceStatus>();
  };

  it('reports the version, the runtime, the database and its migrations as they are', async () => {
    const s = await status();
    const pkg = JSON.parse(fs.readFileSync(new URL('../../../../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(s.version).toBe(pkg.version);
    expect(s.node).toBe(process.version);
    expect(s.pid).toBe(process.pid);
    expect(s.uptimeSeconds).toBeGreaterThanOrEqual(0);
    expect(Date.parse(s.startedAt)).toBeLessThanOrEqual(Date.parse(s.now));
    expect(s.database.kind).toBe(isPostgres() ? 'postgres' : 'sqlite');
    // A migrated, seeded database holds at least a few hundred kB.
    expect(s.database.sizeBytes).toBeGreaterThan(100_000);
    if (isPostgres()) expect(s.database.fileBytes).toBeNull();
    else expect(s.database.fileBytes).toBeGreaterThan(0);
    const names = migrationsOf(MODULES)
      .map((m) => m.name)
      .sort();
    expect(s.migrations).toEqual({ applied: names.length, pending: 0, latest: names.at(-1), pendingNames: [] });
  });

  it('says whether a read replica is configured and where the routed reads go', async () => {
    const s = await status();
    // The replica itself is test/replica/'s (npm run test:replica); here, as in the default suite, there is none.
    if (t.deps.config.replicaUrl) return;
    expect(s.replica).toEqual({
      configured: false,
      maxLagSeconds: t.deps.config.replicaMaxLagSeconds,
      lagSeconds: null,
      reads: 'primary',
      reason: null,
      checkedAt: null,
    });
  });

  it('reports the real backlogs: job runs in flight, unread notifications, and what modules declare', async () => {
    const before = await status();
    const depth = (s: ServiceStatus, name: string) => s.queues.find((q) => q.name === name)?.depth;
    const someone = await t.deps.database.db.selectFrom('users').select('id').where('status', '=', 'active').executeTakeFirstOrThrow();
    await notify(t.deps.database.db, { userId: Number(someone.id), kind: 'test', dedupeKey: `status-test:${Date.now()}` });
    await t.deps.database.db
      .insertInto('job_runs')
      .values({ name: 'brokentest.job', run_key: 'k', started_at: new Date().toISOString(), finished_at: null, outcome: 'running' })
      .execute();
    const after = await status();
    expect(depth(after, 'platform.unreadNotifications')).toBe(depth(before, 'platform.unreadNotifications')! + 1);
    expect(depth(after, 'platform.jobsInFlight')).toBe(depth(before, 'platform.jobsInFlight')! + 1);
    expect(after.queues.find((q) => q.name === 'brokentest.waiting')).toEqual({ name: 'brokentest.waiting', label: 'Waiting', scope: 'process', depth: 7 });
  });

  it('counts this process’s 5xx answers of the last hour and day', async () => {
    const before = (await status()).serverErrors;
    expect(before.scope).toBe('process');
    const failed = await office.get('/api/brokentest/fail');
    expect(failed.statusCode).toBe(500);
    expect((await office.get('/api/no-such-route')).statusCode).toBe(404);
    const after = (await status()).serverErrors;
    expect(after.lastHour).toBe(before.lastHour + 1);
    expect(after.last24h).toBe(before.last24h + 1);
  });

  it('is the office’s and the administrators’', async () => {
    await status(await t.login('demo_admin'));
    expect((await (await t.login('demo_department')).get('/api/status')).statusCode).toBe(403);
    expect((await (await t.login(DEMO_RESIDENT.mobile)).get('/api/status')).statusCode).toBe(403);
    expect((await t.anonymous.get('/api/status')).statusCode).toBe(401);
  });
});

describe('the 5xx counter', () => {
  it('keeps a minute per slot over a day: old minutes drop out, the memory stays fixed', () => {
    const t0 = Date.UTC(2025, 6, 1, 0, 0, 30);
    const stats = responseStats(t0);
    stats.record(500, t0);
    stats.record(503, t0 + 30 * 60_000);
    stats.record(404, t0 + 30 * 60_000);
    stats.record(200, t0);
    expect(stats.serverErrors(t0 + 30 * 60_000)).toEqual({ lastHour: 2, last24h: 2 });
    expect(stats.serverErrors(t0 + 61 * 60_000)).toEqual({ lastHour: 1, last24h: 2 });
    expect(stats.serverErrors(t0 + 25 * 3600_000)).toEqual({ lastHour: 0, last24h: 0 });
    // A day later the same slot is reused for the new minute, not added to the old one.
    stats.record(500, t0 + 24 * 3600_000);
    expect(stats.serverErrors(t0 + 24 * 3600_000)).toEqual({ lastHour: 1, last24h: 2 });
  });
});
