import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AppDeps } from '../../../core/deps.js';
import { systemContext } from '../../../core/context.js';
import { isUniqueViolation } from '../../../db/errors.js';
import { parsePlanFile } from '../planfile/planFileSchema.js';
import { loadPlanFile, type LoadResult } from '../plans/planLoader.js';
import { referencePlanFiles, withParentLinks } from '../cascade/referencePlans.js';

/** The plan files every installation loads on start, in order (parents before children keeps cascades resolved). */
export const PLAN_FILES = [new URL('../planfile/data/jinjiang-2024-98.json', import.meta.url)];

/**
 * Loads the plan files on every start. Idempotent: a file already loaded is skipped by its content hash, so
 * the office's edits since are kept; a changed file in the repository updates the plan in place with revisions.
 */
export async function seedPlans(deps: AppDeps, options: { reference?: boolean } = {}): Promise<LoadResult[]> {
  const results: LoadResult[] = [];
  // With the parents as reference data (config.referencePlans): lists and defaults put the plans others cite after
  // the working plan (plans/workingPlans.ts), so a parent never becomes "the" plan.
  const reference = options.reference ?? deps.config.referencePlans;
  const plans = PLAN_FILES.map((url) => parsePlanFile(JSON.parse(readFileSync(fileURLToPath(url), 'utf8'))));
  // The working plan first, so it keeps the first id; the reference (parent) plans after it — links resolve in either order.
  const files = reference ? [...plans.map(withParentLinks), ...referencePlanFiles()] : plans;
  for (const file of files) {
    try {
      results.push(await loadPlanFile(deps, systemContext('plan-loader'), file));
    } catch (err) {
      // Two app processes starting on one database: the other one loaded the plan first. Loading again now finds
      // it (same hash: nothing to do), so a concurrent start neither fails nor loads twice.
      if (!isUniqueViolation(err)) throw err;
      results.push(await loadPlanFile(deps, systemContext('plan-loader'), file));
    }
  }
  return results;
}
