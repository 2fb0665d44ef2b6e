import type { Insertable } from 'kysely';
import type { RequestContext } from '../../../core/context.js';
import type { Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import type { PlanFile, PlanFileIndicator, PlanFileMilestone, PlanFileTask } from '../planfile/planFileSchema.js';
import type { PlanRevisionTable, UnitRole } from '../tables.js';
import type { LoadResult } from './planLoader.js';
import {
  type ActionRow,
  type IndicatorRow,
  type MilestoneRow,
  type TaskRow,
  actionScalarsToFile,
  indicatorToFile,
  milestoneToFile,
  planScalarsToFile,
  readPlanTree,
  taskScalarsToFile,
} from './planTree.js';

/**
 * Writes a plan file into the plan's tables — the plan, its actions, tasks, indicators, milestones and their
 * responsible units — creating a new plan or updating one in place with a revision per changed field
 * (planLoader.ts decides which, and owns the transaction).
 */
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Keys of two records whose values differ (compared as JSON). */
function changedKeys<T extends object>(before: T, after: T): (keyof T & string)[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof T & string>;
  return [...keys].filter((k) => !same(before[k], after[k]));
}

type UnitTable = 'task_units' | 'indicator_units' | 'milestone_units';

export class PlanWriter {
  private organizationsByName = new Map<string, number>();
  private revisions: Insertable<PlanRevisionTable>[] = [];
  private readonly now = nowIso();

  constructor(
    private readonly tx: Tx,
    private readonly ctx: RequestContext,
    private readonly file: PlanFile,
    private readonly hash: string,
  ) {}

  /** Units are matched by name to the organisations (the office, departments, towns). */
  async loadOrganizations(): Promise<void> {
    const rows = await this.tx
      .selectFrom('organizations')
      .select(['id', 'name', 'kind'])
      .where('kind', 'in', ['office', 'department', 'town'])
      .orderBy('id')
      .execute();
    for (const r of rows) if (!this.organizationsByName.has(r.name)) this.organizationsByName.set(r.name, Number(r.id));
  }

  private planColumns() {
    const f = this.file;
    return {
      code: f.code,
      doc_number: f.docNumber,
      title: f.title,
      issuer: f.issuer,
      issued_on: f.issuedOn,
      start_year: f.startYear,
      end_year: f.endYear,
      region_code: f.region.code,
      region_name: f.region.name,
      parent_plans_json: JSON.stringify(f.parentPlans),
      preamble: f.preamble,
      general_requirements: f.generalRequirements,
      towns_implement_all: f.townsImplementAll ? 1 : 0,
      format_version: f.formatVersion,
      raw_json: JSON.stringify(f),
      file_hash: this.hash,
      updated_at: this.now,
    };
  }

  async create(): Promise<LoadResult> {
    const row = await this.tx
      .insertInto('plans')
      .values({ ...this.planColumns(), version: 1, created_at: this.now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const planId = Number(row.id);
    await this.writeActions(planId, new Map(), new Map(), new Map(), new Map());
    return { planId, created: true, changed: true, revisions: 0 };
  }

  async update(planId: number): Promise<LoadResult> {
    const tree = (await readPlanTree(this.tx, planId, { includeRetired: true }))!;
    const { code: _code, ...beforeScalars } = planScalarsToFile(tree.plan);
    const { actions: _actions, code: _c, ...afterScalars } = this.file;
    for (const key of changedKeys(beforeScalars, afterScalars)) this.revise(planId, 'plan', planId, key, beforeScalars[key], afterScalars[key]);

    await this.writeActions(
      planId,
      new Map(tree.actions.map((a) => [a.code, a])),
      new Map(tree.tasks.map((t) => [`${t.action_id}:${t.number}`, { row: t, units: tree.unitsByTask.get(Number(t.id)) }])),
      new Map(
        tree.indicators.map((i) => [
          i.code,
          { row: i, file: indicatorToFile(i, tree.targetsByIndicator.get(Number(i.id)), tree.unitsByIndicator.get(Number(i.id))) },
        ]),
      ),
      new Map(tree.milestones.map((m) => [m.code, { row: m, file: milestoneToFile(m, tree.unitsByMilestone.get(Number(m.id))) }])),
    );
    const changed = this.revisions.length > 0;
    await this.tx
      .updateTable('plans')
      .set({ ...this.planColumns(), ...(changed ? { version: tree.plan.version + 1 } : {}) })
      .where('id', '=', planId)
      .execute();
    if (changed) await this.tx.insertInto('plan_revisions').values(this.revisions).execute();
    return { planId, created: false, changed, revisions: this.revisions.length };
  }

  private revise(planId: number, entity: PlanRevisionTable['entity'], entityId: number, field: string, before: unknown, after: unknown) {
    this.revisions.push({
      plan_id: planId,
      entity,
      entity_id: entityId,
      field,
      before_json: before === undefined ? null : JSON.stringify(before),
      after_json: after === undefined ? null : JSON.stringify(after),
      source: 'file',
      actor_user_id: this.ctx.actor.userId,
      actor_username: this.ctx.actor.username,
      note: null,
      at: this.now,
    });
  }

  /** Replaces the responsible units of one task, indicator or milestone with the file's list (first leads). */
  private async replaceUnits(table: UnitTable, ownerId: number, names: readonly string[]) {
    const rows = names.map((name, position) => ({
      organization_id: this.organizationsByName.get(name) ?? null,
      unit_name: name,
      role: (position === 0 ? 'lead' : 'co') as UnitRole,
      position,
    }));
    const tx = this.tx;
    switch (table) {
      case 'task_units':
        await tx.deleteFrom('task_units').where('task_id', '=', ownerId).execute();
        if (rows.length)
          await tx
            .insertInto('task_units')
            .values(rows.map((r) => ({ ...r, task_id: ownerId })))
            .execute();
        return;
      case 'indicator_units':
        await tx.deleteFrom('indicator_units').where('indicator_id', '=', ownerId).execute();
        if (rows.length)
          await tx
            .insertInto('indicator_units')
            .values(rows.map((r) => ({ ...r, indicator_id: ownerId })))
            .execute();
        return;
      case 'milestone_units':
        await tx.deleteFrom('milestone_units').where('milestone_id', '=', ownerId).execute();
        if (rows.length)
          await tx
            .insertInto('milestone_units')
            .values(rows.map((r) => ({ ...r, milestone_id: ownerId })))
            .execute();
        return;
    }
  }

  private async writeActions(
    planId: number,
    existingActions: Map<string, ActionRow>,
    existingTasks: Map<string, { row: TaskRow; units: { unit_name: string }[] | undefined }>,
    existingIndicators: Map<string, { row: IndicatorRow; file: PlanFileIndicator }>,
    existingMilestones: Map<string, { row: MilestoneRow; file: PlanFileMilestone }>,
  ): Promise<void> {
    const tx = this.tx;
    const seenActions = new Set<number>();
    const seenTasks = new Set<number>();
    const seenIndicators = new Set<number>();
    const seenMilestones = new Set<number>();

    for (const [position, action] of this.file.actions.entries()) {
      const columns = { code: action.code, section: action.section, number: action.number, title: action.title, text: action.text, position };
      const before = existingActions.get(action.code);
      let actionId: number;
      if (before) {
        actionId = Number(before.id);
        const b = actionScalarsToFile(before);
        const a = actionScalarsToFile({ ...before, ...columns });
        for (const key of changedKeys(b, a)) this.revise(planId, 'action', actionId, key, b[key], a[key]);
        if (before.retired_at !== null) this.revise(planId, 'action', actionId, 'retired', true, false);
        await tx
          .updateTable('plan_actions')
          .set({ ...columns, retired_at: null })
          .where('id', '=', actionId)
          .execute();
      } else {
        const row = await tx
          .insertInto('plan_actions')
          .values({ ...columns, plan_id: planId, retired_at: null })
          .returning('id')
          .executeTakeFirstOrThrow();
        actionId = Number(row.id);
        if (existingActions.size > 0) this.revise(planId, 'action', actionId, 'created', null, action.code);
      }
      seenActions.add(actionId);

      const taskIds = new Map<number, number>();
      for (const [taskPosition, task] of action.tasks.entries()) {
        const taskId = await this.writeTask(planId, actionId, task, taskPosition, existingTasks.get(`${actionId}:${task.number}`), existingActions.size > 0);
        taskIds.set(task.number, taskId);
        seenTasks.add(taskId);
      }
      const placements: { taskId: number | null; indicators: PlanFileIndicator[]; milestones: PlanFileMilestone[] }[] = [
        { taskId: null, indicators: action.indicators, milestones: action.milestones },
        ...action.tasks.map((t) => ({ taskId: taskIds.get(t.number) ?? null, indicators: t.indicators, milestones: t.milestones })),
      ];
      for (const place of placements) {
        for (const [i, indicator] of place.indicators.entries()) {
          const id = await this.writeIndicator(planId, actionId, place.taskId, indicator, i, existingIndicators.get(indicator.code), existingActions.size > 0);
          seenIndicators.add(id);
        }
        for (const [i, milestone] of place.milestones.entries()) {
          const id = await this.writeMilestone(planId, actionId, place.taskId, milestone, i, existingMilestones.get(milestone.code), existingActions.size > 0);
          seenMilestones.add(id);
        }
      }
    }

    // Whatever the new file no longer has is retired, not deleted.
    const retire = async (
      table: 'plan_actions' | 'plan_tasks' | 'indicators' | 'milestones',
      entity: PlanRevisionTable['entity'],
      rows: Iterable<{ id: number; retired_at: string | null }>,
      seen: Set<number>,
    ) => {
      for (const r of rows) {
        const id = Number(r.id);
        if (seen.has(id) || r.retired_at !== null) continue;
        this.revise(planId, entity, id, 'retired', false, true);
        await tx.updateTable(table).set({ retired_at: this.now }).where('id', '=', id).execute();
      }
    };
    await retire(
      'indicators',
      'indicator',
      [...existingIndicators.values()].map((x) => x.row),
      seenIndicators,
    );
    await retire(
      'milestones',
      'milestone',
      [...existingMilestones.values()].map((x) => x.row),
      seenMilestones,
    );
    await retire(
      'plan_tasks',
      'task',
      [...existingTasks.values()].map((x) => x.row),
      seenTasks,
    );
    await retire('plan_actions', 'action', existingActions.values(), seenActions);
  }

  private async writeTask(
    planId: number,
    actionId: number,
    task: PlanFileTask,
    position: number,
    before: { row: TaskRow; units: { unit_name: string }[] | undefined } | undefined,
    recordCreation: boolean,
  ): Promise<number> {
    const columns = {
      number: task.number,
      title: task.title,
      text: task.text,
      towns_implement: task.townsImplement ? 1 : 0,
      all_departments: task.allDepartments ? 1 : 0,
      note: task.note ?? null,
      position,
    };
    if (!before) {
      const row = await this.tx
        .insertInto('plan_tasks')
        .values({ ...columns, plan_id: planId, action_id: actionId, retired_at: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      const id = Number(row.id);
      await this.replaceUnits('task_units', id, task.units);
      if (recordCreation) this.revise(planId, 'task', id, 'created', null, task.number);
      return id;
    }
    const id = Number(before.row.id);
    const b = taskScalarsToFile(before.row, before.units);
    const { indicators: _i, milestones: _m, ...a } = task;
    const keys = changedKeys<Record<string, unknown>>(b, a);
    for (const key of keys) this.revise(planId, 'task', id, key, (b as Record<string, unknown>)[key], (a as Record<string, unknown>)[key]);
    if (before.row.retired_at !== null) this.revise(planId, 'task', id, 'retired', true, false);
    await this.tx
      .updateTable('plan_tasks')
      .set({ ...columns, retired_at: null })
      .where('id', '=', id)
      .execute();
    if (keys.includes('units')) await this.replaceUnits('task_units', id, task.units);
    return id;
  }

  private async writeIndicator(
    planId: number,
    actionId: number,
    taskId: number | null,
    ind: PlanFileIndicator,
    position: number,
    before: { row: IndicatorRow; file: PlanFileIndicator } | undefined,
    recordCreation: boolean,
  ): Promise<number> {
    // A file that states only the baseline year keeps the baseline value reported since.
    const keepBaselineValue =
      before !== undefined && ind.baseline !== null && ind.baseline.value === undefined && before.row.baseline_year === ind.baseline.year;
    const baselineValue = keepBaselineValue ? before!.row.baseline_value : (ind.baseline?.value ?? null);
    const columns = {
      action_id: actionId,
      task_id: taskId,
      related_task: ind.relatedTask,
      code: ind.code,
      name: ind.name,
      name_en: ind.nameEn,
      clause_text: ind.text,
      unit: ind.unit,
      kind: ind.kind,
      comparator: ind.comparator,
      baseline_year: ind.baseline?.year ?? null,
      baseline_value: baselineValue,
      year_on_year: ind.yearOnYear ? 1 : 0,
      town_breakdown: ind.townBreakdown ? 1 : 0,
      source: ind.source,
      metric: ind.metric,
      lower_bound_metric: ind.lowerBoundMetric,
      is_effort: ind.isEffort ? 1 : 0,
      assigned_by_office: ind.assignedByOffice ? 1 : 0,
      parent_plan_code: ind.parent?.plan ?? null,
      parent_indicator_code: ind.parent?.indicator ?? null,
      position,
      updated_at: this.now,
    };
    const writeTargets = (id: number) =>
      this.tx
        .insertInto('indicator_targets')
        .values(ind.targets.map((t) => ({ indicator_id: id, year: t.year, value: t.value })))
        .execute();
    if (!before) {
      const row = await this.tx
        .insertInto('indicators')
        .values({ ...columns, plan_id: planId, parent_indicator_id: null, retired_at: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      const id = Number(row.id);
      await writeTargets(id);
      await this.replaceUnits('indicator_units', id, ind.units);
      if (recordCreation) this.revise(planId, 'indicator', id, 'created', null, ind.code);
      return id;
    }
    const id = Number(before.row.id);
    const after: PlanFileIndicator = keepBaselineValue ? { ...ind, baseline: before.file.baseline } : ind;
    const keys = changedKeys<Record<string, unknown>>(before.file, after);
    for (const key of keys) this.revise(planId, 'indicator', id, key, (before.file as Record<string, unknown>)[key], (after as Record<string, unknown>)[key]);
    if (before.row.retired_at !== null) this.revise(planId, 'indicator', id, 'retired', true, false);
    await this.tx
      .updateTable('indicators')
      .set({ ...columns, retired_at: null })
      .where('id', '=', id)
      .execute();
    if (keys.includes('targets')) {
      await this.tx.deleteFrom('indicator_targets').where('indicator_id', '=', id).execute();
      await writeTargets(id);
    }
    if (keys.includes('units')) await this.replaceUnits('indicator_units', id, ind.units);
    return id;
  }

  private async writeMilestone(
    planId: number,
    actionId: number,
    taskId: number | null,
    m: PlanFileMilestone,
    position: number,
    before: { row: MilestoneRow; file: PlanFileMilestone } | undefined,
    recordCreation: boolean,
  ): Promise<number> {
    const columns = {
      action_id: actionId,
      task_id: taskId,
      related_task: m.relatedTask,
      code: m.code,
      title: m.title,
      title_en: m.titleEn,
      text: m.text,
      due_year: m.dueYear,
      position,
    };
    if (!before) {
      const row = await this.tx
        .insertInto('milestones')
        .values({
          ...columns,
          plan_id: planId,
          status: 'not_started',
          done_at: null,
          done_by: null,
          evidence_note: null,
          evidence_attachment_id: null,
          retired_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const id = Number(row.id);
      await this.replaceUnits('milestone_units', id, m.units);
      if (recordCreation) this.revise(planId, 'milestone', id, 'created', null, m.code);
      return id;
    }
    const id = Number(before.row.id);
    const keys = changedKeys<Record<string, unknown>>(before.file, m);
    for (const key of keys) this.revise(planId, 'milestone', id, key, (before.file as Record<string, unknown>)[key], (m as Record<string, unknown>)[key]);
    if (before.row.retired_at !== null) this.revise(planId, 'milestone', id, 'retired', true, false);
    await this.tx
      .updateTable('milestones')
      .set({ ...columns, retired_at: null })
      .where('id', '=', id)
      .execute();
    if (keys.includes('units')) await this.replaceUnits('milestone_units', id, m.units);
    return id;
  }
}
