import type { ModulePlugin } from '../../../core/module.js';

export const standardsRoutes: ModulePlugin = async () => {};
