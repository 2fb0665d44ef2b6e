import { setParameter as setOfficeParameter } from '../../../../../test/helpers/parameters.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { addDays, shanghaiDate } from '../../../../../test/helpers/clock.js';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { shanghaiInstant } from '../../../core/time.js';
import { nowIso } from '../../../db/time.js';
import { projectsDictionaryUsage } from './dictionaryUsage.js';
import { projectsMetrics } from './metrics.js';
import { seedProjectsDemo } from './seed.js';
import { addDepartmentUser, addEnterprise, addTownUser, projectInput, TEST_PASSWORD, uploadEvidence } from './testSetup.js';

const fields = (res: { json(): { error: { details: { field: string }[] } } }) => res.json().error.details.map((d) => d.field);

describe('renewal projects', () => {
  let t: TestApp;
  let ent: TestClient;
  let other: TestClient;
  let town: TestClient;
  let otherTown: TestClient;
  let industry: TestClient;
  let commerce: TestClient;
  let office: TestClient;
  let townId: number;
  let otherTownId: number;

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.deps.database.db;
    const towns = (await db.selectFrom('organizations').select('id').where('kind', '=', 'town').orderBy('id').execute()).map((r) => Number(r.id));
    [townId, otherTownId] = [towns[3]!, towns[4]!];
    await addEnterprise(t, 'rp_ent', townId);
    await addEnterprise(t, 'rp_other', townId);
    await addTownUser(t, 'rp_town', townId);
    await addTownUser(t, 'rp_town2', otherTownId);
    ent = await t.login('rp_ent', TEST_PASSWORD);
    other = await t.login('rp_other', TEST_PASSWORD);
    town = await t.login('rp_town', TEST_PASSWORD);
    otherTown = await t.login('rp_town2', TEST_PASSWORD);
    await addDepartmentUser(t, 'rp_miit', '市工信局');
    industry = await t.login('rp_miit', TEST_PASSWORD);
    commerce = await t.login('demo_department');
    office = await t.login('demo_office');
  });
  afterAll(() => t.close());

  const setParameter = (key: string, value: number | string) => setOfficeParameter(office, key, value);

  const create = async (over: Record<string, unknown> = {}) => {
    const res = await ent.post('/api/renewal/projects', projectInput(townId, over));
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; code: string; status: string };
  };

  it('registers a draft in fen with its equipment, flagging machine tools over the configured years', async () => {
    const p = await create();
    expect(p.code).toMatch(/^RP-2026-\d{6}$/);
    const view = (await ent.get(`/api/renewal/projects/${p.id}`)).json();
    expect(view).toMatchObject({ status: 'draft', plannedInvestmentFen: 1_000_000_000, plannedEquipmentFen: 800_000_000, year: 2026, oldMachineToolYears: 10 });
    // 12 years: flagged; exactly 10: not "over 10"; a compressor of 15 is no machine tool.
    expect(view.oldEquipment.map((e: { overAge: boolean }) => e.overAge)).toEqual([true, false, false]);
    expect(view.newEquipment[0]).toMatchObject({ equipmentCode: 'footwear_auto_cutting', isFirstSet: true });
    expect(view.actions).toEqual(expect.arrayContaining(['edit', 'submit']));
    // The office lowers the age: the 10-year-old mill is now flagged too.
    await setParameter('renewal.oldMachineToolYears', 9);
    expect((await ent.get(`/api/renewal/projects/${p.id}`)).json().oldEquipment.map((e: { overAge: boolean }) => e.overAge)).toEqual([true, true, false]);
    await setParameter('renewal.oldMachineToolYears', 10);
  });

  it('refuses field by field: equipment over total, dates out of order, codes not in the dictionaries, not a town', async () => {
    const res = await ent.post(
      '/api/renewal/projects',
      projectInput(townId, {
        plannedEquipmentFen: 1_000_000_001,
        plannedEnd: '2026-02-01',
        industry: 'spaceships',
        newEquipment: [{ equipmentCode: 'warp_drive', name: 'x', count: 1 }],
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(fields(res).sort()).toEqual(['industry', 'newEquipment.0.equipmentCode', 'plannedEnd', 'plannedEquipmentFen'].sort());
    expect(fields(await ent.post('/api/renewal/projects', projectInput(otherTownId + 100_000)))).toEqual(['townId']);
    // Money is integer fen: 1.5 fen is refused by the schema.
    expect((await ent.post('/api/renewal/projects', projectInput(townId, { plannedInvestmentFen: 1.5 }))).statusCode).toBe(400);
    // Only an enterprise registers.
    expect((await town.post('/api/renewal/projects', projectInput(townId))).statusCode).toBe(403);
  });

  it('holds the fen rules in the database too: the equipment share ≤ the investment, start ≤ end', async () => {
    const p = await create();
    const db = t.deps.database.db;
    await expect(db.updateTable('renewal_projects').set({ planned_equipment_fen: 2_000_000_000 }).where('id', '=', p.id).execute()).rejects.toThrow();
    await expect(db.updateTable('renewal_projects').set({ planned_end: '2020-01-01' }).where('id', '=', p.id).execute()).rejects.toThrow();
    await expect(
      db.updateTable('renewal_projects').set({ actual_investment_fen: 10, actual_equipment_fen: 11 }).where('id', '=', p.id).execute(),
    ).rejects.toThrow();
    await expect(db.updateTable('renewal_projects').set({ completed_on: '2026-05-01' }).where('id', '=', p.id).execute()).rejects.toThrow();
    await db
      .updateTable('renewal_projects')
      .set({ planned_equipment_fen: sql<number>`planned_investment_fen` })
      .where('id', '=', p.id)
      .execute();
  });

  it('goes draft → submitted → town checked → library → under construction → completed, each move on the timeline', async () => {
    // Adds land: the full path through the town.
    const p = await create({ addsLand: true });
    expect((await other.post(`/api/renewal/projects/${p.id}/submit`)).statusCode).toBe(403);
    // A draft is the enterprise's own: its town does not see it yet.
    expect((await town.get(`/api/renewal/projects/${p.id}`)).statusCode).toBe(404);
    const submitted = (await ent.post(`/api/renewal/projects/${p.id}/submit`)).json();
    expect(submitted).toMatchObject({ status: 'submitted', simplified: false });
    expect((await ent.put(`/api/renewal/projects/${p.id}`, projectInput(townId))).statusCode).toBe(400);
    // Another town, the department before the town, and the enterprise itself cannot check it.
    expect((await otherTown.post(`/api/renewal/projects/${p.id}/town-pass`, {})).statusCode).toBe(403);
    expect((await industry.post(`/api/renewal/projects/${p.id}/approve`, {})).statusCode).toBe(409);
    expect((await ent.post(`/api/renewal/projects/${p.id}/town-pass`, {})).statusCode).toBe(403);
    const queue = (await town.get('/api/renewal/projects/town?status=submitted')).json();
    expect(queue.items.map((i: { id: number }) => i.id)).toContain(p.id);
    expect((await town.post(`/api/renewal/projects/${p.id}/town-pass`, { note: '材料齐全' })).json().status).toBe('town_checked');
    // 市商务局 holds no renewal grant: it may not approve; 市工信局 does.
    expect((await commerce.post(`/api/renewal/projects/${p.id}/approve`, {})).statusCode).toBe(403);
    expect((await industry.get('/api/renewal/projects?status=town_checked')).json().items.map((i: { id: number }) => i.id)).toContain(p.id);
    expect((await industry.post(`/api/renewal/projects/${p.id}/approve`, {})).json().status).toBe('in_library');
    const today = shanghaiDate();
    expect(fields(await ent.post(`/api/renewal/projects/${p.id}/start`, { startedOn: addDays(today, 1) }))).toEqual(['startedOn']);
    expect((await ent.post(`/api/renewal/projects/${p.id}/start`, { startedOn: addDays(today, -20) })).json().status).toBe('under_construction');
    // Completion needs the enterprise's own evidence, and an equipment share within the actual investment.
    const foreign = await uploadEvidence(other);
    const mine = await uploadEvidence(ent);
    const bad = await ent.post(`/api/renewal/projects/${p.id}/complete`, {
      completedOn: addDays(today, -30),
      actualInvestmentFen: 900_000_000,
      actualEquipmentFen: 950_000_000,
      evidence: [foreign],
    });
    expect(fields(bad).sort()).toEqual(['actualEquipmentFen', 'completedOn', 'evidence.0']);
    expect(
      (await ent.post(`/api/renewal/projects/${p.id}/complete`, { completedOn: today, actualInvestmentFen: 1, actualEquipmentFen: 0, evidence: [] }))
        .statusCode,
    ).toBe(400);
    const done = (
      await ent.post(`/api/renewal/projects/${p.id}/complete`, {
        completedOn: addDays(today, -1),
        actualInvestmentFen: 1_234_567_891,
        actualEquipmentFen: 900_000_000,
        evidence: [mine],
      })
    ).json();
    expect(done).toMatchObject({ status: 'completed', actualInvestmentFen: 1_234_567_891, evidence: [{ id: mine }] });
    expect(done.timeline.map((e: { action: string }) => e.action)).toEqual(['draft', 'submit', 'townPass', 'approve', 'start', 'complete']);
    // The town reads the evidence through the project (audited); someone else's enterprise does not see the project.
    expect((await town.get(`/api/renewal/projects/${p.id}/evidence/${mine}`)).statusCode).toBe(200);
    expect((await other.get(`/api/renewal/projects/${p.id}`)).statusCode).toBe(403);
    expect((await industry.get(`/api/renewal/projects/${p.id}/evidence/${foreign}`)).statusCode).toBe(404);
    // Every move was notified: the enterprise heard of the approval.
    const db = t.deps.database.db;
    const kinds = (await db.selectFrom('notifications').select('kind').where('dedupe_key', 'like', `renewal:project:${p.id}:%`).execute()).map((n) => n.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['renewal_project_submitted', 'renewal_project_awaiting_approval', 'renewal_project_approved', 'renewal_project_completed']),
    );
    const audits = await db.selectFrom('audit_log').select('action').where('entity', '=', 'renewal_project').where('entity_id', '=', String(p.id)).execute();
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['draft', 'submit', 'townPass', 'approve', 'start', 'complete']));
  });

  it('returns with a reason at the town and at the department; the enterprise edits and submits again', async () => {
    const p = await create({ addsLand: true });
    await ent.post(`/api/renewal/projects/${p.id}/submit`);
    expect((await town.post(`/api/renewal/projects/${p.id}/town-return`, {})).statusCode).toBe(400);
    const back = (await town.post(`/api/renewal/projects/${p.id}/town-return`, { reason: '缺少设备清单' })).json();
    expect(back).toMatchObject({ status: 'returned', returnReason: '缺少设备清单', returnedFrom: 'town_check' });
    expect((await ent.put(`/api/renewal/projects/${p.id}`, projectInput(townId, { addsLand: true, name: '补充后的项目' }))).json().name).toBe('补充后的项目');
    await ent.post(`/api/renewal/projects/${p.id}/submit`);
    await town.post(`/api/renewal/projects/${p.id}/town-pass`, {});
    const again = (await industry.post(`/api/renewal/projects/${p.id}/return`, { reason: '投资额需核实' })).json();
    expect(again).toMatchObject({ status: 'returned', returnedFrom: 'approval' });
    expect(again.timeline.at(-1)).toMatchObject({ action: 'departmentReturn', reasons: ['投资额需核实'] });
    // A returned project is no start: the wrong step is a 409.
    expect((await ent.post(`/api/renewal/projects/${p.id}/start`, { startedOn: shanghaiDate() })).statusCode).toBe(409);
  });

  it('takes the simplified path: no new land and equipment ≥ the configured share skip the town check', async () => {
    const p = await create();
    const v = (await ent.post(`/api/renewal/projects/${p.id}/submit`)).json();
    expect(v).toMatchObject({ status: 'town_checked', simplified: true, skippedStep: 'town_check' });
    expect(v.timeline.at(-1).action).toBe('submitSimplified');
    // Below the share: the normal path.
    const low = await create({ plannedEquipmentFen: 500_000_000, newEquipment: [] });
    expect((await ent.post(`/api/renewal/projects/${low.id}/submit`)).json()).toMatchObject({ status: 'submitted', simplified: false });
    // The office switches the simplified path off.
    await setParameter('renewal.simplifiedSkipStep', 'none');
    const off = await create();
    expect((await ent.post(`/api/renewal/projects/${off.id}/submit`)).json().status).toBe('submitted');
    await setParameter('renewal.simplifiedSkipStep', 'town_check');
  });

  it('lists with filters, search, sorting and paging; the enterprise sees its own only', async () => {
    const mine = (await ent.get('/api/renewal/projects/mine?pageSize=100')).json();
    expect(mine.total).toBeGreaterThan(3);
    expect((await other.get('/api/renewal/projects/mine')).json().total).toBe(0);
    const lib = (await industry.get(`/api/renewal/projects?townId=${townId}&sector=industry&year=2026&sort=plannedInvestment&order=asc&pageSize=2`)).json();
    expect(lib.pageSize).toBe(2);
    expect(lib.items.every((i: { townId: number; status: string }) => i.townId === townId && i.status !== 'draft')).toBe(true);
    expect((await industry.get('/api/renewal/projects?q=补充后')).json().items.map((i: { name: string }) => i.name)).toEqual(['补充后的项目']);
    expect((await ent.get('/api/renewal/projects')).statusCode).toBe(403);
    const xlsx = await industry.get(`/api/renewal/projects/export.xlsx?townId=${townId}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
  });

  it('seeds the demo projects once, at every step, labelled 演示', async () => {
    await seedProjectsDemo(t.deps);
    await seedProjectsDemo(t.deps);
    const rows = await t.deps.database.db.selectFrom('renewal_projects').select(['status', 'name']).where('is_demo', '=', 1).execute();
    expect(rows.length).toBe(7);
    expect(new Set(rows.map((r) => r.status)).size).toBe(7);
    expect(rows.every((r) => r.name.includes('演示'))).toBe(true);
    const demo = await t.login('demo_industry');
    expect((await demo.get('/api/renewal/projects?status=town_checked')).json().items.some((i: { simplified: boolean }) => i.simplified)).toBe(true);
  });

  it('records recognitions (市工信局 only) and counts the metrics by town and window', async () => {
    const db = t.deps.database.db;
    const lib = (await industry.get(`/api/renewal/projects?townId=${townId}&status=completed`)).json();
    const done = lib.items[0];
    const rec = { kind: 'demonstration_factory', level: 'provincial', title: '省级智能制造示范工厂', recognizedOn: shanghaiDate(), projectId: done.id };
    expect((await town.post('/api/renewal/recognitions', rec)).statusCode).toBe(403);
    expect((await industry.post('/api/renewal/recognitions', rec)).statusCode).toBe(201);
    expect(fields(await industry.post('/api/renewal/recognitions', rec))).toEqual(['level']);
    // A higher level later is the same factory: not new again.
    expect((await industry.post('/api/renewal/recognitions', { ...rec, level: 'national' })).statusCode).toBe(201);
    expect((await town.get(`/api/renewal/recognitions?townId=${townId}`)).json().total).toBe(2);

    // A project of another sector, and one started in another town, do not count for this town's retrofits.
    // The last 60 days: the completion above (yesterday) and the starts below (today) are inside it.
    const window = { from: shanghaiInstant(addDays(shanghaiDate(), -60)).toISOString(), to: new Date(Date.now() + 60_000).toISOString(), townId };
    const metric = async (name: string) => (await projectsMetrics.find((m) => m.name === name)!.compute(db, window))!;
    const started = await metric('renewal.projects.retrofitStarted');
    const startedOn = shanghaiDate();
    const p = await create({ sector: 'healthcare', addsLand: true });
    await db
      .updateTable('renewal_projects')
      .set({ status: 'under_construction', started_on: startedOn, updated_at: nowIso() })
      .where('id', '=', p.id)
      .execute();
    expect(await metric('renewal.projects.retrofitStarted')).toBe(started);
    const q = await create({ addsLand: true });
    await db
      .updateTable('renewal_projects')
      .set({ status: 'under_construction', started_on: startedOn, updated_at: nowIso() })
      .where('id', '=', q.id)
      .execute();
    expect(await metric('renewal.projects.retrofitStarted')).toBe(started + 1);
    // 1,234,567,891 fen completed in the window in this town = 0.1235 亿元 (to 1万元).
    expect(await metric('renewal.projects.investmentCompleted')).toBeCloseTo(0.1235, 4);
    expect(await projectsMetrics.find((m) => m.name === 'renewal.projects.investmentCompleted')!.compute(db, { ...window, townId: otherTownId })).toBe(0);
    expect(await metric('renewal.recognitions.smartFactoriesAndScenes')).toBe(1);
    expect(await projectsMetrics.find((m) => m.name === 'renewal.recognitions.smartFactoriesAndScenes')!.compute(db, { ...window, townId: otherTownId })).toBe(
      0,
    );
  });

  it('counts the dictionary codes projects use, so they are disabled rather than deleted', async () => {
    const db = t.deps.database.db;
    const [industryUse, equipmentUse] = projectsDictionaryUsage;
    expect(await industryUse!.countUses(db, 'footwear')).toBeGreaterThan(0);
    expect(await industryUse!.countUses(db, 'umbrella')).toBe(0);
    expect(await equipmentUse!.countUses(db, 'footwear_auto_cutting')).toBeGreaterThan(0);
  });

  it('the department returns a completion it finds short: under construction again, out of the completed investment', async () => {
    const p = await create({ addsLand: true });
    await ent.post(`/api/renewal/projects/${p.id}/submit`);
    await town.post(`/api/renewal/projects/${p.id}/town-pass`, {});
    await industry.post(`/api/renewal/projects/${p.id}/approve`, {});
    const today = shanghaiDate();
    await ent.post(`/api/renewal/projects/${p.id}/start`, { startedOn: addDays(today, -10) });
    const evidence = await uploadEvidence(ent);
    const completion = { completedOn: addDays(today, -1), actualInvestmentFen: 500_000_000, actualEquipmentFen: 400_000_000, evidence: [evidence] };
    const done = (await ent.post(`/api/renewal/projects/${p.id}/complete`, completion)).json();
    expect(done.actions).not.toContain('returnCompletion');
    expect((await industry.get(`/api/renewal/projects/${p.id}`)).json().actions).toContain('returnCompletion');
    // Only the manager, with a reason.
    expect((await ent.post(`/api/renewal/projects/${p.id}/return-completion`, { reason: '自己退回' })).statusCode).toBe(403);
    expect((await town.post(`/api/renewal/projects/${p.id}/return-completion`, { reason: '镇街退回' })).statusCode).toBe(403);
    expect(fields(await industry.post(`/api/renewal/projects/${p.id}/return-completion`, { reason: '' }))).toEqual(['reason']);
    const back = (await industry.post(`/api/renewal/projects/${p.id}/return-completion`, { reason: '缺少竣工验收报告' })).json();
    expect(back).toMatchObject({
      status: 'under_construction',
      completedOn: null,
      actualInvestmentFen: null,
      returnReason: '缺少竣工验收报告',
      returnedFrom: 'completion',
      evidence: [{ id: evidence }],
    });
    expect(back.timeline.at(-1)).toMatchObject({ action: 'returnCompletion', reasons: ['缺少竣工验收报告'] });
    // Not completed twice over: a second return is the wrong step; completing again clears the reason.
    expect((await industry.post(`/api/renewal/projects/${p.id}/return-completion`, { reason: '再次' })).statusCode).toBe(409);
    const again = (await ent.post(`/api/renewal/projects/${p.id}/complete`, completion)).json();
    expect(again).toMatchObject({ status: 'completed', returnReason: null, returnedFrom: null, actualInvestmentFen: 500_000_000 });
    const kinds = await t.deps.database.db.selectFrom('notifications').select('kind').where('dedupe_key', 'like', `renewal:project:${p.id}:%`).execute();
    expect(kinds.map((k) => k.kind)).toContain('renewal_project_completion_returned');
  });
});
