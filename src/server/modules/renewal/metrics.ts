import type { MetricDefinition } from '../../core/metrics.js';
import { projectsMetrics } from './projects/metrics.js';
import { fundingMetrics } from './funding/metrics.js';
import { surveyMetrics } from './survey/metrics.js';
import { standardsMetrics } from './standards/metrics.js';

/** The renewal figures the plan's computed indicators read (二(一): projects and their investment). */
export const renewalMetrics: MetricDefinition[] = [...projectsMetrics, ...fundingMetrics, ...surveyMetrics, ...standardsMetrics];
