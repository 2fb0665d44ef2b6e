import type { MetricDefinition } from '../../../core/metrics.js';

export type { MetricDefinition, MetricParams } from '../../../core/metrics.js';

export interface MetricSummary {
  name: string;
  description: string;
  unit: string;
}

/** The metrics known to this process. Modules register theirs at start-up; the plan binds indicators to them by name. */
export class MetricRegistry {
  private readonly metrics = new Map<string, MetricDefinition>();

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
    return this.metrics.get(name);
  }

  has(name: string): boolean {
    return this.metrics.has(name);
  }

  list(): MetricSummary[] {
    return [...this.metrics.values()].map(({ name, description, unit }) => ({ name, description, unit })).sort((a, b) => a.name.localeCompare(b.name));
  }
}
