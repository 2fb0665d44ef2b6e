import type { TestApp } from '../../../../../test/helpers/testApp.js';
import { shanghaiInstant } from '../../../../../test/helpers/clock.js';
import type { MetricParams } from '../../../core/metrics.js';
import { nowIso } from '../../../db/time.js';
import { ledgerDefinition, type AssetStatus, type AssetValues, type EventEffect, type LedgerDefinitionInput } from '../../../../shared/ledgers/definition.js';
import { assignSlots } from '../../../../shared/ledgers/problems.js';
import { oldFrom } from '../../../../shared/ledgers/rules.js';
import { claimAssetKeys } from '../assets/keys.js';
import { derivedColumns, eventSlots, toSlots } from '../definition/slots.js';
import { loadKind, type LoadedKind } from '../kinds/current.js';

/**
 * Ledger kinds, assets and events straight into the tables, so a metric test states exactly the rows it counts
 * (the kinds and assets services have their own tests).
 */

/** The window of whole Shanghai days `first`…`last`, both inclusive, as a metric is asked for it. */
export function window(first: string, last: string, townId?: number): MetricParams {
  const to = new Date(shanghaiInstant(last).getTime() + 86_400_000).toISOString();
  return { from: shanghaiInstant(first).toISOString(), to, ...(townId === undefined ? {} : { townId }) };
}

export async function townIds(t: TestApp, n: number): Promise<number[]> {
  const rows = await t.deps.database.db.selectFrom('organizations').select('id').where('kind', '=', 'town').orderBy('id').limit(n).execute();
  return rows.map((r) => Number(r.id));
}

/** A kind with its first version, slots assigned; its keeper is the first department. */
export async function insertKind(t: TestApp, code: string, input: LedgerDefinitionInput): Promise<LoadedKind> {
  const db = t.deps.database.db;
  const assigned = assignSlots(ledgerDefinition.parse(input), null);
  if (!('definition' in assigned)) throw new Error(assigned.problem.reason);
  const keeper = await db.selectFrom('organizations').select('id').where('kind', '=', 'department').orderBy('id').executeTakeFirstOrThrow();
  const now = nowIso();
  const kind = await db
    .insertInto('ledger_kinds')
    .values({ code, keeper_organization_id: Number(keeper.id), version: 1, shipped: 0, created_by: null, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('ledger_kind_versions')
    .values({ kind_id: Number(kind.id), version: 1, definition_json: JSON.stringify(assigned.definition), note: null, created_by: null, created_at: now })
    .execute();
  return loadKind(db, Number(kind.id));
}

export interface TestAsset {
  values: AssetValues;
  inServiceFrom?: string | null;
  /** Replaced or scrapped on this day. */
  ended?: { on: string; status: Exclude<AssetStatus, 'in_service'> };
}

export async function insertAsset(t: TestApp, kind: LoadedKind, a: TestAsset): Promise<number> {
  const def = kind.definition;
  const now = nowIso();
  const row = await t.deps.database.db
    .insertInto('ledger_assets')
    .values({
      kind_id: kind.id,
      kind_version: kind.version,
      ...derivedColumns(def, a.values),
      status: a.ended?.status ?? 'in_service',
      old_from: oldFrom(def.oldRule, a.values),
      in_service_from: a.inServiceFrom ?? null,
      ended_on: a.ended?.on ?? null,
      replaced_by_id: null,
      replaces_id: null,
      ...toSlots(def, a.values),
      is_demo: 0,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await claimAssetKeys(t.deps.database.db, kind.id, [{ assetId: Number(row.id), uniqueKey: derivedColumns(def, a.values).unique_key }]);
  return Number(row.id);
}

/** An event of the kind's event type `type` on an asset, in the asset's town (a replacement names the new asset). */
export async function insertEvent(
  t: TestApp,
  kind: LoadedKind,
  assetId: number,
  type: string,
  occurredOn: string,
  values: AssetValues = {},
  replacementId: number | null = null,
): Promise<void> {
  const eventType = kind.definition.events.find((e) => e.code === type);
  if (!eventType) throw new Error(`no event type ${type}`);
  const db = t.deps.database.db;
  const asset = await db.selectFrom('ledger_assets').select('town_id').where('id', '=', assetId).executeTakeFirstOrThrow();
  await db
    .insertInto('ledger_events')
    .values({
      kind_id: kind.id,
      asset_id: assetId,
      event_type: type,
      effect: eventType.effect as EventEffect,
      occurred_on: occurredOn,
      town_id: asset.town_id === null ? null : Number(asset.town_id),
      replacement_id: replacementId,
      values_json: JSON.stringify(values),
      changes_json: '{}',
      ...eventSlots(eventType, values),
      note: null,
      is_demo: 0,
      created_by: null,
      created_at: nowIso(),
    })
    .execute();
}
