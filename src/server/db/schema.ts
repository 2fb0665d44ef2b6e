import type { CartradeinTables } from '../modules/cartradein/tables.js';
import type { PlatformTables } from '../modules/platform/tables.js';
import type { PlanTables } from '../modules/plan/tables.js';
import type { ReportingTables } from '../modules/plan/reporting/tables.js';
import type { TradeinTables } from '../modules/tradein/tables.js';

/** The whole database as Kysely sees it: each module contributes its tables. */
export interface DatabaseSchema extends PlatformTables, PlanTables, ReportingTables, TradeinTables, CartradeinTables {}
