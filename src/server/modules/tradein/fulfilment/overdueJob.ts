import type { ScheduledJob } from '../../../core/jobs.js';
import { shanghaiDate, shanghaiHour } from '../../../core/time.js';
import { notify } from '../../platform/notifications/service.js';

/** Merchants hear of a late delivery in working hours, not at midnight. */
const FROM_HOUR = 9;

/**
 * Tells each merchant, once a day, how many of its sales to be delivered are past due (`tradein.deliveryDueDays`
 * after the sale), and marks each late sale as told so the count a merchant hears is of newly late ones. The
 * lists flag every late sale whatever this job did (`overdue`), so a missed run loses nothing but a reminder.
 */
export const deliveryOverdueJob: ScheduledJob = {
  name: 'tradein.deliveries.overdue',
  schedule: { 'zh-CN': '每日 09:00 起（北京时间）', en: 'Daily from 09:00 (Shanghai time)' },
  runKey: (now) => (shanghaiHour(now) < FROM_HOUR ? null : shanghaiDate(now)),
  async run(deps, now) {
    const db = deps.database.db;
    const at = now.toISOString();
    const late = await db
      .selectFrom('tradein_fulfilments')
      .select(['organization_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', '=', 'awaiting_delivery')
      .where('due_at', '<', at)
      .where('overdue_notified_at', 'is', null)
      .groupBy('organization_id')
      .execute();
    for (const l of late)
      await notify(db, {
        organizationId: Number(l.organization_id),
        kind: 'tradein_delivery_overdue',
        params: { count: Number(l.n) },
        link: '/tradein/merchant/deliveries?overdue=true',
        dedupeKey: `tradein-delivery-overdue:${shanghaiDate(now)}:${Number(l.organization_id)}`,
      });
    await db
      .updateTable('tradein_fulfilments')
      .set({ overdue_notified_at: at })
      .where('status', '=', 'awaiting_delivery')
      .where('due_at', '<', at)
      .where('overdue_notified_at', 'is', null)
      .execute();
  },
};
