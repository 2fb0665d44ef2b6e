import { z } from 'zod';
import type { ModulePlugin } from '../../../core/module.js';
import { metricSummarySchema } from '../indicators/schema.js';
import { listBindableMetrics, type BindableMetrics } from '../indicators/service.js';
import { indicatorPolicy } from '../policies/indicator.js';
import { metricValue, metricValueQuery, metricValueSchema, type MetricLookup } from './value.js';

/** The metrics indicators can be bound to: whoever reads indicators may see which figures exist. */
export const planMetricRoutes =
  (metrics: BindableMetrics & MetricLookup): ModulePlugin =>
  async (app, { deps }) => {
    app.get('/plan/metrics', {
      config: { policy: { policy: indicatorPolicy, action: 'read' } },
      schema: {
        tags: ['plan'],
        summary: 'Every metric an indicator can be bound to now (modules’ metrics and families such as ledgers.<kind>.<figure>), by name',
        response: { 200: z.array(metricSummarySchema) },
      },
      handler: (req) => listBindableMetrics(deps, req.ctx, metrics),
    });

    app.get('/plan/metrics/value', {
      config: { policy: { policy: indicatorPolicy, action: 'read' } },
      schema: {
        tags: ['plan'],
        summary: 'One metric over one window (from inclusive, to exclusive), for the city or one town; null when it has no data',
        querystring: metricValueQuery,
        response: { 200: metricValueSchema },
      },
      handler: (req) => metricValue(deps, req.ctx, metrics, req.query),
    });
  };
