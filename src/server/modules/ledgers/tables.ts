import type { Generated } from 'kysely';
import type { AssetStatus, EventEffect } from '../../../shared/ledgers/definition.js';

/**
 * Table types of the ledgers module (台账). Dates YYYY-MM-DD (Asia/Shanghai), timestamps ISO-8601 UTC text,
 * booleans integers, JSON text.
 */

/** A ledger kind; its definition is the current row of ledger_kind_versions (`version`). */
export interface LedgerKindTable {
  id: Generated<number>;
  /** camelCase, unique, never changed: the middle of the kind's metric names (`ledgers.buses.renewed`). */
  code: string;
  /** The organisation that keeps the ledger (市市场监管局 for elevators); co-keepers are in the definition. */
  keeper_organization_id: number;
  /** The number of the current version. */
  version: number;
  /** 1 for the kinds the platform ships (reference data), 0 for kinds officials defined. */
  shipped: number;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** One version of a kind's definition (core/versioned.ts): append-only, unique by (kind_id, version). */
export interface LedgerKindVersionTable {
  id: Generated<number>;
  kind_id: number;
  version: number;
  /** The LedgerDefinition, slots assigned. */
  definition_json: string;
  note: string | null;
  created_by: number | null;
  created_at: string;
}

/**
 * One asset of a ledger. Values are in typed slots (`t1…t16` text, `n1…n10` numbers) the definition maps fields
 * to, each indexed with the kind, so a filter or a sort on any field of a 500,000-row ledger is an index range on
 * both databases; see definition.ts for what goes where.
 */
export interface LedgerAssetTable {
  id: Generated<number>;
  kind_id: number;
  /** The definition version the values were last checked against. */
  kind_version: number;
  /** The asset's town (the definition's town field), whose officials see it when the kind lets towns. */
  town_id: number | null;
  status: AssetStatus;
  /** The title field's value as text (lists, history, search). */
  title: string;
  /** The value of the first unique field, for re-import and the database's uniqueness. */
  unique_key: string | null;
  /** The day the kind's "old" rule makes it old (YYYY-MM-DD); null: never. */
  old_from: string | null;
  /** The day it entered service through an `added` event; null: in service since before the ledger. */
  in_service_from: string | null;
  /** The day it was replaced or scrapped. */
  ended_on: string | null;
  /** The asset that replaced it / that it replaced. */
  replaced_by_id: number | null;
  replaces_id: number | null;
  t1: string | null;
  t2: string | null;
  t3: string | null;
  t4: string | null;
  t5: string | null;
  t6: string | null;
  t7: string | null;
  t8: string | null;
  t9: string | null;
  t10: string | null;
  t11: string | null;
  t12: string | null;
  t13: string | null;
  t14: string | null;
  t15: string | null;
  t16: string | null;
  n1: number | null;
  n2: number | null;
  n3: number | null;
  n4: number | null;
  n5: number | null;
  n6: number | null;
  n7: number | null;
  n8: number | null;
  n9: number | null;
  n10: number | null;
  is_demo: number;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** A renewal event on an asset (added, upgraded, replaced, scrapped, retrofitted); its move is on record_timeline too. */
export interface LedgerEventTable {
  id: Generated<number>;
  kind_id: number;
  asset_id: number;
  /** The event type's code in the definition. */
  event_type: string;
  effect: EventEffect;
  occurred_on: string;
  /** The asset's town when the event happened (metrics by town). */
  town_id: number | null;
  /** For `replaced`: the asset that took its place. */
  replacement_id: number | null;
  /** The event's own fields, by key. */
  values_json: string;
  /** The asset fields the event changed: { key: [before, after] }. */
  changes_json: string;
  /** Numeric event fields, by the slot the definition gives them (summed by metrics). */
  q1: number | null;
  q2: number | null;
  q3: number | null;
  q4: number | null;
  note: string | null;
  is_demo: number;
  created_by: number | null;
  created_at: string;
}

/**
 * The re-import keys assets hold, one row per key: the uniqueness of (kind, key), which ledger_assets (distributed
 * by asset id) cannot enforce itself on Citus. Written with the asset, see assets/keys.ts.
 */
export interface LedgerAssetKeyTable {
  kind_id: number;
  /** The asset's `unique_key`; the table's distribution column. */
  unique_key: string;
  asset_id: number;
}

export interface LedgersTables {
  ledger_kinds: LedgerKindTable;
  ledger_kind_versions: LedgerKindVersionTable;
  ledger_assets: LedgerAssetTable;
  ledger_events: LedgerEventTable;
  ledger_asset_keys: LedgerAssetKeyTable;
}

// The module's tables join the database schema Kysely types every query with (see db/schema.ts).
declare module '../../db/schema.js' {
  interface DatabaseSchema extends LedgersTables {}
}
