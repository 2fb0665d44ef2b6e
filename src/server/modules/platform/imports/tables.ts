import type { Generated } from 'kysely';

export type ImportJobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/**
 * One background import of a spreadsheet, for any module (imports/kernel.ts): who uploaded what, how far the
 * check has got and how it ended. Errors are kept untranslated (message key and params) so each reader sees them
 * in their own language.
 */
export interface ImportJobTable {
  id: Generated<number>;
  /** The module that runs it (`ledgers`). */
  module: string;
  /** What it imports into, as the module names it (`ledgers.kind:12`): a page lists the jobs of one subject. */
  subject: string;
  user_id: number;
  organization_id: number;
  filename: string;
  status: ImportJobStatus;
  total_rows: number;
  processed_rows: number;
  inserted_rows: number;
  updated_rows: number;
  /** JSON array of { row, column, reason (message key), params } — at most 1000. */
  errors_json: string;
  created_at: string;
  finished_at: string | null;
}
