import { describe, expect, it } from 'vitest';
import type { Queryable } from '../../../db/database.js';
import { MetricRegistry, type MetricParams } from '../metrics/registry.js';
import type { IndicatorSpec } from '../status/evaluate.js';
import { shanghaiDate, startOfDay } from '../status/time.js';
import { lowerBoundFigure } from './source.js';

/**
 * The platform figure beside a reported value reads as the indicator does: a count over its window, a level as of
 * now, a growth as the plan computes it. A fake metric answers per Asia/Shanghai day so the windows asked for are
 * visible in the figures.
 */
const db = {} as Queryable;
const asOf = startOfDay('2026-07-02'); // 1 January to 1 July 2026 are over: 182 of 365 days
const spec = (over: Partial<IndicatorSpec>): IndicatorSpec => ({
  kind: 'growth',
  comparator: '≥',
  unit: '%',
  baseline: null,
  yearOnYear: false,
  targets: [{ year: 2027, value: 25 }],
  planStart: '2024-06-05',
  ...over,
});

function registryWith(compute: (p: MetricParams) => number | null) {
  const registry = new MetricRegistry();
  const calls: string[] = [];
  registry.register({
    name: 'test.fake.value',
    description: 'fake',
    unit: '亿元',
    async compute(_db, p) {
      calls.push(`${shanghaiDate(Date.parse(p.from))}~${shanghaiDate(Date.parse(p.to) - 1)}`);
      return compute(p);
    },
  });
  return { registry, calls };
}

const figure = (registry: MetricRegistry, s: IndicatorSpec) => lowerBoundFigure(db, registry, { spec: s, lowerBoundMetric: 'test.fake.value' }, asOf);

describe('the platform figure beside a reported value', () => {
  it('a growth against the baseline year: this year so far against the baseline pro-rated to the same part of the year', async () => {
    const { registry, calls } = registryWith(() => 60);
    // 60 so far against 100 a year × 182/365 = 49.86: +20.3%.
    expect(await figure(registry, spec({ baseline: { year: 2023, value: 100 } }))).toBeCloseTo((60 / ((100 * 182) / 365) - 1) * 100, 3);
    expect(calls).toEqual(['2026-01-01~2026-07-01']);
    // Without the baseline's value there is nothing to grow from.
    expect(await figure(registry, spec({ baseline: { year: 2023, value: null } }))).toBeNull();
  });

  it('a growth on the year compares with the same part of the previous year', async () => {
    const { registry, calls } = registryWith((p) => (p.from.startsWith('2025-12-31') ? 60 : 50));
    expect(await figure(registry, spec({ yearOnYear: true }))).toBeCloseTo(20, 6);
    expect(calls).toEqual(['2026-01-01~2026-07-01', '2025-01-01~2025-07-01']);
  });

  it('a growth in 百分点 is the level less the baseline, or less last year’s level', async () => {
    const { registry } = registryWith((p) => (p.from.startsWith('2025-12-31') ? 78.5 : 74));
    expect(await figure(registry, spec({ unit: '百分点', baseline: { year: 2023, value: 71 } }))).toBeCloseTo(7.5, 6);
    expect(await figure(registry, spec({ unit: '百分点', yearOnYear: true }))).toBeCloseTo(4.5, 6);
  });

  it('a metric with nothing reported for the window gives no figure rather than a fall to 0', async () => {
    const { registry } = registryWith(() => null);
    expect(await figure(registry, spec({ yearOnYear: true }))).toBeNull();
    expect(await figure(registry, spec({ kind: 'level', unit: '%' }))).toBeNull();
    // Last year unreported: no rate, though this year has a figure.
    const half = registryWith((p) => (p.from.startsWith('2025-12-31') ? 60 : null));
    expect(await figure(half.registry, spec({ yearOnYear: true }))).toBeNull();
  });

  it('counts and levels read one window: since plan start for cumulative, this year for annual and levels', async () => {
    const { registry, calls } = registryWith(() => 7);
    expect(await figure(registry, spec({ kind: 'cumulative', unit: '个' }))).toBe(7);
    expect(await figure(registry, spec({ kind: 'annual', unit: '个' }))).toBe(7);
    expect(await figure(registry, spec({ kind: 'level', unit: '%' }))).toBe(7);
    expect(calls).toEqual(['2024-06-05~2026-07-01', '2026-01-01~2026-07-01', '2026-01-01~2026-07-01']);
    expect(await lowerBoundFigure(db, registry, { spec: spec({}), lowerBoundMetric: 'test.not.registered' }, asOf)).toBeNull();
  });
});
