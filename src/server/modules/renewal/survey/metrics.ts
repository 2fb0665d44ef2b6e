import type { MetricDefinition } from '../../../core/metrics.js';

export const surveyMetrics: MetricDefinition[] = [];
