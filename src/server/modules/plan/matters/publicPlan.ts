import type { AppDeps } from '../../../core/deps.js';
import type { Queryable } from '../../../db/database.js';
import type { z } from 'zod';
import type { publicPlanSchema } from './schema.js';
import { defaultPlanId } from '../plans/workingPlans.js';

/**
 * The current plan's published text for the public announcements page: the document itself is public
 * (晋政文〔2024〕98号), so its title, number, preamble, general requirements and actions are shown to anyone.
 * Indicators' progress and units' reports are not part of it.
 */
export async function publicPlan(deps: AppDeps, db: Queryable = deps.database.db): Promise<z.infer<typeof publicPlanSchema>> {
  // The working plan, not a parent plan loaded for the cascade.
  const planId = await defaultPlanId(db);
  const plan =
    planId === null
      ? undefined
      : await db
          .selectFrom('plans')
          .select(['id', 'title', 'doc_number', 'issuer', 'issued_on', 'preamble', 'general_requirements'])
          .where('id', '=', planId)
          .executeTakeFirst();
  if (!plan) return null;
  const actions = await db
    .selectFrom('plan_actions')
    .select(['section', 'number', 'title', 'text'])
    .where('plan_id', '=', plan.id)
    .where('retired_at', 'is', null)
    .orderBy('position')
    .execute();
  return {
    title: plan.title,
    docNumber: plan.doc_number,
    issuer: plan.issuer,
    issuedOn: plan.issued_on,
    preamble: plan.preamble,
    generalRequirements: plan.general_requirements,
    sections: actions,
  };
}
