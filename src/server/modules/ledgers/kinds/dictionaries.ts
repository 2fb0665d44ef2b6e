import type { DictionaryDefinition } from '../../../core/extensions.js';

/** Code lists the shipped ledger kinds use (S1 fills this in). */
export const kindsDictionaries: DictionaryDefinition[] = [];
