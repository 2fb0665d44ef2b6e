import type { DictionaryUsageChecker } from '../../../core/extensions.js';

/** How many assets use a dictionary's codes (S2 fills this in). */
export const assetsDictionaryUsage: DictionaryUsageChecker[] = [];
