import type { Generated } from 'kysely';

export type KeyState = 'active' | 'retiring' | 'retired';
export type ReencryptionStatus = 'running' | 'done' | 'failed';

/**
 * What the database knows of each encryption key version: never the key (that is configuration), only its
 * fingerprint, so a wrong key given for a version is refused at start instead of failing on first read.
 */
export interface KeyVersionTable {
  version: number;
  /** The suite it seals with while active (`aes`, `sm`); a version keeps the suite it last sealed with. */
  suite: string;
  fingerprint: string;
  state: KeyState;
  created_at: string;
  retired_at: string | null;
}

/** One re-encryption run: every sealed column brought to (target_suite, target_version). */
export interface KeyReencryptionRunTable {
  id: Generated<number>;
  target_version: number;
  target_suite: string;
  status: ReencryptionStatus;
  started_by: number | null;
  started_at: string;
  finished_at: string | null;
  error: string | null;
}

/** Progress of a run per sealed column: values to re-seal when it started, values re-sealed so far. */
export interface KeyReencryptionProgressTable {
  run_id: number;
  table_name: string;
  column_name: string;
  total: number;
  done: number;
}

export interface KeyTables {
  key_versions: KeyVersionTable;
  key_reencryption_runs: KeyReencryptionRunTable;
  key_reencryption_progress: KeyReencryptionProgressTable;
}

declare module '../../../db/schema.js' {
  interface DatabaseSchema extends KeyTables {}
}
