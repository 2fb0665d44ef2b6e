import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { authorize } from '../../../core/policy.js';
import { shanghaiDate } from '../../../core/time.js';
import { cachePerDatabase } from '../../platform/dataVersions/cache.js';
import { overviewPolicy } from '../policies/overview.js';
import { overviewFigures } from './figures.js';
import type { OverviewQuery, RenewalOverviewView } from './schema.js';
import { RENEWAL_DATA_VERSION } from './version.js';

/**
 * The figures per filter, kept until a project or funding move (or an edit) changes them: at 50,000 projects the
 * sums take a tenth of a second on SQLite, the version check a fraction of a millisecond (bench/renewal).
 */
const figuresCache = cachePerDatabase<RenewalOverviewView>(RENEWAL_DATA_VERSION);

/** The renewal overview for the office, the departments and auditors. */
export async function renewalOverview(deps: AppDeps, ctx: RequestContext, q: OverviewQuery): Promise<RenewalOverviewView> {
  authorize(ctx.actor, overviewPolicy, 'read');
  const years = await deps.parameters.get('renewal.oldMachineToolYears');
  // The year defaults to this year: the key names it, so a cached answer does not outlive New Year's Eve.
  const key = JSON.stringify({ ...q, year: q.year ?? Number(shanghaiDate().slice(0, 4)), locale: ctx.locale, years });
  return figuresCache(deps.database).get(deps.database.db, key, () => overviewFigures(deps.database.db, ctx.locale, q, years));
}
