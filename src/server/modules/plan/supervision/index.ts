import type { ScheduledJob } from '../../../core/jobs.js';
import type { ModulePlugin, Seeder } from '../../../core/module.js';
import type { ParameterDefinition } from '../../../core/parameters.js';
import type { ModuleMigration } from '../../../db/migrations.js';
import { defineMessages } from '../../../../shared/i18n/messages.js';

/** Supervision orders (督办单) and three-colour alerts (scaffold: filled in by the supervision work). */
export const supervisionRoutes: ModulePlugin = async () => {};
export const supervisionMigrations: ModuleMigration[] = [];
export const supervisionJobs: ScheduledJob[] = [];
export const supervisionParameters: ParameterDefinition[] = [];
export const supervisionMessages = defineMessages({});
export const seedSupervisionDemo: Seeder = async () => {};
