import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { carTradeinMetrics } from '../metrics.js';
import { addCalendarDays, shanghaiToday } from '../calendar/workingDays.js';

const day = (n: number) => addCalendarDays(shanghaiToday(), n);
/** Local midnight of a Shanghai date, as the plan passes metric windows. */
const instant = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();
const metric = (name: string) => carTradeinMetrics.find((m) => m.name === name)!;

/**
 * Events are dated by Shanghai calendar days around "today": the file sets its clock to a morning inside the car
 * programmes' window, before 08:00 in Shanghai (so still the day before in UTC), and no midnight can pass mid-test.
 */
useFakeClock(shanghaiInstant('2026-06-10', '07:30'));

describe('promotion events and the public calendar', () => {
  let t: TestApp;
  let office: TestClient;
  let commerce: TestClient;
  let finance: TestClient;
  let town: TestClient;
  let enterprise: TestClient;
  let merchant: TestClient;
  let auditor: TestClient;
  let resident: TestClient;
  let towns: { id: number; name: string }[];
  let enterpriseOrgs: number[];
  const event = (over: Record<string, unknown> = {}) => ({
    type: 'car_carnival',
    title: '晋江汽车以旧换新嘉年华',
    startsOn: day(-3),
    endsOn: day(-1),
    townId: towns[0]!.id,
    place: '晋江国际会展中心',
    merchantIds: enterpriseOrgs,
    ...over,
  });

  beforeAll(async () => {
    t = await createTestApp();
    [office, commerce, finance, town, enterprise, merchant, auditor, resident] = await Promise.all([
      t.login('demo_office'),
      t.login('demo_department'),
      t.login('demo_finance'),
      t.login('demo_town'),
      t.login('demo_enterprise'),
      t.login('demo_merchant'),
      t.login('demo_auditor'),
      t.login('13800000001'),
    ]);
    towns = (await t.anonymous.get('/api/towns')).json();
    enterpriseOrgs = (
      await t.deps.database.db.selectFrom('organizations').select('id').where('kind', '=', 'enterprise').where('status', '=', 'active').orderBy('id').execute()
    ).map((o) => Number(o.id));
  });
  afterAll(() => t.close());

  let carnivalId: number;
  let ruralId: number;

  it('organisers register events: 市商务局, the office, towns and enterprises; others 403', async () => {
    const res = await commerce.post('/api/tradein/events', event());
    expect(res.statusCode).toBe(201);
    carnivalId = res.json().id;
    expect(res.json()).toMatchObject({ status: 'planned', organizerName: '市商务局', townName: towns[0]!.name, results: null });
    expect(res.json().merchants).toHaveLength(enterpriseOrgs.length);
    const rural = await town.post(
      '/api/tradein/events',
      event({ type: 'appliance_rural', title: '家电进乡村', startsOn: day(5), endsOn: day(5), merchantIds: [] }),
    );
    expect(rural.statusCode).toBe(201);
    ruralId = rural.json().id;
    expect((await enterprise.post('/api/tradein/events', event({ type: 'car_expo', title: '企业车展', startsOn: day(-10), endsOn: day(-9) }))).statusCode).toBe(
      201,
    );
    expect(
      (
        await office.post(
          '/api/tradein/events',
          event({ type: 'appliance_community', title: '家电进社区', startsOn: day(-20), endsOn: day(-20), townId: towns[1]!.id }),
        )
      ).statusCode,
    ).toBe(201);
    for (const c of [finance, resident, merchant, auditor, t.anonymous])
      expect([401, 403]).toContain((await c.post('/api/tradein/events', event())).statusCode);
  });

  it('checks the town, the merchants and the dates', async () => {
    const res = await commerce.post('/api/tradein/events', event({ townId: enterpriseOrgs[0], merchantIds: [towns[0]!.id], endsOn: day(-5) }));
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(['endsOn', 'merchantIds.0', 'townId']);
    expect((await commerce.post('/api/tradein/events', event({ type: 'fireworks' }))).statusCode).toBe(400);
  });

  it('only the organiser (or 市商务局 and the office) changes an event or reports its results', async () => {
    expect((await town.put(`/api/tradein/events/${carnivalId}`, event({ title: '改名' }))).statusCode).toBe(403);
    expect((await enterprise.post(`/api/tradein/events/${ruralId}/cancel`)).statusCode).toBe(403);
    expect(
      (
        await town.put(
          `/api/tradein/events/${ruralId}`,
          event({ type: 'appliance_rural', title: '家电进乡村（陈埭站）', startsOn: day(5), endsOn: day(6), merchantIds: [] }),
        )
      ).json(),
    ).toMatchObject({
      title: '家电进乡村（陈埭站）',
      endsOn: day(6),
    });
    const results = { visitors: 12_000, salesFen: 356_000_000, subsidiesRedeemedFen: 42_000_000, subsidiesRedeemedCount: 21 };
    expect((await town.post(`/api/tradein/events/${carnivalId}/results`, results)).statusCode).toBe(403);
    const notYet = await town.post(`/api/tradein/events/${ruralId}/results`, results);
    expect(notYet.statusCode).toBe(409);
    expect(notYet.json().error.code).toBe('EVENT_NOT_STARTED');
    const held = await commerce.post(`/api/tradein/events/${carnivalId}/results`, results);
    expect(held.json()).toMatchObject({
      status: 'held',
      results: { visitors: 12_000, salesFen: 356_000_000, subsidiesRedeemedFen: 42_000_000, subsidiesRedeemedCount: 21 },
    });
    expect((await commerce.post(`/api/tradein/events/${carnivalId}/cancel`)).json().error.code).toBe('INVALID_STATE');
  });

  it('the public calendar shows upcoming events without login, without results or cancelled events', async () => {
    const cancelled = (
      await town.post('/api/tradein/events', event({ type: 'appliance_community', title: '取消的活动', startsOn: day(7), endsOn: day(7), merchantIds: [] }))
    ).json();
    expect((await town.post(`/api/tradein/events/${cancelled.id}/cancel`)).json().status).toBe('cancelled');
    const res = await t.anonymous.get('/api/tradein/events/calendar');
    expect(res.statusCode).toBe(200);
    expect(res.json().map((e: { title: string }) => e.title)).toEqual(['家电进乡村（陈埭站）']);
    expect(res.json()[0]).not.toHaveProperty('results');
    const past = (await t.anonymous.get(`/api/tradein/events/calendar?from=${day(-30)}&to=${day(30)}&type=car_carnival`)).json();
    expect(past.map((e: { id: number }) => e.id)).toEqual([carnivalId]);
    expect(past[0].merchants.map((m: { organizationId: number }) => m.organizationId).sort()).toEqual([...enterpriseOrgs].sort());
    expect((await t.anonymous.get(`/api/tradein/events/calendar?townId=${towns[1]!.id}&from=${day(-30)}`)).json()).toHaveLength(1);
    expect((await t.anonymous.get('/api/tradein/events')).statusCode).toBe(401);
    expect((await resident.get('/api/tradein/events')).statusCode).toBe(403);
    const all = (await auditor.get('/api/tradein/events')).json();
    expect(all).toHaveLength(5);
    const mine = (await merchant.get('/api/tradein/events?mine=true')).json();
    // The merchant takes part in three events (soonest first); the rural event has no merchants.
    expect(mine).toHaveLength(3);
    expect(mine.map((e: { id: number }) => e.id)).toContain(carnivalId);
    expect(mine.map((e: { id: number }) => e.id)).not.toContain(ruralId);
    expect((await town.get('/api/tradein/events?mine=true')).json().map((e: { title: string }) => e.title)).toEqual(['家电进乡村（陈埭站）', '取消的活动']);
  });

  it('metrics: events held in the window (started, not cancelled), by type and by town', async () => {
    const db = t.deps.database.db;
    const car = metric('tradein.events.carPerYear');
    const appliance = metric('tradein.events.applianceRuralCommunityPerYear');
    const window = { from: instant(day(-60)), to: instant(day(60)) };
    // The carnival (held) and the enterprise's expo (started, no results yet) count; not the future rural event.
    expect(await car.compute(db, window)).toBe(2);
    expect(await appliance.compute(db, window)).toBe(1);
    expect(await appliance.compute(db, { ...window, townId: towns[1]!.id })).toBe(1);
    expect(await appliance.compute(db, { ...window, townId: towns[0]!.id })).toBe(0);
    expect(await car.compute(db, { from: instant(day(-3)), to: instant(day(-2)) })).toBe(1);
    expect(await car.compute(db, { from: instant(day(-2)), to: instant(day(60)) })).toBe(0);
    for (const m of carTradeinMetrics) expect(m.unit).toBe({ 'tradein.car.subsidisedCars': '万辆', 'tradein.car.nevShare': '%' }[m.name] ?? '场');
  });

  it('the working-day calendar: anyone signed in reads it, managers replace a year', async () => {
    const y2025 = (await resident.get('/api/tradein/car-programs/working-calendar/2025')).json();
    expect(y2025.find((d: { date: string }) => d.date === '2025-10-01')).toMatchObject({ working: false, note: '国庆节、中秋节' });
    const days = [{ date: '2027-01-01', working: false, note: '元旦' }];
    expect((await finance.put('/api/tradein/car-programs/working-calendar/2027', { days })).statusCode).toBe(403);
    expect(
      (await commerce.put('/api/tradein/car-programs/working-calendar/2027', { days: [{ date: '2026-12-31', working: false, note: null }] })).statusCode,
    ).toBe(400);
    expect((await commerce.put('/api/tradein/car-programs/working-calendar/2027', { days })).json()).toEqual(days);
  });

  it('every car trade-in route is in a valid OpenAPI document', async () => {
    const doc = (await t.anonymous.get('/api/openapi.json')).json();
    for (const path of [
      '/api/tradein/car-applications',
      '/api/tradein/car-applications/precheck',
      '/api/tradein/car-applications/overdue',
      '/api/tradein/car-applications/{id}/approve',
      '/api/tradein/car-programs/{id}/rule',
      '/api/tradein/car-payment-batches/{id}/file',
      '/api/tradein/events/calendar',
    ])
      expect(doc.paths[path], path).toBeTruthy();
    const { Validator } = await import('@seriousme/openapi-schema-validator');
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
  });
});
