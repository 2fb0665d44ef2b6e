import type { DictionaryUsageChecker } from '../../../core/extensions.js';

/** Dictionaries of the standards part that its records use (an item in use can be disabled, never deleted). */
export const standardsDictionaryUsage: readonly DictionaryUsageChecker[] = [];
