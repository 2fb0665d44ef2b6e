import type { Selectable } from 'kysely';
import {
  importKeyField,
  type AssetSlot,
  type AssetValues,
  type EventSlot,
  type LedgerDefinition,
  type LedgerEventType,
  type NumberSlot,
  type TextSlot,
} from '../../../../shared/ledgers/definition.js';
import type { LedgerAssetTable } from '../tables.js';

/** The slot columns of one asset row. */
export type SlotColumns = Partial<Record<TextSlot, string | null> & Record<NumberSlot, number | null>>;
export type AssetRow = Selectable<LedgerAssetTable>;

/** The column a field is stored in; a field without a slot has not been saved through assignSlots. */
export function slotOf(def: LedgerDefinition, key: string): AssetSlot {
  const slot = def.fields.find((f) => f.key === key)?.slot;
  if (!slot) throw new Error(`Ledger field ${key} has no slot`);
  return slot as AssetSlot;
}

/** Values → the slot columns every field of the definition writes (empty ones as null, so an edit clears them). */
export function toSlots(def: LedgerDefinition, values: AssetValues): SlotColumns {
  const out: Partial<Record<AssetSlot, string | number | null>> = {};
  for (const f of def.fields) out[f.slot as AssetSlot] = values[f.key] ?? null;
  // checkValues gives strings for t-slot types and numbers for n-slot types (definition.ts slotClassOf).
  return out as SlotColumns;
}

/** A row's slot columns → values by key (numbers as numbers, whatever the driver returned). */
export function fromSlots(def: LedgerDefinition, row: Partial<Record<AssetSlot, unknown>>): AssetValues {
  const out: AssetValues = {};
  for (const f of def.fields) {
    const v = row[f.slot as AssetSlot];
    out[f.key] = v === null || v === undefined ? null : f.slot!.startsWith('n') ? Number(v) : String(v as string | number);
  }
  return out;
}

/** The denormalised columns an asset's values decide: its title, its re-import key, its town. */
export function derivedColumns(def: LedgerDefinition, values: AssetValues): { title: string; unique_key: string | null; town_id: number | null } {
  const key = importKeyField(def);
  const town = def.townField ? values[def.townField] : null;
  return {
    title: String(values[def.titleField] ?? '').slice(0, 200),
    unique_key: key && values[key.key] !== null && values[key.key] !== undefined ? String(values[key.key]) : null,
    town_id: typeof town === 'number' ? town : null,
  };
}

/** An event's numeric fields → their `q` columns. */
export function eventSlots(type: LedgerEventType, values: AssetValues): Partial<Record<EventSlot, number | null>> {
  const out: Partial<Record<EventSlot, number | null>> = {};
  for (const f of type.fields) if (f.slot) out[f.slot as EventSlot] = typeof values[f.key] === 'number' ? (values[f.key] as number) : null;
  return out;
}
