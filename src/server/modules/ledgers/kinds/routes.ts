import type { ModulePlugin } from '../../../core/module.js';

/** Ledger kinds: list, define, change, versions (S1 fills this in). */
export const kindsRoutes: ModulePlugin = async () => {};
