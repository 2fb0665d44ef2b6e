import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/helpers/testApp.js';
import { addYears } from '../../../../shared/dates.js';
import type { LedgerDefinitionInput, LedgerMetric, RuleCondition } from '../../../../shared/ledgers/definition.js';
import type { LoadedKind } from '../kinds/current.js';
import { ageCutoff, computeLedgerMetric } from './compute.js';
import { insertAsset, insertEvent, insertKind, townIds, window } from './testSetup.js';

const label = (zh: string) => ({ zh, en: zh });

/** A bus ledger with every measure kind among its metrics; old at 8 years of service. */
const BUSES: LedgerDefinitionInput = {
  name: label('测试公交车'),
  townAccess: 'read',
  townField: 'town',
  titleField: 'plate',
  fields: [
    { key: 'plate', label: label('车牌'), type: 'text', unique: true, required: true },
    { key: 'town', label: label('镇街'), type: 'town' },
    { key: 'commissionedOn', label: label('投用日期'), type: 'date' },
    { key: 'energy', label: label('能源类型'), type: 'text' },
    { key: 'seats', label: label('座位数'), type: 'integer' },
    { key: 'cost', label: label('购置价'), type: 'money' },
    { key: 'usage', label: label('用途'), type: 'text' },
  ],
  oldRule: { match: 'any', conditions: [{ op: 'ageAtLeast', field: 'commissionedOn', years: 8 }] },
  events: [
    { code: 'add', label: label('新增'), effect: 'added' },
    { code: 'replace', label: label('更新'), effect: 'replaced' },
    { code: 'scrap', label: label('报废'), effect: 'scrapped' },
    { code: 'retrofit', label: label('改造'), effect: 'retrofitted', fields: [{ key: 'area', label: label('面积'), type: 'decimal', unit: '㎡' }] },
  ],
  metrics: [
    { code: 'inService', label: label('在用'), unit: '部', measure: { kind: 'inService' } },
    { code: 'old', label: label('老旧'), unit: '部', measure: { kind: 'old' } },
    { code: 'renewed', label: label('更新老旧'), unit: '部', measure: { kind: 'events', effects: ['replaced', 'scrapped'], oldOnly: true } },
    { code: 'added', label: label('新增'), unit: '部', measure: { kind: 'events', effects: ['added'] } },
    { code: 'area', label: label('改造面积'), unit: '万平方米', scale: 10000, measure: { kind: 'eventSum', event: 'retrofit', field: 'area' } },
    { code: 'addedCost', label: label('新增投资'), unit: '元', scale: 100, measure: { kind: 'addedSum', field: 'cost' } },
    { code: 'seats', label: label('座位'), unit: '座', measure: { kind: 'sum', field: 'seats' } },
    { code: 'electricShare', label: label('电动占比'), unit: '%', measure: { kind: 'share', field: 'energy', values: ['electric'] } },
  ],
};

const BUS = {
  B1: { plate: 'B1', commissionedOn: '2010-03-01', energy: 'diesel', seats: 40, cost: 10000, usage: 'operating' },
  B2: { plate: 'B2', commissionedOn: '2025-04-10', energy: 'electric', seats: 50, cost: 20000, usage: 'operating' },
  B3: { plate: 'B3', commissionedOn: '2020-01-01', energy: 'diesel', seats: 30, cost: 10000, usage: 'operating' },
  B4: { plate: 'B4', commissionedOn: '2025-06-01', energy: 'electric', seats: 60, cost: 30000, usage: 'private' },
  B5: { plate: 'B5', commissionedOn: '2012-05-05', energy: 'diesel', seats: 45, cost: 10000, usage: 'operating' },
  B6: { plate: 'B6', commissionedOn: null, energy: null, seats: null, cost: null, usage: 'operating' },
};

describe('ledger metrics: every measure over its window', () => {
  let t: TestApp;
  let kind: LoadedKind;
  let empty: LoadedKind;
  let A: number;
  let B: number;
  let C: number;
  const Y2024 = window('2024-01-01', '2024-12-31');
  const Y2025 = window('2025-01-01', '2025-12-31');
  const BOTH = window('2024-01-01', '2025-12-31');
  const metricOf = (code: string) => kind.definition.metrics.find((m) => m.code === code)!;
  const value = (code: string, params = Y2025) => computeLedgerMetric(t.deps.database.db, kind, metricOf(code), params);
  /** A metric of the kind with another `where` (the definition's metrics are frozen). */
  const withWhere = (code: string, where: RuleCondition[], params = Y2025) =>
    computeLedgerMetric(t.deps.database.db, kind, { ...metricOf(code), where } as LedgerMetric, params);

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    [A, B, C] = (await townIds(t, 3)) as [number, number, number];
    kind = await insertKind(t, 'mtBuses', BUSES);
    empty = await insertKind(t, 'mtEmpty', BUSES);
    // B1 (old since 2018) is replaced by B2 in 2025; B3 (not yet old) is scrapped in 2024; B4 is added in 2025;
    // B5 (old since 2020) is retrofitted in 2024 and 2025; B6 has nothing but its plate and use.
    const b1 = await insertAsset(t, kind, { values: { ...BUS.B1, town: A }, ended: { on: '2025-04-10', status: 'replaced' } });
    const b2 = await insertAsset(t, kind, { values: { ...BUS.B2, town: A }, inServiceFrom: '2025-04-10' });
    await insertEvent(t, kind, b1, 'replace', '2025-04-10', {}, b2);
    const b3 = await insertAsset(t, kind, { values: { ...BUS.B3, town: B }, ended: { on: '2024-08-01', status: 'scrapped' } });
    await insertEvent(t, kind, b3, 'scrap', '2024-08-01');
    const b4 = await insertAsset(t, kind, { values: { ...BUS.B4, town: B }, inServiceFrom: '2025-06-01' });
    await insertEvent(t, kind, b4, 'add', '2025-06-01');
    const b5 = await insertAsset(t, kind, { values: { ...BUS.B5, town: A } });
    await insertEvent(t, kind, b5, 'retrofit', '2024-02-01', { area: 3000 });
    await insertEvent(t, kind, b5, 'retrofit', '2025-09-01', { area: 5000 });
    await insertAsset(t, kind, { values: { ...BUS.B6, town: B } });
  });
  afterAll(() => t.close());

  it('levels are read on the window’s last day: in service, and old among them', async () => {
    expect(await value('inService')).toBe(4); // B2, B4, B5, B6 (B1 ended on 2025-04-10)
    expect(await value('inService', Y2024)).toBe(3); // B1, B5, B6 (B3 ended in August; B2 and B4 came later)
    expect(await value('inService', window('2025-01-01', '2025-04-09'))).toBe(3); // B1 still, the day before
    expect(await value('inService', window('2025-01-01', '2025-04-10'))).toBe(3); // B2 in, B1 out on the day
    expect(await value('old')).toBe(1); // B5
    expect(await value('old', Y2024)).toBe(2); // B1, B5
    expect(await value('old', window('2019-01-01', '2019-12-31'))).toBe(1); // B1 only: B5 old from 2020-05-05
  });

  it('sum and share of the assets in service at the end', async () => {
    expect(await value('seats')).toBe(50 + 60 + 45);
    expect(await value('electricShare')).toBe(50); // B2, B4 of 4
    expect(await value('electricShare', Y2024)).toBe(0); // none electric: 0, not null
    expect(await withWhere('electricShare', [{ op: 'eq', field: 'usage', value: 'operating' }])).toBeCloseTo(100 / 3, 9); // B2 of B2, B5, B6
  });

  it('flows count and sum the events in the window', async () => {
    expect(await value('renewed')).toBe(1); // B1's replacement (old since 2018)
    expect(await value('renewed', Y2024)).toBe(0); // B3 was not old when scrapped
    expect(
      await computeLedgerMetric(
        t.deps.database.db,
        kind,
        { ...metricOf('renewed'), measure: { kind: 'events', effects: ['replaced', 'scrapped'], oldOnly: false } },
        BOTH,
      ),
    ).toBe(2);
    expect(await value('added')).toBe(1);
    expect(await value('added', Y2024)).toBe(0);
    expect(await value('area')).toBe(0.5); // 5000 ㎡ in 万平方米
    expect(await value('area', BOTH)).toBe(0.8);
    expect(await value('addedCost')).toBe(500); // B4 added (30000 fen) and B2 new in B1's place (20000), in 元
    expect(await value('addedCost', Y2024)).toBe(0);
  });

  it('a town’s figures are its own assets’ and events’', async () => {
    expect(await value('inService', window('2025-01-01', '2025-12-31', A))).toBe(2); // B2, B5
    expect(await value('inService', window('2025-01-01', '2025-12-31', B))).toBe(2); // B4, B6
    expect(await value('renewed', window('2025-01-01', '2025-12-31', A))).toBe(1);
    expect(await value('renewed', window('2025-01-01', '2025-12-31', B))).toBe(0);
    expect(await value('added', window('2025-01-01', '2025-12-31', B))).toBe(1);
    expect(await value('added', window('2025-01-01', '2025-12-31', A))).toBe(0);
    expect(await value('area', window('2024-01-01', '2025-12-31', B))).toBe(0);
    expect(await value('addedCost', window('2025-01-01', '2025-12-31', A))).toBe(200);
    expect(await value('addedCost', window('2025-01-01', '2025-12-31', B))).toBe(300);
    expect(await value('seats', window('2025-01-01', '2025-12-31', A))).toBe(95);
    // A town with no assets of a ledger that has some: 0 for counts and sums, no share of nothing.
    const none = window('2025-01-01', '2025-12-31', C);
    for (const code of ['inService', 'old', 'renewed', 'added', 'area', 'addedCost', 'seats']) expect(await value(code, none), code).toBe(0);
    expect(await value('electricShare', none)).toBeNull();
  });

  it('where keeps the assets meeting every condition, on the slot the field is stored in', async () => {
    expect(await withWhere('old', [{ op: 'eq', field: 'usage', value: 'operating' }], Y2024)).toBe(2);
    expect(await withWhere('old', [{ op: 'eq', field: 'usage', value: 'private' }], Y2024)).toBe(0);
    expect(await withWhere('inService', [{ op: 'gte', field: 'seats', value: 45 }])).toBe(3); // B2, B4, B5
    expect(await withWhere('inService', [{ op: 'lte', field: 'seats', value: 45 }])).toBe(1); // B5; empty B6 is not ≤
    expect(await withWhere('inService', [{ op: 'lt', field: 'seats', value: 45 }])).toBe(0);
    expect(await withWhere('inService', [{ op: 'gt', field: 'seats', value: '50' }])).toBe(1); // B4; a number in text
    expect(await withWhere('inService', [{ op: 'eq', field: 'seats', value: 'fifty' }])).toBe(0);
    expect(await withWhere('inService', [{ op: 'in', field: 'seats', values: [50, 'x', '60'] }])).toBe(2);
    expect(await withWhere('inService', [{ op: 'ne', field: 'energy', value: 'diesel' }])).toBe(3); // B2, B4, and B6 with none
    expect(await withWhere('inService', [{ op: 'notIn', field: 'energy', values: ['electric'] }])).toBe(2); // B5, B6
    expect(await withWhere('inService', [{ op: 'empty', field: 'commissionedOn' }])).toBe(1);
    expect(await withWhere('inService', [{ op: 'notEmpty', field: 'commissionedOn' }])).toBe(3);
    expect(
      await withWhere('inService', [
        { op: 'eq', field: 'usage', value: 'operating' },
        { op: 'in', field: 'energy', values: ['diesel', 'electric'] },
      ]),
    ).toBe(2); // B2, B5
    // An age is judged on the window's last day: B5 (2012-05-05) is 10 years old in 2025, not yet on 2022-05-04.
    expect(await withWhere('inService', [{ op: 'ageAtLeast', field: 'commissionedOn', years: 10 }])).toBe(1);
    expect(await withWhere('inService', [{ op: 'ageAtLeast', field: 'commissionedOn', years: 10 }], window('2022-01-01', '2022-05-04'))).toBe(1); // B1
    expect(await withWhere('inService', [{ op: 'ageAtLeast', field: 'commissionedOn', years: 10 }], window('2022-01-01', '2022-05-05'))).toBe(2);
    // On flows too: the asset whose event it is.
    expect(await withWhere('renewed', [{ op: 'ageAtLeast', field: 'commissionedOn', years: 15 }])).toBe(1); // B1, 2010
    expect(await withWhere('renewed', [{ op: 'eq', field: 'usage', value: 'private' }])).toBe(0);
    expect(await withWhere('addedCost', [{ op: 'eq', field: 'energy', value: 'electric' }])).toBe(500);
    expect(await withWhere('addedCost', [{ op: 'eq', field: 'usage', value: 'private' }])).toBe(300); // the new asset's use, not the old one's
    expect(await withWhere('area', [{ op: 'eq', field: 'energy', value: 'electric' }], BOTH)).toBe(0);
  });

  it('a ledger nobody has entered an asset into has no figure at all', async () => {
    for (const m of empty.definition.metrics) expect(await computeLedgerMetric(t.deps.database.db, empty, m, Y2025), m.code).toBeNull();
  });
});

describe('ageCutoff', () => {
  it('is the last birth date that has reached the age by the day, as addYears counts ages', () => {
    expect(ageCutoff('2025-12-31', 10)).toBe('2015-12-31');
    expect(ageCutoff('2039-02-28', 15)).toBe('2024-02-29');
    expect(ageCutoff('2028-02-29', 4)).toBe('2024-02-29');
    expect(ageCutoff('2027-03-01', 3)).toBe('2024-03-01');
    // date ≤ cutoff exactly when addYears(date, years) ≤ day, around every leap day of a few years.
    const days = (from: string, n: number) =>
      Array.from({ length: n }, (_, i) => new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10));
    for (const day of days('2027-02-20', 20).concat(days('2028-02-20', 20)))
      for (const years of [1, 3, 4, 15])
        for (const born of days(`${Number(day.slice(0, 4)) - years}-02-20`, 20))
          expect(born <= ageCutoff(day, years), `${born} ${years} ${day}`).toBe(addYears(born, years) <= day);
  });
});
