import type { ModulePlugin } from '../../../core/module.js';

/** Excel templates and imports of assets (S3 fills this in). */
export const importsRoutes: ModulePlugin = async () => {};
