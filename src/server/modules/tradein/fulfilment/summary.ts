import { z } from 'zod';
import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import type { MetricDefinition } from '../../../core/metrics.js';
import { authorize } from '../../../core/policy.js';
import { shanghaiInstant, shanghaiYear, yearBounds } from '../../../core/time.js';
import { nowIso } from '../../../db/time.js';
import { grantsOf } from '../../platform/grants/service.js';
import { fulfilmentPolicy } from './policy.js';
import { zCalendarDate } from '../../../../shared/zodFields.js';

export const saleServiceQuery = z.object({
  /** Inclusive Asia/Shanghai dates; this year when left out. */
  from: zCalendarDate().optional(),
  to: zCalendarDate().optional(),
});

export const saleServiceView = z.object({
  from: z.string(),
  to: z.string(),
  /** Per cent of subsidised sales made online. */
  onlineShare: z.number().nullable(),
  onlineUnits: z.number().nullable(),
  deliveryHours: z.number().nullable(),
  installationHours: z.number().nullable(),
  /** Sales still to be delivered after their due time, now. */
  overdueDeliveries: z.number().int(),
  /** Complaints per 1,000 subsidised sales. */
  complaintRate: z.number().nullable(),
  responseHours: z.number().nullable(),
  satisfaction: z.number().nullable(),
});
export type SaleServiceView = z.infer<typeof saleServiceView>;

const FIGURES = {
  onlineShare: 'tradein.online.share',
  onlineUnits: 'tradein.online.units',
  deliveryHours: 'tradein.delivery.hours',
  installationHours: 'tradein.installation.hours',
  complaintRate: 'tradein.afterSales.complaintRate',
  responseHours: 'tradein.afterSales.responseHours',
  satisfaction: 'tradein.afterSales.satisfaction',
} as const;

/**
 * 市商务局's overview of sales beyond the till in a window: the same metrics the plan reads (so the two never
 * disagree), and the deliveries late right now. Supervisors only; `metrics` are the module's own definitions.
 */
export async function saleServiceSummary(
  deps: AppDeps,
  ctx: RequestContext,
  metrics: readonly MetricDefinition[],
  q: z.infer<typeof saleServiceQuery>,
): Promise<SaleServiceView> {
  const db = deps.database.db;
  authorize(ctx.actor, fulfilmentPolicy, 'summary', { grants: await grantsOf(db, ctx.actor, 'tradein') });
  const year = yearBounds(shanghaiYear());
  const from = q.from ? shanghaiInstant(q.from) : year.from;
  const to = q.to ? new Date(shanghaiInstant(q.to).getTime() + 86_400_000) : year.to;
  const window = { from: from.toISOString(), to: to.toISOString() };
  const values = {} as Record<keyof typeof FIGURES, number | null>;
  for (const [key, name] of Object.entries(FIGURES) as [keyof typeof FIGURES, string][]) {
    const metric = metrics.find((m) => m.name === name);
    values[key] = metric ? await metric.compute(db, window) : null;
  }
  const overdue = await db
    .selectFrom('tradein_fulfilments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'awaiting_delivery')
    .where('due_at', '<', nowIso())
    .executeTakeFirst();
  return { from: window.from, to: window.to, ...values, overdueDeliveries: Number(overdue?.n ?? 0) };
}
