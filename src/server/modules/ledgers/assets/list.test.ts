import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { assetsDictionaryUsage, countLedgerUses } from './dictionaryUsage.js';
import { seedAssetsDemo } from './seed.js';
import { addKind, addUser, equipment, equipmentDefinition, orgId, TEST_PASSWORD } from './testSetup.js';

describe('ledger asset lists, export, overview', () => {
  useFakeClock(shanghaiInstant('2026-06-15', '10:00'));
  let t: TestApp;
  let keeper: TestClient;
  let town: TestClient;
  let auditor: TestClient;
  let kindId: number;
  let qingyang: number;
  let other: number;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp();
    kindId = await addKind(t, 'listEquipment', equipmentDefinition);
    qingyang = await orgId(t, '青阳街道');
    other = Number(
      (
        await t.deps.database.db
          .selectFrom('organizations')
          .select('id')
          .where('kind', '=', 'town')
          .where('id', '!=', qingyang)
          .orderBy('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
    await addUser(t, 'ls_market', 'department', '市市场监管局');
    keeper = await t.login('ls_market', TEST_PASSWORD);
    town = await t.login('demo_town');
    auditor = await t.login('demo_auditor');
    const rows: [string, number, Record<string, unknown>][] = [
      ['LS0001', qingyang, { units: 1, areaM2: 10, cost: 100_000, commissionedOn: '2005-01-01', material: 'ferrous', name: '东区锅炉' }],
      ['LS0002', other, { units: 5, areaM2: 20.5, cost: 200_000, commissionedOn: '2010-06-01', material: 'plastic', name: '西区锅炉' }],
      ['LS0003', qingyang, { units: 10, areaM2: null, cost: 300_000, commissionedOn: '2015-01-01', material: null, name: '南区风机' }],
      ['LS0004', other, { units: 20, areaM2: 40, cost: null, commissionedOn: '2020-01-01', material: 'paper', name: '北区水泵' }],
      ['LS0005', qingyang, { units: 50, areaM2: 50, cost: 500_000, commissionedOn: '2024-01-01', material: 'ferrous', name: null }],
    ];
    for (const [code, townId, over] of rows) {
      const res = await keeper.post(`/api/ledgers/kinds/${kindId}/assets`, { values: equipment(code, townId, over) });
      expect(res.statusCode, res.body).toBe(201);
      ids[code] = res.json().id;
    }
  });
  afterAll(() => t.close());

  const list = async (query: string, c: TestClient = keeper) => {
    const res = await c.get(`/api/ledgers/kinds/${kindId}/assets?pageSize=200&${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: { id: number; title: string; values: Record<string, unknown> }[]; total: number };
  };
  const titles = async (filters: unknown[], extra = '') =>
    (await list(`sort=title&order=asc&filters=${encodeURIComponent(JSON.stringify(filters))}${extra}`)).items.map((a) => a.title);

  it('filters on any field: equality, ranges on numbers and dates, lists, text, empty', async () => {
    expect(await titles([{ field: 'material', op: 'eq', value: 'ferrous' }])).toEqual(['LS0001', 'LS0005']);
    expect(await titles([{ field: 'material', op: 'ne', value: 'ferrous' }])).toEqual(['LS0002', 'LS0003', 'LS0004']);
    expect(
      await titles([
        { field: 'units', op: 'gte', value: '5' },
        { field: 'units', op: 'lt', value: 20 },
      ]),
    ).toEqual(['LS0002', 'LS0003']);
    expect(await titles([{ field: 'commissionedOn', op: 'lt', value: '2012-01-01' }])).toEqual(['LS0001', 'LS0002']);
    expect(await titles([{ field: 'material', op: 'in', values: ['plastic', 'paper'] }])).toEqual(['LS0002', 'LS0004']);
    expect(await titles([{ field: 'name', op: 'contains', value: '锅炉' }])).toEqual(['LS0001', 'LS0002']);
    expect(await titles([{ field: 'code', op: 'contains', value: 'ls000' }])).toHaveLength(5);
    expect(await titles([{ field: 'code', op: 'contains', value: '%' }])).toEqual([]);
    expect(await titles([{ field: 'areaM2', op: 'empty' }])).toEqual(['LS0003']);
    expect(await titles([{ field: 'name', op: 'notEmpty' }])).toEqual(['LS0001', 'LS0002', 'LS0003', 'LS0004']);
    expect(await titles([{ field: 'cost', op: 'gt', value: 150_000 }], `&townId=${qingyang}`)).toEqual(['LS0003', 'LS0005']);
    expect(await titles([], '&old=true')).toEqual(['LS0001', 'LS0002']);
    expect(await titles([], '&old=false')).toEqual(['LS0003', 'LS0004', 'LS0005']);
    expect(await titles([], '&q=s0003')).toEqual(['LS0003']);
  });

  it('refuses filters that do not fit the kind, at their path', async () => {
    const bad = async (filters: unknown) => {
      const res = await keeper.get(
        `/api/ledgers/kinds/${kindId}/assets?filters=${encodeURIComponent(typeof filters === 'string' ? filters : JSON.stringify(filters))}`,
      );
      expect(res.statusCode).toBe(400);
      return res.json().error.details.map((d: { field: string }) => d.field);
    };
    expect(await bad('[{')).toEqual(['filters']);
    expect(await bad([{ field: 'colour', op: 'eq', value: 'red' }])).toEqual(['filters.0.field']);
    expect(await bad([{ field: 'units', op: 'contains', value: '1' }])).toEqual(['filters.0.op']);
    expect(await bad([{ field: 'units', op: 'eq', value: 'many' }])).toEqual(['filters.0.value']);
    expect(await bad([{ field: 'commissionedOn', op: 'gte', value: '2020-13-01' }])).toEqual(['filters.0.value']);
    expect(await bad([{ field: 'material', op: 'in' }])).toEqual(['filters.0.values']);
    const sort = await keeper.get(`/api/ledgers/kinds/${kindId}/assets?sort=colour`);
    expect(sort.json().error.details[0].field).toBe('sort');
  });

  it('sorts by any field with empty values last, and pages with the total', async () => {
    expect((await list('sort=units&order=asc')).items.map((a) => a.title)).toEqual(['LS0001', 'LS0002', 'LS0003', 'LS0004', 'LS0005']);
    expect((await list('sort=areaM2&order=desc')).items.map((a) => a.title)).toEqual(['LS0005', 'LS0004', 'LS0002', 'LS0001', 'LS0003']);
    expect((await list('sort=areaM2&order=asc')).items.map((a) => a.title)).toEqual(['LS0001', 'LS0002', 'LS0004', 'LS0005', 'LS0003']);
    const page = (await keeper.get(`/api/ledgers/kinds/${kindId}/assets?sort=commissionedOn&order=desc&page=2&pageSize=2`)).json();
    expect(page).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(page.items.map((a: { title: string }) => a.title)).toEqual(['LS0003', 'LS0002']);
    const filteredPage = (await keeper.get(`/api/ledgers/kinds/${kindId}/assets?pageSize=1&old=true`)).json();
    expect(filteredPage.total).toBe(2);
    expect((await list('', town)).items.every((a) => a.values.town === qingyang)).toBe(true);
  });

  it('exports the filtered rows with labels in the caller’s language, codes as labels, money in yuan', async () => {
    const read = async (query: string, headers: Record<string, string> = {}) => {
      const res = await auditor.get(`/api/ledgers/kinds/${kindId}/assets/export?${query}`, headers);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = wb.worksheets[0]!;
      const rows: unknown[][] = [];
      sheet.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
      return rows;
    };
    const zh = await read(`sort=title&order=asc&filters=${encodeURIComponent(JSON.stringify([{ field: 'material', op: 'eq', value: 'ferrous' }]))}`);
    expect(zh).toHaveLength(3);
    expect(zh[0]).toEqual(expect.arrayContaining(['设备编号', '原值（元）', '面积（㎡）', '材质', '所属镇街', '状态', '老旧']));
    const header = zh[0] as string[];
    const at = (row: unknown[], label: string) => row[header.indexOf(label)];
    expect(at(zh[1]!, '设备编号')).toBe('LS0001');
    expect(at(zh[1]!, '原值（元）')).toBe(1000);
    expect(at(zh[1]!, '材质')).toBe('废钢铁');
    expect(at(zh[1]!, '所属镇街')).toBe('青阳街道');
    expect(at(zh[1]!, '投用日期')).toBe('2005-01-01');
    expect(at(zh[1]!, '老旧')).toBe('是');
    const en = await read('old=true', { 'accept-language': 'en' });
    expect(en[0]).toEqual(expect.arrayContaining(['Code', 'Cost (yuan)', 'Material', 'Status', 'Old']));
    expect(en).toHaveLength(3);
  });

  it('sums up the ledger: in service, old, events by year, old at each year’s end, by town, its figures', async () => {
    const replaced = await keeper.post(`/api/ledgers/assets/${ids.LS0001}/events`, {
      type: 'replace',
      occurredOn: '2025-04-01',
      replacement: { values: equipment('LS0006', qingyang, { commissionedOn: '2025-04-01' }) },
    });
    expect(replaced.statusCode, replaced.body).toBe(201);
    expect((await keeper.post(`/api/ledgers/assets/${ids.LS0002}/events`, { type: 'scrap', occurredOn: '2026-02-01' })).statusCode).toBe(201);
    const added = await keeper.post(`/api/ledgers/kinds/${kindId}/assets`, { values: equipment('LS0007', other), added: { occurredOn: '2024-09-01' } });
    expect(added.statusCode).toBe(201);
    const o = (await keeper.get(`/api/ledgers/kinds/${kindId}/overview`)).json();
    expect(o).toMatchObject({ inService: 5, old: 0, oldShare: 0, renewedThisYear: 1 });
    expect(o.byYear).toEqual([
      { year: 2024, added: 1, upgraded: 0, replaced: 0, scrapped: 0, retrofitted: 0, oldAtEnd: 2 },
      { year: 2025, added: 0, upgraded: 0, replaced: 1, scrapped: 0, retrofitted: 0, oldAtEnd: 1 },
      { year: 2026, added: 0, upgraded: 0, replaced: 0, scrapped: 1, retrofitted: 0, oldAtEnd: 0 },
    ]);
    expect(o.byTown).toEqual(
      expect.arrayContaining([
        { townId: qingyang, townName: '青阳街道', inService: 3, old: 0 },
        { townId: other, townName: expect.any(String), inService: 2, old: 0 },
      ]),
    );
    expect(o.metrics).toEqual([{ name: 'ledgers.listEquipment.replaced', label: '更换数', unit: '台', value: 0 }]);
    const mine = (await town.get(`/api/ledgers/kinds/${kindId}/overview?townId=${other}`)).json();
    expect(mine).toMatchObject({ inService: 3 });
    expect(mine.byTown).toEqual([{ townId: qingyang, townName: '青阳街道', inService: 3, old: 0 }]);
  });

  it('counts the assets using a dictionary code, wherever a kind stores it', async () => {
    expect(assetsDictionaryUsage.map((c) => c.dictionary)).toContain('material_kind');
    expect(await countLedgerUses(t.deps.database.db, 'material_kind', 'paper')).toBe(1);
    const page = (await t.login('demo_office').then((c) => c.get('/api/dictionaries/material_kind'))).json();
    expect(page.items.find((i: { code: string }) => i.code === 'paper').uses).toBeGreaterThanOrEqual(1);
  });

  it('seeds demo assets with events for every shipped kind from its definition, once', async () => {
    const demoKind = await addKind(t, 'demoEquipment', equipmentDefinition, '市市场监管局', true);
    const db = t.deps.database.db;
    const demoCounts = async () =>
      (
        await db
          .selectFrom('ledger_assets')
          .select((eb) => ['kind_id', eb.fn.countAll<number>().as('n')])
          .where('is_demo', '=', 1)
          .groupBy('kind_id')
          .execute()
      ).map((r) => [Number(r.kind_id), Number(r.n)] as const);
    await seedAssetsDemo(t.deps);
    const counts = new Map(await demoCounts());
    const shipped = await db.selectFrom('ledger_kinds').select('id').where('shipped', '=', 1).execute();
    // Every shipped kind (the kinds part's and this test's) has its few dozen.
    for (const k of shipped) expect(counts.get(Number(k.id)), `kind ${k.id}`).toBeGreaterThanOrEqual(30);
    const events = await db.selectFrom('ledger_events').select(['effect', 'occurred_on', 'is_demo']).where('kind_id', '=', demoKind).execute();
    expect(new Set(events.map((e) => e.effect))).toEqual(new Set(['added', 'replaced', 'upgraded', 'scrapped']));
    expect(events.every((e) => Number(e.is_demo) === 1 && e.occurred_on >= '2024-01-01' && e.occurred_on <= '2026-06-15')).toBe(true);
    const names = await db.selectFrom('ledger_assets').select(['t2', 'is_demo']).where('kind_id', '=', demoKind).execute();
    expect(names.every((r) => Number(r.is_demo) === 1 && (r.t2 === null || r.t2.startsWith('演示')))).toBe(true);
    await seedAssetsDemo(t.deps);
    expect(new Map(await demoCounts())).toEqual(counts);
    const o = (await keeper.get(`/api/ledgers/kinds/${demoKind}/overview`)).json();
    expect(o.inService).toBeGreaterThan(20);
    expect(o.old).toBeGreaterThan(0);
  }, 120_000);
});
