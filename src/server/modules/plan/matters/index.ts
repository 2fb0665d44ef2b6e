import type { ModulePlugin, Seeder } from '../../../core/module.js';
import type { ModuleMigration } from '../../../db/migrations.js';
import { defineMessages } from '../../../../shared/i18n/messages.js';

/** Major matters (重大事项) raised to the office and escalated (scaffold: filled in by the matters work). */
export const matterRoutes: ModulePlugin = async () => {};
export const matterMigrations: ModuleMigration[] = [];
export const matterMessages = defineMessages({});
export const seedMattersDemo: Seeder = async () => {};
