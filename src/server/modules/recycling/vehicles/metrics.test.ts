import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { createTestApp, DEMO_RESIDENT, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { vehiclesMetrics } from './metrics.js';
import { seedVehiclesDemo } from './seed.js';
import { daysAgo, dismantler, recordBody } from './testVehicles.js';

useFakeClock(shanghaiInstant('2026-06-10', '09:00'));

const metric = vehiclesMetrics.find((m) => m.name === 'recycling.vehicles.scrappedReceived')!;

describe('scrapped vehicles: the metric and the demo seed', () => {
  let t: TestApp;
  let commerce: TestClient;
  let towns: number[];

  beforeAll(async () => {
    t = await createTestApp();
    commerce = await t.login('demo_department');
    towns = (await t.deps.database.db.selectFrom('organizations').select('id').where('kind', '=', 'town').orderBy('id').execute()).map((r) => Number(r.id));
  });
  afterAll(() => t.close());

  it('counts vehicles taken in within the window (end exclusive), by the dismantler’s town, not the withdrawn', async () => {
    expect(metric).toMatchObject({ unit: '辆' });
    const a = await dismantler(t, commerce, 'met_a', towns[3]!);
    const b = await dismantler(t, commerce, 'met_b', towns[4]!);
    for (const [client, n, ago] of [
      [a.client, 1, 3],
      [a.client, 2, 10],
      [b.client, 3, 10],
      [a.client, 4, 40],
    ] as const)
      expect((await client.post('/api/recycling/vehicles', recordBody(n, { receivedOn: daysAgo(ago) }))).statusCode).toBe(201);
    const w = (await a.client.post('/api/recycling/vehicles', recordBody(5, { receivedOn: daysAgo(3) }))).json();
    await a.client.post(`/api/recycling/vehicles/${w.id}/withdraw`, { reason: '登记错误' });

    const db = t.deps.database.db;
    // The window [10 days ago, 2 days ago) in Shanghai midnights.
    const window = { from: shanghaiInstant(daysAgo(10)).toISOString(), to: shanghaiInstant(daysAgo(2)).toISOString() };
    expect(await metric.compute(db, { ...window, townId: towns[3]! })).toBe(2);
    expect(await metric.compute(db, { ...window, townId: towns[4]! })).toBe(1);
    // The day the window ends on is not in it.
    expect(await metric.compute(db, { from: window.from, to: shanghaiInstant(daysAgo(3)).toISOString(), townId: towns[3]! })).toBe(1);
    expect(
      await metric.compute(db, { from: shanghaiInstant(daysAgo(60)).toISOString(), to: shanghaiInstant(daysAgo(-1)).toISOString(), townId: towns[3]! }),
    ).toBe(3);
    // City-wide: both towns (tests start without the modules' demo data).
    expect(await metric.compute(db, window)).toBe(3);
  });

  it('seeds a demo qualification and four vehicles at different steps once, the first the demo resident’s', async () => {
    const db = t.deps.database.db;
    const demo = () => db.selectFrom('recycling_scrapped_vehicles').select(['status']).where('is_demo', '=', 1).execute();
    // Tests start without the modules' demo data: seed it, then again, as every start does.
    expect(await demo()).toHaveLength(0);
    await seedVehiclesDemo(t.deps);
    expect((await demo()).map((v) => v.status).sort()).toEqual(['certificate_issued', 'deregistered', 'dismantled', 'received']);
    await seedVehiclesDemo(t.deps);
    expect(await demo()).toHaveLength(4);
    expect(await db.selectFrom('recycling_dismantling_qualifications').select('id').where('is_demo', '=', 1).execute()).toHaveLength(1);
    const resident = await t.login(DEMO_RESIDENT.mobile);
    const mine = (await resident.get('/api/recycling/vehicles/mine')).json();
    expect(mine.items).toEqual([expect.objectContaining({ status: 'deregistered', isDemo: true })]);
    expect(mine.items[0].timeline.map((e: { action: string }) => e.action)).toEqual(['receive', 'issueCertificate', 'dismantle', 'deregister']);
    const recycler = await t.login('demo_recycler');
    expect((await recycler.get('/api/recycling/dismantling-qualifications/mine')).json()).toMatchObject({ qualified: true, qualification: { isDemo: true } });
    expect((await recycler.get('/api/recycling/vehicles')).json().total).toBe(4);
  });
});
