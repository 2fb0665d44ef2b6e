import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeCreditCodeCheckChar } from '../../../../shared/validators/creditCode.js';
import { createTestApp, type TestApp } from '../../../../../test/helpers/testApp.js';

const code = (first17: string) => first17 + computeCreditCodeCheckChar(first17);

describe('organisations', () => {
  let t: TestApp;
  let towns: { id: number; name: string }[];
  beforeAll(async () => {
    t = await createTestApp();
    towns = (await t.anonymous.get('/api/towns')).json();
  });
  afterAll(() => t.close());

  const registration = (over: Record<string, unknown> = {}) => ({
    name: '晋江测试鞋业有限公司',
    creditCode: code('91350582MA3TEXT01'),
    townId: towns[0]!.id,
    address: '晋江市青阳街道测试路1号',
    contactName: '王五',
    contactMobile: '13600000001',
    username: 'shoe_maker',
    password: 'Enterprise#2024',
    ...over,
  });

  it('seeds the office, every responsible unit and the twenty towns', async () => {
    expect(towns).toHaveLength(20);
    expect(towns.map((x) => x.name)).toEqual(expect.arrayContaining(['青阳街道', '西滨镇', '晋江经济开发区']));
    const office = await t.login('demo_office');
    const depts = (await office.get('/api/organizations?kind=department&pageSize=100')).json();
    expect(depts.total).toBe(28);
    expect(depts.items.map((o: { name: string }) => o.name)).toEqual(expect.arrayContaining(['市商务局', '泉州海关驻晋江办事处', '供电公司']));
  });

  it('an enterprise registers (pending); a bad credit code is a 400 naming the field; the same code cannot register twice', async () => {
    const bad = await t.anonymous.post('/api/auth/register/enterprise', registration({ creditCode: '91350582MA3TEXT01X' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ field: 'creditCode', reason: 'creditCode.checksum' });
    const forbidden = await t.anonymous.post('/api/auth/register/enterprise', registration({ creditCode: 'O1350582MA3TEXT011' }));
    expect(forbidden.json().error.details[0].reason).toBe('creditCode.forbiddenLetter');
    const ok = await t.anonymous.post('/api/auth/register/enterprise', registration());
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ kind: 'enterprise', status: 'pending', townName: towns[0]!.name, contactMobile: '136****0001' });
    const again = await t.anonymous.post('/api/auth/register/enterprise', registration({ username: 'other_name' }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details[0].field).toBe('creditCode');
  });

  it('the town approves an enterprise in its own jurisdiction', async () => {
    const town = await t.login('demo_town'); // 青阳街道 = towns[0]
    const pending = (await town.get('/api/organizations?status=pending&kind=enterprise')).json();
    expect(pending.items).toHaveLength(1);
    const res = await town.post(`/api/organizations/${pending.items[0].id}/approve`, { note: '材料齐全' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('active');
    const twice = await town.post(`/api/organizations/${pending.items[0].id}/approve`, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('INVALID_STATE');
  });

  it('a town writing to another town’s record gets 403 and the refusal is audited', async () => {
    const reg = await t.anonymous.post(
      '/api/auth/register/enterprise',
      registration({ creditCode: code('91350582MA3TEXT02'), townId: towns[8]!.id, username: 'chendai_maker', name: '陈埭测试企业' }),
    );
    const orgId = reg.json().id;
    const town = await t.login('demo_town');
    const approve = await town.post(`/api/organizations/${orgId}/approve`, {});
    expect(approve.statusCode).toBe(403);
    const update = await town.patch(`/api/organizations/${towns[8]!.id}`, { address: '别的镇的地址' });
    expect(update.statusCode).toBe(403);
    const denied = await t.deps.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('outcome', '=', 'denied')
      .where('actor_username', '=', 'demo_town')
      .execute();
    expect(denied.map((d) => `${d.entity}:${d.entity_id}:${d.action}`)).toEqual(
      expect.arrayContaining([`organization:${orgId}:review`, `organization:${towns[8]!.id}:update`]),
    );
    const stillPending = await t.deps.database.db.selectFrom('organizations').select('status').where('id', '=', orgId).executeTakeFirstOrThrow();
    expect(stillPending.status).toBe('pending');
    // The town does not even see another town's enterprises.
    expect((await town.get(`/api/organizations/${orgId}`)).statusCode).toBe(403);
    const list = (await town.get('/api/organizations?kind=enterprise&pageSize=200')).json();
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.map((o: { id: number }) => o.id)).not.toContain(orgId);
    expect(list.items.every((o: { townId: number }) => o.townId === towns[0]!.id)).toBe(true);
  });

  it('the office rejects with a reason (required) and the enterprise sees it', async () => {
    const office = await t.login('demo_office');
    const pending = (await office.get('/api/organizations?status=pending')).json().items[0];
    expect((await office.post(`/api/organizations/${pending.id}/reject`, {})).statusCode).toBe(400);
    const res = await office.post(`/api/organizations/${pending.id}/reject`, { note: '营业执照不清晰' });
    expect(res.json()).toMatchObject({ status: 'rejected', reviewNote: '营业执照不清晰' });
  });

  it('lists page, sort, search and filter the same way', async () => {
    const office = await t.login('demo_office');
    const page1 = (await office.get('/api/organizations?pageSize=10&page=1&sort=name&order=asc')).json();
    const page2 = (await office.get('/api/organizations?pageSize=10&page=2&sort=name&order=asc')).json();
    expect(page1.items).toHaveLength(10);
    expect(page1.total).toBeGreaterThan(50);
    expect(new Set([...page1.items, ...page2.items].map((o: { id: number }) => o.id)).size).toBe(20);
    const search = (await office.get(`/api/organizations?q=${encodeURIComponent('商务')}`)).json();
    expect(search.items.map((o: { name: string }) => o.name)).toEqual(['市商务局']);
    const likeChars = (await office.get(`/api/organizations?q=${encodeURIComponent('%')}`)).json();
    expect(likeChars.total).toBe(0);
    const badSort = await office.get('/api/organizations?sort=password');
    expect(badSort.statusCode).toBe(400);
    expect(badSort.json().error.details[0].field).toBe('sort');
  });

  it('exports the filtered list to Excel', async () => {
    const office = await t.login('demo_office');
    const res = await office.get('/api/organizations/export.xlsx?kind=town');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(2).value).toBe('名称');
    expect(sheet.rowCount).toBe(21);
  });

  it('residents and enterprises cannot list organisations', async () => {
    const resident = await t.login('13800000001');
    expect((await resident.get('/api/organizations')).statusCode).toBe(403);
    const merchant = await t.login('demo_merchant');
    expect((await merchant.get('/api/organizations')).statusCode).toBe(403);
    const me = (await merchant.get('/api/auth/me')).json().user;
    expect((await merchant.get(`/api/organizations/${me.organization.id}`)).statusCode).toBe(200);
  });

  // Adjusted for 三员分立: suspending an organisation switches its accounts off, so it is the system
  // administrator's now (the office was refused it), and a duty account lives only in an office organisation, so
  // the database no longer lets a test move the administrator to 市商务局 (duties/lockout.test.ts proves the
  // last-holder refusal with a second office organisation instead).
  it('cannot lock the city out: nobody suspends their own organisation; the office no longer suspends any', async () => {
    const office = await t.login('demo_office');
    const admin = await t.login('demo_admin');
    const me = (await admin.get('/api/auth/me')).json().user;
    const own = await admin.post(`/api/organizations/${me.organization.id}/suspend`, { note: '测试暂停' });
    expect(own.statusCode).toBe(409);
    expect(own.json().error.code).toBe('ORGANIZATION_SELF_SUSPEND');
    expect((await admin.get('/api/auth/me')).statusCode).toBe(200);
    expect((await office.post(`/api/organizations/${me.organization.id}/suspend`, { note: '测试暂停' })).statusCode).toBe(403);
    const commerce = Number((await t.deps.database.db.selectFrom('organizations').select('id').where('name', '=', '市商务局').executeTakeFirstOrThrow()).id);
    expect((await office.post(`/api/organizations/${commerce}/suspend`, { note: '测试暂停' })).statusCode).toBe(403);
    expect((await admin.post(`/api/organizations/${commerce}/suspend`, { note: '测试暂停' })).statusCode).toBe(200);
    expect((await admin.post(`/api/organizations/${commerce}/resume`, {})).statusCode).toBe(200);
  });
});
