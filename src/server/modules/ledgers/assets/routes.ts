import type { ModulePlugin } from '../../../core/module.js';

/** Assets and their renewal events (S2 fills this in). */
export const assetsRoutes: ModulePlugin = async () => {};
