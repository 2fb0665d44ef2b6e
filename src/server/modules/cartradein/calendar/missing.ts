import type { AppDeps } from '../../../core/deps.js';
import type { ScheduledJob } from '../../../core/jobs.js';
import { shanghaiDate } from '../../../core/time.js';
import type { HomeNotice, HomeNoticeProvider } from '../../../core/module.js';
import { grantsOf } from '../../platform/grants/service.js';
import { notifyManagers } from '../../platform/grants/notifyManagers.js';
import { workingCalendarPolicy } from '../policies/calendar.js';
import { missingCalendarYears } from './years.js';

/**
 * Next year's calendar missing, said before it matters: from 1 December (Asia/Shanghai) a review deadline counted
 * from today can run into January, and without the year's calendar its holidays count as working days. The people
 * told are those who can enter it (workingCalendarPolicy 'update'): the office and the departments that manage
 * trade-in.
 */

/** The working-calendar page (web: cartradein CalendarPage), opened at the missing year. */
export const CALENDAR_PAGE = '/car/calendar';
const linkFor = (year: number) => `${CALENDAR_PAGE}?year=${year}`;
export const CALENDAR_MISSING_KIND = 'cartradein_calendar_missing';

/**
 * Daily (run key: the Shanghai date). Each day a year is missing it is in the job log; the keepers are notified
 * once per year (the dedupe key), however many days or processes run the job.
 */
export const calendarMissingJob: ScheduledJob = {
  name: 'cartradein.calendarMissing',
  schedule: { 'zh-CN': '每日 00:00 起（北京时间）', en: 'Daily from 00:00 (Shanghai time)' },
  runKey: (now) => shanghaiDate(now),
  async run(deps: AppDeps, now, log) {
    const db = deps.database.db;
    const missing = await missingCalendarYears(db, now);
    if (!missing.length) return;
    for (const year of missing) {
      log.warn(
        { job: calendarMissingJob.name, year },
        `working-day calendar of ${year} missing: car trade-in review and payment deadlines count its holidays as working days`,
      );
      // The office and the departments that manage car trade-in keep the calendar.
      await notifyManagers(db, 'cartradein', {
        kind: CALENDAR_MISSING_KIND,
        params: { year },
        link: linkFor(year),
        dedupeKey: `cartradein-calendar-missing:${year}`,
      });
    }
  },
};

/** The home-page warning, for as long as the year is missing, to those who can enter it. */
export const calendarHomeNotices: HomeNoticeProvider = async (deps, ctx, now): Promise<HomeNotice[]> => {
  const db = deps.database.db;
  if (!workingCalendarPolicy.can(ctx.actor, 'update', { grants: await grantsOf(db, ctx.actor, 'cartradein') })) return [];
  return (await missingCalendarYears(db, now)).map((year) => ({
    key: `cartradein.calendar-missing:${year}`,
    level: 'warning',
    messageKey: 'notice.cartradein.calendarMissing',
    params: { year },
    link: linkFor(year),
  }));
};
