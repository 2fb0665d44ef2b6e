import { z } from 'zod';
import type { RequestContext } from '../../../core/context.js';
import type { AppDeps } from '../../../core/deps.js';
import { badRequest } from '../../../core/errors.js';
import type { MetricDefinition } from '../../../core/metrics.js';
import { authorize } from '../../../core/policy.js';
import { indicatorPolicy } from '../policies/indicator.js';

const instant = z.iso.datetime({ offset: true });

export const metricValueQuery = z.object({
  name: z.string().trim().min(3).max(100),
  /** Inclusive and exclusive ISO instants, as the plan asks its metrics (Shanghai midnights). */
  from: instant,
  to: instant,
  townId: z.coerce.number().int().positive().optional(),
});
export type MetricValueQuery = z.infer<typeof metricValueQuery>;

export const metricValueSchema = z
  .object({ name: z.string(), unit: z.string(), from: z.string(), to: z.string(), townId: z.number().nullable(), value: z.number().nullable() })
  .meta({ id: 'PlanMetricValue' });

export interface MetricLookup {
  get(name: string): MetricDefinition | undefined;
  listAll(db: AppDeps['database']['db']): Promise<{ name: string; unit: string }[]>;
}

// Ten years: more than any plan spans, less than a figure someone would ask the database to sum by mistake.
const MAX_WINDOW_MS = 10 * 366 * 86_400_000;

/**
 * One metric over one window, the figure the dashboard would use for it: for checking a platform figure against a
 * report, and for other systems (a province's) reading Jinjiang's. Null means no data, as for the plan.
 */
export async function metricValue(deps: AppDeps, ctx: RequestContext, metrics: MetricLookup, q: MetricValueQuery) {
  authorize(ctx.actor, indicatorPolicy, 'read');
  const db = deps.database.db;
  // A family answers any well-formed name; the listing says which exist now (and gives a family metric its unit).
  const known = (await metrics.listAll(db)).find((m) => m.name === q.name);
  const metric = known ? metrics.get(q.name) : undefined;
  const from = Date.parse(q.from);
  const to = Date.parse(q.to);
  const issues = [];
  if (!metric) issues.push({ path: 'name', reason: 'field.plan.unknownMetric' as const });
  if (to <= from) issues.push({ path: 'to', reason: 'field.invalid' as const });
  else if (to - from > MAX_WINDOW_MS) issues.push({ path: 'to', reason: 'field.invalid' as const });
  if (issues.length || !metric) throw badRequest(issues);
  const window = { from: new Date(from).toISOString(), to: new Date(to).toISOString(), ...(q.townId ? { townId: q.townId } : {}) };
  const value = await metric.compute(db, window);
  return { name: metric.name, unit: known!.unit, from: window.from, to: window.to, townId: q.townId ?? null, value };
}
