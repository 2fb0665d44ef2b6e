import { MetricRegistry, type MetricDefinition } from './registry.js';

/**
 * The process-wide registry the plan module is built with (see ../index.ts). Other modules register their metrics
 * here at start-up: `modules/index.ts` registers every installed module's `metrics`.
 */
export const metricRegistry = new MetricRegistry();

export const registerMetric = (metric: MetricDefinition): void => metricRegistry.register(metric);
export const getMetric = (name: string): MetricDefinition | undefined => metricRegistry.get(name);
export const listMetrics = () => metricRegistry.list();
