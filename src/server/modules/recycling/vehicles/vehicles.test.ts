import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate, shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { assemblies, carryThrough, daysAgo, dismantler, idOf, recordBody, vinOf } from './testVehicles.js';

/** A morning in Shanghai, so no midnight passes mid-file; every date is counted back from it. */
useFakeClock(shanghaiInstant('2026-06-10', '09:00'));

const ids = (page: { items: { id: number }[] }) => page.items.map((v) => v.id);

describe('scrapped vehicles: qualifications, the one-stop, corrections, the register', () => {
  let t: TestApp;
  let commerce: TestClient;
  let office: TestClient;
  let auditor: TestClient;
  let town: TestClient;
  let a: Awaited<ReturnType<typeof dismantler>>;
  let b: Awaited<ReturnType<typeof dismantler>>;
  let owner: TestClient;
  let stranger: TestClient;
  let townA: number;
  let townB: number;

  beforeAll(async () => {
    t = await createTestApp();
    commerce = await t.login('demo_department');
    office = await t.login('demo_office');
    auditor = await t.login('demo_auditor');
    town = await t.login('demo_town');
    const towns = (await t.deps.database.db.selectFrom('organizations').select('id').where('kind', '=', 'town').orderBy('id').execute()).map((r) =>
      Number(r.id),
    );
    [townA, townB] = [towns[3]!, towns[4]!];
    a = await dismantler(t, commerce, 'dis_a', townA);
    b = await dismantler(t, commerce, 'dis_b', townB);
    const register = async (n: number) => {
      const mobile = `1370000${String(n).padStart(4, '0')}`;
      const res = await t.anonymous.post('/api/auth/register/resident', { mobile, password: 'Resident#2024x', realName: `车主${n}`, idNumber: idOf(n) });
      if (res.statusCode !== 201) throw new Error(res.body);
      return t.login(mobile, 'Resident#2024x');
    };
    owner = await register(1);
    stranger = await register(2);
  });
  afterAll(() => t.close());

  it('only a recycler with a valid qualification records vehicles; 市商务局 registers and revokes qualifications', async () => {
    const c = await dismantler(t, commerce, 'dis_c', townA, false);
    const refused = await c.client.post('/api/recycling/vehicles', recordBody(900));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('DISMANTLER_NOT_QUALIFIED');
    expect(refused.json().error.message).toContain('尚未登记');
    expect((await c.client.get('/api/recycling/dismantling-qualifications/mine')).json()).toMatchObject({
      qualified: false,
      reason: 'none',
      qualification: null,
    });

    const body = { organizationId: c.orgId, number: 'mx-expired-1', validFrom: daysAgo(800), validTo: daysAgo(1) };
    for (const who of [town, auditor, a.client, owner]) expect((await who.post('/api/recycling/dismantling-qualifications', body)).statusCode).toBe(403);
    expect((await commerce.post('/api/recycling/dismantling-qualifications', { ...body, validTo: daysAgo(900) })).json().error.details[0].field).toBe(
      'validTo',
    );
    const notRecycler = await commerce.post('/api/recycling/dismantling-qualifications', { ...body, organizationId: townA });
    expect(notRecycler.json().error.details[0].field).toBe('organizationId');
    const expired = await commerce.post('/api/recycling/dismantling-qualifications', body);
    expect(expired.statusCode).toBe(201);
    expect(expired.json()).toMatchObject({ number: 'MX-EXPIRED-1', status: 'active', standing: 'expired', issuedBy: '福建省商务厅', actions: ['revoke'] });
    const en = await c.client.request({ method: 'POST', url: '/api/recycling/vehicles', headers: { 'accept-language': 'en' }, payload: recordBody(900) });
    expect(en.statusCode).toBe(409);
    expect(en.json().error.message).toContain(`expired on ${daysAgo(1)}`);

    // A new qualification supersedes the expired one; then the recycler may record.
    const fresh = await commerce.post('/api/recycling/dismantling-qualifications', { ...body, number: 'MX-FRESH-1', validTo: addDays(shanghaiDate(), 30) });
    expect(fresh.json()).toMatchObject({ status: 'active', standing: 'valid' });
    expect((await commerce.post('/api/recycling/dismantling-qualifications', { ...body, number: 'MX-FRESH-1' })).statusCode).toBe(409);
    const list = (await commerce.get(`/api/recycling/dismantling-qualifications?organizationId=${c.orgId}`)).json();
    expect(list.items.map((q: { number: string; status: string }) => [q.number, q.status])).toEqual([
      ['MX-FRESH-1', 'active'],
      ['MX-EXPIRED-1', 'superseded'],
    ]);
    const recorded = await c.client.post('/api/recycling/vehicles', recordBody(900));
    expect(recorded.statusCode).toBe(201);
    // A recycler sees only its own qualifications.
    expect(
      (await c.client.get('/api/recycling/dismantling-qualifications')).json().items.every((q: { organizationId: number }) => q.organizationId === c.orgId),
    ).toBe(true);
    expect((await owner.get('/api/recycling/dismantling-qualifications')).statusCode).toBe(403);

    // Revoked: no more vehicles taken in, nor dismantled.
    expect((await a.client.post(`/api/recycling/dismantling-qualifications/${fresh.json().id}/revoke`, { reason: '越权' })).statusCode).toBe(403);
    const revoked = await commerce.post(`/api/recycling/dismantling-qualifications/${fresh.json().id}/revoke`, { reason: '检查发现违规拆解' });
    expect(revoked.json()).toMatchObject({ status: 'revoked', standing: 'revoked', revokedReason: '检查发现违规拆解', actions: [], vehicles: 1 });
    const after = await c.client.post('/api/recycling/vehicles', recordBody(901));
    expect(after.json().error).toMatchObject({ code: 'DISMANTLER_NOT_QUALIFIED' });
    expect(after.json().error.message).toContain('撤销');
    const id = recorded.json().id;
    expect((await c.client.post(`/api/recycling/vehicles/${id}/certificate`, { number: 'MX-CERT-900', issuedOn: daysAgo(19) })).statusCode).toBe(200);
    expect(
      (await c.client.post(`/api/recycling/vehicles/${id}/dismantle`, { dismantledOn: daysAgo(15), assemblies: assemblies(daysAgo(15)) })).json().error.code,
    ).toBe('DISMANTLER_NOT_QUALIFIED');
    const kinds = (await c.client.get('/api/notifications')).json().items.map((n: { kind: string }) => n.kind);
    expect(kinds).toEqual(expect.arrayContaining(['recycling_dismantling_qualified', 'recycling_dismantling_revoked']));
    // The office and auditors read; an auditor may not register.
    expect((await office.get('/api/recycling/dismantling-qualifications')).statusCode).toBe(200);
    expect((await auditor.get('/api/recycling/dismantling-qualifications')).statusCode).toBe(200);
  });

  it('validates a record field by field and keeps one open record per VIN and one vehicle per certificate', async () => {
    const bad = await a.client.post('/api/recycling/vehicles', {
      ...recordBody(10),
      vin: vinOf(10).slice(0, 8) + (vinOf(10)[8] === '1' ? '2' : '1') + vinOf(10).slice(9),
      plate: 'XX12',
      owner: { kind: 'person', name: '张三', idNumber: '350582198001010000' },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(['owner.idNumber', 'plate', 'vin']);
    const dates = await a.client.post('/api/recycling/vehicles', {
      ...recordBody(10),
      registeredOn: daysAgo(5),
      receivedOn: daysAgo(6),
      certificate: { number: 'c-10-dates', issuedOn: daysAgo(7) },
    });
    expect(dates.json().error.details.map((d: { field: string }) => d.field)).toEqual(['receivedOn', 'certificate.issuedOn']);
    const future = await a.client.post('/api/recycling/vehicles', { ...recordBody(10), receivedOn: addDays(shanghaiDate(), 1) });
    expect(future.json().error.details).toEqual([expect.objectContaining({ field: 'receivedOn' })]);
    expect((await town.post('/api/recycling/vehicles', recordBody(10))).statusCode).toBe(403);
    expect((await commerce.post('/api/recycling/vehicles', recordBody(10))).statusCode).toBe(403);

    const ok = await a.client.post('/api/recycling/vehicles', {
      ...recordBody(10),
      plate: '闽c 1234 5',
      certificate: { number: 'bf 2026 0010', issuedOn: daysAgo(20) },
    });
    expect(ok.statusCode).toBe(201);
    const v = ok.json();
    expect(v).toMatchObject({
      status: 'certificate_issued',
      plate: '闽C12345',
      certificateNumber: 'BF20260010',
      townId: townA,
      owner: { kind: 'person', name: '车主10', idNumberMask: expect.stringMatching(/^3505\*+\d{4}$/), creditCode: null },
      actions: ['dismantle', 'correct', 'withdraw'],
    });
    expect(v.timeline.map((e: { action: string }) => e.action)).toEqual(['receive', 'issueCertificate']);
    const row = await t.deps.database.db.selectFrom('recycling_scrapped_vehicles').selectAll().where('id', '=', v.id).executeTakeFirstOrThrow();
    expect(row.owner_id_enc).not.toContain(idOf(10));
    expect(t.deps.sealer.open(row.owner_id_enc!)).toBe(idOf(10));
    expect(JSON.stringify(v)).not.toContain(idOf(10));

    const again = await b.client.post('/api/recycling/vehicles', recordBody(10));
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'VEHICLE_ALREADY_RECORDED', details: [{ field: 'vin' }] });
    const sameCert = await b.client.post('/api/recycling/vehicles', { ...recordBody(11), certificate: { number: 'BF20260010', issuedOn: daysAgo(20) } });
    expect(sameCert.json().error).toMatchObject({ code: 'SCRAPPING_CERTIFICATE_USED', details: [{ field: 'certificate.number' }] });
    // An organisation owner is named by its credit code.
    const org = await b.client.post('/api/recycling/vehicles', {
      ...recordBody(12),
      owner: { kind: 'organization', name: '晋江某运输公司', creditCode: '91350100M000100Y43' },
    });
    expect(org.json()).toMatchObject({ status: 'received', owner: { kind: 'organization', idNumberMask: null, creditCode: '91350100M000100Y43' } });
    // The database holds the rules too.
    await expect(
      t.deps.database.db
        .updateTable('recycling_scrapped_vehicles')
        .set({ dismantled_on: daysAgo(30) })
        .where('id', '=', v.id)
        .execute(),
    ).rejects.toThrow();
  });

  it('carries a vehicle through the steps in date order, on its timeline, the owner following on a phone', async () => {
    const id = (await a.client.post('/api/recycling/vehicles', recordBody(1))).json().id;
    expect((await owner.get('/api/notifications')).json().items.map((n: { kind: string }) => n.kind)).toContain('recycling_vehicle_received');
    expect(
      (await a.client.post(`/api/recycling/vehicles/${id}/dismantle`, { dismantledOn: daysAgo(1), assemblies: assemblies(daysAgo(1)) })).json().error.code,
    ).toBe('INVALID_STATE');
    expect((await b.client.post(`/api/recycling/vehicles/${id}/certificate`, { number: 'CERT-0001', issuedOn: daysAgo(18) })).statusCode).toBe(403);
    expect(
      (await a.client.post(`/api/recycling/vehicles/${id}/certificate`, { number: 'CERT-0001', issuedOn: daysAgo(21) })).json().error.details[0],
    ).toMatchObject({
      field: 'issuedOn',
    });
    expect((await a.client.post(`/api/recycling/vehicles/${id}/certificate`, { number: 'CERT-0001', issuedOn: daysAgo(18) })).json().status).toBe(
      'certificate_issued',
    );

    const four = await a.client.post(`/api/recycling/vehicles/${id}/dismantle`, { dismantledOn: daysAgo(15), assemblies: assemblies(daysAgo(14)).slice(0, 4) });
    expect(four.json().error.details[0].field).toBe('assemblies');
    const twice = assemblies(daysAgo(14));
    twice[4] = { ...twice[0]! };
    expect(
      (await a.client.post(`/api/recycling/vehicles/${id}/dismantle`, { dismantledOn: daysAgo(15), assemblies: twice })).json().error.details[0].field,
    ).toBe('assemblies.4.assembly');
    const early = await a.client.post(`/api/recycling/vehicles/${id}/dismantle`, { dismantledOn: daysAgo(15), assemblies: assemblies(daysAgo(16)) });
    expect(early.json().error.details.map((d: { field: string }) => d.field)).toEqual([
      'assemblies.0.on',
      'assemblies.1.on',
      'assemblies.2.on',
      'assemblies.3.on',
      'assemblies.4.on',
    ]);
    const dismantled = await a.client.post(`/api/recycling/vehicles/${id}/dismantle`, { dismantledOn: daysAgo(15), assemblies: assemblies(daysAgo(14)) });
    expect(dismantled.json()).toMatchObject({ status: 'dismantled', dismantledOn: daysAgo(15), actions: ['deregister', 'correct'] });
    expect(dismantled.json().assemblies.map((x: { assembly: string; destination: string }) => `${x.assembly}:${x.destination}`)).toEqual([
      'engine:remanufacture',
      'steering:scrap_destroyed',
      'transmission:scrap_destroyed',
      'axles:scrap_destroyed',
      'frame:scrap_destroyed',
    ]);
    expect((await a.client.post(`/api/recycling/vehicles/${id}/deregister`, { deregisteredOn: daysAgo(16) })).json().error.details[0].field).toBe(
      'deregisteredOn',
    );
    const done = await a.client.post(`/api/recycling/vehicles/${id}/deregister`, { deregisteredOn: daysAgo(12) });
    expect(done.json()).toMatchObject({ status: 'deregistered', deregisteredOn: daysAgo(12), actions: [] });
    expect(done.json().timeline.map((e: { action: string }) => e.action)).toEqual(['receive', 'issueCertificate', 'dismantle', 'deregister']);

    // The owner sees the one-stop on their phone; nobody else's; others may not read it.
    const mine = (await owner.get('/api/recycling/vehicles/mine')).json();
    expect(mine.items).toEqual([
      expect.objectContaining({
        id,
        status: 'deregistered',
        certificateNumber: 'CERT-0001',
        timeline: expect.arrayContaining([expect.objectContaining({ toStatus: 'deregistered' })]),
      }),
    ]);
    expect(JSON.stringify(mine)).not.toContain('idNumber');
    expect((await owner.get(`/api/recycling/vehicles/${id}`)).statusCode).toBe(200);
    expect((await stranger.get('/api/recycling/vehicles/mine')).json().items).toEqual([]);
    expect((await stranger.get(`/api/recycling/vehicles/${id}`)).statusCode).toBe(403);
    expect((await b.client.get(`/api/recycling/vehicles/${id}`)).statusCode).toBe(403);
    expect((await town.get(`/api/recycling/vehicles/${id}`)).statusCode).toBe(403);
    for (const who of [commerce, office, auditor]) expect((await who.get(`/api/recycling/vehicles/${id}`)).json().actions).toEqual([]);
    expect((await auditor.post(`/api/recycling/vehicles/${id}/deregister`, { deregisteredOn: daysAgo(1) })).statusCode).toBe(403);
    const kinds = (await owner.get('/api/notifications?pageSize=200')).json().items.map((n: { kind: string }) => n.kind);
    for (const k of ['recycling_vehicle_received', 'recycling_vehicle_certificate_issued', 'recycling_vehicle_dismantled', 'recycling_vehicle_deregistered'])
      expect(kinds).toContain(k);
    expect((await stranger.get('/api/notifications')).json().items.map((n: { kind: string }) => n.kind)).not.toContain('recycling_vehicle_received');
  });

  it('corrects a wrong field before deregistration, with its reason, audited; a stale version is refused', async () => {
    const v = (await a.client.post('/api/recycling/vehicles', { ...recordBody(20), plate: '闽C99999' })).json();
    expect((await b.client.put(`/api/recycling/vehicles/${v.id}`, { version: 1, reason: '录入错误', plate: '闽C20020' })).statusCode).toBe(403);
    expect(
      (await a.client.put(`/api/recycling/vehicles/${v.id}`, { version: 1, reason: '录入错误', dismantledOn: daysAgo(3) })).json().error.details[0].field,
    ).toBe('dismantledOn');
    expect((await a.client.put(`/api/recycling/vehicles/${v.id}`, { version: 1, reason: '录入错误', plate: '闽C99999' })).json().error.details[0].field).toBe(
      'reason',
    );
    expect(
      (await a.client.put(`/api/recycling/vehicles/${v.id}`, { version: 1, reason: '录入错误', receivedOn: '2009-01-01' })).json().error.details[0].field,
    ).toBe('receivedOn');
    const fixed = await a.client.put(`/api/recycling/vehicles/${v.id}`, {
      version: 1,
      reason: '号牌与车主录入错误',
      plate: '闽C20020',
      owner: { kind: 'person', name: '车主1', idNumber: idOf(1) },
    });
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json()).toMatchObject({ plate: '闽C20020', version: 2, owner: { name: '车主1' } });
    expect(fixed.json().timeline.at(-1)).toMatchObject({ action: 'correct', reasons: ['号牌与车主录入错误'], fields: ['plate', 'owner'] });
    const stale = await a.client.put(`/api/recycling/vehicles/${v.id}`, { version: 1, reason: '再次更正', plate: '闽C20021' });
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    // The new owner now follows the vehicle.
    expect((await owner.get('/api/recycling/vehicles/mine')).json().items.map((x: { id: number }) => x.id)).toContain(v.id);
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'recycling_scrapped_vehicle')
      .where('entity_id', '=', String(v.id))
      .where('action', '=', 'correct')
      .where('outcome', '=', 'ok')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.before_json).toContain('闽C99999');
    expect(audit[0]!.after_json).toContain('闽C20020');
    expect(`${audit[0]!.before_json}${audit[0]!.after_json}`).not.toContain(idOf(1));
    // Once deregistered, the record is what the traffic police acted on.
    await carryThrough(a.client, v.id, 'CERT-0020');
    expect((await a.client.put(`/api/recycling/vehicles/${v.id}`, { version: 2, reason: '太晚了', plate: '闽C20022' })).json().error.code).toBe(
      'INVALID_STATE',
    );
  });

  it('a record made by mistake is withdrawn before dismantling; its VIN is free again, its certificate spent', async () => {
    const v = (await a.client.post('/api/recycling/vehicles', { ...recordBody(30), certificate: { number: 'CERT-0030', issuedOn: daysAgo(20) } })).json();
    expect((await a.client.post(`/api/recycling/vehicles/${v.id}/withdraw`, { reason: '' })).statusCode).toBe(400);
    const w = await a.client.post(`/api/recycling/vehicles/${v.id}/withdraw`, { reason: '车辆识别代号录错，重新登记' });
    expect(w.json()).toMatchObject({ status: 'withdrawn', withdrawnReason: '车辆识别代号录错，重新登记', actions: [] });
    expect((await b.client.post('/api/recycling/vehicles', recordBody(30))).statusCode).toBe(201);
    expect(
      (await b.client.post('/api/recycling/vehicles', { ...recordBody(31), certificate: { number: 'CERT-0030', issuedOn: daysAgo(20) } })).statusCode,
    ).toBe(409);
  });

  it('a corrected VIN or certificate number is checked across dismantlers, and the old one is free again', async () => {
    const withCert = (n: number) => ({ ...recordBody(n), certificate: { number: `CERT-00${n}`, issuedOn: daysAgo(20) } });
    const x = (await a.client.post('/api/recycling/vehicles', withCert(50))).json();
    expect((await b.client.post('/api/recycling/vehicles', withCert(51))).statusCode).toBe(201);
    const taken = await a.client.put(`/api/recycling/vehicles/${x.id}`, { version: 1, reason: '录入错误', vin: vinOf(51) });
    expect(taken.json().error).toMatchObject({ code: 'VEHICLE_ALREADY_RECORDED', details: [{ field: 'vin' }] });
    const used = await a.client.put(`/api/recycling/vehicles/${x.id}`, { version: 1, reason: '录入错误', certificateNumber: 'CERT-0051' });
    expect(used.json().error).toMatchObject({ code: 'SCRAPPING_CERTIFICATE_USED', details: [{ field: 'certificateNumber' }] });
    const fixed = await a.client.put(`/api/recycling/vehicles/${x.id}`, { version: 1, reason: '录入错误', vin: vinOf(52), certificateNumber: 'CERT-0052' });
    expect(fixed.json()).toMatchObject({ vin: vinOf(52), certificateNumber: 'CERT-0052', version: 2 });
    // The old VIN and number are another record's to take now; the new ones are held.
    expect((await b.client.post('/api/recycling/vehicles', withCert(50))).statusCode).toBe(201);
    expect((await b.client.post('/api/recycling/vehicles', recordBody(52))).json().error.code).toBe('VEHICLE_ALREADY_RECORDED');
    const z = (await b.client.post('/api/recycling/vehicles', recordBody(53))).json();
    const again = await b.client.post(`/api/recycling/vehicles/${z.id}/certificate`, { number: 'CERT-0052', issuedOn: daysAgo(18) });
    expect(again.json().error.code).toBe('SCRAPPING_CERTIFICATE_USED');
  });

  it('lists with filters, search, sorting and pages; a dismantler its own; 市商务局 exports the register', async () => {
    const mk = async (n: number, receivedAgo: number) =>
      (await b.client.post('/api/recycling/vehicles', recordBody(n, { receivedOn: daysAgo(receivedAgo) }))).json().id as number;
    const x = await mk(40, 40);
    const y = await mk(41, 5);
    const all = (await commerce.get('/api/recycling/vehicles?pageSize=200')).json();
    expect(all.total).toBeGreaterThanOrEqual(8);
    const own = (await b.client.get('/api/recycling/vehicles?pageSize=200')).json();
    expect(own.items.every((v: { dismantlerOrganizationId: number }) => v.dismantlerOrganizationId === b.orgId)).toBe(true);
    expect((await b.client.get(`/api/recycling/vehicles?dismantlerId=${a.orgId}`)).json().total).toBe(0);
    expect(ids((await commerce.get(`/api/recycling/vehicles?dismantlerId=${b.orgId}&from=${daysAgo(41)}&to=${daysAgo(39)}`)).json())).toEqual([x]);
    expect(ids((await commerce.get(`/api/recycling/vehicles?q=${vinOf(41).slice(-8).toLowerCase()}`)).json())).toEqual([y]);
    expect(
      ids((await commerce.get(`/api/recycling/vehicles?townId=${townB}&status=received&sort=receivedOn&order=asc&dismantlerId=${b.orgId}`)).json()).slice(0, 1),
    ).toEqual([x]);
    const paged = (await commerce.get(`/api/recycling/vehicles?dismantlerId=${b.orgId}&pageSize=1&page=2&sort=receivedOn&order=desc`)).json();
    expect(paged).toMatchObject({ page: 2, pageSize: 1 });
    expect(paged.items).toHaveLength(1);
    expect((await owner.get('/api/recycling/vehicles')).statusCode).toBe(403);
    expect((await town.get('/api/recycling/vehicles')).statusCode).toBe(403);

    const summary = (await commerce.get('/api/recycling/vehicles/summary')).json();
    expect(summary.byStatus.deregistered).toBeGreaterThanOrEqual(2);
    expect(summary.byDismantler.find((d: { organizationId: number }) => d.organizationId === a.orgId)).toMatchObject({ deregistered: 2 });
    expect(summary.assemblies.remanufacture).toBeGreaterThanOrEqual(2);
    expect((await b.client.get('/api/recycling/vehicles/summary')).statusCode).toBe(403);

    const file = await commerce.get(`/api/recycling/vehicles/export.xlsx?dismantlerId=${a.orgId}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as never);
    const sheet = wb.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['车辆识别代号', '回收证明编号', '发动机', '车架', '注销日期']));
    const rows = sheet.getSheetValues().slice(2) as unknown[][];
    const deregistered = rows.filter((r) => r.includes('已注销'));
    expect(deregistered).toHaveLength(2);
    expect(deregistered[0]!.some((c) => typeof c === 'string' && c.startsWith('再制造'))).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(idOf(1));
    expect((await b.client.get('/api/recycling/vehicles/export.xlsx')).statusCode).toBe(200);
    expect((await owner.get('/api/recycling/vehicles/export.xlsx')).statusCode).toBe(403);
  });
});
