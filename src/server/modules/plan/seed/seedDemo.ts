import type { Seeder } from '../../../core/module.js';

/** The plan's lived-in demo: 18 monthly periods of reports (scaffold: filled in by the demo work). */
export const seedPlanDemo: Seeder = async () => {};
