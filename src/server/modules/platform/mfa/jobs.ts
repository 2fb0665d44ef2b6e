import type { ScheduledJob } from '../../../core/jobs.js';

/** Background jobs of platform/mfa. */
export const mfaJobs: ScheduledJob[] = [];
