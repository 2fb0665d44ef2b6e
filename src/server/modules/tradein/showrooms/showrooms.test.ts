import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import type { TestClient } from '../../../../../test/helpers/testApp.js';
import { seedTradeinDemo } from '../programs/demo.js';
import { createTradeinWorld, type Shop, type TradeinWorld } from '../risk/testFixture.js';
import { seedShowroomDemo } from './demo.js';

/**
 * Showrooms and sample rooms: a business registers its own (offline with town and address, online with a web
 * address, under programmes it is enrolled in), nobody else edits them; the residents' finder lists the open ones
 * of businesses approved in a running programme; supervisors list and export them all.
 */
useFakeClock(shanghaiInstant('2026-06-10', '07:30'));

const EN = { 'accept-language': 'en' };

interface Detail {
  field: string;
  reason: string;
  message: string;
}
interface Showroom {
  id: number;
  name: string;
  status: string;
  townName: string | null;
  programs: { id: number }[];
}
interface PublicShowroom extends Record<string, unknown> {
  id: number;
  name: string;
  programs: { id: number; name: string; kind: string }[];
}

describe('showrooms and sample rooms', () => {
  let w: TradeinWorld;
  let shopA: Shop;
  let shopB: Shop;
  let digitalId: number;
  let town0: number;
  let town1: number;
  let offline: Showroom;
  let online: Showroom;
  let sampleRoom: Showroom;

  const body = (over: Record<string, unknown> = {}) => ({
    kind: 'smart_home_showroom',
    channel: 'offline',
    name: '青阳智能家居体验馆',
    townId: town0,
    address: '晋江市青阳街道示范路 8 号',
    openingHours: '每日 09:00–21:00',
    description: '全屋智能场景',
    programIds: [w.applianceId],
    ...over,
  });
  const finder = async (query = '') => {
    const res = await w.t.anonymous.get(`/api/tradein/public/showrooms${query ? `?${query}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { total: number; items: PublicShowroom[] };
  };
  const names = async (query = '') => (await finder(query)).items.map((i) => i.name).sort();
  const create = async (client: TestClient, over: Record<string, unknown>) => {
    const res = await client.post('/api/tradein/showrooms', body(over));
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Showroom;
  };

  beforeAll(async () => {
    w = await createTradeinWorld(2);
    [shopA, shopB] = w.shops as [Shop, Shop];
    const programs = (await w.commerce.get('/api/tradein/programs')).json() as { id: number; code: string }[];
    digitalId = programs.find((p) => p.code === 'digital-national-2025')!.id;
    town0 = w.towns[0]!.id;
    town1 = w.towns[1]!.id;
  });
  afterAll(() => w.t.close());

  it('refuses by field, in the caller’s language, what the channel needs and programmes the business is not enrolled in; nothing is written', async () => {
    const noTown = await shopA.client.post('/api/tradein/showrooms', body({ townId: null, address: null, programIds: [w.applianceId, digitalId] }), EN);
    expect(noTown.statusCode).toBe(400);
    const details = noTown.json().error.details as Detail[];
    expect(details.map((d) => `${d.field}:${d.reason}`)).toEqual([
      'townId:tradein.showroom.townRequired',
      'address:tradein.showroom.addressRequired',
      'programIds.1:tradein.showroom.programNotEnrolled',
    ]);
    expect(details[0]!.message).toBe('An offline showroom or sample room needs its town');
    expect(details[2]!.message).toBe('Your organisation has no enrolment (pending or approved) in this programme');

    const noUrl = await shopA.client.post('/api/tradein/showrooms', body({ channel: 'online', townId: null, address: null }), EN);
    expect(noUrl.json().error.details).toEqual([
      { field: 'url', reason: 'tradein.showroom.urlRequired', message: 'An online showroom or sample room needs its web address' },
    ]);
    for (const url of ['javascript:alert(1)', 'ftp://example.com/x', 'example.com']) {
      const bad = await shopA.client.post('/api/tradein/showrooms', body({ channel: 'online', townId: null, url }), EN);
      expect(
        bad.json().error.details.map((d: Detail) => `${d.field}:${d.reason}`),
        url,
      ).toEqual(['url:tradein.showroom.url']);
    }
    const unknownTown = await shopA.client.post('/api/tradein/showrooms', body({ townId: shopA.organizationId }), EN);
    expect(unknownTown.json().error.details).toEqual([{ field: 'townId', reason: 'town.unknown', message: 'No such town' }]);

    const short = await shopA.client.post('/api/tradein/showrooms', body({ openingHours: '9', kind: 'gallery' }), EN);
    expect(short.statusCode).toBe(400);
    const shortFields = (short.json().error.details as Detail[]).map((d) => d.field).sort();
    expect(shortFields).toEqual(['kind', 'openingHours']);
    expect((short.json().error.details as Detail[]).find((d) => d.field === 'openingHours')!.message).toBe('At least 2 characters');

    const control = await shopA.client.post('/api/tradein/showrooms', body({ name: '体验馆\u001b[2J' }), EN);
    expect(control.json().error.details.map((d: Detail) => `${d.field}:${d.reason}`)).toEqual(['name:controlCharacters']);

    const zh = await shopA.client.post('/api/tradein/showrooms', body({ channel: 'online', townId: null, url: null }));
    expect(zh.json().error.details[0].message).toBe('线上展厅或样板间须填写网址');

    expect(await w.t.deps.database.db.selectFrom('tradein_showrooms').select('id').execute()).toHaveLength(0);
  });

  it('a business registers offline and online showrooms; another business cannot change them; supervisors do not write', async () => {
    offline = await create(shopA.client, {});
    expect(offline).toMatchObject({ status: 'open', townName: w.towns[0]!.name, programs: [{ id: w.applianceId }] });
    online = await create(shopA.client, { channel: 'online', name: '线上 VR 展厅', townId: null, address: null, url: 'https://shop.example.com/vr' });
    expect(online).toMatchObject({ townName: null, address: null, url: 'https://shop.example.com/vr' });
    sampleRoom = await create(shopB.client, { kind: 'renovation_sample_room', name: '适老化改造样板间', townId: town1, address: '晋江市建材城 3 号馆' });

    const change = body({ openingHours: '周二至周日 10:00–18:00', programIds: [w.applianceId, w.applianceId] });
    expect((await shopB.client.put(`/api/tradein/showrooms/${offline.id}`, change)).statusCode).toBe(403);
    expect((await shopB.client.post(`/api/tradein/showrooms/${offline.id}/close`)).statusCode).toBe(403);
    expect((await w.commerce.post('/api/tradein/showrooms', body())).statusCode).toBe(403);
    expect((await w.commerce.post(`/api/tradein/showrooms/${offline.id}/close`)).statusCode).toBe(403);
    expect((await w.t.anonymous.get('/api/tradein/showrooms')).statusCode).toBe(401);

    const edited = await shopA.client.put(`/api/tradein/showrooms/${offline.id}`, change);
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ openingHours: '周二至周日 10:00–18:00', programs: [{ id: w.applianceId }] });
    const bad = await shopA.client.put(`/api/tradein/showrooms/${offline.id}`, body({ programIds: [digitalId] }));
    expect(bad.json().error.details[0].field).toBe('programIds.0');

    const audit = await w.t.deps.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'tradein_showroom')
      .where('entity_id', '=', String(offline.id))
      .where('outcome', '=', 'ok')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);

    const mine = (await shopA.client.get('/api/tradein/showrooms?organizationId=' + shopB.organizationId)).json();
    expect(mine.items.map((s: Showroom) => s.id).sort()).toEqual([offline.id, online.id].sort());
  });

  it('residents find the open showrooms of approved businesses in running programmes, by town, kind, channel and name', async () => {
    const all = await finder();
    expect(all.total).toBe(3);
    // Offline first (by town), then online.
    expect(all.items.at(-1)!.name).toBe('线上 VR 展厅');
    const one = all.items.find((i) => i.id === offline.id)!;
    expect(Object.keys(one).sort()).toEqual(
      ['address', 'channel', 'description', 'id', 'kind', 'name', 'openingHours', 'organizationName', 'programs', 'townId', 'townName', 'url'].sort(),
    );
    expect(one.programs).toEqual([{ id: w.applianceId, name: expect.any(String), kind: 'appliance' }]);

    expect(await names(`townId=${town1}`)).toEqual(['适老化改造样板间']);
    expect(await names('kind=renovation_sample_room')).toEqual(['适老化改造样板间']);
    expect(await names('channel=online')).toEqual(['线上 VR 展厅']);
    expect(await names(`kind=smart_home_showroom&townId=${town0}`)).toEqual(['青阳智能家居体验馆']);
    expect(await names('q=VR')).toEqual(['线上 VR 展厅']);
    expect(await names(`programId=${digitalId}`)).toEqual([]);
    expect((await finder('pageSize=1&page=2')).items).toHaveLength(1);

    // A pending enrolment lets the business name the programme, but does not put the showroom on the map.
    const applied = await shopA.client.post('/api/tradein/merchants', {
      programId: digitalId,
      categories: ['mobile_phone'],
      stores: [{ name: '数码门店', townId: town0, address: '晋江市示范路 9 号' }],
      bankName: '中国工商银行晋江支行',
      accountName: '测试商户',
      bankAccount: '6222020200112233499',
    });
    expect(applied.statusCode, applied.body).toBe(201);
    const digitalRoom = await create(shopA.client, { name: '数码体验区', programIds: [digitalId] });
    expect(digitalRoom.programs).toEqual([expect.objectContaining({ id: digitalId })]);
    expect(await names()).not.toContain('数码体验区');

    // Closed: gone at once; closing twice is refused; reopened: back.
    expect((await shopA.client.post(`/api/tradein/showrooms/${offline.id}/close`)).json().status).toBe('closed');
    expect(await names()).not.toContain('青阳智能家居体验馆');
    expect((await shopA.client.post(`/api/tradein/showrooms/${offline.id}/close`)).statusCode).toBe(409);
    expect((await shopA.client.post(`/api/tradein/showrooms/${offline.id}/reopen`)).json().status).toBe('open');
    expect(await names()).toContain('青阳智能家居体验馆');

    // A programme that is over takes its showrooms off the map.
    const db = w.t.deps.database.db;
    const before = await db.selectFrom('tradein_programs').select('valid_to').where('id', '=', w.applianceId).executeTakeFirstOrThrow();
    await db.updateTable('tradein_programs').set({ valid_to: '2026-06-09' }).where('id', '=', w.applianceId).execute();
    expect((await finder()).total).toBe(0);
    await db.updateTable('tradein_programs').set({ valid_to: before.valid_to }).where('id', '=', w.applianceId).execute();

    // A suspended business: its sample room leaves the map.
    expect((await w.commerce.post(`/api/tradein/merchants/${shopB.merchantId}/suspend`, { note: '暂停核查' })).statusCode).toBe(200);
    expect(await names()).toEqual(['线上 VR 展厅', '青阳智能家居体验馆'].sort());
  });

  it('supervisors list every showroom with filters, sorting and paging, and export them; businesses and towns do not export', async () => {
    const all = (await w.commerce.get('/api/tradein/showrooms?sort=name&order=asc')).json();
    expect(all.total).toBe(4);
    expect(all.items.map((s: Showroom) => s.name)).toEqual([...all.items.map((s: Showroom) => s.name)].sort());
    const filtered = (await w.auditor.get(`/api/tradein/showrooms?kind=smart_home_showroom&channel=offline&townId=${town0}&status=open&q=智能家居`)).json();
    expect(filtered.items.map((s: Showroom) => s.id)).toEqual([offline.id]);
    expect((await w.office.get(`/api/tradein/showrooms?organizationId=${shopB.organizationId}`)).json().items.map((s: Showroom) => s.id)).toEqual([
      sampleRoom.id,
    ]);
    const paged = (await w.commerce.get('/api/tradein/showrooms?pageSize=3&page=2')).json();
    expect(paged).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(paged.items).toHaveLength(1);

    const res = await w.commerce.get('/api/tradein/showrooms/export?kind=smart_home_showroom&sort=name&order=asc', EN);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('showrooms-2026-06-10.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(2).value).toBe('Business');
    expect(sheet.rowCount).toBe(1 + 3);
    const kinds = new Set<string>();
    sheet.eachRow((row, n) => {
      if (n > 1) kinds.add(row.getCell(4).text);
    });
    expect([...kinds]).toEqual(['Smart-home showroom']);

    expect((await shopA.client.get('/api/tradein/showrooms/export')).statusCode).toBe(403);
    const town = await w.t.login('demo_town');
    expect((await town.get('/api/tradein/showrooms/export')).statusCode).toBe(403);
    expect((await town.get('/api/tradein/showrooms')).statusCode).toBe(403);
  });

  it('the demo seed adds the demo enterprise’s showrooms once, marked as demo data, and they are on the map', async () => {
    await seedTradeinDemo(w.t.deps);
    await seedShowroomDemo(w.t.deps);
    await seedShowroomDemo(w.t.deps);
    const demo = await w.t.deps.database.db.selectFrom('tradein_showrooms').select(['name', 'description']).where('name', 'like', '%（演示）').execute();
    expect(demo).toHaveLength(3);
    for (const d of demo) expect(d.description).toContain('演示数据');
    const found = await names('q=演示');
    expect(found).toEqual(expect.arrayContaining(demo.map((d) => d.name)));
  });
});
