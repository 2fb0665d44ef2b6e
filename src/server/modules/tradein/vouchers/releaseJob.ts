import type { ScheduledJob } from '../../../core/jobs.js';
import { shanghaiHourKey } from '../../../core/time.js';
import { expireVouchers, releaseDailyPools } from './service.js';

/**
 * Hourly: expire vouchers past their date, then create the day's releases whose time has come (with the
 * expired quota added). The run key is the Shanghai hour, so one process does each hour's run; the work is
 * idempotent anyway (unique release keys), so a retried run changes nothing.
 */
export const dailyReleaseJob: ScheduledJob = {
  name: 'tradein.daily-release',
  schedule: { 'zh-CN': '每小时整点', en: 'Every hour, on the hour' },
  runKey: (now) => shanghaiHourKey(now),
  run: async (deps, now) => {
    await expireVouchers(deps, now);
    await releaseDailyPools(deps, now);
  },
};
