import type { Generated } from 'kysely';
import type { FireSafetyStatus, RecyclingSiteKind, RecyclingSiteOrigin, RecyclingSiteStatus, StandardisationStatus } from '../../../shared/enums/recycling.js';
import type { InspectionTables } from './inspections/tables.js';
import type { PickupTables } from './pickups/tables.js';
import type { CertificateTables } from './certificates/tables.js';
import type { IntakeTables } from './intake/tables.js';
import type { VehiclesTables } from './vehicles/tables.js';
import type { DealersTables } from './dealers/tables.js';

/**
 * Table types of the recycling module: the recycling network's sites (their status changes are on the platform's
 * record_timeline). Dates YYYY-MM-DD (Asia/Shanghai), timestamps ISO-8601 UTC text, booleans integers, JSON text.
 */
export interface RecyclingSiteTable {
  id: Generated<number>;
  /** Stable and human: `RS-<town code>-<n>` or what 市商务局 gives it. */
  code: string;
  kind: RecyclingSiteKind;
  name: string;
  /** The enterprise (role recycler) that runs it; null while planned without an operator. */
  operator_organization_id: number | null;
  town_id: number;
  address: string;
  /** WGS-84 degrees; both or neither. */
  latitude: number | null;
  longitude: number | null;
  licence_number: string | null;
  licence_valid_to: string | null;
  fire_safety: FireSafetyStatus;
  standardisation: StandardisationStatus;
  /** Tonnes a day it can take in; null when not known. */
  capacity_tonnes_per_day: number | null;
  /** JSON array of `material_kind` dictionary codes. */
  materials_json: string;
  opening_hours: string | null;
  /** Whom to call at the site (kept by its operator with the opening hours). */
  contact_name: string | null;
  contact_phone: string | null;
  status: RecyclingSiteStatus;
  origin: RecyclingSiteOrigin;
  /** When the new, rebuilt or expanded site was completed (began operating after the works): what the plan counts. */
  completed_on: string | null;
  /** The date of the last status change (each change is on record_timeline with its date). */
  status_since: string;
  /** Optimistic concurrency for edits (409 on a stale one). */
  version: number;
  /** Demo data (seed --demo), labelled 演示 on the pages. */
  is_demo: number;
  created_at: string;
  updated_at: string;
}

export interface RecyclingTables extends InspectionTables, PickupTables, CertificateTables, IntakeTables, VehiclesTables, DealersTables {
  recycling_sites: RecyclingSiteTable;
}

// The module's tables join the database schema Kysely types every query with (see db/schema.ts).
declare module '../../db/schema.js' {
  interface DatabaseSchema extends RecyclingTables {}
}
