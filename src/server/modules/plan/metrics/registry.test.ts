import { describe, expect, it } from 'vitest';
import { MetricRegistry, type MetricDefinition } from './registry.js';

const metric = (name: string, value = 1): MetricDefinition => ({
  name,
  description: `test metric ${name}`,
  unit: '个',
  compute: async (_db, params) => (params.townId ? value / 2 : value),
});

describe('metric registry', () => {
  it('registers, finds and lists metrics by name', async () => {
    const registry = new MetricRegistry();
    registry.register(metric('recycling.sites.stationsBuilt', 4));
    registry.register(metric('tradein.car.nevShare', 40));
    expect(registry.has('recycling.sites.stationsBuilt')).toBe(true);
    expect(registry.get('nope.such.metric')).toBeUndefined();
    expect(registry.list()).toEqual([
      { name: 'recycling.sites.stationsBuilt', description: 'test metric recycling.sites.stationsBuilt', unit: '个' },
      { name: 'tradein.car.nevShare', description: 'test metric tradein.car.nevShare', unit: '个' },
    ]);
    const m = registry.get('recycling.sites.stationsBuilt')!;
    const window = { from: '2024-06-04T16:00:00.000Z', to: '2025-01-01T16:00:00.000Z' };
    expect(await m.compute(null as never, window)).toBe(4);
    expect(await m.compute(null as never, { ...window, townId: 3 })).toBe(2);
  });

  it('refuses a second metric of the same name and names that are not module.subject.measure', () => {
    const registry = new MetricRegistry();
    registry.register(metric('tradein.events.carPerYear'));
    expect(() => registry.register(metric('tradein.events.carPerYear'))).toThrow(/already registered/);
    expect(() => registry.register(metric('stations'))).toThrow(/module\.subject\.measure/);
    expect(() => registry.register(metric('Recycling.Stations'))).toThrow();
    expect(registry.unregister('tradein.events.carPerYear')).toBe(true);
    registry.register(metric('tradein.events.carPerYear'));
  });
});
