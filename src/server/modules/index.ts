import type { HuanxinModule } from '../core/module.js';
import { cartradeinModule } from './cartradein/index.js';
import { metricRegistry, planModule } from './plan/index.js';
import { platformModule } from './platform/index.js';
import { recyclingModule } from './recycling/index.js';
import { renewalModule } from './renewal/index.js';
import { tradeinModule } from './tradein/index.js';
import { ledgersModule } from './ledgers/index.js';

/** The modules of the monolith, in the order their routes and migrations are registered. */
export const MODULES: readonly HuanxinModule[] = [platformModule, planModule, tradeinModule, cartradeinModule, recyclingModule, renewalModule, ledgersModule];

// Every module's metrics go into the registry the plan module reads computed indicators from.
for (const mod of MODULES) for (const metric of mod.metrics ?? []) if (!metricRegistry.has(metric.name)) metricRegistry.register(metric);
for (const mod of MODULES) for (const family of mod.metricFamilies ?? []) metricRegistry.registerFamily(family);
