import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { metricRegistry } from '../metrics/index.js';
import type { MetricDefinition } from '../metrics/registry.js';
import { seedPlans } from '../seed/seedPlans.js';
import { withParentLinks } from './referencePlans.js';
import { parsePlanFile } from '../planfile/planFileSchema.js';

const dataDir = join(import.meta.dirname, '..', 'planfile', 'data');
const jinjiangJson = readFileSync(join(dataDir, 'jinjiang-2024-98.json'), 'utf8');
const fixtureJson = readFileSync(join(import.meta.dirname, '..', 'plans', 'fixtures', 'quanzhou-2024-2.test-fixture.json'), 'utf8');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
/** 晋政文〔2024〕98号 with its parent links, as plain JSON the tests edit. */
const jinjiang = (): Json => JSON.parse(JSON.stringify(withParentLinks(parsePlanFile(JSON.parse(jinjiangJson))))) as Json;
const indicatorIn = (file: Json, code: string): Json =>
  file.actions.flatMap((a: Json) => [...a.indicators, ...a.tasks.flatMap((t: Json) => t.indicators)]).find((i: Json) => i.code === code);

/** Two stations a month city-wide: the test stands in for the recycling module's metric. */
const STATIONS: MetricDefinition = { name: 'recycling.sites.stationsBuilt', description: 'test: 2 stations a month', unit: '个', compute: async () => 2 };

describe('indicator cascade', () => {
  let t: TestApp;
  let office: TestClient;
  let replaced: MetricDefinition | undefined;
  const idOf = async (plan: string, code: string) =>
    Number(
      (
        await t.deps.database.db
          .selectFrom('indicators')
          .innerJoin('plans', 'plans.id', 'indicators.plan_id')
          .select('indicators.id')
          .where('plans.code', '=', plan)
          .where('indicators.code', '=', code)
          .executeTakeFirstOrThrow()
      ).id,
    );

  beforeAll(async () => {
    replaced = metricRegistry.get(STATIONS.name);
    if (replaced) metricRegistry.unregister(STATIONS.name);
    metricRegistry.register(STATIONS);
    t = await createTestApp();
    await seedPlans(t.deps, { reference: true });
    office = await t.login('demo_office');
  });
  afterAll(async () => {
    metricRegistry.unregister(STATIONS.name);
    if (replaced) metricRegistry.register(replaced);
    await t.close();
  });

  it('loads the parent plans as reference data: links resolve, and 晋政文〔2024〕98号 stays the default plan', async () => {
    const db = t.deps.database.db;
    const plans = await db.selectFrom('plans').select(['id', 'code']).orderBy('id').execute();
    expect(plans.map((p) => p.code)).toEqual(['JJ-2024-98', 'GF-2024-7', 'MZ-2024-5']);
    const jj = await db
      .selectFrom('indicators')
      .select(['code', 'parent_indicator_id'])
      .where('plan_id', '=', plans[0]!.id)
      .where('parent_plan_code', 'is not', null)
      .execute();
    expect(jj.map((i) => i.code).sort()).toEqual(['A1-S-01', 'A1-S-02', 'A1-S-03', 'A1-S-04', 'A3-S-01', 'A3-S-02', 'A3-S-03']);
    expect(jj.every((i) => i.parent_indicator_id !== null)).toBe(true);
    // Loading again changes nothing.
    expect((await seedPlans(t.deps, { reference: true })).every((r) => !r.changed)).toBe(true);
    // What the dashboard, the workspace and the cascade picker show when no plan is named.
    expect((await office.get('/api/plan-dashboard')).json().planId).toBe(Number(plans[0]!.id));
    // The plans list (the web's first choice) puts the plans others cite after the working plan.
    expect((await office.get('/api/plans')).json().map((p: { code: string }) => p.code)).toEqual(['JJ-2024-98', 'GF-2024-7', 'MZ-2024-5']);
    expect((await office.get('/api/indicator-cascade')).json().plan.code).toBe('JJ-2024-98');
    const department = await t.login('demo_department');
    const workspace = await department.get('/api/plan-workspace');
    expect(workspace.statusCode).toBe(200);
    expect(workspace.json().planId).toBe(Number(plans[0]!.id));
  });

  it('GET /api/indicator-cascade lists Jinjiang’s indicators that have parents', async () => {
    const res = await office.get('/api/indicator-cascade');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.plan).toMatchObject({ code: 'JJ-2024-98', level: 'county', reference: false });
    expect(body.indicators.map((i: Json) => i.code)).toEqual(['A1-S-01', 'A1-S-02', 'A1-S-03', 'A1-S-04', 'A3-S-01', 'A3-S-02', 'A3-S-03']);
    expect(body.indicators[0]).toMatchObject({ name: '设备投资规模增长率', parent: { plan: 'MZ-2024-5', indicator: 'A1-T1-01', resolved: true } });
  });

  it('GET /api/indicators/{id}/cascade: national → province → (city not loaded) → county, rates not additive', async () => {
    const res = await office.get(`/api/indicators/${await idOf('JJ-2024-98', 'A1-S-01')}/cascade`);
    expect(res.statusCode).toBe(200);
    const levels = res.json().levels as Json[];
    expect(levels.map((l) => (l.kind === 'indicator' ? `${l.plan.level}:${l.plan.docNumber}` : `missing:${l.docNumber}:${l.reason}`))).toEqual([
      'national:国发〔2024〕7号',
      'province:闽政〔2024〕5号',
      'missing:泉政〔2024〕2号:not_loaded',
      'county:晋政文〔2024〕98号',
    ]);
    const [national, province, , county] = levels;
    expect(national!.plan).toMatchObject({ reference: true, provenance: 'transcribed from the published text; verify before official use' });
    expect(national!.target).toEqual({ year: 2027, value: 25 });
    expect(national!.indicator).toMatchObject({ unit: '%', kind: 'growth', comparator: '≥', baseline: { year: 2023, value: null } });
    expect(national!.share).toBeNull();
    expect([national!.actual, national!.noDataReason]).toEqual([null, 'reference_plan']);
    expect(province!.share).toEqual({ status: 'not_additive', reason: 'rate', year: 2027, comparison: 'same' });
    expect(county!.indicator.code).toBe('A1-S-01');
    expect(county!.share).toEqual({ status: 'not_additive', reason: 'rate', year: 2027, comparison: 'same' });
    // Nobody has reported on it: no data, not zero.
    expect([county!.actual, county!.noDataReason]).toEqual([null, 'no_observations']);

    // 关键工序数控化率提高幅度 exists from the province down only.
    const points = (await office.get(`/api/indicators/${await idOf('JJ-2024-98', 'A1-S-04')}/cascade`)).json().levels as Json[];
    expect(points.map((l) => l.plan?.code ?? l.docNumber)).toEqual(['国发〔2024〕7号', 'MZ-2024-5', '泉政〔2024〕2号', 'JJ-2024-98']);
    expect(points[0]).toMatchObject({ kind: 'missing', reason: 'not_linked' });
  });

  it('the share is computed where the units count the same thing, converting 万辆 to 辆', async () => {
    // The test fixture as a city plan that counts cars in 辆 and stations in 个; Jinjiang's indicators link to it.
    const city = JSON.parse(fixtureJson) as Json;
    indicatorIn(city, 'A1-T1-01').unit = '辆';
    indicatorIn(city, 'A1-T1-01').targets = [{ year: 2027, value: 100000 }];
    expect((await office.post('/api/plans/import', city)).statusCode).toBe(200);
    const child = jinjiang();
    indicatorIn(child, 'A2-S-02').parent = { plan: 'QZ-2024-2', indicator: 'A1-T1-01' };
    indicatorIn(child, 'A3-T1-02').parent = { plan: 'QZ-2024-2', indicator: 'A1-T1-02' };
    const loaded = await office.post('/api/plans/import', child);
    expect(loaded.statusCode).toBe(200);

    const cars = (await office.get(`/api/indicators/${await idOf('JJ-2024-98', 'A2-S-02')}/cascade`)).json().levels as Json[];
    expect(cars.filter((l) => l.kind === 'indicator').map((l) => l.plan.code)).toEqual(['QZ-2024-2', 'JJ-2024-98']);
    expect(cars.at(-1)!.share).toMatchObject({
      status: 'additive',
      year: 2027,
      childTarget: 25000,
      parentTarget: 100000,
      parentUnit: '辆',
      factor: 10000,
      targetShare: 25,
    });

    // Stations: 2 a month from the plan's issue (2024-06-05) to the end of September 2024 is 8 of the city's 300.
    const stations = await office.get(`/api/indicators/${await idOf('JJ-2024-98', 'A3-T1-02')}/cascade?asOf=2024-09-30`);
    const county = (stations.json().levels as Json[]).at(-1)!;
    expect(county.actual).toMatchObject({ value: 8 });
    expect(county.noDataReason).toBeNull();
    expect(county.share).toMatchObject({ status: 'additive', childTarget: 80, parentTarget: 300, targetShare: 26.67, actualShare: 2.67 });
    const cityLevel = (stations.json().levels as Json[]).find((l) => l.plan?.code === 'QZ-2024-2')!;
    expect([cityLevel.plan.level, cityLevel.actual, cityLevel.noDataReason]).toEqual(['city', null, 'no_observations']);
  });

  it('the loader refuses a link to an indicator its loaded parent plan does not have, with a field error in the caller’s language', async () => {
    const bad = jinjiang();
    indicatorIn(bad, 'A1-S-01').parent = { plan: 'MZ-2024-5', indicator: 'A1-T1-99' };
    const res = await office.post('/api/plans/import', bad);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      expect.objectContaining({ field: 'actions.0.indicators.0.parent.indicator', message: '上级方案 MZ-2024-5 中没有编号为 A1-T1-99 的指标' }),
    ]);
    const en = await office.post('/api/plans/import', bad, { 'accept-language': 'en' });
    expect(en.json().error.details[0].message).toBe('Parent plan MZ-2024-5 has no indicator A1-T1-99');
    // Nothing was written: the link still points at the province's indicator.
    const again = (await office.get('/api/indicator-cascade')).json();
    expect(again.indicators.find((i: Json) => i.code === 'A1-S-01').parent).toEqual({ plan: 'MZ-2024-5', indicator: 'A1-T1-01', resolved: true });

    const self = jinjiang();
    indicatorIn(self, 'A1-S-01').parent = { plan: 'JJ-2024-98', indicator: 'A1-S-02' };
    const selfRes = await office.post('/api/plans/import', self);
    expect(selfRes.statusCode).toBe(400);
    expect(selfRes.json().error.details[0].field).toBe('actions.0.indicators.0.parent.plan');

    // The national plan naming Jinjiang's indicator as its parent would close a loop.
    const national = JSON.parse(readFileSync(join(dataDir, 'guofa-2024-7.json'), 'utf8')) as Json;
    indicatorIn(national, 'A1-T1-01').parent = { plan: 'JJ-2024-98', indicator: 'A1-S-01' };
    const loop = await office.post('/api/plans/import', national, { 'accept-language': 'en' });
    expect(loop.statusCode).toBe(400);
    expect(loop.json().error.details[0].message).toMatch(
      /comes back to this plan: GF-2024-7 A1-T1-01 → JJ-2024-98 A1-S-01 → MZ-2024-5 A1-T1-01 → GF-2024-7 A1-T1-01/,
    );
  });

  it('a link to a plan not loaded yet is kept and shown as an unresolved level', async () => {
    const child = jinjiang();
    indicatorIn(child, 'A2-S-01').parent = { plan: 'XM-2024-1', indicator: 'A1-T1-01' };
    expect((await office.post('/api/plans/import', child)).statusCode).toBe(200);
    const levels = (await office.get(`/api/indicators/${await idOf('JJ-2024-98', 'A2-S-01')}/cascade`)).json().levels as Json[];
    expect(levels[0]).toEqual({ kind: 'missing', docNumber: null, planCode: 'XM-2024-1', indicatorCode: 'A1-T1-01', reason: 'not_loaded' });
    expect(levels.at(-1)!.share).toBeNull();
  });

  it('404 for an unknown indicator; 401 without a session', async () => {
    expect((await office.get('/api/indicators/999999/cascade')).statusCode).toBe(404);
    expect((await t.anonymous.get('/api/indicators/1/cascade')).statusCode).toBe(401);
    expect((await t.anonymous.get('/api/indicator-cascade')).statusCode).toBe(401);
  });
});
