import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate, shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { systemContext } from '../../../core/context.js';
import { move } from '../../../core/workflow.js';
import { inTransaction } from '../../../db/database.js';
import { recyclingMetrics } from '../metrics.js';
import { seedSitesDemo } from './seed.js';
import { recyclingSiteWorkflow } from './workflow.js';

/** Local midnight of a Shanghai date, as the plan passes metric windows. */
const instant = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();
const metric = (name: string) => recyclingMetrics.find((m) => m.name === name)!;
const fields = (res: { json: () => { error: { details: { field: string }[] } } }) =>
  res
    .json()
    .error.details.map((d) => d.field)
    .sort();

// A morning inside the plan (2024–2027), before 08:00 in Shanghai (still the day before in UTC).
useFakeClock(shanghaiInstant('2026-06-10', '07:30'));

describe('recycling sites: registration, edits, status moves, public lists and the plan metrics', () => {
  let t: TestApp;
  let office: TestClient;
  let commerce: TestClient;
  let finance: TestClient;
  let town: TestClient;
  let recycler: TestClient;
  let resident: TestClient;
  let auditor: TestClient;
  let qingyang: number;
  let otherTown: number;
  let recyclerOrg: number;
  let enterpriseOrg: number;
  const today = () => shanghaiDate();
  const window = () => ({ from: instant(addDays(today(), -30)), to: instant(addDays(today(), 30)) });
  const stations = async (townId?: number) =>
    (await metric('recycling.sites.stationsBuilt').compute(t.deps.database.db, { ...window(), townId: townId ?? null }))!;
  const site = (over: Record<string, unknown> = {}) => ({
    kind: 'station',
    name: '测试回收站',
    townId: otherTown,
    address: '测试路 1 号',
    origin: 'new',
    status: 'planned',
    materials: ['paper', 'plastic'],
    operatorOrganizationId: recyclerOrg,
    ...over,
  });
  const publicNames = async (query = '') => (await t.anonymous.get(`/api/recycling/public/sites${query}`)).json().map((s: { name: string }) => s.name);

  beforeAll(async () => {
    t = await createTestApp();
    [office, commerce, finance, town, recycler, resident, auditor] = await Promise.all([
      t.login('demo_office'),
      t.login('demo_department'),
      t.login('demo_finance'),
      t.login('demo_town'),
      t.login('demo_recycler'),
      t.login('13800000001'),
      t.login('demo_auditor'),
    ]);
    const db = t.deps.database.db;
    const orgOf = async (username: string) =>
      Number((await db.selectFrom('users').select('organization_id').where('username', '=', username).executeTakeFirstOrThrow()).organization_id);
    qingyang = await orgOf('demo_town');
    recyclerOrg = await orgOf('demo_recycler');
    enterpriseOrg = await orgOf('demo_enterprise');
    otherTown = Number(
      (await db.selectFrom('organizations').select('id').where('kind', '=', 'town').where('id', '!=', qingyang).orderBy('id').executeTakeFirstOrThrow()).id,
    );
  });
  afterAll(() => t.close());

  let stationId: number;
  let townSiteId: number;

  it('the demo seed gives 市商务局 the recycling grant and a few operating demo sites run by the demo recycler', async () => {
    expect((await commerce.get('/api/grants/mine')).json()).toEqual(expect.arrayContaining([expect.objectContaining({ domain: 'recycling', manage: true })]));
    expect((await t.anonymous.get('/api/recycling/public/sites')).json()).toEqual([]);
    // Tests take the demo accounts without the demo data; seeding twice adds nothing.
    await seedSitesDemo(t.deps);
    await seedSitesDemo(t.deps);
    const demo = await t.anonymous.get('/api/recycling/public/sites');
    expect(demo.statusCode).toBe(200);
    expect(demo.json()).toHaveLength(3); // the planned transfer point is not public
    for (const s of demo.json())
      expect(s).toMatchObject({ isDemo: true, name: expect.stringContaining('演示'), operatorName: expect.stringContaining('回收') });
    const all = (await commerce.get('/api/recycling/sites?q=演示')).json();
    expect(all.total).toBe(4);
    expect(all.items.every((s: { operatorOrganizationId: number }) => s.operatorOrganizationId === recyclerOrg)).toBe(true);
  });

  it('市商务局 and the office register anywhere, a town in its own town only; others 403', async () => {
    const res = await commerce.post('/api/recycling/sites', site());
    expect(res.statusCode).toBe(201);
    stationId = res.json().id;
    expect(res.json()).toMatchObject({ status: 'planned', completedOn: null, statusSince: today(), version: 1, code: expect.stringMatching(/^RS-/) });
    expect(res.json().history.map((h: { action: string; to: string }) => [h.action, h.to])).toEqual([['registerPlanned', 'planned']]);
    expect(res.json().actions).toEqual(['update', 'updateOperations', 'startWorks', 'open', 'close']);
    const own = await town.post(
      '/api/recycling/sites',
      site({ townId: qingyang, name: '青阳测试站', status: 'operating', origin: 'rebuilt', latitude: 24.8, longitude: 118.58 }),
    );
    expect(own.statusCode).toBe(201);
    townSiteId = own.json().id;
    // Registered already operating after its works: completed today unless given.
    expect(own.json()).toMatchObject({ status: 'operating', completedOn: today() });
    expect((await town.post('/api/recycling/sites', site())).statusCode).toBe(403);
    expect((await office.post('/api/recycling/sites', site({ name: '专班登记', status: 'operating', origin: 'existing' }))).json()).toMatchObject({
      completedOn: null,
    });
    for (const c of [finance, recycler, resident, auditor]) expect((await c.post('/api/recycling/sites', site())).statusCode).toBe(403);
    expect((await t.anonymous.post('/api/recycling/sites', site())).statusCode).toBe(401);
  });

  it('checks town, operator, materials, coordinates, code and completion date, all at once, in the caller’s language', async () => {
    const res = await commerce.post(
      '/api/recycling/sites',
      site({ townId: enterpriseOrg, operatorOrganizationId: qingyang, materials: ['paper', 'unobtainium'], latitude: 24.7 }),
    );
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(['longitude', 'materials.1', 'operatorOrganizationId', 'townId']);
    const bounds = await commerce.post('/api/recycling/sites', site({ latitude: 31.2, longitude: 121.5 }));
    expect(fields(bounds)).toEqual(['latitude', 'longitude']);
    const code = (await commerce.get(`/api/recycling/sites/${stationId}`)).json().code;
    expect(fields(await commerce.post('/api/recycling/sites', site({ code })))).toEqual(['code']);
    expect(fields(await commerce.post('/api/recycling/sites', site({ completedOn: addDays(today(), -3) })))).toEqual(['completedOn']);
    expect(fields(await commerce.post('/api/recycling/sites', site({ status: 'operating', completedOn: addDays(today(), 1) })))).toEqual(['completedOn']);
    const en = await commerce.request({ method: 'POST', url: '/api/recycling/sites', payload: site({ latitude: 24.7 }), headers: { 'accept-language': 'en' } });
    expect(en.json().error.details[0].message).toBe('Give both latitude and longitude, or neither');
    expect(await t.deps.database.db.selectFrom('recycling_sites').select('id').where('name', '=', '测试回收站').execute()).toHaveLength(1);
  });

  it('edits state the version they edited: a stale one is 409, and each edit is audited with before and after', async () => {
    const before = (await commerce.get(`/api/recycling/sites/${stationId}`)).json();
    const { id: _id, history: _h, actions: _a, version, ...rest } = before;
    const body = {
      code: rest.code,
      kind: rest.kind,
      name: '测试回收站（改）',
      townId: rest.townId,
      address: rest.address,
      origin: rest.origin,
      materials: rest.materials,
      operatorOrganizationId: rest.operatorOrganizationId,
      licenceNumber: '晋商再生 2026-001',
      fireSafety: 'compliant',
      version,
    };
    const ok = await commerce.put(`/api/recycling/sites/${stationId}`, body);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: '测试回收站（改）', licenceNumber: '晋商再生 2026-001', version: 2, status: 'planned' });
    const stale = await commerce.put(`/api/recycling/sites/${stationId}`, { ...body, name: '晚了' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select(['before_json', 'after_json'])
      .where('entity', '=', 'recycling_site')
      .where('entity_id', '=', String(stationId))
      .where('action', '=', 'update')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.before_json).toContain('测试回收站');
    expect(audit[0]!.after_json).toContain('测试回收站（改）');
    // A town may neither edit another town's site nor move its own into another town.
    expect((await town.put(`/api/recycling/sites/${stationId}`, { ...body, version: 2 })).statusCode).toBe(403);
    const own = (await town.get(`/api/recycling/sites/${townSiteId}`)).json();
    const moved = await town.put(`/api/recycling/sites/${townSiteId}`, {
      kind: own.kind,
      name: own.name,
      townId: otherTown,
      address: own.address,
      origin: own.origin,
      materials: own.materials,
      completedOn: own.completedOn,
      version: own.version,
    });
    expect(moved.statusCode).toBe(403);
  });

  it('the operator keeps its own site’s opening hours, capacity, materials and contact, never its status or licence', async () => {
    const mine = await recycler.get('/api/recycling/sites');
    expect(mine.json().items.every((s: { operatorOrganizationId: number }) => s.operatorOrganizationId === recyclerOrg)).toBe(true);
    const s = (await recycler.get(`/api/recycling/sites/${stationId}`)).json();
    expect(s.actions).toEqual(['updateOperations']);
    const ops = {
      openingHours: '08:30–17:00',
      capacityTonnesPerDay: 3.5,
      materials: ['paper', 'textile'],
      contactName: '李师傅',
      contactPhone: '0595-85601234',
      version: s.version,
    };
    const res = await recycler.put(`/api/recycling/sites/${stationId}/operations`, ops);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      openingHours: '08:30–17:00',
      materials: ['paper', 'textile'],
      contactName: '李师傅',
      licenceNumber: '晋商再生 2026-001',
      version: s.version + 1,
    });
    expect((await recycler.put(`/api/recycling/sites/${stationId}/operations`, ops)).statusCode).toBe(409);
    expect((await recycler.put(`/api/recycling/sites/${stationId}/operations`, { ...ops, version: s.version + 1, fireSafety: 'unsafe' })).statusCode).toBe(400);
    expect((await recycler.put(`/api/recycling/sites/${stationId}`, { ...ops, version: s.version + 1 })).statusCode).toBe(403);
    expect((await recycler.post(`/api/recycling/sites/${stationId}/moves`, { action: 'startWorks' })).statusCode).toBe(403);
    const notMine = (await office.post('/api/recycling/sites', site({ name: '别家站', operatorOrganizationId: enterpriseOrg }))).json();
    expect((await recycler.get(`/api/recycling/sites/${notMine.id}`)).statusCode).toBe(403);
    expect((await recycler.put(`/api/recycling/sites/${notMine.id}/operations`, { ...ops, version: 1 })).statusCode).toBe(403);
  });

  it('status moves through the workflow: works start, the site opens (completed today), and each move is on its history', async () => {
    const stationsBefore = await stations(otherTown);
    expect((await town.post(`/api/recycling/sites/${stationId}/moves`, { action: 'startWorks' })).statusCode).toBe(403);
    const works = await commerce.post(`/api/recycling/sites/${stationId}/moves`, { action: 'startWorks', note: '开工' });
    expect(works.json()).toMatchObject({ status: 'under_construction', statusSince: today() });
    expect((await commerce.post(`/api/recycling/sites/${stationId}/moves`, { action: 'startWorks' })).statusCode).toBe(409);
    expect(await publicNames()).not.toContain('测试回收站（改）');
    const open = await commerce.post(`/api/recycling/sites/${stationId}/moves`, { action: 'open' });
    expect(open.json()).toMatchObject({ status: 'operating', completedOn: today(), statusSince: today() });
    expect(open.json().history.map((h: { action: string }) => h.action)).toEqual(['registerPlanned', 'startWorks', 'open']);
    expect(open.json().history[1].note).toBe('开工');
    expect(await stations(otherTown)).toBe(stationsBefore + 1);
    expect(await publicNames()).toContain('测试回收站（改）');
  });

  it('the public list shows operating sites only: a suspended, closed or banned site disappears, and so does its count', async () => {
    const pub = (await t.anonymous.get(`/api/recycling/public/sites?townId=${otherTown}`)).json();
    expect(pub.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(['测试回收站（改）', '专班登记']));
    expect(pub.find((s: { name: string }) => s.name === '测试回收站（改）')).not.toHaveProperty('licenceNumber');
    expect(await publicNames()).not.toContain('别家站'); // planned
    const summaryBefore = (await t.anonymous.get('/api/recycling/public/sites/summary')).json();
    const inTown = summaryBefore.find((r: { townId: number }) => r.townId === otherTown);
    expect(inTown.byStatus).toEqual({ operating: inTown.total });
    const officials = (await commerce.get('/api/recycling/sites/summary')).json().find((r: { townId: number }) => r.townId === otherTown);
    expect(officials.byStatus.planned).toBeGreaterThanOrEqual(1);
    expect((await t.anonymous.get('/api/recycling/sites/summary')).statusCode).toBe(401);

    expect((await commerce.post(`/api/recycling/sites/${townSiteId}/moves`, { action: 'suspend' })).json().status).toBe('suspended');
    expect(await publicNames()).not.toContain('青阳测试站');
    expect((await town.post(`/api/recycling/sites/${townSiteId}/moves`, { action: 'open' })).json()).toMatchObject({
      status: 'operating',
      completedOn: today(),
    });
    expect(await publicNames()).toContain('青阳测试站');

    // An inspection bans the station (inspections/ calls the workflow directly): off every public list and the plan's count.
    const before = await stations(otherTown);
    await inTransaction(t.deps.database, (tx) =>
      move(tx, systemContext('test'), recyclingSiteWorkflow, { id: stationId, action: 'ban', set: { status_since: today() } }),
    );
    expect(await publicNames()).not.toContain('测试回收站（改）');
    expect(await stations(otherTown)).toBe(before - 1);
    const banned = await commerce.post(`/api/recycling/sites/${stationId}/moves`, { action: 'open' });
    expect(banned.statusCode).toBe(409);
    expect(banned.json().error.code).toBe('SITE_BANNED');
    expect((await commerce.get(`/api/recycling/sites/${stationId}`)).json().actions).toEqual([]);
  });

  it('the metrics count new, rebuilt and expanded sites by completion date and town; existing ones never', async () => {
    const db = t.deps.database.db;
    const sorting = metric('recycling.sites.sortingCentresBuilt');
    const sortingBefore = (await sorting.compute(db, { ...window(), townId: otherTown }))!;
    const centre = await commerce.post(
      '/api/recycling/sites',
      site({ kind: 'sorting_centre', name: '测试分拣中心', status: 'operating', origin: 'expanded', completedOn: addDays(today(), -10) }),
    );
    expect(centre.statusCode).toBe(201);
    await commerce.post('/api/recycling/sites', site({ kind: 'sorting_centre', name: '原有分拣中心', status: 'operating', origin: 'existing' }));
    expect(await sorting.compute(db, { ...window(), townId: otherTown })).toBe(sortingBefore + 1);
    expect(await sorting.compute(db, { from: instant(addDays(today(), -5)), to: instant(addDays(today(), 5)), townId: otherTown })).toBe(sortingBefore);
    const cityWide = await stations();
    expect(cityWide).toBeGreaterThanOrEqual((await stations(otherTown)) + (await stations(qingyang)));
    expect(await stations(qingyang)).toBeGreaterThanOrEqual(1);
  });

  it('the plan dashboard reads the station metric for A3-T1-02', async () => {
    const actual = async () =>
      (await office.get(`/api/plan-dashboard?townId=${otherTown}`)).json().indicators.find((i: { code: string }) => i.code === 'A3-T1-02').actual as number;
    const before = await actual();
    await commerce.post('/api/recycling/sites', site({ name: '新回收站', status: 'operating', origin: 'new' }));
    expect(await actual()).toBe(before + 1);
  });

  it('lists filter, sort and page; the export is an Excel sheet of the same sites', async () => {
    const list = await commerce.get(`/api/recycling/sites?townId=${otherTown}&kind=station&sort=name&order=asc&pageSize=2`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(2);
    const all = (await commerce.get(`/api/recycling/sites?townId=${otherTown}&kind=station&pageSize=200`)).json();
    expect(list.json().total).toBe(all.total);
    const names = (await commerce.get(`/api/recycling/sites?townId=${otherTown}&kind=station&sort=name&order=asc&pageSize=200`))
      .json()
      .items.map((s: { name: string }) => s.name);
    expect(names).toEqual([...names].sort());
    expect((await commerce.get('/api/recycling/sites?status=banned')).json().items.map((s: { id: number }) => s.id)).toEqual([stationId]);
    expect((await commerce.get('/api/recycling/sites?q=青阳测试')).json().total).toBe(1);
    expect((await commerce.get('/api/recycling/sites?origin=expanded')).json().total).toBe(1);
    expect((await commerce.get(`/api/recycling/sites?operatorId=${enterpriseOrg}`)).json().total).toBe(1);
    const xlsx = await auditor.get(`/api/recycling/sites/export.xlsx?townId=${otherTown}&kind=station`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount).toBe(all.total + 1);
    expect((await recycler.get('/api/recycling/sites/export.xlsx')).statusCode).toBe(403);
    expect((await resident.get('/api/recycling/sites')).statusCode).toBe(403);
  });
});
