import { z } from 'zod';

export const unitRefSchema = z
  .object({
    /** Null when the plan names a unit that is not an organisation here (another city's plan). */
    id: z.number().int().nullable(),
    name: z.string(),
    role: z.enum(['lead', 'co']),
  })
  .meta({ id: 'ResponsibleUnit' });

export const indicatorSchema = z
  .object({
    id: z.number().int(),
    planId: z.number().int(),
    actionId: z.number().int(),
    taskId: z.number().int().nullable(),
    code: z.string(),
    name: z.string(),
    nameEn: z.string(),
    text: z.string().describe('the clause of the plan, verbatim'),
    unit: z.string(),
    kind: z.enum(['cumulative', 'annual', 'level', 'growth', 'share']),
    comparator: z.enum(['≥', '>', '≈']),
    baseline: z.object({ year: z.number().int(), value: z.number().nullable() }).nullable(),
    yearOnYear: z.boolean(),
    targets: z.array(z.object({ year: z.number().int(), value: z.number() })),
    relatedTask: z.number().int().nullable(),
    organizations: z.array(unitRefSchema),
    assignedByOffice: z.boolean(),
    townBreakdown: z.boolean(),
    source: z.enum(['reported', 'computed']),
    metric: z.string().nullable(),
    lowerBoundMetric: z.string().nullable(),
    isEffort: z.boolean(),
    parent: z
      .object({ plan: z.string(), indicator: z.string(), indicatorId: z.number().int().nullable() })
      .nullable()
      .describe('the parent plan’s indicator this one cascades from; indicatorId is null until that plan is loaded'),
  })
  .meta({ id: 'Indicator' });
export type IndicatorView = z.infer<typeof indicatorSchema>;

export const milestoneSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    title: z.string(),
    titleEn: z.string(),
    text: z.string(),
    dueYear: z.number().int(),
    relatedTask: z.number().int().nullable(),
    organizations: z.array(unitRefSchema),
    status: z.enum(['not_started', 'done']),
    doneAt: z.string().nullable(),
    evidence: z.object({ note: z.string().nullable(), attachmentId: z.number().int().nullable() }).nullable(),
  })
  .meta({ id: 'Milestone' });
export type MilestoneView = z.infer<typeof milestoneSchema>;

export const taskSchema = z
  .object({
    id: z.number().int(),
    number: z.number().int(),
    title: z.string(),
    text: z.string(),
    organizations: z.array(unitRefSchema),
    townsImplement: z.boolean(),
    allDepartments: z.boolean(),
    note: z.string().nullable(),
    indicators: z.array(indicatorSchema),
    milestones: z.array(milestoneSchema),
  })
  .meta({ id: 'PlanTask' });

export const actionSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    number: z.string(),
    section: z.enum(['task', 'measure']),
    title: z.string(),
    text: z.string(),
    indicators: z.array(indicatorSchema),
    milestones: z.array(milestoneSchema),
    tasks: z.array(taskSchema),
  })
  .meta({ id: 'PlanAction' });

export const planSummarySchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    docNumber: z.string(),
    title: z.string(),
    issuer: z.string(),
    issuedOn: z.string(),
    startYear: z.number().int(),
    endYear: z.number().int(),
    region: z.object({ code: z.string(), name: z.string() }),
    parentPlans: z.array(z.string()),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'PlanSummary' });
export type PlanSummaryView = z.infer<typeof planSummarySchema>;

export const planDetailSchema = planSummarySchema
  .extend({
    preamble: z.string(),
    generalRequirements: z.string(),
    townsImplementAll: z.boolean(),
    actions: z.array(actionSchema),
  })
  .meta({ id: 'Plan' });
export type PlanDetailView = z.infer<typeof planDetailSchema>;

/** The import body is checked against the plan-file schema in the service, which reports every problem by path. */
export const importBody = z.record(z.string(), z.unknown()).describe('a plan file (formatVersion 1), as GET /api/plans/{id}/export returns it');

export const importResultSchema = z.object({
  planId: z.number().int(),
  created: z.boolean(),
  changed: z.boolean(),
  revisions: z.number().int(),
});
