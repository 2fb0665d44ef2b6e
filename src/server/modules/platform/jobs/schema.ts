import { z } from 'zod';
import { pageOf, pageQuery } from '../../../http/schema.js';

export const jobParams = z.object({ name: z.string().min(1).max(100) });

export const jobRunView = z.object({
  runKey: z.string(),
  /** Started by hand (run key `manual:…`) rather than by the schedule. */
  manual: z.boolean(),
  requestedBy: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  outcome: z.enum(['ok', 'failed', 'running']),
  /** Running for longer than the scheduler waits before taking the run over as dead. */
  stale: z.boolean(),
  durationMs: z.number().int().nullable(),
  /** The last failed attempt's message (kept when a retry then succeeded). */
  error: z.string().nullable(),
  attempts: z.number().int(),
});
export type JobRunView = z.infer<typeof jobRunView>;

export const jobView = z.object({
  name: z.string(),
  module: z.string(),
  schedule: z.string(),
  lastRun: jobRunView.nullable(),
  /** When the scheduler next starts it (within a minute after); null when nothing is due within 400 days. */
  nextRunAt: z.string().nullable(),
  inFlight: z.boolean(),
  recentFailures: z.array(jobRunView),
});
export type JobView = z.infer<typeof jobView>;

export const jobList = z.object({ items: z.array(jobView), now: z.string() });

export const jobRunsQuery = pageQuery.extend({ outcome: z.enum(['ok', 'failed', 'running']).optional() });
export const jobRunPage = pageOf(jobRunView);
export const runNowResponse = z.object({ run: jobRunView });
