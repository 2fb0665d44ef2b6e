import type { ModulePlugin } from '../../../core/module.js';

export const surveyRoutes: ModulePlugin = async () => {};
