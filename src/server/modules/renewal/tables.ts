import type { ProjectsTables } from './projects/tables.js';
import type { FundingTables } from './funding/tables.js';
import type { SurveyTables } from './survey/tables.js';
import type { StandardsLookupTables, StandardsTables } from './standards/tables.js';

/**
 * Table types of the renewal module: equipment-renewal and technical-retrofit projects and their funding. Dates
 * YYYY-MM-DD (Asia/Shanghai), timestamps ISO-8601 UTC text, booleans integers, money integer fen, JSON text.
 */
export interface RenewalTables extends ProjectsTables, FundingTables, SurveyTables, StandardsTables, StandardsLookupTables {}

// The module's tables join the database schema Kysely types every query with (see db/schema.ts).
declare module '../../db/schema.js' {
  interface DatabaseSchema extends RenewalTables {}
}
