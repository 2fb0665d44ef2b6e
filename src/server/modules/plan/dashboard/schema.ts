import { z } from 'zod';
import { INDICATOR_KINDS } from '../../../../shared/enums/plan.js';
import { STATUSES } from '../status/evaluate.js';
import { zCalendarDate } from '../../../../shared/zodFields.js';

export const dashboardQuery = z.object({
  planId: z.coerce.number().int().positive().optional(),
  /** `YYYY-MM-DD`: the evaluation includes that whole day (Asia/Shanghai); default now. */
  asOf: zCalendarDate().optional(),
  /** One town's figures (its own observations) instead of the whole city's. */
  townId: z.coerce.number().int().positive().optional(),
});
export type DashboardQuery = z.infer<typeof dashboardQuery>;

export const trendQuery = z.object({ asOf: zCalendarDate().optional() });

const statusCounts = z.object(Object.fromEntries(STATUSES.map((s) => [s, z.number().int()])) as Record<(typeof STATUSES)[number], z.ZodNumber>);
const status = z.enum(STATUSES);

export const dashboardIndicatorSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    nameEn: z.string(),
    unit: z.string(),
    kind: z.enum(INDICATOR_KINDS),
    comparator: z.enum(['≥', '>', '≈']),
    source: z.enum(['reported', 'computed']),
    actionId: z.number().int(),
    actionCode: z.string(),
    taskNumber: z.number().int().nullable(),
    leadUnit: z.string().nullable(),
    leadUnitId: z.number().int().nullable(),
    units: z.array(z.string()),
    actual: z.number().nullable(),
    expected: z.number().nullable(),
    target: z.number().nullable().describe('the next target (this year’s for annual indicators)'),
    targetYear: z.number().int().nullable(),
    progress: z.number().nullable().describe('actual ÷ target × 100'),
    status,
    reason: z.object({ zh: z.string(), en: z.string() }),
    forecast: z.number().nullable().describe('value at the target date if the trend so far continues'),
    computed: z.number().nullable().describe('the lower-bound figure from the platform’s own records, beside a reported value'),
    missingReports: z.number().int(),
  })
  .meta({ id: 'DashboardIndicator' });
export type DashboardIndicator = z.infer<typeof dashboardIndicatorSchema>;

const rollUpSchema = z.object({ counts: statusCounts, total: z.number().int(), meanProgress: z.number().nullable() });

export const dashboardSchema = z
  .object({
    planId: z.number().int(),
    asOf: z.string().describe('ISO instant the figures are as of'),
    townId: z.number().int().nullable(),
    dataAsOf: z
      .string()
      .describe(
        'ISO instant the figures’ data is complete to (数据截至): reports are kept up to date as they are decided, so the asOf instant (or now, if sooner); the time of the snapshot of other modules’ metrics when a computed indicator is shown',
      ),
    dataVersion: z.number().int().nullable().describe('version of the maintained data the answer was built from (its ETag); null when recomputed'),
    cards: z.array(
      rollUpSchema.extend({
        actionId: z.number().int(),
        code: z.string(),
        title: z.string(),
        milestones: z.object({ done: z.number().int(), total: z.number().int() }),
      }),
    ),
    tasks: z.array(rollUpSchema.extend({ actionId: z.number().int(), taskNumber: z.number().int() })),
    units: z.array(rollUpSchema.extend({ organizationId: z.number().int().nullable(), name: z.string() })),
    indicators: z.array(dashboardIndicatorSchema),
  })
  .meta({ id: 'PlanDashboard' });
export type DashboardView = z.infer<typeof dashboardSchema>;

export const trendSchema = z
  .object({
    indicatorId: z.number().int(),
    unit: z.string(),
    asOf: z.string(),
    points: z.array(z.object({ date: z.string(), actual: z.number().nullable(), expected: z.number().nullable() })),
    targets: z.array(z.object({ year: z.number().int(), date: z.string(), value: z.number() })),
    forecast: z.object({ date: z.string(), value: z.number() }).nullable(),
    status,
  })
  .meta({ id: 'IndicatorTrend' });
export type TrendView = z.infer<typeof trendSchema>;

/** The all-towns dashboard takes only the evaluation date: the plan is in the path, every town is in the answer. */
export const townsDashboardQuery = dashboardQuery.pick({ asOf: true });
export type TownsDashboardQuery = z.infer<typeof townsDashboardQuery>;

/** One town-breakdown indicator evaluated on one town's own observations: the same fields as its per-town dashboard row. */
export const townIndicatorSchema = dashboardIndicatorSchema
  .pick({
    id: true,
    code: true,
    actual: true,
    expected: true,
    target: true,
    targetYear: true,
    progress: true,
    status: true,
    reason: true,
    forecast: true,
    missingReports: true,
  })
  .meta({ id: 'TownIndicator' });
export type TownIndicator = z.infer<typeof townIndicatorSchema>;

export const townsDashboardSchema = z
  .object({
    planId: z.number().int(),
    asOf: z.string().describe('ISO instant the figures are as of'),
    indicators: z
      .array(z.object({ id: z.number().int(), code: z.string() }))
      .describe('the plan’s indicators broken down by town, in the plan’s order (each town lists them in this order)'),
    towns: z.array(
      rollUpSchema.extend({
        townId: z.number().int(),
        name: z.string(),
        indicators: z.array(townIndicatorSchema),
      }),
    ),
  })
  .meta({ id: 'PlanTownsDashboard' });
export type TownsDashboardView = z.infer<typeof townsDashboardSchema>;

/** Which period's reporting record to show; left out, the plan's latest period. */
export const unitRecordsQuery = z.object({ periodId: z.coerce.number().int().positive().optional() });
export type UnitRecordsQuery = z.infer<typeof unitRecordsQuery>;

const count = z.number().int();

/** One unit's reporting record for a period: each count is a filter of GET /api/plan-reports away. */
export const unitRecordSchema = z
  .object({
    organizationId: z.number().int(),
    name: z.string(),
    kind: z.string().describe('department or town'),
    total: count.describe('reports the unit owes in the period'),
    onTime: count.describe('handed in before the deadline (late=false)'),
    late: count.describe('first handed in after the deadline (late=true)'),
    missing: count.describe('not handed in and past the deadline (overdue=true)'),
    notDue: count.describe('not handed in, deadline still ahead'),
    accepted: count,
    returned: count.describe('returned by the office, whether corrected since or not'),
  })
  .meta({ id: 'PlanUnitRecord' });
export type UnitRecordView = z.infer<typeof unitRecordSchema>;

export const unitRecordsSchema = z
  .object({
    planId: z.number().int(),
    periodId: z.number().int().nullable().describe('null when the plan has no reporting period yet'),
    units: z.array(unitRecordSchema).describe('in the order the period’s reports were opened (the plan’s indicator order)'),
  })
  .meta({ id: 'PlanUnitRecords' });
export type UnitRecordsView = z.infer<typeof unitRecordsSchema>;
