import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_RESIDENT, type TestApp } from '../helpers/testApp.js';
import { prepareDatabase } from '../../src/server/runtime.js';
import { seedCarTradeinDemo } from '../../src/server/modules/cartradein/programs/demo.js';
import { releaseDailyPools } from '../../src/server/modules/tradein/vouchers/service.js';
import { seedTradeinDemo } from '../../src/server/modules/tradein/programs/demo.js';

/**
 * Demo data that works on any day: whatever the date the demo starts on, it has live programmes with an open
 * release and an enrolled merchant; a year later the old ones are closed and new ones made. The dates are chosen
 * by the test (Asia/Shanghai), never read from the machine.
 */
const at = (shanghai: string) => new Date(`${shanghai}+08:00`);

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const demoPrograms = () => t.deps.database.db.selectFrom('tradein_programs').selectAll().where('code', 'like', 'demo-%').orderBy('id').execute();
const demoCarPrograms = () => t.deps.database.db.selectFrom('cartradein_programs').selectAll().where('code', 'like', 'demo-%').orderBy('id').execute();

describe('demo programmes around the day of start-up', () => {
  it('are made by the demo seed only when asked, labelled 演示, live from that day, with the demo merchant enrolled', async () => {
    expect(await demoPrograms()).toEqual([]); // the tests' own databases have none
    const day = at('2033-02-10T08:00:00');
    await seedTradeinDemo(t.deps, day);
    await seedCarTradeinDemo(t.deps, day);
    const programs = await demoPrograms();
    expect(programs.map((p) => [p.code, p.kind, p.status, p.valid_from, p.valid_to, p.is_example])).toEqual([
      ['demo-appliance-20330210', 'appliance', 'active', '2033-02-10', '2034-02-09', 1],
      ['demo-digital-20330210', 'digital', 'active', '2033-02-10', '2034-02-09', 1],
    ]);
    for (const p of programs) {
      expect(p.name).toContain('演示');
      expect(p.source_note).toContain('演示数据');
      expect(p.release_time).toBe('00:00');
    }
    const cars = await demoCarPrograms();
    expect(cars.map((p) => [p.code, p.status, p.valid_from, p.valid_to])).toEqual([['demo-car-scrapping-20330210', 'active', '2033-02-10', '2034-02-09']]);

    const merchants = await t.deps.database.db
      .selectFrom('tradein_merchants')
      .select(['program_id', 'status'])
      .where(
        'program_id',
        'in',
        programs.map((p) => p.id),
      )
      .execute();
    expect(merchants.map((m) => m.status)).toEqual(['approved', 'approved']);

    // A release is open at once, whatever the hour: the demo releases at midnight.
    await releaseDailyPools(t.deps, day);
    const pools = await t.deps.database.db
      .selectFrom('tradein_pools')
      .select(['program_id', 'opens_at', 'closes_at'])
      .where(
        'program_id',
        'in',
        programs.map((p) => p.id),
      )
      .execute();
    expect(pools.length).toBeGreaterThan(0);
    for (const pool of pools) expect(pool.opens_at <= day.toISOString() && day.toISOString() < pool.closes_at).toBe(true);
  });

  it('are not made twice, and a year on the ended ones are closed and new ones made', async () => {
    await seedTradeinDemo(t.deps, at('2033-06-01T12:00:00'));
    await seedCarTradeinDemo(t.deps, at('2033-06-01T12:00:00'));
    expect(await demoPrograms()).toHaveLength(2);
    expect(await demoCarPrograms()).toHaveLength(1);

    const later = at('2034-03-01T00:10:00');
    await seedTradeinDemo(t.deps, later);
    await seedCarTradeinDemo(t.deps, later);
    const programs = await demoPrograms();
    expect(programs.map((p) => [p.code, p.status])).toEqual([
      ['demo-appliance-20330210', 'closed'],
      ['demo-digital-20330210', 'closed'],
      ['demo-appliance-20340301', 'active'],
      ['demo-digital-20340301', 'active'],
    ]);
    expect((await demoCarPrograms()).map((p) => [p.code, p.status])).toEqual([
      ['demo-car-scrapping-20330210', 'closed'],
      ['demo-car-scrapping-20340301', 'active'],
    ]);
    // The seeded national programmes are not demo data: the demo seed leaves them alone.
    const national = await t.deps.database.db
      .selectFrom('tradein_programs')
      .select(['code', 'status'])
      .where('code', '=', 'appliance-national-2025')
      .executeTakeFirstOrThrow();
    expect(national.status).toBe('active');
  });

  it('come with `serve` and `seed --demo` (prepareDatabase with demo programmes), so the demo resident can claim today', async () => {
    await prepareDatabase(t.deps, { demo: true, demoProgrammes: true });
    const live = (await demoPrograms()).filter((p) => p.status === 'active');
    expect(live.length).toBeGreaterThanOrEqual(2);
    await releaseDailyPools(t.deps);
    const resident = await t.login(DEMO_RESIDENT.mobile);
    const open = (await resident.get('/api/tradein/pools?status=open')).json() as { id: number; programId: number }[];
    const demoIds = new Set(live.map((p) => Number(p.id)));
    const pool = open.find((p) => demoIds.has(p.programId));
    expect(pool).toBeDefined();
    const claimed = await resident.post(`/api/tradein/pools/${pool!.id}/claims`);
    expect(claimed.statusCode, claimed.body).toBe(201);
  });
});
