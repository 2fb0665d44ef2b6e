import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { addAccount, addEnterprise, addProject, orgId, TEST_PASSWORD } from './testSetup.js';
import type { OverviewView } from './schema.js';

type Figures = { count?: number; requestedFen?: number; grantedFen: number; paidFen: number };
/** Each row's figures by its key, so the test compares what its own records added to whatever the demo seed made. */
function keyed(o: OverviewView) {
  const map = new Map<string, Figures>();
  map.set('total', o.totals);
  for (const r of o.bySource) map.set(`source:${r.source}`, r);
  for (const r of o.byYear) map.set(`year:${r.year}:${r.source}`, r);
  for (const r of o.bySector) map.set(`sector:${r.sector}`, r);
  for (const r of o.byTown) map.set(`town:${r.townId}`, r);
  return map;
}
function added(before: OverviewView, after: OverviewView): Record<string, Figures> {
  const b = keyed(before);
  const out: Record<string, Figures> = {};
  for (const [k, v] of keyed(after)) {
    const o = b.get(k);
    const d = (f: keyof Figures) => (v[f] ?? 0) - (o?.[f] ?? 0);
    const delta: Figures = {
      grantedFen: d('grantedFen'),
      paidFen: d('paidFen'),
      ...('count' in v ? { count: d('count'), requestedFen: d('requestedFen') } : {}),
    };
    if (Object.values(delta).some((x) => x !== 0)) out[k] = delta;
  }
  return out;
}

describe('the funding overview for 市发改局, 市财政局, the office and auditors', () => {
  useFakeClock(shanghaiInstant('2025-07-01', '10:00'));
  let t: TestApp;
  let ent: TestClient;
  let miit: TestClient;
  let finance: TestClient;
  let office: TestClient;
  let ndrc: TestClient;
  let before: OverviewView;
  let townA: number;
  let townB: number;

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.deps.database.db;
    const towns = await db.selectFrom('organizations').select('id').where('kind', '=', 'town').orderBy('id', 'desc').limit(2).execute();
    [townA, townB] = [Number(towns[0]!.id), Number(towns[1]!.id)];
    const entOrg = await addEnterprise(t, 'ov_ent', townA);
    await addAccount(t, 'ov_miit', 'department', await orgId(t, '市工信局'));
    await addAccount(t, 'ov_ndrc', 'department', await orgId(t, '市发改局'));
    [ent, miit, finance, office, ndrc] = await Promise.all([
      t.login('ov_ent', TEST_PASSWORD),
      t.login('ov_miit', TEST_PASSWORD),
      t.login('demo_finance'),
      t.login('demo_office'),
      t.login('ov_ndrc', TEST_PASSWORD),
    ]);
    before = (await office.get('/api/renewal/funding/overview')).json();
    const factory = await addProject(t, { organizationId: entOrg, townId: townA, sector: 'industry', name: '总览测试工厂' });
    const hospital = await addProject(t, { organizationId: entOrg, townId: townB, sector: 'healthcare', name: '总览测试医院' });
    const apply = async (projectId: number, source: string, requestedFen: number, appliedOn: string) =>
      (await ent.post('/api/renewal/funding/applications', { projectId, source, requestedFen, appliedOn })).json().id as number;
    const grant = (id: number, grantedFen: number, grantedOn: string) => miit.post(`/api/renewal/funding/applications/${id}/grant`, { grantedFen, grantedOn });
    const pay = (id: number, amountFen: number, paidOn: string) =>
      finance.post(`/api/renewal/funding/applications/${id}/payments`, { amountFen, paidOn, reference: `OV-${id}-${paidOn}` });
    // Granted in December 2024, paid across the new year.
    const a = await apply(factory, 'central_budget', 1_000_000_00, '2024-12-01');
    await grant(a, 800_000_00, '2024-12-20');
    await pay(a, 300_000_00, '2024-12-28');
    await pay(a, 500_000_00, '2025-01-10');
    const b = await apply(hospital, 'ultra_long_treasury_bonds', 2_000_000_00, '2025-02-01');
    await grant(b, 2_000_000_00, '2025-03-01');
    await pay(b, 1_000_000_00, '2025-04-01');
    const c = await apply(hospital, 'provincial_budget', 500_000_00, '2025-02-01');
    await miit.post(`/api/renewal/funding/applications/${c}/reject`, { reason: '不在支持范围' });
    await apply(factory, 'city_matching', 100_000_00, '2025-06-01');
  });
  afterAll(() => t.close());

  it('adds up by source, by year (granted by grant date, paid by payment date), by sector and by town', async () => {
    const after: OverviewView = (await office.get('/api/renewal/funding/overview')).json();
    expect(added(before, after)).toEqual({
      total: { count: 3, requestedFen: 3_100_000_00, grantedFen: 2_800_000_00, paidFen: 1_800_000_00 },
      'source:central_budget': { count: 1, requestedFen: 1_000_000_00, grantedFen: 800_000_00, paidFen: 800_000_00 },
      'source:ultra_long_treasury_bonds': { count: 1, requestedFen: 2_000_000_00, grantedFen: 2_000_000_00, paidFen: 1_000_000_00 },
      'source:city_matching': { count: 1, requestedFen: 100_000_00, grantedFen: 0, paidFen: 0 },
      'year:2024:central_budget': { grantedFen: 800_000_00, paidFen: 300_000_00 },
      'year:2025:central_budget': { grantedFen: 0, paidFen: 500_000_00 },
      'year:2025:ultra_long_treasury_bonds': { grantedFen: 2_000_000_00, paidFen: 1_000_000_00 },
      'sector:industry': { count: 2, requestedFen: 1_100_000_00, grantedFen: 800_000_00, paidFen: 800_000_00 },
      'sector:healthcare': { count: 1, requestedFen: 2_000_000_00, grantedFen: 2_000_000_00, paidFen: 1_000_000_00 },
      [`town:${townA}`]: { count: 2, requestedFen: 1_100_000_00, grantedFen: 800_000_00, paidFen: 800_000_00 },
      [`town:${townB}`]: { count: 1, requestedFen: 2_000_000_00, grantedFen: 2_000_000_00, paidFen: 1_000_000_00 },
    });
    expect(after.bySource.find((s) => s.source === 'central_budget')!.label).toBe('中央预算内投资');
    // Sources in the dictionary's order.
    const order = after.bySource.map((s) => s.source);
    expect(order.indexOf('ultra_long_treasury_bonds')).toBeLessThan(order.indexOf('central_budget'));
  });

  it('is for departments (市发改局 without a renewal grant too), the office and auditors; not for enterprises or towns', async () => {
    expect((await ndrc.get('/api/renewal/funding/overview')).statusCode).toBe(200);
    expect((await finance.get('/api/renewal/funding/overview')).statusCode).toBe(200);
    expect((await (await t.login('demo_auditor')).get('/api/renewal/funding/overview')).statusCode).toBe(200);
    expect((await ent.get('/api/renewal/funding/overview')).statusCode).toBe(403);
    expect((await (await t.login('demo_town')).get('/api/renewal/funding/overview')).statusCode).toBe(403);
    expect((await ent.get('/api/renewal/funding/overview/export.xlsx')).statusCode).toBe(403);
  });

  it('exports the overview and the applications to Excel, in the caller’s language, audited', async () => {
    const res = await ndrc.get(`/api/renewal/funding/overview/export.xlsx?townId=${townB}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['按资金来源', '按年度', '按领域', '按镇街', '申报明细']);
    const detail = wb.getWorksheet('申报明细')!;
    expect(detail.rowCount).toBe(3);
    const lines = [2, 3].map((r) => detail.getRow(r).values as unknown[]);
    expect(lines.map((v) => [v[2], v[6], v[7], v[11] ?? null])).toEqual(
      expect.arrayContaining([
        ['总览测试医院', '超长期特别国债', '部分拨付', 2_000_000],
        ['总览测试医院', '省级预算内投资', '未获批', null],
      ]),
    );
    const en = await ndrc.get('/api/renewal/funding/overview/export.xlsx', { 'accept-language': 'en' });
    const wbEn = new ExcelJS.Workbook();
    await wbEn.xlsx.load(en.rawPayload as unknown as ArrayBuffer);
    expect(wbEn.worksheets[0]!.name).toBe('By source');
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select(['actor_username', 'outcome'])
      .where('entity', '=', 'renewal_funding_application')
      .where('action', '=', 'export')
      .orderBy('id')
      .execute();
    // The enterprise's refused attempt is on the trail too.
    expect(audit.map((a) => `${a.actor_username}:${a.outcome}`)).toEqual(['ov_ent:denied', 'ov_ndrc:ok', 'ov_ndrc:ok']);
  });
});
