import type { Generated } from 'kysely';

/** A code list officials keep (字典); declared by its owning module, which seeds it. */
export interface DictionaryTable {
  id: Generated<number>;
  code: string;
  name_zh: string;
  name_en: string;
  description_zh: string | null;
  description_en: string | null;
  /** The module that declares it (and seeds its items). */
  owner_module: string;
  created_at: string;
  updated_at: string;
}

/**
 * One code of a dictionary. The code is what records store, so it never changes; labels, order and the enabled
 * flag do, each change a new `version` (an edit states the version it read; a stale one is 409). A removed item
 * stays with `deleted_at`, so the seed does not bring it back and its code cannot be given another meaning.
 */
export interface DictionaryItemTable {
  id: Generated<number>;
  dictionary_id: number;
  code: string;
  label_zh: string;
  label_en: string;
  sort_order: number;
  enabled: number;
  parent_id: number | null;
  version: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}
