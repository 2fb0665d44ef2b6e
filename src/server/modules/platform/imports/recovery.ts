import type { AppDeps } from '../../../core/deps.js';
import { systemContext } from '../../../core/context.js';
import type { ScheduledJob } from '../../../core/jobs.js';
import type { QueueProbe } from '../../../core/module.js';
import { inTransaction } from '../../../db/database.js';
import { appendAudit } from '../audit/auditTrail.js';
import type { StoredImportError } from './kernel.js';

/**
 * An import runs in the process that received the file (kernel.ts) and the largest file a module allows is
 * checked and written in well under a minute, so a job still queued or running 15 minutes after its upload has
 * lost its process (a restart, a crash) and will never finish. Nothing of it was written — its rows commit only
 * together with its success, while it is running — so marking it failed here is safe, and tells its owner to
 * upload again the same working session.
 */
export const IMPORT_TIMEOUT_MS = 15 * 60_000;
const EVERY_MS = 5 * 60_000;

const interrupted: StoredImportError = { row: 0, column: '', reason: 'field.importJob.interrupted', params: { minutes: IMPORT_TIMEOUT_MS / 60_000 } };

/** Marks failed every job queued or running longer than the timeout (one audit record each); returns their ids. */
export async function failStaleImportJobs(deps: AppDeps, now: Date): Promise<number[]> {
  const staleBefore = new Date(now.getTime() - IMPORT_TIMEOUT_MS).toISOString();
  return inTransaction(deps.database, async (tx) => {
    const failed = await tx
      .updateTable('import_jobs')
      .set({ status: 'failed', errors_json: JSON.stringify([interrupted]), finished_at: now.toISOString() })
      .where('status', 'in', ['queued', 'running'])
      .where('created_at', '<', staleBefore)
      .returning(['id', 'module', 'organization_id', 'created_at'])
      .execute();
    const ctx = systemContext('platform.importRecovery');
    for (const job of failed)
      await appendAudit(tx, ctx, {
        entity: 'import_job',
        entityId: Number(job.id),
        action: 'fail',
        organizationId: Number(job.organization_id),
        after: { module: job.module, status: 'failed', reason: interrupted.reason, uploadedAt: job.created_at },
      });
    return failed.map((j) => Number(j.id)).sort((a, b) => a - b);
  });
}

/** One run per 5-minute slot (claimed in job_runs, so one process of several does it); a dead job reads failed 15–20 minutes after its upload. */
export const importRecoveryJob: ScheduledJob = {
  name: 'platform.importRecovery',
  schedule: { 'zh-CN': '每 5 分钟', en: 'Every 5 minutes' },
  runKey: (now) => new Date(Math.floor(now.getTime() / EVERY_MS) * EVERY_MS).toISOString(),
  async run(deps, now) {
    await failStaleImportJobs(deps, now);
  },
};

/** Imports uploaded and not yet finished, of every module on the kernel: the service status page's backlog. */
export const importJobsQueue: QueueProbe = {
  name: 'platform.imports',
  label: { 'zh-CN': '待处理的表格导入', en: 'Spreadsheet imports waiting or running' },
  scope: 'database',
  async depth(deps) {
    const row = await deps.database.db
      .selectFrom('import_jobs')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('status', 'in', ['queued', 'running'])
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
};
