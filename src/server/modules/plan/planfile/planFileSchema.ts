/**
 * Versioned plan file format (formatVersion 1): a work plan such as 晋政文〔2024〕98号 encoded as data —
 * its actions (二、重点任务 and 三、保障措施), their numbered tasks, responsible units, quantitative
 * indicators and qualitative milestones.
 *
 * `parsePlanFile` validates both the shape and the cross-references (unique codes, related tasks,
 * target years within the plan period, …) and throws one readable error listing every problem by path.
 */
import { z } from 'zod';

const nonEmpty = z.string().trim().min(1);
const year = z.number().int().min(1949).max(2100);
const unitName = z.string().trim().min(1, 'unit name must not be empty');

export const planFileTargetSchema = z.strictObject({
  year,
  value: z.number().finite(),
});

export const planFileIndicatorSchema = z.strictObject({
  /** Unique across the plan. Task level `A1-T1-01`, section level `A1-S-01`. */
  code: z.string().regex(/^[AM]\d+-(S|T\d+)-\d{2}$/, 'indicator code must look like A1-T1-01 or A1-S-01'),
  name: nonEmpty,
  nameEn: nonEmpty,
  /** The clause of the plan the indicator comes from, verbatim (whitespace removed). */
  text: nonEmpty,
  /** As the plan writes it: 个, 亿元, %, 万辆, 台, 座, 万平方米, 百分点, 场, 项, 部, 万个 … */
  unit: nonEmpty,
  kind: z.enum(['cumulative', 'annual', 'level', 'growth', 'share']),
  /** 以上/达到/no qualifier → ≥; 超过/超 → >; 约 → ≈ */
  comparator: z.enum(['≥', '>', '≈']),
  /**
   * Baseline year for growth against a fixed year (较2023年增长…); null otherwise. The plan states only the year;
   * the value is reported once later, and an exported file carries it when it is known (optional, so files
   * without it stay valid).
   */
  baseline: z.strictObject({ year, value: z.number().finite().optional() }).nullable(),
  /** Year-on-year growth (每年…增长…). */
  yearOnYear: z.boolean(),
  targets: z.array(planFileTargetSchema).min(1),
  /** Section-level indicators only: the number of the most closely related task in the same action. */
  relatedTask: z.number().int().positive().nullable(),
  /** True for section-level indicators: the office assigns the lead from relatedTask. */
  assignedByOffice: z.boolean(),
  units: z.array(unitName),
  /** Whether towns (镇/街道/开发区) report a breakdown. */
  townBreakdown: z.boolean(),
  source: z.enum(['reported', 'computed']),
  /** For computed indicators: the platform metric that produces the value. */
  metric: z.string().min(1).nullable(),
  /** For reported indicators: a platform metric that gives a lower bound for the reported value. */
  lowerBoundMetric: z.string().min(1).nullable(),
  /** The plan says 力争 ("strive to"). */
  isEffort: z.boolean(),
  /**
   * The indicator of a parent plan this one cascades from (target cascade), named by plan code and indicator code
   * so files can be loaded in any order. Optional: files written before it existed stay valid.
   */
  parent: z.strictObject({ plan: z.string().trim().min(1), indicator: z.string().trim().min(1) }).optional(),
});

export const planFileMilestoneSchema = z.strictObject({
  /** Unique across the plan. Task level `A3-T2-M1`, section level `A1-S-M1`. */
  code: z.string().regex(/^[AM]\d+-(S|T\d+)-M\d+$/, 'milestone code must look like A3-T2-M1 or A1-S-M1'),
  title: nonEmpty,
  titleEn: nonEmpty,
  /** The clause of the plan, verbatim (whitespace removed). */
  text: nonEmpty,
  dueYear: year,
  /** Section-level milestones only: the related task whose units take responsibility; null for task milestones. */
  relatedTask: z.number().int().positive().nullable(),
  units: z.array(unitName),
});

export const planFileTaskSchema = z.strictObject({
  number: z.number().int().positive(),
  title: nonEmpty,
  /** Full original text of the item, verbatim, without the （责任单位：…） parenthesis. */
  text: nonEmpty,
  /** In the plan's order: the first unit leads, the rest co-operate. */
  units: z.array(unitName),
  /** The plan names "市直有关部门" rather than specific units. */
  allDepartments: z.boolean(),
  /** Every town (镇/街道) and the development zone carries out this task. */
  townsImplement: z.boolean(),
  note: nonEmpty.optional(),
  indicators: z.array(planFileIndicatorSchema),
  milestones: z.array(planFileMilestoneSchema),
});

export const planFileActionSchema = z.strictObject({
  /** A1..An for 重点任务, M1..Mn for 保障措施. */
  code: z.string().regex(/^[AM]\d+$/, 'action code must look like A1 or M1'),
  section: z.enum(['task', 'measure']),
  number: nonEmpty,
  title: nonEmpty,
  /** The section-level paragraph under the heading, verbatim ('' if none). */
  text: z.string(),
  indicators: z.array(planFileIndicatorSchema),
  milestones: z.array(planFileMilestoneSchema),
  tasks: z.array(planFileTaskSchema).min(1),
});

const planFileObjectSchema = z.strictObject({
  formatVersion: z.literal(1),
  code: z.string().regex(/^[A-Z]{2,}-\d{4}-\d+$/, 'plan code must look like JJ-2024-98'),
  docNumber: nonEmpty,
  title: nonEmpty,
  issuer: nonEmpty,
  issuedOn: z.iso.date(),
  region: z.strictObject({
    code: z.string().regex(/^\d{6}$/, 'region code must be a 6-digit division code'),
    name: nonEmpty,
  }),
  startYear: year,
  endYear: year,
  parentPlans: z.array(nonEmpty),
  preamble: nonEmpty,
  generalRequirements: nonEmpty,
  /** The plan makes every town and the development zone carry out all work ("不再单独列出"). */
  townsImplementAll: z.boolean(),
  actions: z.array(planFileActionSchema).min(1),
});

type Issue = { path: (string | number)[]; message: string };

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function checkPlan(plan: z.output<typeof planFileObjectSchema>): Issue[] {
  const issues: Issue[] = [];
  const add = (path: (string | number)[], message: string) => issues.push({ path, message });

  if (plan.endYear < plan.startYear) add(['endYear'], `endYear ${plan.endYear} is before startYear ${plan.startYear}`);
  const inPeriod = (y: number) => y >= plan.startYear && y <= plan.endYear;

  const actionCodes = new Set<string>();
  const indicatorCodes = new Map<string, string>();
  const milestoneCodes = new Map<string, string>();

  const checkIndicator = (
    ind: z.output<typeof planFileIndicatorSchema>,
    path: (string | number)[],
    actionCode: string,
    tasks: z.output<typeof planFileTaskSchema>[],
    task: z.output<typeof planFileTaskSchema> | null,
  ) => {
    const where = path.join('.');
    const prev = indicatorCodes.get(ind.code);
    if (prev !== undefined) add([...path, 'code'], `duplicate indicator code ${ind.code} (also at ${prev})`);
    else indicatorCodes.set(ind.code, where);

    const expectedPrefix = task ? `${actionCode}-T${task.number}-` : `${actionCode}-S-`;
    if (!ind.code.startsWith(expectedPrefix)) add([...path, 'code'], `indicator code ${ind.code} should start with ${expectedPrefix}`);

    // targets: sorted by year, unique years, within the plan period
    ind.targets.forEach((t, i) => {
      if (!inPeriod(t.year)) add([...path, 'targets', i, 'year'], `target year ${t.year} is outside ${plan.startYear}..${plan.endYear}`);
      const before = ind.targets[i - 1];
      if (before && t.year <= before.year) {
        add(
          [...path, 'targets', i, 'year'],
          t.year === before.year ? `duplicate target year ${t.year}` : `targets not sorted by year (${before.year} then ${t.year})`,
        );
      }
    });
    if (ind.baseline && ind.baseline.year > plan.endYear)
      add([...path, 'baseline', 'year'], `baseline year ${ind.baseline.year} is after endYear ${plan.endYear}`);
    const firstTarget = ind.targets[0];
    if (ind.baseline && firstTarget && ind.baseline.year >= firstTarget.year)
      add([...path, 'baseline', 'year'], `baseline year ${ind.baseline.year} must be before the first target year ${firstTarget.year}`);
    if (ind.baseline && ind.yearOnYear) add([...path, 'yearOnYear'], 'an indicator cannot have both a baseline year and yearOnYear');
    if (ind.kind === 'growth' && !ind.baseline && !ind.yearOnYear) add([...path, 'kind'], 'a growth indicator needs a baseline year or yearOnYear');
    if (ind.kind !== 'growth' && (ind.baseline || ind.yearOnYear))
      add([...path, 'kind'], `baseline/yearOnYear only apply to growth indicators, not ${ind.kind}`);

    if (ind.source === 'computed' && ind.metric === null) add([...path, 'metric'], 'a computed indicator needs a metric');
    if (ind.source === 'reported' && ind.metric !== null) add([...path, 'metric'], 'a reported indicator must have metric null (use lowerBoundMetric)');
    if (ind.source === 'computed' && ind.lowerBoundMetric !== null) add([...path, 'lowerBoundMetric'], 'a computed indicator must have lowerBoundMetric null');

    if (task) {
      if (ind.relatedTask !== null) add([...path, 'relatedTask'], 'task-level indicators must have relatedTask null');
      if (ind.assignedByOffice) add([...path, 'assignedByOffice'], 'task-level indicators are not assigned by the office');
      if (!task.allDepartments && !sameList(ind.units, task.units)) add([...path, 'units'], `units must copy the task's units (${task.units.join('、')})`);
    } else {
      if (ind.relatedTask === null) add([...path, 'relatedTask'], 'section-level indicators need a relatedTask');
      else {
        const related = tasks.find((t) => t.number === ind.relatedTask);
        if (!related) add([...path, 'relatedTask'], `relatedTask ${ind.relatedTask} does not exist in action ${actionCode}`);
        else if (!sameList(ind.units, related.units)) add([...path, 'units'], `units must copy task ${related.number}'s units (${related.units.join('、')})`);
      }
      if (!ind.assignedByOffice) add([...path, 'assignedByOffice'], 'section-level indicators are assigned by the office');
    }
    if (ind.units.length === 0) add([...path, 'units'], 'an indicator needs at least one responsible unit');
  };

  const checkMilestone = (
    m: z.output<typeof planFileMilestoneSchema>,
    path: (string | number)[],
    actionCode: string,
    tasks: z.output<typeof planFileTaskSchema>[],
    task: z.output<typeof planFileTaskSchema> | null,
  ) => {
    const where = path.join('.');
    const prev = milestoneCodes.get(m.code);
    if (prev !== undefined) add([...path, 'code'], `duplicate milestone code ${m.code} (also at ${prev})`);
    else milestoneCodes.set(m.code, where);

    const expectedPrefix = task ? `${actionCode}-T${task.number}-M` : `${actionCode}-S-M`;
    if (!m.code.startsWith(expectedPrefix)) add([...path, 'code'], `milestone code ${m.code} should start with ${expectedPrefix}`);
    if (!inPeriod(m.dueYear)) add([...path, 'dueYear'], `due year ${m.dueYear} is outside ${plan.startYear}..${plan.endYear}`);

    if (task) {
      if (m.relatedTask !== null) add([...path, 'relatedTask'], 'task-level milestones must have relatedTask null');
    } else if (m.relatedTask === null) {
      add([...path, 'relatedTask'], 'section-level milestones need a relatedTask');
    } else if (!tasks.some((t) => t.number === m.relatedTask)) {
      add([...path, 'relatedTask'], `relatedTask ${m.relatedTask} does not exist in action ${actionCode}`);
    }
    if (m.units.length === 0) add([...path, 'units'], 'a milestone needs at least one responsible unit');
  };

  plan.actions.forEach((action, ai) => {
    const ap: (string | number)[] = ['actions', ai];
    if (actionCodes.has(action.code)) add([...ap, 'code'], `duplicate action code ${action.code}`);
    actionCodes.add(action.code);
    const expectedSection = action.code.startsWith('A') ? 'task' : 'measure';
    if (action.section !== expectedSection) add([...ap, 'section'], `action ${action.code} must have section "${expectedSection}"`);

    action.tasks.forEach((task, ti) => {
      const tp = [...ap, 'tasks', ti];
      if (task.number !== ti + 1) add([...tp, 'number'], `task numbers must run 1, 2, 3, … (expected ${ti + 1}, got ${task.number})`);
      if (task.units.length === 0 && !task.allDepartments) add([...tp, 'units'], 'a task needs responsible units unless allDepartments is true');
      if (new Set(task.units).size !== task.units.length) add([...tp, 'units'], 'duplicate responsible unit');
      if (task.allDepartments && task.note === undefined) add([...tp, 'note'], 'explain who co-ordinates when allDepartments is true');
      if (task.text.includes('责任单位')) add([...tp, 'text'], 'task text must not include the （责任单位：…） parenthesis');
      if (!task.text.startsWith(task.title)) add([...tp, 'title'], 'task text must begin with its title');
      if (task.indicators.length === 0 && task.milestones.length === 0) add(tp, 'a task needs at least one indicator or milestone');
      task.indicators.forEach((ind, ii) => checkIndicator(ind, [...tp, 'indicators', ii], action.code, action.tasks, task));
      task.milestones.forEach((m, mi) => checkMilestone(m, [...tp, 'milestones', mi], action.code, action.tasks, task));
    });
    action.indicators.forEach((ind, ii) => checkIndicator(ind, [...ap, 'indicators', ii], action.code, action.tasks, null));
    action.milestones.forEach((m, mi) => checkMilestone(m, [...ap, 'milestones', mi], action.code, action.tasks, null));
  });
  return issues;
}

export const planFileSchema = planFileObjectSchema.superRefine((plan, ctx) => {
  for (const issue of checkPlan(plan)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
});

export type PlanFile = z.output<typeof planFileSchema>;
export type PlanFileAction = z.output<typeof planFileActionSchema>;
export type PlanFileTask = z.output<typeof planFileTaskSchema>;
export type PlanFileIndicator = z.output<typeof planFileIndicatorSchema>;
export type PlanFileMilestone = z.output<typeof planFileMilestoneSchema>;
export type PlanFileTarget = z.output<typeof planFileTargetSchema>;

export class PlanFileError extends Error {
  readonly issues: readonly { path: string; message: string }[];
  constructor(issues: { path: string; message: string }[]) {
    super(`Invalid plan file (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${issues.map((i) => `  - ${i.path}: ${i.message}`).join('\n')}`);
    this.name = 'PlanFileError';
    this.issues = issues;
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

/** Validates a parsed JSON value as a plan file; throws PlanFileError listing every problem by path. */
export function parsePlanFile(json: unknown): PlanFile {
  const result = planFileSchema.safeParse(json);
  if (!result.success) {
    throw new PlanFileError(result.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })));
  }
  return result.data;
}
