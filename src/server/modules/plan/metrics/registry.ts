import type { MetricDefinition, MetricFamily, MetricSummary } from '../../../core/metrics.js';
import type { Queryable } from '../../../db/database.js';

export type { MetricDefinition, MetricFamily, MetricParams, MetricSummary } from '../../../core/metrics.js';

/** The metrics known to this process. Modules register theirs at start-up; the plan binds indicators to them by name. */
export class MetricRegistry {
  private readonly metrics = new Map<string, MetricDefinition>();
  private readonly families = new Map<string, MetricFamily>();

  /** Names under `family.prefix` are the family's (see MetricFamily). */
  registerFamily(family: MetricFamily): void {
    if (this.families.get(family.prefix) === family) return;
    if (this.families.has(family.prefix)) throw new Error(`Metric family ${family.prefix} is already registered`);
    this.families.set(family.prefix, family);
  }

  register(metric: MetricDefinition): void {
    if (!/^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)+$/.test(metric.name)) throw new Error(`Metric name ${metric.name} must look like module.subject.measure`);
    if (this.metrics.has(metric.name)) throw new Error(`Metric ${metric.name} is already registered`);
    this.metrics.set(metric.name, metric);
  }

  /** Removes a metric (tests register their own and clean up). */
  unregister(name: string): boolean {
    return this.metrics.delete(name);
  }

  get(name: string): MetricDefinition | undefined {
    return this.metrics.get(name) ?? this.families.get(name.split('.')[0]!)?.get(name);
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** Every metric that exists now, the families' included (what an indicator can be bound to). */
  async listAll(db: Queryable): Promise<MetricSummary[]> {
    const families = await Promise.all([...this.families.values()].map((f) => f.list(db)));
    return [...this.list(), ...families.flat()].sort((a, b) => a.name.localeCompare(b.name));
  }

  list(): MetricSummary[] {
    return [...this.metrics.values()].map(({ name, description, unit }) => ({ name, description, unit })).sort((a, b) => a.name.localeCompare(b.name));
  }
}
