import type { DictionaryDefinition } from '../../../core/extensions.js';

export const surveyDictionaries: readonly DictionaryDefinition[] = [];
