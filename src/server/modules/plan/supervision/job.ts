import type { AppDeps } from '../../../core/deps.js';
import type { ScheduledJob } from '../../../core/jobs.js';
import { shanghaiDate, shanghaiHour } from '../../../core/time.js';
import { computeAllAlerts } from './compute.js';

/** Alerts are computed early, before the reminders (08:00) and before officials open the dashboard. */
export const ALERT_HOUR = 7;

/** Daily, one run per Asia/Shanghai date from 07:00; claimed in job_runs so one process of several runs it. */
export const planAlertsJob: ScheduledJob = {
  name: 'plan.supervisionAlerts',
  schedule: { 'zh-CN': '每日 07:00 起（北京时间）', en: 'Daily from 07:00 (Shanghai time)' },
  runKey(now) {
    return shanghaiHour(now) >= ALERT_HOUR ? shanghaiDate(now) : null;
  },
  async run(deps: AppDeps, now, log) {
    const counts = await computeAllAlerts(deps, now);
    log.info({ counts }, 'plan alerts computed');
  },
};
