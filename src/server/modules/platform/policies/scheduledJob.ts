import { definePolicy, hasRole } from '../../../core/policy.js';

/** The scheduled jobs are the work team office's and the administrators' to watch and to run by hand. */
export const scheduledJobPolicy = definePolicy<never, 'list' | 'runNow'>('scheduled_job', {
  list: hasRole('office', 'admin'),
  runNow: hasRole('office', 'admin'),
});
