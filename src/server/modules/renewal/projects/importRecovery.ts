import type { AppDeps } from '../../../core/deps.js';
import { systemContext } from '../../../core/context.js';
import type { ScheduledJob } from '../../../core/jobs.js';
import { translate } from '../../../core/messages.js';
import { inTransaction } from '../../../db/database.js';
// The module's messages, registered for translate (also when this file is used outside the app).
import '../messages.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';

/**
 * An import runs in the process that received the file (import.ts); a job still queued or running 15 minutes
 * after its upload has lost its process (a restart, a crash) and will never finish. Nothing of it was written:
 * its rows and its outcome commit together only while the job is running, so marking it failed here is safe.
 */
export const IMPORT_TIMEOUT_MS = 15 * 60_000;
const EVERY_MS = 5 * 60_000;

/** Marks failed every import queued or running longer than the timeout; returns their ids. */
export async function failStaleProjectImports(deps: AppDeps, now: Date): Promise<number[]> {
  const staleBefore = new Date(now.getTime() - IMPORT_TIMEOUT_MS).toISOString();
  const error = {
    row: 0,
    column: '',
    reason: 'renewal.projects.import.interrupted',
    message: translate('zh-CN', 'field.renewal.projects.import.interrupted', {}),
  };
  return inTransaction(deps.database, async (tx) => {
    const failed = await tx
      .updateTable('renewal_project_imports')
      .set({ status: 'failed', errors_json: JSON.stringify([error]), finished_at: now.toISOString() })
      .where('status', 'in', ['queued', 'running'])
      .where('created_at', '<', staleBefore)
      .returning(['id', 'organization_id'])
      .execute();
    const ctx = systemContext('renewal.projectImportRecovery');
    for (const job of failed)
      await appendAudit(tx, ctx, { entity: 'renewal_project_import', entityId: Number(job.id), action: 'fail', organizationId: Number(job.organization_id) });
    return failed.map((j) => Number(j.id));
  });
}

/** One run per 5-minute slot (claimed in job_runs, so one process of several does it). */
export const projectImportRecoveryJob: ScheduledJob = {
  name: 'renewal.projectImportRecovery',
  schedule: { 'zh-CN': '每 5 分钟', en: 'Every 5 minutes' },
  runKey: (now) => new Date(Math.floor(now.getTime() / EVERY_MS) * EVERY_MS).toISOString(),
  async run(deps, now) {
    await failStaleProjectImports(deps, now);
  },
};
