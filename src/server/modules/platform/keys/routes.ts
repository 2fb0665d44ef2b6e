import type { ModulePlugin } from '../../../core/module.js';

/** Scaffold: routes of platform/keys (filled in by its owner). */
export const keyRoutes: ModulePlugin = async () => {};
