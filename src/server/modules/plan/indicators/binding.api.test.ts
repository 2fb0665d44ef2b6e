import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';

interface Indicator {
  id: number;
  code: string;
  source: 'reported' | 'computed';
  metric: string | null;
  lowerBoundMetric: string | null;
}

/** Binding an indicator to a metric: only to one that exists now (GET /api/plan/metrics lists them). */
describe('indicator metric bindings', () => {
  let t: TestApp;
  let office: TestClient;
  let indicators: Indicator[];
  const byCode = (code: string) => indicators.find((i) => i.code === code)!;

  beforeAll(async () => {
    t = await createTestApp();
    office = await t.login('demo_office');
    const [plan] = (await office.get('/api/plans')).json();
    const tree = (await office.get(`/api/plans/${plan.id}`)).json() as { actions: { indicators: Indicator[]; tasks: { indicators: Indicator[] }[] }[] };
    indicators = tree.actions.flatMap((a) => [...a.indicators, ...a.tasks.flatMap((x) => x.indicators)]);
  });
  afterAll(() => t.close());

  it('lists every metric with its description and unit, sorted by name', async () => {
    const res = await office.get('/api/plan/metrics');
    expect(res.statusCode).toBe(200);
    const metrics = res.json() as { name: string; description: string; unit: string }[];
    expect(metrics.find((m) => m.name === 'renewal.projects.investmentCompleted')).toMatchObject({
      unit: '亿元',
      description: expect.stringContaining('技改投资'),
    });
    expect(metrics.map((m) => m.name)).toEqual([...metrics.map((m) => m.name)].sort((a, b) => a.localeCompare(b)));
  });

  it('refuses a metric that does not exist, naming the field, in both languages', async () => {
    const reported = byCode('A1-T1-01');
    const res = await office.request({
      method: 'PATCH',
      url: `/api/indicators/${reported.id}`,
      payload: { lowerBoundMetric: 'nosuch.module.figure' },
      headers: { 'accept-language': 'en' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toMatchObject([
      { field: 'lowerBoundMetric', reason: 'plan.unknownMetric', message: 'There is no metric named nosuch.module.figure' },
    ]);
    // A well-formed name of a family (ledgers.<kind>.<figure>) whose kind does not exist is unknown too.
    const ledger = await office.patch(`/api/indicators/${reported.id}`, { lowerBoundMetric: 'ledgers.noSuchKind.built' });
    expect(ledger.json().error.details).toMatchObject([
      { field: 'lowerBoundMetric', reason: 'plan.unknownMetric', message: '没有名为 ledgers.noSuchKind.built 的统计指标' },
    ]);
    const computed = await office.patch(`/api/indicators/${reported.id}`, { source: 'computed', metric: 'nosuch.module.figure', lowerBoundMetric: null });
    expect(computed.json().error.details).toMatchObject([{ field: 'metric', reason: 'plan.unknownMetric' }]);
    const after = (await office.get(`/api/indicators/${reported.id}`)).json() as Indicator;
    expect(after).toMatchObject({ source: 'reported', metric: null, lowerBoundMetric: reported.lowerBoundMetric });
  });

  it('binds to an existing metric, switches to computed and back', async () => {
    const id = byCode('A1-T1-01').id;
    const lower = await office.patch(`/api/indicators/${id}`, { lowerBoundMetric: 'renewal.projects.investmentCompleted' });
    expect(lower.statusCode, lower.body).toBe(200);
    expect(lower.json()).toMatchObject({ source: 'reported', lowerBoundMetric: 'renewal.projects.investmentCompleted' });
    const computed = await office.patch(`/api/indicators/${id}`, { source: 'computed', metric: 'renewal.projects.retrofitStarted', lowerBoundMetric: null });
    expect(computed.statusCode, computed.body).toBe(200);
    expect(computed.json()).toMatchObject({ source: 'computed', metric: 'renewal.projects.retrofitStarted', lowerBoundMetric: null });
    const back = await office.patch(`/api/indicators/${id}`, { source: 'reported', metric: null, lowerBoundMetric: 'renewal.projects.retrofitStarted' });
    expect(back.json()).toMatchObject({ source: 'reported', metric: null, lowerBoundMetric: 'renewal.projects.retrofitStarted' });
    // Sending the binding it already has is no new binding, and records nothing.
    const same = await office.patch(`/api/indicators/${id}`, { lowerBoundMetric: 'renewal.projects.retrofitStarted' });
    expect(same.statusCode).toBe(200);
  });

  it('the metric list is for those who read indicators', async () => {
    for (const who of ['demo_department', 'demo_town', 'demo_auditor']) expect((await (await t.login(who)).get('/api/plan/metrics')).statusCode, who).toBe(200);
    for (const who of ['demo_enterprise', 'demo_merchant', 'demo_admin'])
      expect((await (await t.login(who)).get('/api/plan/metrics')).statusCode, who).toBe(403);
  });
});
