import type { ModulePlugin } from '../../../core/module.js';

/** The cascade of one indicator from the national plan down (scaffold: filled in by the cascade work). */
export const cascadeRoutes: ModulePlugin = async () => {};
