import type { ScheduledJob } from '../../../core/jobs.js';
import { reencryptResumeJob } from './reencrypt.js';

/** Background jobs of platform/keys: the re-encryption after a key rotation (started by hand, resumed if cut off). */
export const keyJobs: ScheduledJob[] = [reencryptResumeJob];
