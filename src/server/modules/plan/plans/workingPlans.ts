import type { Queryable } from '../../../db/database.js';
import type { Selectable } from 'kysely';
import type { PlanTable } from '../tables.js';

/**
 * The plans this installation works on come before the plans they cite: a plan whose code another loaded plan's
 * indicators name as their parent (国发〔2024〕7号 above the province's, the province's above the city's) is
 * reference data for the cascade. Lists, the dashboard's default and the web's first choice all read this order,
 * so an office that loads its parents still lands on its own plan, whatever its code. Within each group, in the
 * order they were loaded: the installation's own plan is the one seeded at its first start.
 */
export async function plansInWorkingOrder(db: Queryable): Promise<Selectable<PlanTable>[]> {
  const [rows, cited] = await Promise.all([
    db.selectFrom('plans').selectAll().orderBy('id').execute(),
    db.selectFrom('indicators').select('parent_plan_code').distinct().where('parent_plan_code', 'is not', null).execute(),
  ]);
  const parents = new Set(cited.map((c) => c.parent_plan_code));
  return [...rows.filter((r) => !parents.has(r.code)), ...rows.filter((r) => parents.has(r.code))];
}

/** The plan a page shows when none is named: the first in working order; null when no plan is loaded. */
export async function defaultPlanId(db: Queryable): Promise<number | null> {
  const first = (await plansInWorkingOrder(db))[0];
  return first ? Number(first.id) : null;
}
