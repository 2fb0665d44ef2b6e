import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/helpers/testApp.js';
import type { LedgerDefinitionInput } from '../../../../shared/ledgers/definition.js';
import { ledgerMetricFamily } from './family.js';
import { insertAsset, insertEvent, insertKind, window } from './testSetup.js';

const label = (zh: string, en = zh) => ({ zh, en });

/** A kind an official might define on the page after the server started: plants, counted when built. */
const PLANTS: LedgerDefinitionInput = {
  name: label('测试污水厂', 'Test sewage plants'),
  titleField: 'name',
  fields: [
    { key: 'name', label: label('名称'), type: 'text', required: true },
    { key: 'capacity', label: label('规模'), type: 'decimal', unit: '万吨/日' },
  ],
  events: [{ code: 'build', label: label('建成'), effect: 'added' }],
  metrics: [
    { code: 'built', label: label('新建污水厂'), unit: '座', measure: { kind: 'events', effects: ['added'] } },
    { code: 'capacity', label: label('处理规模'), unit: '万吨/日', measure: { kind: 'sum', field: 'capacity' } },
  ],
};

describe('the ledgers metric family', () => {
  let t: TestApp;
  const Y2025 = window('2025-01-01', '2025-12-31');

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers only names shaped ledgers.<kind>.<figure>', () => {
    expect(ledgerMetricFamily.prefix).toBe('ledgers');
    expect(ledgerMetricFamily.get('ledgers.plants')).toBeUndefined();
    expect(ledgerMetricFamily.get('ledgers.plants.built.more')).toBeUndefined();
    expect(ledgerMetricFamily.get('ledgers.Plants.built')).toBeUndefined();
    expect(ledgerMetricFamily.get('ledgers.fPlants.built')?.name).toBe('ledgers.fPlants.built');
  });

  it('a kind defined after start-up is listed and computed at once, no restart', async () => {
    const db = t.deps.database.db;
    const before = ledgerMetricFamily.get('ledgers.fPlants.built')!;
    expect(await before.compute(db, Y2025)).toBeNull(); // no such kind yet
    expect((await ledgerMetricFamily.list(db)).some((m) => m.name.startsWith('ledgers.fPlants.'))).toBe(false);

    const kind = await insertKind(t, 'fPlants', PLANTS);
    const plant = await insertAsset(t, kind, { values: { name: '东石污水厂', capacity: 2.5 }, inServiceFrom: '2025-03-01' });
    await insertEvent(t, kind, plant, 'build', '2025-03-01');
    await insertAsset(t, kind, { values: { name: '老厂', capacity: 1 } });

    expect(await before.compute(db, Y2025)).toBe(1);
    expect(await ledgerMetricFamily.get('ledgers.fPlants.capacity')!.compute(db, Y2025)).toBe(3.5);
    expect(await ledgerMetricFamily.get('ledgers.fPlants.nothing')!.compute(db, Y2025)).toBeNull();

    const listed = (await ledgerMetricFamily.list(db)).filter((m) => m.name.startsWith('ledgers.fPlants.'));
    expect(listed).toEqual([
      { name: 'ledgers.fPlants.built', description: '测试污水厂 · 新建污水厂', unit: '座' },
      { name: 'ledgers.fPlants.capacity', description: '测试污水厂 · 处理规模', unit: '万吨/日' },
    ]);
    // Once listed, a metric asked for by name has its description and unit.
    expect(ledgerMetricFamily.get('ledgers.fPlants.capacity')).toMatchObject({ description: '测试污水厂 · 处理规模', unit: '万吨/日' });
  });

  it('GET /api/plan/metrics lists the ledger metrics beside the modules’ for whoever reads indicators', async () => {
    await insertKind(t, 'fStations', {
      ...PLANTS,
      name: label('测试中转站'),
      metrics: [{ code: 'built', label: label('新建中转站'), unit: '座', measure: { kind: 'events', effects: ['added'] } }],
    });
    for (const who of ['demo_office', 'demo_department', 'demo_town', 'demo_auditor']) {
      const res = await (await t.login(who)).get('/api/plan/metrics');
      expect(res.statusCode, who).toBe(200);
      const names = (res.json() as { name: string }[]).map((m) => m.name);
      expect(names, who).toContain('ledgers.fStations.built');
      expect(names, who).toContain('ledgers.fPlants.built');
      expect(names, who).toContain('renewal.projects.investmentCompleted');
      expect(names, who).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    }
    const office = await t.login('demo_office');
    const metrics = (await office.get('/api/plan/metrics')).json() as { name: string }[];
    expect(metrics.find((m) => m.name === 'ledgers.fStations.built')).toEqual({
      name: 'ledgers.fStations.built',
      description: '测试中转站 · 新建中转站',
      unit: '座',
    });
    expect((await (await t.login('demo_merchant')).get('/api/plan/metrics')).statusCode).toBe(403);
    expect((await t.anonymous.get('/api/plan/metrics')).statusCode).toBe(401);
  });

  it('the office binds an indicator to a ledger metric and the dashboard shows its figure beside the reported one', async () => {
    const office = await t.login('demo_office');
    const board = async () =>
      (await office.get('/api/plan-dashboard?asOf=2025-06-30')).json() as { indicators: { id: number; code: string; computed: number | null }[] };
    const indicator = (await board()).indicators.find((i) => i.code === 'A1-T5-02')!;
    const unknown = await office.patch(`/api/indicators/${indicator.id}`, { lowerBoundMetric: 'ledgers.fPlants.nothing' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details).toMatchObject([{ field: 'lowerBoundMetric', reason: 'plan.unknownMetric' }]);
    const bound = await office.patch(`/api/indicators/${indicator.id}`, { lowerBoundMetric: 'ledgers.fPlants.built' });
    expect(bound.statusCode, bound.body).toBe(200);
    expect(bound.json().lowerBoundMetric).toBe('ledgers.fPlants.built');
    // Since the plan's start (cumulative): the plant built on 2025-03-01.
    expect((await board()).indicators.find((i) => i.code === 'A1-T5-02')!.computed).toBe(1);
  });

  it('every ledger metric the plan file binds is a figure of a shipped kind, in the indicator’s unit', async () => {
    // The plan file is data the plan module loads; read here as a file, not through that module.
    const file = join(import.meta.dirname, '..', '..', 'plan', 'planfile', 'data', 'jinjiang-2024-98.json');
    type FileIndicator = { code: string; unit: string; metric: string | null; lowerBoundMetric: string | null };
    const plan = JSON.parse(readFileSync(file, 'utf8')) as { actions: { indicators: FileIndicator[]; tasks: { indicators: FileIndicator[] }[] }[] };
    const bound = plan.actions
      .flatMap((a) => [...a.indicators, ...a.tasks.flatMap((x) => x.indicators)])
      .flatMap((i) => [i.metric, i.lowerBoundMetric].filter((m): m is string => !!m?.startsWith('ledgers.')).map((m) => ({ code: i.code, unit: i.unit, m })));
    expect(bound.length).toBeGreaterThanOrEqual(9);
    const listed = new Map((await ledgerMetricFamily.list(t.deps.database.db)).map((m) => [m.name, m]));
    for (const b of bound) {
      expect(listed.has(b.m), `${b.code} → ${b.m}`).toBe(true);
      expect(listed.get(b.m)?.unit, `${b.code} → ${b.m}`).toBe(b.unit);
    }
  });
});
