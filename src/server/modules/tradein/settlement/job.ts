import type { ScheduledJob } from '../../../core/jobs.js';
import { systemContext } from '../../../core/context.js';
import { inTransaction } from '../../../db/database.js';
import { grantedOrganizations } from '../../platform/grants/service.js';
import { notify } from '../../platform/notifications/service.js';
import { buildBatch, merchantsToSettle } from './service.js';
import { previousMonth, shanghaiDate, shanghaiHour, shanghaiMonth } from '../../../core/time.js';

/** Sales rung up just before midnight may still be committing; the month is closed two hours later. */
const CLOSE_AFTER_HOUR = 2;

/**
 * Closes the previous month: makes the draft batch of every merchant with something to settle, and tells
 * 市商务局 that the month's batches wait for approval. Runs once per month (the run key is the month); making a
 * batch is idempotent per merchant and month, so a rerun after a crash finishes the rest.
 */
export const settlementCloseJob: ScheduledJob = {
  name: 'tradein.settlement.closeMonth',
  schedule: { 'zh-CN': '每月 1 日 02:00 起，结算上月（北京时间）', en: 'Monthly on the 1st from 02:00, closing the previous month (Shanghai time)' },
  runKey(now) {
    if (shanghaiDate(now).endsWith('-01') && shanghaiHour(now) < CLOSE_AFTER_HOUR) return null;
    return previousMonth(shanghaiMonth(now));
  },
  async run(deps, now) {
    const period = previousMonth(shanghaiMonth(now));
    const ctx = systemContext('tradein.settlement.closeMonth');
    let made = 0;
    for (const merchantId of await merchantsToSettle(deps.database.db, period)) {
      const batch = await inTransaction(deps.database, (tx) => buildBatch(tx, ctx, merchantId, period));
      if (batch?.created) made++;
    }
    if (!made) return;
    for (const manager of await grantedOrganizations(deps.database.db, 'tradein', 'manage'))
      await notify(deps.database.db, {
        organizationId: manager,
        kind: 'tradein_settlement_ready',
        params: { period, count: made },
        link: `/tradein/settlement?period=${period}`,
        dedupeKey: `tradein-settlement-ready:${period}:${manager}`,
      });
  },
};
