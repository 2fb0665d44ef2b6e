import type { DictionaryDefinition } from '../../../core/extensions.js';

export const standardsDictionaries: readonly DictionaryDefinition[] = [];
