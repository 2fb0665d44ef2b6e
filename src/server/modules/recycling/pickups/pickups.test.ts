import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_RESIDENT, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { runJobOnce } from '../../../core/jobs.js';
import { escalateUnacceptedPickups, pickupEscalationJob } from './escalation.js';
import { addRecycler, addSite, RECYCLER_PASSWORD, windowIn } from './testSetup.js';

describe('pickup booking', () => {
  let t: TestApp;
  let resident: TestClient;
  let a: TestClient;
  let b: TestClient;
  let far: TestClient;
  let commerce: TestClient;
  let townId: number;
  let otherTownId: number;

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.deps.database.db;
    // Towns where no demo site operates, so only this file's recyclers serve them.
    const served = (await db.selectFrom('recycling_sites').select('town_id').where('status', '=', 'operating').execute()).map((s) => Number(s.town_id));
    const towns = (await db.selectFrom('organizations').select('id').where('kind', '=', 'town').orderBy('id').execute())
      .map((r) => Number(r.id))
      .filter((id) => !served.includes(id));
    [townId, otherTownId] = [towns[0]!, towns[1]!];
    const orgA = await addRecycler(t, 'rec_a', townId);
    const orgB = await addRecycler(t, 'rec_b', townId);
    const orgFar = await addRecycler(t, 'rec_far', otherTownId);
    await addSite(t, orgA, townId, 'station');
    await addSite(t, orgB, townId, 'sorting_centre');
    await addSite(t, orgA, townId, 'bulky_transfer');
    await addSite(t, orgFar, otherTownId, 'station');
    // A suspended site serves nobody.
    await addSite(t, orgFar, townId, 'station', 'suspended');
    resident = await t.login(DEMO_RESIDENT.mobile);
    a = await t.login('rec_a', RECYCLER_PASSWORD);
    b = await t.login('rec_b', RECYCLER_PASSWORD);
    far = await t.login('rec_far', RECYCLER_PASSWORD);
    commerce = await t.login('demo_department');
  });
  afterAll(() => t.close());

  const book = (body: Record<string, unknown> = {}) =>
    resident.post('/api/recycling/pickups', {
      items: [{ category: 'refrigerator', count: 1 }],
      address: '晋江市测试路1号',
      townId,
      window: windowIn(24),
      ...body,
    });

  it('validates the booking field by field, in the caller’s language', async () => {
    const past = await book({ window: windowIn(-3) });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.details.map((d: { field: string }) => d.field)).toEqual(['window.from']);
    const order = await book({ window: { from: windowIn(5).from, to: windowIn(4).from } });
    expect(order.json().error.details.map((d: { field: string }) => d.field)).toEqual(['window.to']);
    const tooFar = await resident.request({
      method: 'POST',
      url: '/api/recycling/pickups',
      headers: { 'accept-language': 'en' },
      payload: { items: [{ category: 'refrigerator', count: 1 }], address: '晋江市测试路1号', townId, window: windowIn(15 * 24) },
    });
    expect(tooFar.statusCode).toBe(400);
    expect(tooFar.json().error.details[0]).toMatchObject({ field: 'window.to' });
    expect(tooFar.json().error.details[0].message).toMatch(/14 (days|天)/);
    expect((await book({ townId: 999_999 })).json().error.details[0].field).toBe('townId');
    expect(
      (
        await book({
          items: [
            { category: 'sofa', count: 1 },
            { category: 'television', count: 1 },
          ],
        })
      ).json().error.details[0].field,
    ).toBe('items');
    expect((await book({ items: [{ category: 'spaceship', count: 1 }] })).statusCode).toBe(400);
    expect(
      (await a.post('/api/recycling/pickups', { items: [{ category: 'refrigerator', count: 1 }], address: '晋江市测试路1号', townId, window: windowIn(24) }))
        .statusCode,
    ).toBe(403);
    expect(await t.deps.database.db.selectFrom('recycling_pickups').select('id').execute()).toHaveLength(0);
  });

  it('recyclers of the town see it; of two accepting at once one wins, the other gets 409', async () => {
    const res = await book();
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ id: expect.any(Number), status: 'booked' });
    const id = res.json().id;
    const openA = (await a.get('/api/recycling/pickups/open')).json();
    expect(openA.items.map((p: { id: number }) => p.id)).toContain(id);
    expect(openA.items.find((p: { id: number }) => p.id === id).actions).toEqual(['accept']);
    expect((await far.get('/api/recycling/pickups/open')).json().items.map((p: { id: number }) => p.id)).not.toContain(id);
    expect((await far.post(`/api/recycling/pickups/${id}/accept`)).statusCode).toBe(403);
    expect((await resident.get('/api/recycling/pickups/open')).statusCode).toBe(403);

    const [ra, rb] = await Promise.all([a.post(`/api/recycling/pickups/${id}/accept`), b.post(`/api/recycling/pickups/${id}/accept`)]);
    expect([ra.statusCode, rb.statusCode].sort()).toEqual([200, 409]);
    const winner = ra.statusCode === 200 ? a : b;
    const loser = winner === a ? b : a;
    expect((ra.statusCode === 409 ? ra : rb).json().error.code).toBe('INVALID_STATE');
    const mine = (await winner.get(`/api/recycling/pickups/${id}`)).json();
    expect(mine).toMatchObject({ status: 'accepted', contact: { mobile: DEMO_RESIDENT.mobile } });
    expect((await loser.get(`/api/recycling/pickups/${id}`)).statusCode).toBe(403);
    expect((await winner.get('/api/recycling/pickups/assigned')).json().items.map((p: { id: number }) => p.id)).toContain(id);
    const accepts = await t.deps.database.db
      .selectFrom('record_timeline')
      .select('id')
      .where('entity', '=', 'recycling_pickup')
      .where('entity_id', '=', id)
      .where('action', '=', 'accept')
      .execute();
    expect(accepts).toHaveLength(1);
  });

  it('completing needs a data-wiping record for devices and issues one certificate per unit', async () => {
    const id = (
      await book({
        items: [
          { category: 'mobile_phone', count: 1 },
          { category: 'television', count: 2 },
        ],
      })
    ).json().id;
    expect((await a.post(`/api/recycling/pickups/${id}/accept`)).statusCode).toBe(200);
    const items = [
      { category: 'mobile_phone', count: 1, serialNumber: 'IMEI-8611-0000-1' },
      { category: 'television', count: 2, weightKg: 30 },
    ];
    expect((await b.post(`/api/recycling/pickups/${id}/complete`, { items, pricePaidFen: 5000 })).statusCode).toBe(403);
    const noWipe = await a.post(`/api/recycling/pickups/${id}/complete`, { items, pricePaidFen: 5000 });
    expect(noWipe.statusCode).toBe(400);
    expect(noWipe.json().error.details.map((d: { field: string }) => d.field)).toEqual(['dataWipe']);
    const twoSerial = await a.post(`/api/recycling/pickups/${id}/complete`, {
      items: [{ category: 'television', count: 2, serialNumber: 'TV-1' }],
      pricePaidFen: 1,
    });
    expect(twoSerial.json().error.details[0].field).toBe('items.0.serialNumber');
    expect(await t.deps.database.db.selectFrom('recycling_certificates').select('id').where('pickup_id', '=', id).execute()).toHaveLength(0);

    const done = await a.post(`/api/recycling/pickups/${id}/complete`, {
      items,
      pricePaidFen: 5000,
      dataWipe: { method: 'factory_reset', by: '张师傅', at: new Date(Date.now() - 60_000).toISOString() },
    });
    expect(done.statusCode).toBe(200);
    const { certificateNumber, certificateNumbers } = done.json();
    expect(certificateNumbers).toHaveLength(3);
    expect(certificateNumber).toBe(certificateNumbers[0]);
    for (const n of certificateNumbers) expect(n).toMatch(/^RC-\d{8}-[2-9A-HJKMNP-Z]{6}$/);
    expect(new Set(certificateNumbers).size).toBe(3);
    const detail = (await resident.get(`/api/recycling/pickups/${id}`)).json();
    expect(detail).toMatchObject({
      status: 'completed',
      pricePaidFen: 5000,
      dataWipe: { method: 'factory_reset', by: '张师傅' },
      actions: ['confirm', 'dispute'],
    });
    expect(detail.certificates.map((c: { number: string }) => c.number).sort()).toEqual([...certificateNumbers].sort());
    expect(detail.certificates.find((c: { category: string }) => c.category === 'mobile_phone').serialNumber).toBe('IMEI-8611-0000-1');
    expect(detail.timeline.map((e: { action: string }) => e.action)).toEqual(['book', 'accept', 'complete']);
    const mine = (await resident.get('/api/recycling/certificates/mine')).json();
    expect(mine.items.map((c: { number: string }) => c.number)).toEqual(expect.arrayContaining(certificateNumbers));
    expect((await a.get('/api/recycling/certificates/issued')).json().total).toBeGreaterThanOrEqual(3);

    // The resident confirms and rates; the recycler is told.
    expect((await resident.post(`/api/recycling/pickups/${id}/confirm`, { rating: 6 })).statusCode).toBe(400);
    const confirmed = await resident.post(`/api/recycling/pickups/${id}/confirm`, { rating: 5, comment: '准时' });
    expect(confirmed.json()).toMatchObject({ status: 'confirmed', rating: 5 });
    expect((await a.get('/api/notifications')).json().items.map((n: { kind: string }) => n.kind)).toContain('recycling_pickup_confirmed');
  });

  it('a dispute goes to 市商务局', async () => {
    const id = (await book()).json().id;
    await a.post(`/api/recycling/pickups/${id}/accept`);
    await a.post(`/api/recycling/pickups/${id}/complete`, { items: [{ category: 'refrigerator', count: 1 }], pricePaidFen: 0 });
    const res = await resident.post(`/api/recycling/pickups/${id}/dispute`, { reason: '未按约定价格付款' });
    expect(res.json().status).toBe('disputed');
    const told = (await commerce.get('/api/notifications')).json().items.filter((n: { kind: string }) => n.kind === 'recycling_pickup_disputed');
    expect(told).toHaveLength(1);
    expect(told[0].message).toContain('未按约定价格付款');
    expect((await commerce.get(`/api/recycling/pickups/${id}`)).statusCode).toBe(200);
  });

  it('cancel, reschedule and no-show are moves with reasons on the resident’s timeline, each notified', async () => {
    const id = (await book()).json().id;
    expect((await resident.post(`/api/recycling/pickups/${id}/reschedule`, { window: windowIn(-1), reason: '改时间' })).statusCode).toBe(400);
    const window = windowIn(48);
    const moved = await resident.post(`/api/recycling/pickups/${id}/reschedule`, { window, reason: '周末在家' });
    expect(moved.json()).toMatchObject({ status: 'booked', window });
    await a.post(`/api/recycling/pickups/${id}/accept`);
    expect((await resident.post(`/api/recycling/pickups/${id}/no-show`, { reason: 'x' })).statusCode).toBe(403);
    const noShow = await a.post(`/api/recycling/pickups/${id}/no-show`, { reason: '上门无人' });
    expect(noShow.json().status).toBe('no_show');
    // Booked again after a no-show: open to the town's recyclers again.
    const again = await resident.post(`/api/recycling/pickups/${id}/reschedule`, { window: windowIn(30), reason: '重新约' });
    expect(again.json()).toMatchObject({ status: 'booked', recyclerOrganizationId: null });
    expect((await b.get('/api/recycling/pickups/open')).json().items.map((p: { id: number }) => p.id)).toContain(id);
    expect((await a.post(`/api/recycling/pickups/${id}/cancel`, { reason: '不要了' })).statusCode).toBe(403);
    const cancelled = await resident.post(`/api/recycling/pickups/${id}/cancel`, { reason: '已自行处理' });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', actions: [] });
    const timeline = cancelled.json().timeline;
    expect(timeline.map((e: { action: string }) => e.action)).toEqual(['book', 'reschedule', 'accept', 'noShow', 'reschedule', 'cancel']);
    expect(timeline.at(-1).reasons).toEqual(['已自行处理']);
    expect(timeline[3].reasons).toEqual(['上门无人']);
    expect((await resident.post(`/api/recycling/pickups/${id}/cancel`, { reason: '再取消' })).json().error.code).toBe('INVALID_STATE');
    const kinds = (await resident.get('/api/notifications?pageSize=200')).json().items.map((n: { kind: string }) => n.kind);
    for (const k of ['recycling_pickup_rescheduled', 'recycling_pickup_accepted', 'recycling_pickup_no_show', 'recycling_pickup_cancelled'])
      expect(kinds).toContain(k);
  });

  it('furniture goes to the transfer points only', async () => {
    const id = (await book({ items: [{ category: 'sofa', count: 1 }] })).json().id;
    expect((await b.get('/api/recycling/pickups/open')).json().items.map((p: { id: number }) => p.id)).not.toContain(id);
    expect((await b.post(`/api/recycling/pickups/${id}/accept`)).statusCode).toBe(403);
    expect((await a.get('/api/recycling/pickups/open')).json().items.find((p: { id: number }) => p.id === id)).toMatchObject({ route: 'bulky' });
    expect((await a.post(`/api/recycling/pickups/${id}/accept`)).statusCode).toBe(200);
  });

  it('an unaccepted booking escalates to 市商务局 once, after the configured hours', async () => {
    const id = (await book()).json().id;
    const hours = await t.deps.parameters.get('recycling.pickupEscalationHours');
    expect(await escalateUnacceptedPickups(t.deps, new Date(Date.now() + (hours - 1) * 3600_000))).toBe(0);
    const later = new Date(Date.now() + (hours + 1) * 3600_000);
    expect(await escalateUnacceptedPickups(t.deps, later)).toBeGreaterThanOrEqual(1);
    expect(await runJobOnce(t.deps, pickupEscalationJob, new Date(later.getTime() + 3600_000))).toBe(true);
    const told = (await commerce.get('/api/notifications?pageSize=200'))
      .json()
      .items.filter((n: { kind: string; params: { id: number } }) => n.kind === 'recycling_pickup_escalated' && n.params.id === id);
    expect(told).toHaveLength(1);
    const detail = (await resident.get(`/api/recycling/pickups/${id}`)).json();
    expect(detail.escalated).toBe(true);
    expect(detail.timeline.filter((e: { action: string }) => e.action === 'escalate')).toHaveLength(1);
    expect((await resident.get('/api/recycling/pickups')).statusCode).toBe(403);
    expect((await commerce.get('/api/recycling/pickups?status=booked')).json().items.map((p: { id: number }) => p.id)).toContain(id);
  });
});
