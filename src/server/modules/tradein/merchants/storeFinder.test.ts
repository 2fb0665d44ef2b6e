import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '../../../../../test/helpers/clock.js';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';

/**
 * The residents' store finder, signed out: approved merchants of programmes that are active and not over, by
 * town, category and name, a page at a time; pending, suspended and ended enrolments are not listed, nor bank details.
 */
interface Found {
  organizationName: string;
  categories: { category: string; name: string }[];
  stores: { name: string; townName: string; address: string }[];
  programs: { id: number; name: string; validFrom: string; validTo: string; categories: { category: string }[] }[];
}
interface FoundPage {
  items: Found[];
  total: number;
  page: number;
  pageSize: number;
}

describe('store finder (public)', () => {
  let t: TestApp;
  let commerce: TestClient;
  let merchant: TestClient;
  let enterprise: TestClient;
  let appliance: { id: number; name: string };
  let digital: { id: number };
  let towns: { id: number; name: string }[];
  let enterpriseEnrolment: number;

  const find = async (query: Record<string, string | number> = {}) => {
    const res = await t.anonymous.get(`/api/tradein/public/merchants?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as FoundPage;
  };
  const names = (p: FoundPage) => p.items.map((m) => m.organizationName);

  async function enrol(client: TestClient, programId: number, categories: string[], stores: { name: string; town: number; address: string }[]) {
    const res = await client.post('/api/tradein/merchants', {
      programId,
      categories,
      stores: stores.map((s) => ({ name: s.name, townId: towns[s.town]!.id, address: s.address })),
      bankName: '中国工商银行晋江支行',
      accountName: '晋江示范商户',
      bankAccount: '6222 0202 0011 2233 445',
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  }

  beforeAll(async () => {
    t = await createTestApp();
    commerce = await t.login('demo_department');
    merchant = await t.login('demo_merchant');
    enterprise = await t.login('demo_enterprise');
    const programs = (await commerce.get('/api/tradein/programs')).json();
    appliance = programs.find((p: { code: string }) => p.code === 'appliance-national-2025');
    digital = programs.find((p: { code: string }) => p.code === 'digital-national-2025');
    towns = (await t.anonymous.get('/api/towns')).json();
    const a = await enrol(
      merchant,
      appliance.id,
      ['refrigerator', 'television'],
      [
        { name: '青阳旗舰店', town: 0, address: '晋江市青阳街道示范路1号' },
        { name: '梅岭店', town: 1, address: '晋江市梅岭街道示范路2号' },
      ],
    );
    const d = await enrol(merchant, digital.id, ['mobile_phone'], [{ name: '西园数码店', town: 2, address: '晋江市西园街道示范路3号' }]);
    for (const id of [a, d]) expect((await commerce.post(`/api/tradein/merchants/${id}/approve`, {})).statusCode).toBe(200);
    enterpriseEnrolment = await enrol(enterprise, appliance.id, ['refrigerator'], [{ name: '鞋服家电角', town: 0, address: '晋江市青阳街道示范路9号' }]);
  });
  afterAll(() => t.close());

  it('lists approved merchants only, with stores, categories and the programmes with their windows; nothing private', async () => {
    const all = await find();
    expect(all).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    const [m] = all.items;
    expect(m!.organizationName).toBe('晋江示范家电商场有限公司（演示）');
    expect(m!.stores.map((s) => `${s.name}·${s.townName}`)).toEqual(['青阳旗舰店·青阳街道', '梅岭店·梅岭街道', '西园数码店·西园街道']);
    expect(m!.categories.map((c) => c.name)).toEqual(expect.arrayContaining(['冰箱', '电视', '手机']));
    expect(m!.programs.map((p) => p.id)).toEqual([appliance.id, digital.id]);
    expect(m!.programs[0]).toMatchObject({ name: appliance.name, validFrom: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(m!.programs[0]!.categories.map((c) => c.category).sort()).toEqual(['refrigerator', 'television']);
    const text = JSON.stringify(all);
    for (const secret of ['3445', '6222', '工商银行', 'bank']) expect(text).not.toContain(secret);
  });

  it('filters by town and category within one enrolment, and shows only the stores of the town asked for', async () => {
    const qingyangFridges = await find({ townId: towns[0]!.id, category: 'refrigerator' });
    expect(names(qingyangFridges)).toEqual(['晋江示范家电商场有限公司（演示）']);
    expect(qingyangFridges.items[0]!.stores.map((s) => s.name)).toEqual(['青阳旗舰店']);
    expect(qingyangFridges.items[0]!.programs.map((p) => p.id)).toEqual([appliance.id]);
    // The 西园 store is the digital enrolment's: no fridges there.
    expect((await find({ townId: towns[2]!.id, category: 'refrigerator' })).total).toBe(0);
    const phones = await find({ townId: towns[2]!.id, category: 'mobile_phone' });
    expect(phones.items[0]!.programs.map((p) => p.id)).toEqual([digital.id]);
    expect((await find({ townId: towns[5]!.id })).items).toEqual([]);
    expect((await find({ programId: digital.id })).total).toBe(1);
  });

  it('pages and searches by the merchant’s or a store’s name once a second merchant is approved', async () => {
    expect((await commerce.post(`/api/tradein/merchants/${enterpriseEnrolment}/approve`, {})).statusCode).toBe(200);
    const qingyang = await find({ townId: towns[0]!.id });
    expect(qingyang.total).toBe(2);
    expect(names(qingyang)).toEqual([...names(qingyang)].sort((a, b) => (a < b ? -1 : 1)));
    const first = await find({ townId: towns[0]!.id, pageSize: 1 });
    const second = await find({ townId: towns[0]!.id, pageSize: 1, page: 2 });
    expect(first).toMatchObject({ total: 2, pageSize: 1 });
    expect([...names(first), ...names(second)].sort()).toEqual([...names(qingyang)].sort());
    expect((await find({ townId: towns[0]!.id, pageSize: 1, page: 3 })).items).toEqual([]);
    expect(names(await find({ q: '旗舰' }))).toEqual(['晋江示范家电商场有限公司（演示）']);
    expect(names(await find({ q: '鞋服' }))).toEqual(['晋江示范鞋服有限公司（演示）']);
    // The search text is text: a wildcard matches itself only.
    expect((await find({ q: '%' })).total).toBe(0);
  });

  it('drops suspended merchants and programmes that are closed or over', async () => {
    expect((await commerce.post(`/api/tradein/merchants/${enterpriseEnrolment}/suspend`, { note: '暂停核查' })).statusCode).toBe(200);
    expect(names(await find({ townId: towns[0]!.id }))).toEqual(['晋江示范家电商场有限公司（演示）']);
    const db = t.deps.database.db;
    await db.updateTable('tradein_programs').set({ status: 'closed' }).where('id', '=', digital.id).execute();
    expect((await find({ category: 'mobile_phone' })).total).toBe(0);
    expect((await t.anonymous.get('/api/tradein/public/categories')).json().map((c: { category: string }) => c.category)).not.toContain('mobile_phone');
    await db
      .updateTable('tradein_programs')
      .set({ valid_to: addDays(shanghaiDate(), -1) })
      .where('id', '=', appliance.id)
      .execute();
    expect((await find()).total).toBe(0);
  });

  it('answers the categories to look for, and refuses bad filters field by field', async () => {
    const fresh = await createTestApp({ demo: false });
    try {
      const cats = (await fresh.anonymous.get('/api/tradein/public/categories')).json() as { category: string; name: string }[];
      expect(cats).toEqual(
        expect.arrayContaining([
          { category: 'refrigerator', name: '冰箱' },
          { category: 'mobile_phone', name: '手机' },
        ]),
      );
      expect(new Set(cats.map((c) => c.category)).size).toBe(cats.length);
      for (const [query, field] of [
        ['townId=abc', 'townId'],
        ['pageSize=1000', 'pageSize'],
        ['category=BAD!', 'category'],
        ['page=0', 'page'],
      ] as const) {
        const res = await fresh.anonymous.get(`/api/tradein/public/merchants?${query}`, { 'accept-language': 'en' });
        expect(res.statusCode, query).toBe(400);
        expect(JSON.stringify(res.json().error), query).toContain(field);
      }
    } finally {
      await fresh.close();
    }
  });
});
