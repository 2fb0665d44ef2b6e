import type { ScheduledJob } from '../../../core/jobs.js';
import { rateLimitsOf } from '../../../core/rateLimits.js';
import { shanghaiDate } from '../../../core/time.js';

/**
 * Request bursts are counted per person and per address (core/rateLimits.ts); a window that has ended counts
 * for nothing, so its row in the database store is deleted once a day instead of growing with every resident.
 */
export const rateWindowPurgeJob: ScheduledJob = {
  name: 'platform.rateWindowPurge',
  schedule: { 'zh-CN': '每日（北京时间）', en: 'Daily (Shanghai)' },
  runKey: (now) => shanghaiDate(now),
  run: async (deps, _now, log) => {
    const removed = await rateLimitsOf(deps).purgeEnded();
    if (removed > 0) log.info({ removed }, 'ended rate windows removed');
  },
};
