import type { Duty } from './duties.js';

/**
 * Who holds which administrator duty (三员分立). Keyed by the account, so no account appears twice; written by the
 * services in the same transaction as the account's role (users/service.ts), checked against `users.role` by the
 * database (migrations.ts).
 */
export interface AdministratorDutiesTable {
  user_id: number;
  duty: Duty;
  assigned_at: string;
  /** The account that assigned it; null for the CLI, the seed and the migration that filled it. */
  assigned_by: number | null;
}

export interface DutiesTables {
  administrator_duties: AdministratorDutiesTable;
}

declare module '../../../db/schema.js' {
  interface DatabaseSchema extends DutiesTables {}
}
