import type { ModulePlugin } from '../../../core/module.js';

/** Scaffold: routes of platform/mfa (filled in by its owner). */
export const mfaRoutes: ModulePlugin = async () => {};
