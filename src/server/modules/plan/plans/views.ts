import type { IndicatorRow, MilestoneRow, PlanRow, PlanTree, TargetRow } from './planTree.js';
import type { IndicatorView, MilestoneView, PlanDetailView, PlanSummaryView } from './schema.js';

type UnitLike = { organization_id: number | null; unit_name: string; role: 'lead' | 'co' };

export function unitRefs(units: readonly UnitLike[] | undefined) {
  return (units ?? []).map((u) => ({
    id: u.organization_id === null ? null : Number(u.organization_id),
    name: u.unit_name,
    role: u.role,
  }));
}

export function planSummary(row: PlanRow): PlanSummaryView {
  return {
    id: Number(row.id),
    code: row.code,
    docNumber: row.doc_number,
    title: row.title,
    issuer: row.issuer,
    issuedOn: row.issued_on,
    startYear: row.start_year,
    endYear: row.end_year,
    region: { code: row.region_code, name: row.region_name },
    parentPlans: JSON.parse(row.parent_plans_json) as string[],
    version: row.version,
    updatedAt: row.updated_at,
  };
}

export function indicatorView(row: IndicatorRow, targets: readonly TargetRow[] | undefined, units: readonly UnitLike[] | undefined): IndicatorView {
  return {
    id: Number(row.id),
    planId: Number(row.plan_id),
    actionId: Number(row.action_id),
    taskId: row.task_id === null ? null : Number(row.task_id),
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    text: row.clause_text,
    unit: row.unit,
    kind: row.kind,
    comparator: row.comparator,
    baseline: row.baseline_year === null ? null : { year: row.baseline_year, value: row.baseline_value },
    yearOnYear: row.year_on_year === 1,
    targets: (targets ?? []).map((t) => ({ year: t.year, value: t.value })),
    relatedTask: row.related_task,
    organizations: unitRefs(units),
    assignedByOffice: row.assigned_by_office === 1,
    townBreakdown: row.town_breakdown === 1,
    source: row.source,
    metric: row.metric,
    lowerBoundMetric: row.lower_bound_metric,
    isEffort: row.is_effort === 1,
    parent:
      row.parent_plan_code === null || row.parent_indicator_code === null
        ? null
        : {
            plan: row.parent_plan_code,
            indicator: row.parent_indicator_code,
            indicatorId: row.parent_indicator_id === null ? null : Number(row.parent_indicator_id),
          },
  };
}

export function milestoneView(row: MilestoneRow, units: readonly UnitLike[] | undefined): MilestoneView {
  return {
    id: Number(row.id),
    code: row.code,
    title: row.title,
    titleEn: row.title_en,
    text: row.text,
    dueYear: row.due_year,
    relatedTask: row.related_task,
    organizations: unitRefs(units),
    status: row.status,
    doneAt: row.done_at,
    evidence:
      row.evidence_note === null && row.evidence_attachment_id === null
        ? null
        : { note: row.evidence_note, attachmentId: row.evidence_attachment_id === null ? null : Number(row.evidence_attachment_id) },
  };
}

/** The whole plan as the API shows it: actions, their section-level items, tasks with theirs. */
export function planDetail(tree: PlanTree): PlanDetailView {
  const indicatorsOf = (actionId: number, taskId: number | null) =>
    tree.indicators
      .filter((i) => Number(i.action_id) === actionId && (i.task_id === null ? null : Number(i.task_id)) === taskId)
      .map((i) => indicatorView(i, tree.targetsByIndicator.get(Number(i.id)), tree.unitsByIndicator.get(Number(i.id))));
  const milestonesOf = (actionId: number, taskId: number | null) =>
    tree.milestones
      .filter((m) => Number(m.action_id) === actionId && (m.task_id === null ? null : Number(m.task_id)) === taskId)
      .map((m) => milestoneView(m, tree.unitsByMilestone.get(Number(m.id))));
  return {
    ...planSummary(tree.plan),
    preamble: tree.plan.preamble,
    generalRequirements: tree.plan.general_requirements,
    townsImplementAll: tree.plan.towns_implement_all === 1,
    actions: tree.actions.map((a) => {
      const actionId = Number(a.id);
      return {
        id: actionId,
        code: a.code,
        number: a.number,
        section: a.section,
        title: a.title,
        text: a.text,
        indicators: indicatorsOf(actionId, null),
        milestones: milestonesOf(actionId, null),
        tasks: tree.tasks
          .filter((t) => Number(t.action_id) === actionId)
          .map((t) => ({
            id: Number(t.id),
            number: t.number,
            title: t.title,
            text: t.text,
            organizations: unitRefs(tree.unitsByTask.get(Number(t.id))),
            townsImplement: t.towns_implement === 1,
            allDepartments: t.all_departments === 1,
            note: t.note,
            indicators: indicatorsOf(actionId, Number(t.id)),
            milestones: milestonesOf(actionId, Number(t.id)),
          })),
      };
    }),
  };
}
