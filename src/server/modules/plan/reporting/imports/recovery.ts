import type { AppDeps } from '../../../../core/deps.js';
import { systemContext } from '../../../../core/context.js';
import type { ScheduledJob } from '../../../../core/jobs.js';
import { inTransaction } from '../../../../db/database.js';
import { translate } from '../../../../core/messages.js';
// This module's messages, registered for translate (also when this file is used outside the app).
import '../../messages.js';
import type { Locale } from '../../../../../shared/roles.js';
import { appendAudit } from '../../../platform/audit/auditTrail.js';
import type { ImportError } from './service.js';

/**
 * How long an import may stay queued or running before it is taken for dead. An import runs in the process that
 * received the file (service.ts) and the largest file allowed (MAX_IMPORT_ROWS rows) is checked and written in
 * well under a minute, so a job still unfinished after 15 minutes has lost its process — a restart, a deploy, a
 * crash — and will never finish. Long enough that no live import is ever cut off, short enough that the unit
 * learns the same working session that it must upload again. (The scheduler takes over its own dead runs after
 * the same time, core/jobs.ts.) Measured from the upload: a job is set running in the same turn it is queued.
 */
export const IMPORT_TIMEOUT_MS = 15 * 60_000;

/** Recovery looks every 5 minutes, so a dead job reads "failed" 15 to 20 minutes after its upload. */
export const IMPORT_RECOVERY_EVERY_MS = 5 * 60_000;

/** The reason (without its `field.` prefix, as every import error's) a given-up job carries. */
export const INTERRUPTED_REASON = 'import.interrupted';

const TIMEOUT_MINUTES = IMPORT_TIMEOUT_MS / 60_000;

/** The one error of an interrupted import, in the reader's language (service.ts translates it again on reading). */
export function interruptedError(locale: Locale): ImportError {
  return { row: 0, column: '', reason: INTERRUPTED_REASON, message: translate(locale, 'field.import.interrupted', { minutes: TIMEOUT_MINUTES }) };
}

/**
 * Marks failed every import queued or running for longer than IMPORT_TIMEOUT_MS, so its owner sees it failed, and
 * why, and uploads again. Nothing of such an import was written: an import writes all its rows and its outcome in
 * one transaction that only commits while the job is still running (service.ts), so a job given up here can never
 * also succeed. One statement for all the jobs, then one audit record each (the system acts: no policy to check).
 * Returns the ids of the jobs given up.
 */
export async function failStaleImports(deps: AppDeps, now: Date): Promise<number[]> {
  const staleBefore = new Date(now.getTime() - IMPORT_TIMEOUT_MS).toISOString();
  return inTransaction(deps.database, async (tx) => {
    const failed = await tx
      .updateTable('plan_import_jobs')
      .set({ status: 'failed', errors_json: JSON.stringify([interruptedError('zh-CN')]), finished_at: now.toISOString() })
      .where('status', 'in', ['queued', 'running'])
      .where('created_at', '<', staleBefore)
      .returning(['id', 'organization_id', 'created_at'])
      .execute();
    const ctx = systemContext('plan.importRecovery');
    for (const job of failed)
      await appendAudit(tx, ctx, {
        entity: 'plan_import',
        entityId: Number(job.id),
        action: 'fail',
        organizationId: Number(job.organization_id),
        after: { status: 'failed', reason: INTERRUPTED_REASON, uploadedAt: job.created_at },
      });
    return failed.map((j) => Number(j.id)).sort((a, b) => a - b);
  });
}

/**
 * Gives up dead imports: one run per 5-minute slot, claimed in job_runs so one process of several does it; the
 * scheduler's first tick runs it at start-up, which is when a dead import is most likely to be found.
 */
export const planImportRecoveryJob: ScheduledJob = {
  name: 'plan.importRecovery',
  schedule: { 'zh-CN': '每 5 分钟', en: 'Every 5 minutes' },
  runKey(now) {
    return new Date(Math.floor(now.getTime() / IMPORT_RECOVERY_EVERY_MS) * IMPORT_RECOVERY_EVERY_MS).toISOString();
  },
  async run(deps, now) {
    await failStaleImports(deps, now);
  },
};
