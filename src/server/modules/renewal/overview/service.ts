import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { authorize } from '../../../core/policy.js';
import { overviewPolicy } from '../policies/overview.js';
import { overviewFigures } from './figures.js';
import type { OverviewQuery, RenewalOverviewView } from './schema.js';

/** The renewal overview for the office, the departments and auditors. */
export async function renewalOverview(deps: AppDeps, ctx: RequestContext, q: OverviewQuery): Promise<RenewalOverviewView> {
  authorize(ctx.actor, overviewPolicy, 'read');
  return overviewFigures(deps.database.db, ctx.locale, q, await deps.parameters.get('renewal.oldMachineToolYears'));
}
