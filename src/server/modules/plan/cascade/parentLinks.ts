import { badRequest, type FieldIssue } from '../../../core/errors.js';
import type { Queryable } from '../../../db/database.js';
import type { PlanFile, PlanFileIndicator } from '../planfile/planFileSchema.js';
import './messages.js';

/** How far up a chain of parent indicators is followed: national → province → city → county is four. */
export const MAX_CASCADE_DEPTH = 12;

/** Every indicator of a plan file with its dotted path, as the import's field errors name it. */
export function indicatorsWithPaths(file: PlanFile): { path: string; indicator: PlanFileIndicator }[] {
  return file.actions.flatMap((a, ai) => [
    ...a.indicators.map((indicator, ii) => ({ path: `actions.${ai}.indicators.${ii}`, indicator })),
    ...a.tasks.flatMap((t, ti) => t.indicators.map((indicator, ii) => ({ path: `actions.${ai}.tasks.${ti}.indicators.${ii}`, indicator }))),
  ]);
}

/**
 * Checks the parent links of a file about to be loaded. A link to a plan not loaded yet is kept and resolves when
 * that plan arrives (files load in any order); a link into a loaded plan must name one of its live indicators,
 * must leave this plan, and must not lead back to it. Every problem is a field error on the link's path.
 */
export async function checkParentLinks(db: Queryable, file: PlanFile): Promise<void> {
  const links = indicatorsWithPaths(file).filter((x) => x.indicator.parent !== undefined);
  if (!links.length) return;
  const issues: FieldIssue[] = [];
  const planCodes = [...new Set(links.map((l) => l.indicator.parent!.plan))];
  const loaded = await db
    .selectFrom('indicators')
    .innerJoin('plans', 'plans.id', 'indicators.plan_id')
    .select(['indicators.id', 'indicators.code', 'plans.code as plan_code'])
    .where('plans.code', 'in', planCodes)
    .where('indicators.retired_at', 'is', null)
    .execute();
  const loadedPlans = new Set((await db.selectFrom('plans').select('code').where('code', 'in', planCodes).execute()).map((p) => p.code));

  for (const { path, indicator } of links) {
    const parent = indicator.parent!;
    if (parent.plan === file.code) {
      issues.push({ path: `${path}.parent.plan`, reason: 'field.plan.parentSamePlan', params: { plan: file.code } });
      continue;
    }
    if (!loadedPlans.has(parent.plan)) continue;
    const row = loaded.find((r) => r.plan_code === parent.plan && r.code === parent.indicator);
    if (!row) {
      issues.push({ path: `${path}.parent.indicator`, reason: 'field.plan.parentUnknown', params: { plan: parent.plan, indicator: parent.indicator } });
      continue;
    }
    const chain = await ancestorsOf(db, Number(row.id));
    const back = chain.findIndex((a) => a.planCode === file.code);
    if (back >= 0) {
      const names = [`${file.code} ${indicator.code}`, ...chain.slice(0, back + 1).map((a) => `${a.planCode} ${a.code}`)];
      issues.push({ path: `${path}.parent.indicator`, reason: 'field.plan.parentCycle', params: { chain: names.join(' → ') } });
    }
  }
  if (issues.length) throw badRequest(issues);
}

/** The indicator itself and its resolved parents upward, nearest first; stops at a repeat (a cycle) or the depth limit. */
export async function ancestorsOf(db: Queryable, indicatorId: number): Promise<{ id: number; code: string; planCode: string }[]> {
  const out: { id: number; code: string; planCode: string }[] = [];
  const seen = new Set<number>();
  let next: number | null = indicatorId;
  while (next !== null && !seen.has(next) && out.length < MAX_CASCADE_DEPTH) {
    seen.add(next);
    const row = await db
      .selectFrom('indicators')
      .innerJoin('plans', 'plans.id', 'indicators.plan_id')
      .select(['indicators.id', 'indicators.code', 'indicators.parent_indicator_id', 'plans.code as plan_code'])
      .where('indicators.id', '=', next)
      .executeTakeFirst();
    if (!row) break;
    out.push({ id: Number(row.id), code: row.code, planCode: row.plan_code });
    next = row.parent_indicator_id === null ? null : Number(row.parent_indicator_id);
  }
  return out;
}
