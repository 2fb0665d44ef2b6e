import type { ModulePlugin } from '../../../core/module.js';
import type { ScheduledJob } from '../../../core/jobs.js';
import { briefingRoutes } from '../briefing/routes.js';
import { planReportRemindersJob } from '../reminders/job.js';
import { workspaceRoutes } from '../workspace/routes.js';
import { planImportRecoveryJob } from './imports/recovery.js';
import { importRoutes } from './imports/routes.js';
import { periodRoutes } from './periods/routes.js';
import { reportRoutes } from './reports/routes.js';

export { reportingMigrations } from './migrations.js';
export { reportedObservationSource, type ReportedObservations } from './observations.js';
export type { ReportingTables } from './tables.js';

/** Periodic reporting, the units' workspace and the monthly briefing. */
export const reportingRoutes: ModulePlugin = async (app, { deps }) => {
  await app.register(periodRoutes, { deps });
  await app.register(reportRoutes, { deps });
  await app.register(importRoutes, { deps });
  await app.register(workspaceRoutes, { deps });
  await app.register(briefingRoutes, { deps });
};

/**
 * The daily job that reminds units of deadlines and tells them (and the office) of overdue reports; the job that
 * marks failed the imports whose process died (every 5 minutes, and at start-up).
 */
export const reportingJobs: ScheduledJob[] = [planReportRemindersJob, planImportRecoveryJob];
