import type { ScheduledJob } from '../../../core/jobs.js';
import { shanghaiDate, shanghaiHour } from '../../../core/time.js';
import type { Queryable } from '../../../db/database.js';
import { notify } from '../../platform/notifications/service.js';
import { overdueOn, rectificationBase } from './queries.js';

/**
 * Tells the inspecting unit and the site's town of each rectification that has become overdue (its due date
 * passed and it is not closed). Once per rectification and organisation, by the dedupe key, however often it
 * runs; returns how many notifications were new.
 */
export async function notifyOverdueRectifications(db: Queryable, now: Date): Promise<number> {
  const rows = await overdueOn(rectificationBase(db), shanghaiDate(now))
    .select(['r.id', 'r.inspection_id', 'r.due_on', 'r.town_id', 'r.inspector_organization_id', 's.name as site_name'])
    .orderBy('r.id')
    .execute();
  let sent = 0;
  for (const r of rows)
    for (const organizationId of new Set([Number(r.inspector_organization_id), Number(r.town_id)]))
      if (
        await notify(db, {
          organizationId,
          kind: 'recycling_rectification_overdue',
          params: { site: r.site_name, date: r.due_on },
          link: `/recycling/inspections?open=${Number(r.inspection_id)}`,
          dedupeKey: `recycling-rectification-overdue:${Number(r.id)}:${organizationId}`,
        })
      )
        sent += 1;
  return sent;
}

/** Daily from 08:00 Shanghai, so the overdue list is in the morning's notifications. */
export const rectificationOverdueJob: ScheduledJob = {
  name: 'recycling.rectifications-overdue',
  schedule: { 'zh-CN': '每日 08:00 起（北京时间）', en: 'Daily from 08:00 (Shanghai time)' },
  runKey: (now) => (shanghaiHour(now) >= 8 ? shanghaiDate(now) : null),
  run: async (deps, now, log) => {
    const sent = await notifyOverdueRectifications(deps.database.db, now);
    if (sent) log.info({ sent }, 'overdue rectifications notified');
  },
};
