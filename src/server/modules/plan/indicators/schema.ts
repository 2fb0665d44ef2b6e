import { z } from 'zod';

const year = z.number().int().min(1949).max(2100);
const metricName = z
  .string()
  .trim()
  .min(3)
  .max(100)
  .regex(/^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)+$/);

/** What the office may change on an indicator; every change is kept as a revision. */
export const updateIndicatorBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    nameEn: z.string().trim().min(1).max(300).optional(),
    unit: z.string().trim().min(1).max(20).optional(),
    kind: z.enum(['cumulative', 'annual', 'level', 'growth', 'share']).optional(),
    comparator: z.enum(['≥', '>', '≈']).optional(),
    baseline: z.strictObject({ year, value: z.number().finite().nullable() }).nullable().optional(),
    targets: z
      .array(z.strictObject({ year, value: z.number().finite() }))
      .min(1)
      .max(20)
      .optional(),
    /** Responsible units in order: the first leads, the rest co-operate. */
    organizationIds: z.array(z.number().int().positive()).min(1).max(30).optional(),
    townBreakdown: z.boolean().optional(),
    source: z.enum(['reported', 'computed']).optional(),
    metric: metricName.nullable().optional(),
    lowerBoundMetric: metricName.nullable().optional(),
    isEffort: z.boolean().optional(),
    /** Why the change was made (kept with the revision). */
    note: z.string().trim().min(1).max(500).optional(),
  })
  .refine((b) => Object.keys(b).some((k) => k !== 'note'), { message: 'field.required', path: [] });
export type UpdateIndicatorInput = z.infer<typeof updateIndicatorBody>;

export const revisionSchema = z
  .object({
    id: z.number().int(),
    field: z.string(),
    before: z.unknown(),
    after: z.unknown(),
    source: z.enum(['file', 'edit']),
    actor: z.string().nullable(),
    note: z.string().nullable(),
    at: z.string(),
  })
  .meta({ id: 'PlanRevision' });
export type RevisionView = z.infer<typeof revisionSchema>;

/** A metric an indicator can be bound to (`metric` when computed, `lowerBoundMetric` when reported). */
export const metricSummarySchema = z
  .object({
    name: z.string(),
    description: z.string(),
    unit: z.string(),
  })
  .meta({ id: 'PlanMetric' });
export type MetricSummaryView = z.infer<typeof metricSummarySchema>;
