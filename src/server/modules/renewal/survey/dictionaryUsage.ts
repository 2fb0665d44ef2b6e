import type { DictionaryUsageChecker } from '../../../core/extensions.js';

/** Dictionaries of the survey part that its records use (an item in use can be disabled, never deleted). */
export const surveyDictionaryUsage: readonly DictionaryUsageChecker[] = [];
