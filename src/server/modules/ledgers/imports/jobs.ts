import type { ScheduledJob } from '../../../core/jobs.js';

/** Scheduled jobs of ledger imports (S3 fills this in, or leaves it empty when the platform's import kernel has them). */
export const importsJobs: ScheduledJob[] = [];
