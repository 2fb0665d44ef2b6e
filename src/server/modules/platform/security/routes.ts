import type { ModulePlugin } from '../../../core/module.js';

/** Scaffold: routes of platform/security (filled in by its owner). */
export const securityControlRoutes: ModulePlugin = async () => {};
