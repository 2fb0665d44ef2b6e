import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { isMessageKey, translate } from '../../../core/messages.js';
import { authorize } from '../../../core/policy.js';
import { shanghaiDate } from '../../../core/time.js';
import { inTransaction } from '../../../db/database.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { latestAlertDay, listCurrentAlerts } from './alerts.js';
import { computePlanAlerts, type AlertRunCounts } from './compute.js';
import { readsAllOrders } from './policies/common.js';
import { planAlertPolicy } from './policies/alert.js';
import type { AlertsView } from './schema.js';
import { defaultPlanId } from '../plans/workingPlans.js';

/**
 * Today's alerts for the dashboard (every indicator's colour, and the orders the caller may read) or, with
 * `mine`, the caller's own unit's (the workspace).
 */
export async function listAlerts(
  deps: AppDeps,
  ctx: RequestContext,
  q: { planId?: number | undefined; mine?: 'true' | 'false' | undefined; subject?: 'indicator' | 'order' | undefined },
): Promise<AlertsView> {
  authorize(ctx.actor, planAlertPolicy, 'list');
  const db = deps.database.db;
  const planId = q.planId ?? (await defaultPlanId(db));
  if (planId === null) return { day: null, items: [] };
  const today = shanghaiDate();
  const day = await latestAlertDay(db, planId, today);
  const own = ctx.actor.organizationId;
  const items = (await listCurrentAlerts(db, planId, today)).filter(
    (a) =>
      (q.subject === undefined || a.subject === q.subject) &&
      (q.mine !== 'true' || a.organizationId === own) &&
      // A unit reads only the orders issued to it.
      (a.subject !== 'order' || readsAllOrders(ctx.actor) || a.organizationId === own),
  );
  return {
    day,
    items: items.map((a) => {
      const key = a.reason;
      return { ...a, message: isMessageKey(key) ? translate(ctx.locale, key, { ...a.params, title: a.title }) : key };
    }),
  };
}

/** The office recomputes today's alerts now (after accepting reports, say) instead of waiting for tomorrow's run. */
export async function refreshAlerts(deps: AppDeps, ctx: RequestContext, planId: number | undefined, now = new Date()): Promise<AlertRunCounts[]> {
  authorize(ctx.actor, planAlertPolicy, 'refresh');
  const db = deps.database.db;
  const ids = planId !== undefined ? [planId] : (await db.selectFrom('plans').select('id').orderBy('id').execute()).map((p) => Number(p.id));
  const out: AlertRunCounts[] = [];
  for (const id of ids) out.push(await computePlanAlerts(deps, id, now));
  await inTransaction(deps.database, (tx) =>
    appendAudit(tx, ctx, { entity: 'plan_alert', entityId: null, action: 'refresh', after: { plans: ids, counts: out } }),
  );
  return out;
}
