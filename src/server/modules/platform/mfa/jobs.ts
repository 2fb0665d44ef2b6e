import type { ScheduledJob } from '../../../core/jobs.js';
import { shanghaiDate } from '../../../core/time.js';
import { purgeChallenges } from './challenges.js';

/** Background jobs of platform/mfa: sign-in challenges a day past their end are deleted once a day. */
export const mfaJobs: ScheduledJob[] = [
  {
    name: 'platform.mfaChallengePurge',
    schedule: { 'zh-CN': '每日（北京时间）', en: 'Daily (Shanghai)' },
    runKey: (now) => shanghaiDate(now),
    run: async (deps, _now, log) => {
      const removed = await purgeChallenges(deps.database.db);
      if (removed > 0) log.info({ removed }, 'expired sign-in challenges removed');
    },
  },
];
