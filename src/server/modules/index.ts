import type { HuanxinModule } from '../core/module.js';
import { planModule } from './plan/index.js';
import { platformModule } from './platform/index.js';

/** The modules of the monolith, in the order their routes and migrations are registered. */
export const MODULES: readonly HuanxinModule[] = [platformModule, planModule];
