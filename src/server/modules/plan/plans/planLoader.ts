import { createHash } from 'node:crypto';
import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { inTransaction, type Queryable, type Tx } from '../../../db/database.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import type { PlanFile } from '../planfile/planFileSchema.js';
import { checkParentLinks } from '../cascade/parentLinks.js';
import { readPlanTree, treeToFile } from './planTree.js';
import { PlanWriter } from './planWriter.js';

export interface LoadResult {
  planId: number;
  created: boolean;
  /** False when the file was loaded before (same content): nothing was written. */
  changed: boolean;
  /** Plan revisions recorded by this load (one per changed field). */
  revisions: number;
}

/** The canonical hash of a parsed plan file: the same content hashes the same whatever its whitespace. */
export function planFileHash(file: PlanFile): string {
  return createHash('sha256').update(JSON.stringify(file)).digest('hex');
}

/**
 * Loads one plan file into the tables in one transaction, idempotent by plan code:
 * - the first load inserts everything;
 * - a file already loaded (same content hash) changes nothing;
 * - a changed file updates the plan in place, keeping ids (actions by code, tasks by action and number,
 *   indicators and milestones by code), records one revision per changed field, and retires what the file no
 *   longer has rather than deleting it (reports and evidence may point at it).
 * A reported baseline value survives a file that states only the baseline year. Milestone progress (status,
 * evidence) is not part of the file and is never touched. No policy check here: start-up seeding calls it
 * directly; the import endpoint authorises first.
 */
export async function loadPlanFile(deps: AppDeps, ctx: RequestContext, file: PlanFile): Promise<LoadResult> {
  return inTransaction(deps.database, (tx) => loadPlanFileIn(tx, ctx, file));
}

export async function loadPlanFileIn(tx: Tx, ctx: RequestContext, file: PlanFile): Promise<LoadResult> {
  const hash = planFileHash(file);
  const existing = await tx.selectFrom('plans').select(['id', 'file_hash']).where('code', '=', file.code).executeTakeFirst();
  if (existing && existing.file_hash === hash) return { planId: Number(existing.id), created: false, changed: false, revisions: 0 };

  // Before anything is written: a link into a loaded plan must name one of its indicators (a field error otherwise).
  await checkParentLinks(tx, file);
  const loader = new PlanWriter(tx, ctx, file, hash);
  await loader.loadOrganizations();
  const result = existing ? await loader.update(Number(existing.id)) : await loader.create();
  await resolveParentReferences(tx, file.code);
  await appendAudit(tx, ctx, {
    entity: 'plan',
    entityId: result.planId,
    action: result.created ? 'load' : 'reload',
    after: { code: file.code, docNumber: file.docNumber, revisions: result.revisions },
  });
  return result;
}

/** Fills parent_indicator_id for every indicator that names an indicator of this plan, or that this plan names. */
async function resolveParentReferences(tx: Tx, planCode: string): Promise<void> {
  const plan = await tx.selectFrom('plans').select('id').where('code', '=', planCode).executeTakeFirstOrThrow();
  const referring = await tx
    .selectFrom('indicators')
    .select(['id', 'parent_plan_code', 'parent_indicator_code', 'parent_indicator_id'])
    .where((eb) => eb.or([eb('plan_id', '=', plan.id), eb('parent_plan_code', '=', planCode)]))
    .execute();
  for (const r of referring) {
    let parentId: number | null = null;
    if (r.parent_plan_code !== null && r.parent_indicator_code !== null) {
      const parent = await tx
        .selectFrom('indicators')
        .innerJoin('plans', 'plans.id', 'indicators.plan_id')
        .select('indicators.id')
        .where('plans.code', '=', r.parent_plan_code)
        .where('indicators.code', '=', r.parent_indicator_code)
        .where('indicators.retired_at', 'is', null)
        .executeTakeFirst();
      parentId = parent ? Number(parent.id) : null;
    }
    const current = r.parent_indicator_id === null ? null : Number(r.parent_indicator_id);
    if (current !== parentId) await tx.updateTable('indicators').set({ parent_indicator_id: parentId }).where('id', '=', r.id).execute();
  }
}

/** The plan in the plan-file format, rebuilt from the tables (so it carries edits made since the file was loaded). */
export async function exportPlanFile(deps: AppDeps, planId: number): Promise<PlanFile> {
  return exportPlanFileFrom(deps.database.db, planId);
}

export async function exportPlanFileFrom(db: Queryable, planId: number): Promise<PlanFile> {
  const tree = await readPlanTree(db, planId);
  if (!tree) throw notFound();
  return treeToFile(tree);
}
