import type { ScheduledJob } from '../../../core/jobs.js';
import type { ModulePlugin, Seeder } from '../../../core/module.js';
import type { ParameterDefinition } from '../../../core/parameters.js';
import type { ModuleMigration } from '../../../db/migrations.js';
import { seedOrdersDemo } from './demo.js';
import { planAlertsJob } from './job.js';
import { supervisionMessageList } from './messages.js';
import { supervisionMigrationList } from './migrations.js';
import { supervisionParameterList } from './parameters.js';
import { supervisionRouteList } from './routes.js';

export { listCurrentAlerts, type PlanAlert, type AlertColour } from './alerts.js';
export type { SupervisionTables } from './tables.js';

/** Supervision orders (督办单) and three-colour alerts: routes, tables, the daily alert job, thresholds, messages, demo. */
export const supervisionRoutes: ModulePlugin = supervisionRouteList;
export const supervisionMigrations: ModuleMigration[] = supervisionMigrationList;
export const supervisionJobs: ScheduledJob[] = [planAlertsJob];
export const supervisionParameters: ParameterDefinition[] = supervisionParameterList;
export const supervisionMessages = supervisionMessageList;
export const seedSupervisionDemo: Seeder = seedOrdersDemo;
