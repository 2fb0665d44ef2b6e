import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_RESIDENT, type TestApp, type TestClient } from '../../../../test/helpers/testApp.js';
import { metricRegistry } from './index.js';
import type { MetricDefinition } from './metrics/registry.js';

const rawJson = readFileSync(join(import.meta.dirname, 'planfile', 'data', 'jinjiang-2024-98.json'), 'utf8');
// The plan file as plain JSON, edited freely by the tests below (its schema is what they test).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const planFile = () => JSON.parse(rawJson) as Record<string, any>;

interface Unit {
  id: number | null;
  name: string;
  role: 'lead' | 'co';
}
interface Indicator {
  id: number;
  code: string;
  targets: { year: number; value: number }[];
  organizations: Unit[];
  [k: string]: unknown;
}
interface Milestone {
  id: number;
  code: string;
  organizations: Unit[];
  status: string;
  [k: string]: unknown;
}
interface Task {
  id: number;
  number: number;
  organizations: Unit[];
  indicators: Indicator[];
  milestones: Milestone[];
  [k: string]: unknown;
}
interface Action {
  id: number;
  code: string;
  indicators: Indicator[];
  milestones: Milestone[];
  tasks: Task[];
  [k: string]: unknown;
}

/** Metrics the test stands in for (the modules that own them are not part of this test). */
const TEST_METRICS: MetricDefinition[] = [
  {
    name: 'recycling.sites.stationsBuilt',
    description: 'test: 2 stations a period city-wide, 1 in a town',
    unit: '个',
    compute: async (_db, p) => (p.townId ? 1 : 2),
  },
  { name: 'tradein.car.subsidisedCars', description: 'test: 0.1 万辆 in any window', unit: '万辆', compute: async () => 0.1 },
];
/** Metrics the test takes away, to see an indicator whose metric no installed module provides. */
const WITHHELD_METRICS = ['recycling.sites.sortingCentresBuilt'];

describe('plan API', () => {
  let t: TestApp;
  let office: TestClient;
  let planId: number;
  let plan: { actions: Action[] } & Record<string, unknown>;
  const replaced: MetricDefinition[] = [];
  const allIndicators = () => plan.actions.flatMap((a) => [...a.indicators, ...a.tasks.flatMap((x) => x.indicators)]);
  const allMilestones = () => plan.actions.flatMap((a) => [...a.milestones, ...a.tasks.flatMap((x) => x.milestones)]);
  const indicator = (code: string) => allIndicators().find((i) => i.code === code)!;

  beforeAll(async () => {
    for (const name of WITHHELD_METRICS) {
      const existing = metricRegistry.get(name);
      if (existing) {
        replaced.push(existing);
        metricRegistry.unregister(name);
      }
    }
    for (const m of TEST_METRICS) {
      const existing = metricRegistry.get(m.name);
      if (existing) {
        replaced.push(existing);
        metricRegistry.unregister(m.name);
      }
      metricRegistry.register(m);
    }
    // The working plan alone: cascade.api.test.ts covers it with its parent plans beside it.
    t = await createTestApp({ env: { HUANXIN_REFERENCE_PLANS: '0' } });
    office = await t.login('demo_office');
    const plans = (await office.get('/api/plans')).json();
    planId = plans[0].id;
    plan = (await office.get(`/api/plans/${planId}`)).json();
  });
  afterAll(async () => {
    for (const m of TEST_METRICS) metricRegistry.unregister(m.name);
    for (const m of replaced) metricRegistry.register(m);
    await t.close();
  });

  it('GET /api/plans lists the plan loaded on start', async () => {
    const res = await office.get('/api/plans');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([
      expect.objectContaining({
        id: planId,
        code: 'JJ-2024-98',
        docNumber: '晋政文〔2024〕98号',
        title: '晋江市推动大规模设备更新和消费品以旧换新行动工作方案',
        issuedOn: '2024-06-05',
        startYear: 2024,
        endYear: 2027,
        parentPlans: ['国发〔2024〕7号', '闽政〔2024〕5号', '泉政〔2024〕2号'],
      }),
    ]);
  });

  it('GET /api/plans/{id} gives actions, tasks with units, indicators and milestones in the documented shape', async () => {
    expect(plan.actions.map((a) => a.code)).toEqual(['A1', 'A2', 'A3', 'A4', 'A5', 'M1', 'M2', 'M3', 'M4', 'M5']);
    expect(plan.actions.flatMap((a) => a.tasks)).toHaveLength(31);
    expect(allIndicators()).toHaveLength(32);
    expect(allMilestones()).toHaveLength(92);
    const a3 = plan.actions.find((a) => a.code === 'A3')!;
    expect(a3).toMatchObject({ number: '（三）', section: 'task', title: '积极推进回收循环利用行动' });
    const task = a3.tasks[0]!;
    expect(task).toMatchObject({ number: 1, townsImplement: true });
    expect(task.organizations.map((o) => [o.name, o.role])).toEqual([
      ['市商务局', 'lead'],
      ['市城管局', 'co'],
      ['供销社', 'co'],
    ]);
    expect(task.organizations.every((o) => typeof o.id === 'number')).toBe(true);
    expect(indicator('A3-T1-02')).toEqual({
      id: expect.any(Number),
      planId,
      actionId: a3.id,
      taskId: task.id,
      code: 'A3-T1-02',
      name: '新改扩建回收站数',
      nameEn: 'Recycling stations newly built, rebuilt or expanded',
      text: expect.any(String),
      unit: '个',
      kind: 'cumulative',
      comparator: '≥',
      baseline: null,
      yearOnYear: false,
      targets: [{ year: 2027, value: 80 }],
      relatedTask: null,
      organizations: task.organizations,
      assignedByOffice: false,
      townBreakdown: true,
      source: 'computed',
      metric: 'recycling.sites.stationsBuilt',
      lowerBoundMetric: null,
      isEffort: false,
      parent: null,
    });
    expect(indicator('A2-S-02').targets).toEqual([{ year: 2027, value: 2.5 }]);
    expect(indicator('A1-S-01').baseline).toEqual({ year: 2023, value: null });
    expect(allMilestones()[0]).toMatchObject({ code: 'A1-S-M1', status: 'not_started', doneAt: null, evidence: null, dueYear: 2027 });
    expect((await office.get('/api/plans/99999')).statusCode).toBe(404);
  });

  it('GET /api/plans/{id}/export downloads the plan file; importing it back changes nothing', async () => {
    const res = await office.get(`/api/plans/${planId}/export`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('JJ-2024-98.json');
    expect(res.body).toBe(rawJson);
    const again = await office.post('/api/plans/import', res.json());
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ planId, created: false, changed: false, revisions: 0 });
  });

  it('POST /api/plans/import: 400 with field paths on a bad file; office only', async () => {
    const bad = planFile();
    bad.formatVersion = 2;
    bad.actions[0].tasks[0].units = ['市工信局', ''];
    const res = await office.post('/api/plans/import', bad);
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['formatVersion', 'actions.0.tasks.0.units.1']));
    expect(res.json().error.details[0].message).toMatch(/^方案文件有误：/);
    const department = await t.login('demo_department');
    expect((await department.post('/api/plans/import', planFile())).statusCode).toBe(403);
    expect((await office.post('/api/plans/import', 'not json', { 'content-type': 'application/json' })).statusCode).toBe(400);
  });

  it('POST /api/plans/import loads a second plan (test fixture) for the office', async () => {
    const fixture = JSON.parse(readFileSync(join(import.meta.dirname, 'plans', 'fixtures', 'quanzhou-2024-2.test-fixture.json'), 'utf8'));
    const res = await office.post('/api/plans/import', fixture);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: true, changed: true });
    const plans = (await office.get('/api/plans')).json();
    expect(plans.map((p: { code: string }) => p.code).sort()).toEqual(['JJ-2024-98', 'QZ-2024-2']);
    const second = (await office.get(`/api/plans/${res.json().planId}`)).json();
    expect(second.actions[0].tasks[0].organizations).toEqual([
      { id: null, name: '泉州市商务局', role: 'lead' },
      { id: null, name: '泉州市公安局', role: 'co' },
    ]);
  });

  it('PATCH /api/indicators/{id}: the office edits targets, baseline and units; every change is a revision', async () => {
    const cars = indicator('A2-S-02');
    const orgs = (await office.get('/api/organizations?kind=department&pageSize=100')).json().items as { id: number; name: string }[];
    const commerce = orgs.find((o) => o.name === '市商务局')!;
    const police = orgs.find((o) => o.name === '市公安局')!;
    const res = await office.patch(`/api/indicators/${cars.id}`, {
      targets: [
        { year: 2026, value: 2 },
        { year: 2027, value: 2.5 },
      ],
      organizationIds: [police.id, commerce.id],
      note: '专班会议调整',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().targets).toEqual([
      { year: 2026, value: 2 },
      { year: 2027, value: 2.5 },
    ]);
    expect(res.json().organizations).toEqual([
      { id: police.id, name: '市公安局', role: 'lead' },
      { id: commerce.id, name: '市商务局', role: 'co' },
    ]);
    const investment = indicator('A1-S-01');
    const baseline = await office.patch(`/api/indicators/${investment.id}`, { baseline: { year: 2023, value: 186.4 } });
    expect(baseline.json().baseline).toEqual({ year: 2023, value: 186.4 });

    const revisions = (await office.get(`/api/indicators/${cars.id}/revisions`)).json();
    expect(revisions.map((r: { field: string }) => r.field).sort()).toEqual(['targets', 'units']);
    expect(revisions.find((r: { field: string }) => r.field === 'targets')).toMatchObject({
      before: [{ year: 2027, value: 2.5 }],
      after: [
        { year: 2026, value: 2 },
        { year: 2027, value: 2.5 },
      ],
      source: 'edit',
      actor: 'demo_office',
      note: '专班会议调整',
    });
    // The export carries the edits (and the reported baseline value).
    const exported = (await office.get(`/api/plans/${planId}/export`)).json();
    expect(exported.actions[0].indicators[0].baseline).toEqual({ year: 2023, value: 186.4 });
    expect(exported.actions[1].indicators[1].units).toEqual(['市公安局', '市商务局']);
    // Restarting (loading the unchanged repository file) keeps the edits.
    const audit = await t.deps.database.db.selectFrom('audit_log').select('action').where('entity', '=', 'indicator').execute();
    expect(audit.map((a) => a.action)).toEqual(['update', 'update']);
  });

  it('PATCH /api/indicators/{id}: 400 naming the field; 403 for everyone but the office', async () => {
    const id = indicator('A3-T1-01').id;
    const bad = await office.patch(`/api/indicators/${id}`, {
      targets: [
        { year: 2027, value: 1 },
        { year: 2026, value: 2 },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ field: 'targets.1.year', reason: 'plan.targetYearsNotAscending' });
    const outside = await office.patch(`/api/indicators/${id}`, { targets: [{ year: 2030, value: 1 }] });
    expect(outside.json().error.details[0]).toMatchObject({ field: 'targets.0.year', reason: 'plan.targetYearOutsidePlan' });
    const metric = await office.patch(`/api/indicators/${id}`, { metric: null });
    expect(metric.json().error.details[0]).toMatchObject({ field: 'metric', reason: 'plan.metricRequired' });
    const empty = await office.patch(`/api/indicators/${id}`, {});
    expect(empty.statusCode).toBe(400);
    for (const who of ['demo_department', 'demo_town', 'demo_auditor']) {
      const client = await t.login(who);
      expect((await client.patch(`/api/indicators/${id}`, { name: '改名' })).statusCode, who).toBe(403);
    }
  });

  it('milestones: the lead unit or the office completes with evidence and reopens; others get 403', async () => {
    const led = allMilestones().find((m) => m.organizations[0]?.name === '市商务局')!;
    const notLed = allMilestones().find((m) => m.organizations[0]?.name === '市工信局')!;
    const commerce = await t.login('demo_department'); // 市商务局
    const finance = await t.login('demo_finance'); // 市财政局
    const town = await t.login('demo_town');

    expect((await finance.post(`/api/milestones/${led.id}/complete`, { evidence: '已完成' })).statusCode).toBe(403);
    expect((await town.post(`/api/milestones/${led.id}/complete`, { evidence: '已完成' })).statusCode).toBe(403);
    expect((await commerce.post(`/api/milestones/${notLed.id}/complete`, { evidence: '已完成' })).statusCode).toBe(403);
    expect((await commerce.post(`/api/milestones/${led.id}/complete`, {})).statusCode).toBe(400);
    expect((await commerce.post(`/api/milestones/${led.id}/complete`, { evidence: { note: '见附件', attachmentId: 999999 } })).statusCode).toBe(400);

    const done = await commerce.post(`/api/milestones/${led.id}/complete`, { evidence: '晋商务〔2025〕12号 已印发' });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', evidence: { note: '晋商务〔2025〕12号 已印发', attachmentId: null } });
    expect(done.json().doneAt).toBeTruthy();
    const twice = await commerce.post(`/api/milestones/${led.id}/complete`, { evidence: '再次' });
    expect(twice.statusCode).toBe(409);

    const reopened = await office.post(`/api/milestones/${led.id}/reopen`, { note: '佐证不足' });
    expect(reopened.json()).toMatchObject({ status: 'not_started', doneAt: null, evidence: null });
    expect((await office.post(`/api/milestones/${led.id}/reopen`, {})).statusCode).toBe(409);
    expect((await office.post(`/api/milestones/${notLed.id}/complete`, { evidence: { note: '专班确认' } })).statusCode).toBe(200);
    const audit = await t.deps.database.db.selectFrom('audit_log').select(['action', 'outcome']).where('entity', '=', 'milestone').orderBy('id').execute();
    expect(audit.filter((a) => a.outcome === 'ok').map((a) => a.action)).toEqual(['complete', 'reopen', 'complete']);
    expect(audit.filter((a) => a.outcome === 'denied').length).toBeGreaterThanOrEqual(3);
  });

  it('GET /api/plan-dashboard: every indicator evaluated, computed ones from their metric, lower bounds beside reported ones', async () => {
    const res = await office.get(`/api/plan-dashboard?planId=${planId}&asOf=2025-06-30`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.asOf).toBe('2025-06-30T16:00:00.000Z');
    expect(body.cards).toHaveLength(10);
    expect(body.indicators).toHaveLength(32);
    const stations = body.indicators.find((i: { code: string }) => i.code === 'A3-T1-02');
    // 2 a period: June 2024 (from the 5th) and twelve whole months to the end of June 2025.
    const expected = (80 * (Date.UTC(2025, 6, 1) - Date.UTC(2024, 5, 5))) / (Date.UTC(2028, 0, 1) - Date.UTC(2024, 5, 5));
    expect(stations).toMatchObject({
      actual: 26,
      target: 80,
      targetYear: 2027,
      progress: 32.5,
      status: 'on_track',
      taskNumber: 1,
      leadUnit: '市商务局',
      actionCode: 'A3',
      source: 'computed',
      computed: null,
    });
    expect(stations.expected).toBeCloseTo(expected, 3);
    expect(stations.reason.zh).toMatch(/^新改扩建回收站数26个，按进度应为23\.\d+个$/);
    expect(stations.forecast).toBeGreaterThan(60);
    const carsTotal = body.indicators.find((i: { code: string }) => i.code === 'A2-S-01');
    expect(carsTotal).toMatchObject({ source: 'reported', status: 'not_started', actual: null, computed: 0.1 });
    const sorting = body.indicators.find((i: { code: string }) => i.code === 'A3-T1-01');
    expect(sorting.status).toBe('not_started'); // its metric is not registered
    const a3 = body.cards.find((c: { code: string }) => c.code === 'A3');
    expect(a3.counts.on_track).toBe(1);
    expect(a3.total).toBe(5);
    expect(a3.milestones.total).toBeGreaterThan(0);
    const commerce = body.units.find((u: { name: string }) => u.name === '市商务局');
    expect(commerce.organizationId).toEqual(expect.any(Number));
    expect(commerce.total).toBeGreaterThan(5);
    const task1 = body.tasks.find((x: { actionId: number; taskNumber: number }) => x.actionId === a3.actionId && x.taskNumber === 1);
    expect(task1).toMatchObject({ total: 3, counts: { on_track: 1, not_started: 2 } }); // A3-T1-01, A3-T1-02 and section-level A3-S-01
    // One town's own figures.
    const towns = (await office.get('/api/towns')).json();
    const inTown = (await office.get(`/api/plan-dashboard?asOf=2025-06-30&townId=${towns[0].id}`)).json();
    expect(inTown.townId).toBe(towns[0].id);
    expect(inTown.indicators.find((i: { code: string }) => i.code === 'A3-T1-02').actual).toBe(13);
    // Without planId: the 98号 plan; without asOf: now.
    const byDefault = await office.get('/api/plan-dashboard');
    expect(byDefault.json().planId).toBe(planId);
  });

  it('GET /api/indicators/{id}/trend gives actual vs expected per month, the targets and the forecast', async () => {
    const id = indicator('A3-T1-02').id;
    const res = await office.get(`/api/indicators/${id}/trend?asOf=2025-06-30`);
    expect(res.statusCode).toBe(200);
    const trend = res.json();
    expect(trend.points[0]).toEqual({ date: '2024-06-04', actual: null, expected: 0 });
    const june2025 = trend.points.find((p: { date: string }) => p.date === '2025-06-30');
    expect(june2025.actual).toBe(26);
    expect(trend.points.at(-1)).toMatchObject({ date: '2027-12-31', actual: null, expected: 80 });
    expect(trend.targets).toEqual([{ year: 2027, date: '2027-12-31', value: 80 }]);
    expect(trend.forecast.date).toBe('2027-12-31');
    expect(trend.status).toBe('on_track');
  });

  it('GET /api/plan-dashboard/export.xlsx gives the indicator table', async () => {
    const res = await office.get(`/api/plan-dashboard/export.xlsx?asOf=2025-06-30`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('指标进度');
    expect(sheet.rowCount).toBe(33);
    expect(sheet.getRow(1).getCell(1).value).toBe('编号');
    const row = sheet.getRows(2, 32)!.find((r) => r.getCell(1).value === 'A3-T1-02')!;
    expect(row.getCell(7).value).toBe(26);
    expect(row.getCell(12).value).toBe('进度正常');
  });

  it('who sees the plan: government reads it all, businesses and residents get 403, anonymous 401', async () => {
    const ind = indicator('A1-S-01').id;
    const ms = allMilestones()[0]!.id;
    const urls = [
      '/api/plans',
      `/api/plans/${planId}`,
      `/api/plans/${planId}/export`,
      '/api/plan-dashboard',
      `/api/indicators/${ind}`,
      `/api/indicators/${ind}/revisions`,
      `/api/indicators/${ind}/trend`,
      `/api/milestones/${ms}`,
    ];
    for (const who of ['demo_department', 'demo_town', 'demo_auditor']) {
      const client = await t.login(who);
      for (const url of urls) expect((await client.get(url)).statusCode, `${who} ${url}`).toBe(200);
    }
    for (const who of ['demo_enterprise', 'demo_merchant', 'demo_recycler', DEMO_RESIDENT.mobile, 'demo_admin']) {
      const client = await t.login(who);
      for (const url of urls) expect((await client.get(url)).statusCode, `${who} ${url}`).toBe(403);
    }
    for (const url of urls) expect((await t.anonymous.get(url)).statusCode, url).toBe(401);
  });
});
