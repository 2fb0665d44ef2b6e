import type { ScheduledJob } from '../../../core/jobs.js';
import { systemContext } from '../../../core/context.js';
import { inTransaction } from '../../../db/database.js';
import { notify } from '../../platform/notifications/service.js';
import { buildBatch, merchantsToSettle } from './service.js';
import { periodOf, previousPeriod } from './period.js';

/** Sales rung up just before midnight may still be committing; the month is closed two hours later. */
const CLOSE_AFTER_HOUR = 2;

/**
 * Closes the previous month: makes the draft batch of every merchant with something to settle, and tells
 * 市商务局 that the month's batches wait for approval. Runs once per month (the run key is the month); making a
 * batch is idempotent per merchant and month, so a rerun after a crash finishes the rest.
 */
export const settlementCloseJob: ScheduledJob = {
  name: 'tradein.settlement.closeMonth',
  runKey(now) {
    const local = new Date(now.getTime() + 8 * 3600_000);
    if (local.getUTCDate() === 1 && local.getUTCHours() < CLOSE_AFTER_HOUR) return null;
    return previousPeriod(periodOf(now));
  },
  async run(deps, now) {
    const period = previousPeriod(periodOf(now));
    const ctx = systemContext('tradein.settlement.closeMonth');
    let made = 0;
    for (const merchantId of await merchantsToSettle(deps.database.db, period)) {
      const batch = await inTransaction(deps.database, (tx) => buildBatch(tx, ctx, merchantId, period));
      if (batch?.created) made++;
    }
    if (!made) return;
    const managers = await deps.database.db.selectFrom('tradein_managers').select('organization_id').where('capability', '=', 'manage').execute();
    for (const m of managers)
      await notify(deps.database.db, {
        organizationId: Number(m.organization_id),
        kind: 'tradein_settlement_ready',
        params: { period, count: made },
        link: `/tradein/settlement?period=${period}`,
        dedupeKey: `tradein-settlement-ready:${period}:${Number(m.organization_id)}`,
      });
  },
};
