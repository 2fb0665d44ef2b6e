import type { ModulePlugin } from '../../../core/module.js';

/** Plan intake from a document's text (scaffold: filled in by the intake work). */
export const intakeRoutes: ModulePlugin = async () => {};
