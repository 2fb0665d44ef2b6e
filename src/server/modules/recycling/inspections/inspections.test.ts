import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate, shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { runJobOnce } from '../../../core/jobs.js';
import { inTransaction } from '../../../db/database.js';
import { insertUser } from '../../platform/users/service.js';
import { currentChecklist } from './checklist.js';
import { rectificationOverdueJob } from './jobs.js';
import { insertOperatingSite } from './testing.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const day = (n: number) => addDays(shanghaiDate(), n);
const fields = (res: { json: () => { error: { details: { field: string }[] } } }) => res.json().error.details.map((d) => d.field);

function upload(c: TestClient, filename: string) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(PNG)]), filename);
  return c.request({ method: 'POST', url: '/api/attachments', payload: form as never });
}

/** A morning in Shanghai after the overdue job's hour; nothing here depends on the real date. */
useFakeClock(shanghaiInstant('2027-03-10', '10:00'));

describe('recycling inspections: checklist, results, rectification, overdue', () => {
  let t: TestApp;
  let commerce: TestClient;
  let market: TestClient;
  let town: TestClient;
  let otherTown: TestClient;
  let recycler: TestClient;
  let resident: TestClient;
  let office: TestClient;
  let townId: number;
  let otherTownId: number;
  let recyclerOrg: number;
  let n = 0;
  const site = async (townOf = townId) =>
    insertOperatingSite(t.deps, { code: `RS-T-${++n}`, name: `测试回收站${n}`, townId: townOf, operatorOrganizationId: recyclerOrg, since: day(-100) });
  const answers = (over: Record<string, string> = {}) =>
    currentChecklist().items.map((i) => (over[i.code] ? { item: i.code, answer: over[i.code], note: '灭火器过期' } : { item: i.code, answer: 'ok' }));
  const inspection = (siteId: number, over: Record<string, unknown> = {}) => ({
    siteId,
    checklistVersion: currentChecklist().version,
    answers: answers(),
    findings: '现场检查',
    result: 'pass',
    ...over,
  });

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.deps.database.db;
    const org = async (code: string) => Number((await db.selectFrom('organizations').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id);
    townId = await org('town-01');
    otherTownId = await org('town-02');
    const marketOrg = Number((await db.selectFrom('organizations').select('id').where('name', '=', '市市场监管局').executeTakeFirstOrThrow()).id);
    recyclerOrg = Number(
      (await db.selectFrom('users').select('organization_id').where('username', '=', 'demo_recycler').executeTakeFirstOrThrow()).organization_id,
    );
    await inTransaction(t.deps.database, async (tx) => {
      const base = { password: 'Inspect#2027x', mustChangePassword: false };
      await insertUser(tx, t.deps, { ...base, username: 'market_inspector', displayName: '市场监管局检查员', role: 'department', organizationId: marketOrg });
      await insertUser(tx, t.deps, { ...base, username: 'meiling_town', displayName: '梅岭街道', role: 'town', organizationId: otherTownId });
    });
    [commerce, town, recycler, resident, office] = await Promise.all([
      t.login('demo_department'),
      t.login('demo_town'),
      t.login('demo_recycler'),
      t.login('13800000001'),
      t.login('demo_office'),
    ]);
    market = await t.login('market_inspector', 'Inspect#2027x');
    otherTown = await t.login('meiling_town', 'Inspect#2027x');
  });
  afterAll(() => t.close());

  it('records an inspection against the versioned checklist, with photos, and audits it', async () => {
    const checklist = (await commerce.get('/api/recycling/inspections/checklist')).json();
    expect(checklist.version).toBe(currentChecklist().version);
    expect(checklist.items.map((i: { code: string }) => i.code)).toEqual(expect.arrayContaining(['licence_displayed', 'fire_extinguishers', 'ledger_kept']));
    const siteId = await site();
    const photo = (await upload(market, '现场.png')).json().id;
    const res = await market.post('/api/recycling/inspections', inspection(siteId, { answers: answers({ fire_extinguishers: 'not_ok' }), photos: [photo] }));
    expect(res.statusCode).toBe(201);
    const view = res.json();
    expect(view).toMatchObject({
      siteId,
      result: 'pass',
      inspectedOn: day(0),
      notOkCount: 1,
      photos: [photo],
      rectification: null,
      inspectorOrganizationName: '市市场监管局',
    });
    expect(view.answers.find((a: { item: string }) => a.item === 'fire_extinguishers')).toMatchObject({ answer: 'not_ok', note: '灭火器过期' });
    // The town reads it (its own town) and opens the photo through the inspection, not the uploader's unit.
    expect((await town.get(`/api/recycling/inspections/${view.id}/photos/${photo}`)).statusCode).toBe(200);
    expect((await otherTown.get(`/api/recycling/inspections/${view.id}`)).statusCode).toBe(403);
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select(['action'])
      .where('entity', '=', 'recycling_inspection')
      .where('entity_id', '=', String(view.id))
      .execute();
    expect(audit.map((a) => a.action)).toContain('record');
    // The site's history lists it.
    expect((await commerce.get(`/api/recycling/sites/${siteId}/inspections`)).json().map((i: { id: number }) => i.id)).toEqual([view.id]);
  });

  it('refuses incomplete answers, a stale checklist, a failed item without a note and someone else’s photo, writing nothing', async () => {
    const siteId = await site();
    const items = answers().slice(1);
    expect(fields(await commerce.post('/api/recycling/inspections', inspection(siteId, { answers: items })))).toEqual(['answers']);
    expect(fields(await commerce.post('/api/recycling/inspections', inspection(siteId, { checklistVersion: 99 })))).toEqual(['checklistVersion']);
    const noNote = answers().map((a, i) => (i === 0 ? { item: a.item, answer: 'not_ok' } : a));
    expect(fields(await commerce.post('/api/recycling/inspections', inspection(siteId, { answers: noNote })))).toEqual(['answers.0.note']);
    const theirs = (await upload(market, 'x.png')).json().id;
    expect(fields(await commerce.post('/api/recycling/inspections', inspection(siteId, { photos: [theirs] })))).toEqual(['photos.0']);
    expect(fields(await commerce.post('/api/recycling/inspections', inspection(siteId, { inspectedOn: day(1) })))).toEqual(['inspectedOn']);
    expect((await commerce.get(`/api/recycling/sites/${siteId}/inspections`)).json()).toEqual([]);
  });

  it('a rectify result needs a rectify-by date after the inspection date; only rectify takes one', async () => {
    const siteId = await site();
    const missing = await commerce.post('/api/recycling/inspections', inspection(siteId, { result: 'rectify' }), { 'accept-language': 'en' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details[0]).toMatchObject({ field: 'rectifyBy' });
    expect(
      fields(await commerce.post('/api/recycling/inspections', inspection(siteId, { result: 'rectify', inspectedOn: day(-3), rectifyBy: day(-3) }))),
    ).toEqual(['rectifyBy']);
    expect(fields(await commerce.post('/api/recycling/inspections', inspection(siteId, { result: 'pass', rectifyBy: day(5) })))).toEqual(['rectifyBy']);
    const ok = await commerce.post('/api/recycling/inspections', inspection(siteId, { result: 'rectify', rectifyBy: day(14) }));
    expect(ok.statusCode).toBe(201);
    expect(ok.json().rectification).toMatchObject({ status: 'open', dueOn: day(14), overdue: false });
  });

  it('a ban bans the site at once (off the inspectable sites), and a second inspection is 409', async () => {
    const siteId = await site();
    const res = await commerce.post('/api/recycling/inspections', inspection(siteId, { result: 'ban', findings: '无证经营，露天焚烧' }));
    expect(res.statusCode).toBe(201);
    expect(res.json().siteStatus).toBe('banned');
    const row = await t.deps.database.db.selectFrom('recycling_sites').select(['status', 'status_since']).where('id', '=', siteId).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'banned', status_since: day(0) });
    const timeline = await t.deps.database.db
      .selectFrom('record_timeline')
      .select(['action', 'to_status', 'note'])
      .where('entity', '=', 'recycling_site')
      .where('entity_id', '=', siteId)
      .orderBy('id')
      .execute();
    expect(timeline.at(-1)).toEqual({ action: 'ban', to_status: 'banned', note: '无证经营，露天焚烧' });
    const again = await market.post('/api/recycling/inspections', inspection(siteId));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('SITE_BANNED');
    const options = (await commerce.get(`/api/recycling/inspections/site-options?q=${encodeURIComponent(`测试回收站${n}`)}`)).json();
    expect(options).toEqual([]);
  });

  it('rectification: the operator reports, the inspecting unit rejects, the town reports again, the unit accepts', async () => {
    const siteId = await site();
    const created = (await commerce.post('/api/recycling/inspections', inspection(siteId, { result: 'rectify', rectifyBy: day(10) }))).json();
    const rectId = created.rectification.id;
    const opened = (await recycler.get('/api/recycling/rectifications?state=open')).json();
    expect(opened.items.find((r: { id: number }) => r.id === rectId)).toMatchObject({ actions: ['submit'] });
    // Only the operator or the site's town report; only the inspecting unit (or a manager) verifies.
    expect((await otherTown.post(`/api/recycling/rectifications/${rectId}/submit`, { note: '已整改' })).statusCode).toBe(403);
    expect((await commerce.post(`/api/recycling/rectifications/${rectId}/accept`, {})).statusCode).toBe(409);
    const photo = (await upload(recycler, '整改后.png')).json().id;
    const submitted = await recycler.post(`/api/recycling/rectifications/${rectId}/submit`, { note: '已更换灭火器', photos: [photo] });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().rectification).toMatchObject({ status: 'submitted', submittedPhotos: [photo] });
    expect((await commerce.get(`/api/recycling/inspections/${created.id}/photos/${photo}`)).statusCode).toBe(200);
    expect((await market.post(`/api/recycling/rectifications/${rectId}/accept`, {})).statusCode).toBe(403);
    const rejected = await commerce.post(`/api/recycling/rectifications/${rectId}/reject`, { reason: '照片不清晰' });
    expect(rejected.json().rectification).toMatchObject({ status: 'open', rejectReason: '照片不清晰', dueOn: day(10) });
    expect((await town.post(`/api/recycling/rectifications/${rectId}/submit`, { note: '镇街督促整改完毕' })).statusCode).toBe(200);
    const closed = (await commerce.post(`/api/recycling/rectifications/${rectId}/accept`, { note: '核查通过' })).json();
    expect(closed.rectification.status).toBe('closed');
    expect(closed.rectification.timeline.map((e: { action: string }) => e.action)).toEqual(['open', 'submit', 'reject', 'submit', 'accept']);
    expect((await recycler.post(`/api/recycling/rectifications/${rectId}/submit`, { note: '再次报送' })).statusCode).toBe(409);
    // The unit was told of each report once.
    const told = await t.deps.database.db
      .selectFrom('notifications')
      .select('kind')
      .where('dedupe_key', 'like', 'recycling-rectification-submitted:%')
      .execute();
    expect(told.length).toBe(2);
  });

  it('the overdue list counts rectifications past due and not closed; the job tells the unit and the town once', async () => {
    const late = await site();
    const later = await site();
    const a = (await market.post('/api/recycling/inspections', inspection(late, { result: 'rectify', inspectedOn: day(-10), rectifyBy: day(-1) }))).json();
    await market.post('/api/recycling/inspections', inspection(later, { result: 'rectify', rectifyBy: day(5) }));
    const overdue = (await market.get('/api/recycling/rectifications?state=overdue')).json();
    expect(overdue.items.map((r: { id: number }) => r.id)).toEqual([a.rectification.id]);
    expect(overdue.items[0]).toMatchObject({ overdue: true, siteId: late });
    const counts = (await market.get('/api/recycling/rectifications/counts')).json();
    expect(counts.overdue).toBe(1);
    const db = t.deps.database.db;
    const overdueNotices = () =>
      db.selectFrom('notifications').select(['organization_id', 'dedupe_key']).where('kind', '=', 'recycling_rectification_overdue').execute();
    expect(await runJobOnce(t.deps, rectificationOverdueJob, new Date())).toBe(true);
    const first = await overdueNotices();
    const byNumber = (x: number, y: number) => x - y;
    expect(first.map((x) => Number(x.organization_id)).sort(byNumber)).toEqual([Number(a.inspectorOrganizationId), townId].sort(byNumber));
    // Run again the same day (by hand) and the next day: no notice twice; a week on, the second one is new.
    expect(await runJobOnce(t.deps, rectificationOverdueJob, new Date())).toBe(false);
    await runJobOnce(t.deps, rectificationOverdueJob, shanghaiInstant(day(1), '09:00'));
    expect((await overdueNotices()).length).toBe(2);
    await runJobOnce(t.deps, rectificationOverdueJob, shanghaiInstant(day(7), '09:00'));
    expect((await overdueNotices()).length).toBe(4);
    // The town sees the notice in its notifications.
    const mine = (await town.get('/api/notifications')).json();
    expect(JSON.stringify(mine)).toContain('整改已超期');
  });

  it('officials list inspections with filters, sorting, paging and Excel; a town sees its own; others are refused', async () => {
    const mine = await site();
    const theirs = await site(otherTownId);
    await town.post('/api/recycling/inspections', inspection(mine, { inspectedOn: day(-2) }));
    expect((await otherTown.post('/api/recycling/inspections', inspection(mine))).statusCode).toBe(403);
    expect((await otherTown.post('/api/recycling/inspections', inspection(theirs, { result: 'rectify', rectifyBy: day(3) }))).statusCode).toBe(201);
    expect((await recycler.post('/api/recycling/inspections', inspection(mine))).statusCode).toBe(403);
    expect((await resident.get('/api/recycling/inspections')).statusCode).toBe(403);
    expect((await resident.get('/api/recycling/rectifications')).statusCode).toBe(403);

    const all = (await office.get('/api/recycling/inspections?pageSize=200')).json();
    expect(all.total).toBeGreaterThanOrEqual(8);
    const townOnly = (await town.get('/api/recycling/inspections?pageSize=200')).json();
    expect(townOnly.items.every((i: { townId: number }) => i.townId === townId)).toBe(true);
    expect(townOnly.items.some((i: { siteId: number }) => i.siteId === theirs)).toBe(false);
    const rectify = (await office.get(`/api/recycling/inspections?result=rectify&townId=${otherTownId}`)).json();
    expect(rectify.items.map((i: { siteId: number }) => i.siteId)).toEqual([theirs]);
    const byUnit = (await office.get(`/api/recycling/inspections?inspectorOrganizationId=${townId}&from=${day(-2)}&to=${day(-2)}`)).json();
    expect(byUnit.items.map((i: { siteId: number }) => i.siteId)).toEqual([mine]);
    const sorted = (await office.get('/api/recycling/inspections?sort=inspectedOn&order=asc&pageSize=200'))
      .json()
      .items.map((i: { inspectedOn: string }) => i.inspectedOn);
    expect(sorted).toEqual([...sorted].sort());
    const paged = (await office.get('/api/recycling/inspections?pageSize=2&page=2')).json();
    expect(paged).toMatchObject({ page: 2, pageSize: 2 });
    expect(paged.items.length).toBe(2);
    const xlsx = await office.get('/api/recycling/inspections/export?result=rectify');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect((await recycler.get('/api/recycling/inspections/export')).statusCode).toBe(403);
  });
});
