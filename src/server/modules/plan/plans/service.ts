import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { badRequest, notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { inTransaction } from '../../../db/database.js';
import { planFileSchema, type PlanFile } from '../planfile/planFileSchema.js';
import { planPolicy } from '../policies/plan.js';
import { loadPlanFileIn, type LoadResult } from './planLoader.js';
import { readPlanTree, treeToFile } from './planTree.js';
import type { PlanDetailView, PlanSummaryView } from './schema.js';
import { planDetail, planSummary } from './views.js';
import { plansInWorkingOrder } from './workingPlans.js';

export async function listPlans(deps: AppDeps, ctx: RequestContext): Promise<PlanSummaryView[]> {
  authorize(ctx.actor, planPolicy, 'list');
  return (await plansInWorkingOrder(deps.database.db)).map(planSummary);
}

export async function getPlan(deps: AppDeps, ctx: RequestContext, id: number): Promise<PlanDetailView> {
  const tree = await readPlanTree(deps.database.db, id);
  if (!tree) throw notFound();
  authorize(ctx.actor, planPolicy, 'read', { id }, id);
  return planDetail(tree);
}

export async function exportPlan(deps: AppDeps, ctx: RequestContext, id: number): Promise<PlanFile> {
  const tree = await readPlanTree(deps.database.db, id);
  if (!tree) throw notFound();
  authorize(ctx.actor, planPolicy, 'export', { id }, id);
  return treeToFile(tree);
}

/** Checks a plan file; every problem comes back as a field error with its dotted path (actions.0.tasks.2.units). */
export function validatePlanFile(body: unknown): PlanFile {
  const result = planFileSchema.safeParse(body);
  if (result.success) return result.data;
  throw badRequest(
    result.error.issues.slice(0, 200).map((issue) => ({
      path: issue.path.map(String).join('.') || '(root)',
      reason: 'field.plan.fileProblem',
      params: { problem: issue.message },
    })),
  );
}

/** The office loads a new plan, or a new version of a loaded one (same code), from a plan file. */
export async function importPlan(deps: AppDeps, ctx: RequestContext, body: unknown): Promise<LoadResult> {
  authorize(ctx.actor, planPolicy, 'import');
  const file = validatePlanFile(body);
  return inTransaction(deps.database, (tx) => loadPlanFileIn(tx, ctx, file));
}
