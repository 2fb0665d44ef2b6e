import type { ModulePlugin, Seeder } from '../../../core/module.js';
import type { ModuleMigration } from '../../../db/migrations.js';
import { defineMessages } from '../../../../shared/i18n/messages.js';

/** Notices (通知公告) to units and the public (scaffold: filled in by the notices work). */
export const noticeRoutes: ModulePlugin = async () => {};
export const noticeMigrations: ModuleMigration[] = [];
export const noticeMessages = defineMessages({});
export const seedNoticesDemo: Seeder = async () => {};
