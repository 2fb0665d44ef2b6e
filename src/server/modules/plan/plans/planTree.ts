import type { Selectable } from 'kysely';
import type { Queryable } from '../../../db/database.js';
import type { PlanFile, PlanFileAction, PlanFileIndicator, PlanFileMilestone, PlanFileTask } from '../planfile/planFileSchema.js';
import type {
  IndicatorTable,
  IndicatorTargetTable,
  IndicatorUnitTable,
  MilestoneTable,
  MilestoneUnitTable,
  PlanActionTable,
  PlanTable,
  PlanTaskTable,
  TaskUnitTable,
} from '../tables.js';

export type PlanRow = Selectable<PlanTable>;
export type ActionRow = Selectable<PlanActionTable>;
export type TaskRow = Selectable<PlanTaskTable>;
export type IndicatorRow = Selectable<IndicatorTable>;
export type TargetRow = Selectable<IndicatorTargetTable>;
export type MilestoneRow = Selectable<MilestoneTable>;
export type UnitRow = Selectable<TaskUnitTable> | Selectable<IndicatorUnitTable> | Selectable<MilestoneUnitTable>;

/** Every row of one plan, each list in the plan's order, with child rows grouped by their owner's id. */
export interface PlanTree {
  plan: PlanRow;
  actions: ActionRow[];
  tasks: TaskRow[];
  indicators: IndicatorRow[];
  milestones: MilestoneRow[];
  targetsByIndicator: Map<number, TargetRow[]>;
  unitsByTask: Map<number, Selectable<TaskUnitTable>[]>;
  unitsByIndicator: Map<number, Selectable<IndicatorUnitTable>[]>;
  unitsByMilestone: Map<number, Selectable<MilestoneUnitTable>[]>;
}

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

/**
 * Reads a whole plan in nine queries (one per table), never one query per indicator: the plan view, the export and
 * the loader's comparison all start here. Retired rows (gone from the latest file) are left out unless asked for.
 */
export async function readPlanTree(db: Queryable, planId: number, options: { includeRetired?: boolean } = {}): Promise<PlanTree | null> {
  const plan = await db.selectFrom('plans').selectAll().where('id', '=', planId).executeTakeFirst();
  if (!plan) return null;
  const live = options.includeRetired ? () => true : (r: { retired_at: string | null }) => r.retired_at === null;
  const [actions, tasks, indicators, milestones] = await Promise.all([
    db.selectFrom('plan_actions').selectAll().where('plan_id', '=', planId).orderBy('position').orderBy('id').execute(),
    db.selectFrom('plan_tasks').selectAll().where('plan_id', '=', planId).orderBy('position').orderBy('id').execute(),
    db.selectFrom('indicators').selectAll().where('plan_id', '=', planId).orderBy('position').orderBy('id').execute(),
    db.selectFrom('milestones').selectAll().where('plan_id', '=', planId).orderBy('position').orderBy('id').execute(),
  ]);
  const [targets, taskUnits, indicatorUnits, milestoneUnits] = await Promise.all([
    db
      .selectFrom('indicator_targets')
      .innerJoin('indicators', 'indicators.id', 'indicator_targets.indicator_id')
      .selectAll('indicator_targets')
      .where('indicators.plan_id', '=', planId)
      .orderBy('indicator_targets.year')
      .execute(),
    db
      .selectFrom('task_units')
      .innerJoin('plan_tasks', 'plan_tasks.id', 'task_units.task_id')
      .selectAll('task_units')
      .where('plan_tasks.plan_id', '=', planId)
      .orderBy('task_units.position')
      .execute(),
    db
      .selectFrom('indicator_units')
      .innerJoin('indicators', 'indicators.id', 'indicator_units.indicator_id')
      .selectAll('indicator_units')
      .where('indicators.plan_id', '=', planId)
      .orderBy('indicator_units.position')
      .execute(),
    db
      .selectFrom('milestone_units')
      .innerJoin('milestones', 'milestones.id', 'milestone_units.milestone_id')
      .selectAll('milestone_units')
      .where('milestones.plan_id', '=', planId)
      .orderBy('milestone_units.position')
      .execute(),
  ]);
  return {
    plan,
    actions: actions.filter(live),
    tasks: tasks.filter(live),
    indicators: indicators.filter(live),
    milestones: milestones.filter(live),
    targetsByIndicator: groupBy(targets, (r) => Number(r.indicator_id)),
    unitsByTask: groupBy(taskUnits, (r) => Number(r.task_id)),
    unitsByIndicator: groupBy(indicatorUnits, (r) => Number(r.indicator_id)),
    unitsByMilestone: groupBy(milestoneUnits, (r) => Number(r.milestone_id)),
  };
}

const unitNames = (rows: readonly { unit_name: string }[] | undefined) => (rows ?? []).map((u) => u.unit_name);

/** One indicator as the plan file writes it (keys in the schema's order, so an export reads like the source). */
export function indicatorToFile(
  row: IndicatorRow,
  targets: readonly TargetRow[] | undefined,
  units: readonly { unit_name: string }[] | undefined,
): PlanFileIndicator {
  const out: PlanFileIndicator = {
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    text: row.clause_text,
    unit: row.unit,
    kind: row.kind,
    comparator: row.comparator,
    baseline:
      row.baseline_year === null ? null : row.baseline_value === null ? { year: row.baseline_year } : { year: row.baseline_year, value: row.baseline_value },
    yearOnYear: row.year_on_year === 1,
    targets: (targets ?? []).map((t) => ({ year: t.year, value: t.value })),
    relatedTask: row.related_task,
    assignedByOffice: row.assigned_by_office === 1,
    units: unitNames(units),
    townBreakdown: row.town_breakdown === 1,
    source: row.source,
    metric: row.metric,
    lowerBoundMetric: row.lower_bound_metric,
    isEffort: row.is_effort === 1,
  };
  if (row.parent_plan_code !== null && row.parent_indicator_code !== null) out.parent = { plan: row.parent_plan_code, indicator: row.parent_indicator_code };
  return out;
}

export function milestoneToFile(row: MilestoneRow, units: readonly { unit_name: string }[] | undefined): PlanFileMilestone {
  return {
    code: row.code,
    title: row.title,
    titleEn: row.title_en,
    text: row.text,
    dueYear: row.due_year,
    relatedTask: row.related_task,
    units: unitNames(units),
  };
}

export function taskScalarsToFile(row: TaskRow, units: readonly { unit_name: string }[] | undefined): Omit<PlanFileTask, 'indicators' | 'milestones'> {
  const out: Omit<PlanFileTask, 'indicators' | 'milestones'> = {
    number: row.number,
    title: row.title,
    text: row.text,
    units: unitNames(units),
    allDepartments: row.all_departments === 1,
    townsImplement: row.towns_implement === 1,
  };
  if (row.note !== null) out.note = row.note;
  return out;
}

export function actionScalarsToFile(row: ActionRow): Pick<PlanFileAction, 'code' | 'section' | 'number' | 'title' | 'text'> {
  return { code: row.code, section: row.section, number: row.number, title: row.title, text: row.text };
}

export function planScalarsToFile(row: PlanRow): Omit<PlanFile, 'actions'> {
  return {
    formatVersion: 1,
    code: row.code,
    docNumber: row.doc_number,
    title: row.title,
    issuer: row.issuer,
    issuedOn: row.issued_on,
    region: { code: row.region_code, name: row.region_name },
    startYear: row.start_year,
    endYear: row.end_year,
    parentPlans: JSON.parse(row.parent_plans_json) as string[],
    preamble: row.preamble,
    generalRequirements: row.general_requirements,
    townsImplementAll: row.towns_implement_all === 1,
  };
}

/** The plan as a plan file, rebuilt from the tables: after a load with no edits this equals the file loaded. */
export function treeToFile(tree: PlanTree): PlanFile {
  const indicatorsOf = (actionId: number, taskId: number | null) =>
    tree.indicators
      .filter((i) => Number(i.action_id) === actionId && (i.task_id === null ? null : Number(i.task_id)) === taskId)
      .map((i) => indicatorToFile(i, tree.targetsByIndicator.get(Number(i.id)), tree.unitsByIndicator.get(Number(i.id))));
  const milestonesOf = (actionId: number, taskId: number | null) =>
    tree.milestones
      .filter((m) => Number(m.action_id) === actionId && (m.task_id === null ? null : Number(m.task_id)) === taskId)
      .map((m) => milestoneToFile(m, tree.unitsByMilestone.get(Number(m.id))));
  const { formatVersion, ...scalars } = planScalarsToFile(tree.plan);
  return {
    formatVersion,
    ...scalars,
    actions: tree.actions.map((a) => {
      const actionId = Number(a.id);
      return {
        ...actionScalarsToFile(a),
        indicators: indicatorsOf(actionId, null),
        milestones: milestonesOf(actionId, null),
        tasks: tree.tasks
          .filter((t) => Number(t.action_id) === actionId)
          .map((t) => ({
            ...taskScalarsToFile(t, tree.unitsByTask.get(Number(t.id))),
            indicators: indicatorsOf(actionId, Number(t.id)),
            milestones: milestonesOf(actionId, Number(t.id)),
          })),
      };
    }),
  };
}
