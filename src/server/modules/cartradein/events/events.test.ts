import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate, shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { carTradeinMetrics } from '../metrics.js';

const day = (n: number) => addDays(shanghaiDate(), n);
/** Local midnight of a Shanghai date, as the plan passes metric windows. */
const instant = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();
const metric = (name: string) => carTradeinMetrics.find((m) => m.name === name)!;
const fields = (res: { json: () => { error: { details: { field: string }[] } } }) =>
  res
    .json()
    .error.details.map((d) => d.field)
    .sort();

/**
 * Events are dated by Shanghai calendar days around "today": the file sets its clock to a morning inside the car
 * programmes' window, before 08:00 in Shanghai (so still the day before in UTC), and no midnight can pass mid-test.
 */
useFakeClock(shanghaiInstant('2026-06-10', '07:30'));

describe('promotion events: draft → published → held | cancelled, and the public calendar', () => {
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
  const car = metric('tradein.events.carPerYear');
  const appliance = metric('tradein.events.applianceRuralCommunityPerYear');
  const window = () => ({ from: instant(day(-60)), to: instant(day(60)) });
  const calendarTitles = async (query = `?from=${day(-30)}&to=${day(30)}`) =>
    (await t.anonymous.get(`/api/tradein/events/calendar${query}`)).json().map((e: { title: string }) => e.title);

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
  let expoId: number;

  it('organisers register drafts: 市商务局, the office, towns and enterprises; others 403', async () => {
    const res = await commerce.post('/api/tradein/events', event());
    expect(res.statusCode).toBe(201);
    carnivalId = res.json().id;
    expect(res.json()).toMatchObject({ status: 'draft', organizerName: '市商务局', townName: towns[0]!.name, results: null, publishedAt: null });
    expect(res.json().actions).toEqual(['update', 'publish', 'cancel']);
    expect(res.json().merchants).toHaveLength(enterpriseOrgs.length);
    expect(res.json().timeline.map((e: { action: string; to: string }) => [e.action, e.to])).toEqual([['create', 'draft']]);
    const rural = await town.post(
      '/api/tradein/events',
      event({ type: 'appliance_rural', title: '家电进乡村', startsOn: day(5), endsOn: day(5), merchantIds: [] }),
    );
    expect(rural.statusCode).toBe(201);
    ruralId = rural.json().id;
    const expo = await enterprise.post('/api/tradein/events', event({ type: 'car_expo', title: '企业车展', startsOn: day(-10), endsOn: day(-9) }));
    expect(expo.statusCode).toBe(201);
    expoId = expo.json().id;
    expect(
      (await office.post('/api/tradein/events', event({ type: 'appliance_community', title: '家电进社区', startsOn: day(-20), endsOn: day(-20) }))).statusCode,
    ).toBe(201);
    for (const c of [finance, resident, merchant, auditor, t.anonymous])
      expect([401, 403]).toContain((await c.post('/api/tradein/events', event())).statusCode);
  });

  it('checks the town (of the division list), the merchants (active enterprises) and the dates, all at once', async () => {
    const res = await commerce.post('/api/tradein/events', event({ townId: enterpriseOrgs[0], merchantIds: [towns[0]!.id], endsOn: day(-5) }));
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(['endsOn', 'merchantIds.0', 'townId']);
    expect((await commerce.post('/api/tradein/events', event({ type: 'fireworks' }))).statusCode).toBe(400);
    const en = await commerce.request({
      method: 'POST',
      url: '/api/tradein/events',
      payload: event({ endsOn: day(-5) }),
      headers: { 'accept-language': 'en' },
    });
    expect(en.json().error.details[0].message).toMatch(/[a-z]/i);
  });

  it('drafts are not public: not on the calendar, not counted, seen only by their organiser, managers and auditors', async () => {
    expect(await calendarTitles()).toEqual([]);
    expect(await car.compute(t.deps.database.db, window())).toBe(0);
    expect(await appliance.compute(t.deps.database.db, window())).toBe(0);
    expect((await merchant.get(`/api/tradein/events/${carnivalId}`)).statusCode).toBe(404);
    expect((await town.get(`/api/tradein/events/${carnivalId}`)).statusCode).toBe(404);
    expect((await auditor.get(`/api/tradein/events/${carnivalId}`)).json().status).toBe('draft');
    expect((await town.get(`/api/tradein/events/${ruralId}`)).json().status).toBe('draft');
    expect((await merchant.get('/api/tradein/events')).json().total).toBe(0);
    expect((await town.get('/api/tradein/events')).json().items.map((e: { id: number }) => e.id)).toEqual([ruralId]);
    expect((await auditor.get('/api/tradein/events')).json().total).toBe(4);
    expect((await office.get('/api/tradein/events')).json().total).toBe(4);
  });

  it('publishing: only the organiser or a manager; then on the calendar and in the plan’s counts', async () => {
    expect((await town.post(`/api/tradein/events/${carnivalId}/publish`)).statusCode).toBe(403);
    expect((await enterprise.post(`/api/tradein/events/${ruralId}/publish`)).statusCode).toBe(403);
    expect((await merchant.post(`/api/tradein/events/${expoId}/publish`)).statusCode).toBe(403);
    expect((await t.anonymous.post(`/api/tradein/events/${expoId}/publish`)).statusCode).toBe(401);
    const published = await commerce.post(`/api/tradein/events/${carnivalId}/publish`);
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', actions: ['update', 'cancel', 'reportResults'] });
    expect(published.json().publishedAt).toBeTruthy();
    expect(published.json().timeline.map((e: { action: string }) => e.action)).toEqual(['create', 'publish']);
    const again = await commerce.post(`/api/tradein/events/${carnivalId}/publish`);
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'INVALID_STATE']);
    // 市商务局 (trade-in manager) publishes the enterprise's expo; the town its own rural event.
    expect((await commerce.post(`/api/tradein/events/${expoId}/publish`)).json().status).toBe('published');
    expect((await town.post(`/api/tradein/events/${ruralId}/publish`)).json().status).toBe('published');
    expect(await calendarTitles()).toEqual(['企业车展', '晋江汽车以旧换新嘉年华', '家电进乡村']);
    // Held means started: the future rural event is on the calendar but not counted yet; the office's draft not at all.
    expect(await car.compute(t.deps.database.db, window())).toBe(2);
    expect(await appliance.compute(t.deps.database.db, window())).toBe(0);
    expect(await car.compute(t.deps.database.db, { ...window(), townId: towns[1]!.id })).toBe(0);
    expect(await car.compute(t.deps.database.db, { from: instant(day(-3)), to: instant(day(-2)) })).toBe(1);
    expect(await car.compute(t.deps.database.db, { from: instant(day(-2)), to: instant(day(-1)) })).toBe(0);
    // The plan's running month ends "now": an event starting on that day counts from its first hour.
    const oneAm = new Date(Date.parse(instant(day(-3))) + 3_600_000).toISOString();
    expect(await car.compute(t.deps.database.db, { from: instant(day(-4)), to: oneAm })).toBe(1);
    expect(await car.compute(t.deps.database.db, { from: instant(day(-4)), to: instant(day(-3)) })).toBe(0);
    expect((await merchant.get('/api/tradein/events?mine=true')).json().items.map((e: { id: number }) => e.id)).toEqual([carnivalId, expoId]);
    const forMerchant = (await merchant.get(`/api/tradein/events/${carnivalId}`)).json();
    expect([forMerchant.status, forMerchant.actions]).toEqual(['published', []]);
  });

  it('edits in draft and after publication are audited with before and after; others 403', async () => {
    expect((await town.put(`/api/tradein/events/${carnivalId}`, event({ title: '改名' }))).statusCode).toBe(403);
    const changed = await town.put(
      `/api/tradein/events/${ruralId}`,
      event({ type: 'appliance_rural', title: '家电进乡村（陈埭站）', startsOn: day(5), endsOn: day(6), merchantIds: [] }),
    );
    expect(changed.json()).toMatchObject({ status: 'published', title: '家电进乡村（陈埭站）', endsOn: day(6) });
    const bad = await town.put(`/api/tradein/events/${ruralId}`, event({ type: 'appliance_rural', startsOn: day(6), endsOn: day(5), merchantIds: [] }));
    expect(fields(bad)).toEqual(['endsOn']);
    expect((await town.get(`/api/tradein/events/${ruralId}`)).json().title).toBe('家电进乡村（陈埭站）');
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select(['action', 'outcome', 'before_json', 'after_json'])
      .where('entity', '=', 'cartradein_event')
      .where('entity_id', '=', String(ruralId))
      .orderBy('id')
      .execute();
    // The enterprise's refused attempt to publish the town's event is in the trail too.
    expect(audit.map((a) => `${a.action}:${a.outcome}`)).toEqual(['create:ok', 'publish:denied', 'publish:ok', 'update:ok']);
    expect(JSON.parse(audit[3]!.before_json!)).toMatchObject({ title: '家电进乡村', status: 'published' });
    expect(JSON.parse(audit[3]!.after_json!)).toMatchObject({ title: '家电进乡村（陈埭站）' });
  });

  it('cancelling needs a reason (a field error), leaves the calendar and the counts, and ends the editing', async () => {
    const none = await town.post(`/api/tradein/events/${ruralId}/cancel`, {});
    expect([none.statusCode, fields(none)]).toEqual([400, ['reason']]);
    expect((await town.post(`/api/tradein/events/${ruralId}/cancel`)).statusCode).toBe(400);
    expect(fields(await town.post(`/api/tradein/events/${ruralId}/cancel`, { reason: ' ' }))).toEqual(['reason']);
    expect((await enterprise.post(`/api/tradein/events/${ruralId}/cancel`, { reason: '天气原因' })).statusCode).toBe(403);
    expect((await town.get(`/api/tradein/events/${ruralId}`)).json().status).toBe('published');

    const cancelled = await commerce.post(`/api/tradein/events/${expoId}/cancel`, { reason: '场地临时征用，活动取消' });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelReason: '场地临时征用，活动取消', actions: [] });
    expect(cancelled.json().timeline.at(-1)).toMatchObject({ action: 'cancel', from: 'published', to: 'cancelled', note: '场地临时征用，活动取消' });
    expect(await car.compute(t.deps.database.db, window())).toBe(1);
    expect(await calendarTitles()).not.toContain('企业车展');
    const edit = await enterprise.put(`/api/tradein/events/${expoId}`, event({ type: 'car_expo', title: '企业车展（改期）' }));
    expect([edit.statusCode, edit.json().error.code]).toEqual([409, 'INVALID_STATE']);
    expect((await commerce.post(`/api/tradein/events/${expoId}/publish`)).statusCode).toBe(409);
    expect((await commerce.post(`/api/tradein/events/${expoId}/cancel`, { reason: '再取消一次' })).statusCode).toBe(409);
  });

  it('results: once a published event has started; it is then held, still counted, and can no longer be cancelled', async () => {
    const results = { visitors: 12_000, salesFen: 356_000_000, subsidiesRedeemedFen: 42_000_000, subsidiesRedeemedCount: 21 };
    expect((await town.post(`/api/tradein/events/${carnivalId}/results`, results)).statusCode).toBe(403);
    const notYet = await town.post(`/api/tradein/events/${ruralId}/results`, results);
    expect([notYet.statusCode, notYet.json().error.code]).toEqual([409, 'EVENT_NOT_STARTED']);
    const held = await commerce.post(`/api/tradein/events/${carnivalId}/results`, results);
    expect(held.json()).toMatchObject({ status: 'held', results, actions: ['update', 'reportResults'] });
    const corrected = await commerce.post(`/api/tradein/events/${carnivalId}/results`, { ...results, visitors: 12_500 });
    expect(corrected.json().results.visitors).toBe(12_500);
    expect(corrected.json().timeline.map((e: { action: string }) => e.action)).toEqual(['create', 'publish', 'reportResults', 'reportResults']);
    expect((await commerce.post(`/api/tradein/events/${carnivalId}/cancel`, { reason: '不应取消' })).json().error.code).toBe('INVALID_STATE');
    expect(await car.compute(t.deps.database.db, window())).toBe(1);
    const pub = (await t.anonymous.get(`/api/tradein/events/calendar?from=${day(-30)}&type=car_carnival`)).json();
    expect(pub.map((e: { id: number }) => e.id)).toEqual([carnivalId]);
    expect(pub[0]).not.toHaveProperty('results');
    expect(pub[0].merchants.map((m: { organizationId: number }) => m.organizationId).sort()).toEqual([...enterpriseOrgs].sort());
  });

  it('the list pages, filters and searches; the merchant picker lists active enterprises to organisers only', async () => {
    const all = (await office.get('/api/tradein/events?pageSize=2')).json();
    expect([all.total, all.items.length, all.page, all.pageSize]).toEqual([4, 2, 1, 2]);
    const second = (await office.get('/api/tradein/events?pageSize=2&page=2')).json();
    expect(new Set([...all.items, ...second.items].map((e: { id: number }) => e.id)).size).toBe(4);
    // Newest first.
    expect(all.items[0].startsOn >= all.items[1].startsOn).toBe(true);
    expect((await office.get('/api/tradein/events?status=cancelled')).json().items.map((e: { id: number }) => e.id)).toEqual([expoId]);
    expect((await office.get('/api/tradein/events?type=appliance_community')).json().items.map((e: { status: string }) => e.status)).toEqual(['draft']);
    expect((await office.get(`/api/tradein/events?townId=${towns[0]!.id}&from=${day(0)}`)).json().total).toBe(1);
    expect((await office.get(`/api/tradein/events?q=${encodeURIComponent('陈埭')}`)).json().items.map((e: { id: number }) => e.id)).toEqual([ruralId]);
    expect((await office.get('/api/tradein/events?status=planned')).statusCode).toBe(400);
    expect((await t.anonymous.get('/api/tradein/events')).statusCode).toBe(401);
    expect((await resident.get('/api/tradein/events')).statusCode).toBe(403);

    const options = (await town.get('/api/tradein/events/merchant-options')).json();
    expect(options.map((o: { organizationId: number }) => o.organizationId).sort()).toEqual([...enterpriseOrgs].sort());
    const name = options[0].name as string;
    expect((await town.get(`/api/tradein/events/merchant-options?q=${encodeURIComponent(name.slice(0, 2))}`)).json()[0].name).toContain(name.slice(0, 2));
    expect((await town.get(`/api/tradein/events/merchant-options?ids=${enterpriseOrgs[0]}`)).json()).toHaveLength(1);
    expect((await town.get('/api/tradein/events/merchant-options?q=不存在的企业名')).json()).toEqual([]);
    for (const c of [merchant, resident, finance]) expect((await c.get('/api/tradein/events/merchant-options')).statusCode).toBe(403);
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

  it('a type the office disabled in the event_type dictionary is refused for new events, kept by events that have it', async () => {
    const kept = await commerce.post('/api/tradein/events', event({ type: 'car_expo', title: '展销会（停用前创建）' }));
    expect(kept.statusCode, kept.body).toBe(201);
    const item = (await office.get('/api/dictionaries/event_type')).json().items.find((i: { code: string }) => i.code === 'car_expo');
    const off = await office.patch('/api/dictionaries/event_type/items/car_expo', { version: item.version, enabled: false });
    expect(off.statusCode, off.body).toBe(200);
    try {
      const refused = await commerce.post('/api/tradein/events', event({ type: 'car_expo', title: '展销会（停用后）' }));
      expect(refused.statusCode).toBe(400);
      expect(fields(refused)).toEqual(['type']);
      expect(refused.json().error.details[0].message).toContain('停用');
      const edited = await commerce.request({
        method: 'PUT',
        url: `/api/tradein/events/${kept.json().id}`,
        payload: event({ type: 'car_expo', title: '展销会（改名）' }),
      });
      expect(edited.statusCode, edited.body).toBe(200);
    } finally {
      const now = (await office.get('/api/dictionaries/event_type')).json().items.find((i: { code: string }) => i.code === 'car_expo');
      await office.patch('/api/dictionaries/event_type/items/car_expo', { version: now.version, enabled: true });
    }
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
      '/api/tradein/events/{id}/publish',
      '/api/tradein/events/merchant-options',
    ])
      expect(doc.paths[path], path).toBeTruthy();
    const { Validator } = await import('@seriousme/openapi-schema-validator');
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
  });
});
