import type { Actor } from '../../../core/context.js';
import type { Queryable } from '../../../db/database.js';
import { likePattern } from '../../../http/pagination.js';
import type { Grants } from '../../platform/grants/policy.js';
import { projectPolicy } from '../policies/project.js';
import type { ProjectFilters, ProjectView } from './schema.js';
import { canMove } from '../../../core/workflow.js';
import { projectWorkflow } from './workflow.js';

/** A project with its enterprise's and town's names: what every list and view reads. */
export function selectProjects(db: Queryable) {
  return db
    .selectFrom('renewal_projects as p')
    .innerJoin('organizations as o', 'o.id', 'p.organization_id')
    .innerJoin('organizations as t', 't.id', 'p.town_id')
    .selectAll('p')
    .select(['o.name as organization_name', 't.name as town_name']);
}

export type ProjectRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectProjects>['executeTakeFirst']>>>;
export type ProjectQuery = ReturnType<typeof selectProjects>;

const SORT_COLUMNS = {
  createdAt: 'p.id',
  name: 'p.name',
  plannedInvestment: 'p.planned_investment_fen',
  actualInvestment: 'p.actual_investment_fen',
  year: 'p.year',
  status: 'p.status',
} as const;

/** The list filters every project list shares: status, sector, type, town, year and a search of code, name and enterprise. */
export function filterProjects(q: ProjectQuery, f: Partial<ProjectFilters>): ProjectQuery {
  let out = q;
  if (f.status) out = out.where('p.status', '=', f.status);
  if (f.sector) out = out.where('p.sector', '=', f.sector);
  if (f.type) out = out.where('p.type', '=', f.type);
  if (f.townId) out = out.where('p.town_id', '=', f.townId);
  if (f.year) out = out.where('p.year', '=', f.year);
  if (f.q) {
    const like = likePattern(f.q);
    out = out.where((eb) => eb.or([eb('p.code', 'like', like), eb('p.name', 'like', like), eb('o.name', 'like', like)]));
  }
  return out;
}

export function sortProjects(q: ProjectQuery, f: Partial<ProjectFilters>): ProjectQuery {
  const column = SORT_COLUMNS[f.sort ?? 'createdAt'];
  const order = f.order ?? 'desc';
  return column === 'p.id' ? q.orderBy('p.id', order) : q.orderBy(column, order).orderBy('p.id', order);
}

/** Which moves the reader may make now: the workflow allows it from the status and the policy lets the reader. */
export function actionsFor(actor: Actor, p: ProjectRow, grants: Grants): string[] {
  const record = { grants, organization_id: Number(p.organization_id), town_id: Number(p.town_id) };
  const out: string[] = [];
  const may = (action: Parameters<typeof projectPolicy.can>[1]) => projectPolicy.can(actor, action, record);
  if (may('update') && (p.status === 'draft' || p.status === 'returned')) out.push('edit');
  if (may('submit') && canMove(projectWorkflow, p.status, 'submit')) out.push('submit');
  if (may('townCheck') && canMove(projectWorkflow, p.status, 'townPass')) out.push('townPass', 'townReturn');
  if (may('approve') && canMove(projectWorkflow, p.status, 'approve')) out.push('approve', 'departmentReturn');
  if (may('start') && canMove(projectWorkflow, p.status, 'start')) out.push('start');
  if (may('complete') && canMove(projectWorkflow, p.status, 'complete')) out.push('complete');
  if (may('approve') && canMove(projectWorkflow, p.status, 'returnCompletion')) out.push('returnCompletion');
  return out;
}

export function toProjectView(actor: Actor, p: ProjectRow, grants: Grants): ProjectView {
  const num = (v: number | string | null) => (v === null ? null : Number(v));
  return {
    id: Number(p.id),
    code: p.code,
    name: p.name,
    organizationId: Number(p.organization_id),
    organizationName: p.organization_name,
    townId: Number(p.town_id),
    townName: p.town_name,
    sector: p.sector,
    industry: p.industry,
    type: p.type,
    status: p.status,
    origin: p.origin,
    year: Number(p.year),
    plannedInvestmentFen: Number(p.planned_investment_fen),
    plannedEquipmentFen: Number(p.planned_equipment_fen),
    actualInvestmentFen: num(p.actual_investment_fen),
    actualEquipmentFen: num(p.actual_equipment_fen),
    addsLand: Number(p.adds_land) === 1,
    simplified: Number(p.simplified) === 1,
    skippedStep: p.skipped_step,
    energySavedTce: num(p.energy_saved_tce),
    emissionsReducedT: num(p.emissions_reduced_t),
    plannedStart: p.planned_start,
    plannedEnd: p.planned_end,
    startedOn: p.started_on,
    completedOn: p.completed_on,
    returnReason: p.return_reason,
    returnedFrom: p.returned_from,
    submittedAt: p.submitted_at,
    approvedAt: p.approved_at,
    isDemo: Number(p.is_demo) === 1,
    createdAt: p.created_at,
    updatedAt: p.updated_at,
    actions: actionsFor(actor, p, grants),
  };
}

/** Whether an old machine tool is over-age: in service longer than the configured years (二(一)1). */
export const isOverAge = (row: { is_machine_tool: number; years_in_service: number }, years: number) =>
  Number(row.is_machine_tool) === 1 && Number(row.years_in_service) > years;

export async function equipmentOf(db: Queryable, project: { id: number; organizationId: number }) {
  const [old, fresh] = await Promise.all([
    db
      .selectFrom('renewal_project_old_equipment')
      .selectAll()
      .where('organization_id', '=', project.organizationId)
      .where('project_id', '=', project.id)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('renewal_project_new_equipment')
      .selectAll()
      .where('organization_id', '=', project.organizationId)
      .where('project_id', '=', project.id)
      .orderBy('position')
      .execute(),
  ]);
  return { old, fresh };
}
