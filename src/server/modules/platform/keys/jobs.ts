import type { ScheduledJob } from '../../../core/jobs.js';

/** Background jobs of platform/keys (the re-encryption after a key rotation). */
export const keyJobs: ScheduledJob[] = [];
