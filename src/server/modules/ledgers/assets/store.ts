import type { Updateable } from 'kysely';
import type { RequestContext } from '../../../core/context.js';
import { AppError, notFound, type FieldIssue } from '../../../core/errors.js';
import type { MessageKey } from '../../../core/messages.js';
import { enterMany } from '../../../core/workflow.js';
import type { Queryable, Tx } from '../../../db/database.js';
import { isUniqueViolation } from '../../../db/errors.js';
import { nowIso } from '../../../db/time.js';
import type { Locale } from '../../../../shared/roles.js';
import {
  activeFields,
  fieldByKey,
  importKeyField,
  type AssetSlot,
  type AssetValues,
  type LedgerDefinition,
  type LedgerEventType,
  type LedgerField,
} from '../../../../shared/ledgers/definition.js';
import { oldFrom } from '../../../../shared/ledgers/rules.js';
import { checkValue, type ValueIssue, type ValueLookups } from '../../../../shared/ledgers/values.js';
import { derivedColumns, eventSlots, slotOf, toSlots, type AssetRow } from '../definition/slots.js';
import type { AssetRecord } from '../policies/asset.js';
import type { LedgerAssetTable } from '../tables.js';
import type { LoadedKind } from '../kinds/current.js';
import { isRealDate } from './filters.js';
import { claimAssetKeys } from './keys.js';
import { assetWorkflow } from './workflow.js';

/**
 * The writes every way into a ledger shares — a form, an event's replacement, an import, the demo seed — so that
 * an asset's columns, its uniqueness and its first history entry are made one way.
 */

export interface NewAssetRow {
  values: AssetValues;
  townId: number | null;
  oldFrom: string | null;
  /** The day it entered service, when an event brought it in (added, or the replacement of another). */
  inServiceFrom?: string | null;
  replacesId?: number | null;
}

export type AssetSource = 'import' | 'form' | 'demo' | 'replacement';

/** Values → the slot columns, typed as the table's: toSlots puts text in t-slots and numbers in n-slots by the field type. */
export const slotColumns = (def: LedgerDefinition, values: AssetValues) => toSlots(def, values) as Pick<Updateable<LedgerAssetTable>, AssetSlot>;

export const assetRecord = (kind: LoadedKind, townId: number | null): AssetRecord => ({ kind: kind.record, townId });

/** The organisation an asset's history belongs to: its town, else the ledger's keeper. */
export const ownerOf = (kind: LoadedKind, townId: number | null) => townId ?? kind.keeperOrganizationId;

export const asIssues = (issues: readonly ValueIssue[]): FieldIssue[] => issues.map((i) => ({ ...i, reason: i.reason as MessageKey }));

export const labelOf = (label: { zh: string; en: string }, locale: Locale) => (locale === 'en' ? label.en : label.zh);

/** 409 DUPLICATE on the field, the way a form shows it. */
export function valueTaken(field: LedgerField, value: string | number | null, locale: Locale): AppError {
  return new AppError(409, 'DUPLICATE', 'error.DUPLICATE', { field: labelOf(field.label, locale) }, [
    { path: `values.${field.key}`, reason: 'field.ledgers.valueTaken', params: { value: value ?? '' } },
  ]);
}

/**
 * Turns the database's refusal of a second equal re-import key (two requests at once) into the same 409: the
 * refusal of ledger_asset_keys (assets/keys.ts), or on SQLite of ledger_assets' own unique index.
 */
export function uniqueRefusal(kind: LoadedKind, locale: Locale, value?: string | number | null) {
  return (err: unknown): never => {
    const key = importKeyField(kind.definition);
    if (key && isUniqueViolation(err)) throw valueTaken(key, value ?? null, locale);
    throw err;
  };
}

/** Refuses a unique field's value another asset of the kind already holds (the database catches a race on the first). */
export async function assertUnique(tx: Queryable, kind: LoadedKind, values: AssetValues, locale: Locale, exceptId?: number): Promise<void> {
  for (const f of activeFields(kind.definition).filter((x) => x.unique)) {
    const v = values[f.key];
    if (v === null || v === undefined) continue;
    let q = tx.selectFrom('ledger_assets').select('id').where('kind_id', '=', kind.id).where(slotOf(kind.definition, f.key), '=', v);
    if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
    if (await q.executeTakeFirst()) throw valueTaken(f, v, locale);
  }
}

/** A town registers and keeps only its own town's assets: the town field must name it. */
export function townIssues(ctx: RequestContext, kind: LoadedKind, values: AssetValues, prefix = 'values'): FieldIssue[] {
  const def = kind.definition;
  if (ctx.actor.role !== 'town' || !def.townField) return [];
  return values[def.townField] === ctx.actor.organizationId ? [] : [{ path: `${prefix}.${def.townField}`, reason: 'field.ledgers.notYourTown' }];
}

const EVENT_DATE: LedgerField = {
  key: 'occurredOn',
  label: { zh: '日期', en: 'Date' },
  type: 'date',
  required: true,
  notInFuture: true,
  unique: false,
  retired: false,
};

/** An event's date: a real day, not after today (Shanghai), not before the asset entered service. */
export function eventDateIssues(path: string, occurredOn: string, lookups: ValueLookups, inServiceFrom: string | null): FieldIssue[] {
  if (!isRealDate(occurredOn.trim())) return [{ path, reason: 'field.ledgers.notDate' }];
  const r = checkValue(EVENT_DATE, occurredOn, lookups);
  if ('issue' in r) return [{ path, reason: r.issue.reason as MessageKey, ...(r.issue.params ? { params: r.issue.params } : {}) }];
  if (inServiceFrom && String(r.value) < inServiceFrom) return [{ path, reason: 'field.ledgers.beforeInService', params: { date: inServiceFrom } }];
  return [];
}

export async function loadAssetRow(db: Queryable, id: number): Promise<AssetRow> {
  const row = await db.selectFrom('ledger_assets').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

const INSERT_CHUNK = 200;

/**
 * Inserts new in-service assets, ~200 rows a statement, and enters each into the workflow (`register`: its first
 * timeline entry and audit record, batched). Returns the ids in the order of `rows`: ids of one statement are
 * given in the order of its rows on both databases, whatever order RETURNING lists them in.
 */
export async function insertAssets(
  tx: Tx,
  ctx: RequestContext,
  kind: LoadedKind,
  rows: readonly NewAssetRow[],
  opts: { isDemo?: boolean; source: AssetSource; importId?: number },
): Promise<number[]> {
  const def = kind.definition;
  const now = nowIso();
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK);
    const inserted = await tx
      .insertInto('ledger_assets')
      .values(
        chunk.map((r) => {
          const derived = derivedColumns(def, r.values);
          return {
            ...slotColumns(def, r.values),
            kind_id: kind.id,
            kind_version: kind.version,
            town_id: r.townId,
            status: 'in_service' as const,
            title: derived.title,
            unique_key: derived.unique_key,
            old_from: r.oldFrom,
            in_service_from: r.inServiceFrom ?? null,
            ended_on: null,
            replaced_by_id: null,
            replaces_id: r.replacesId ?? null,
            is_demo: opts.isDemo ? 1 : 0,
            created_by: ctx.actor.userId,
            created_at: now,
            updated_at: now,
          };
        }),
      )
      .returning('id')
      .execute()
      .catch(uniqueRefusal(kind, ctx.locale, chunk.length === 1 ? derivedColumns(def, chunk[0]!.values).unique_key : null));
    const chunkIds = inserted.map((r) => Number(r.id)).sort((a, b) => a - b);
    const keys = chunk.map((r, j) => ({ assetId: chunkIds[j]!, uniqueKey: derivedColumns(def, r.values).unique_key }));
    await claimAssetKeys(tx, kind.id, keys).catch(uniqueRefusal(kind, ctx.locale, chunk.length === 1 ? keys[0]!.uniqueKey : null));
    ids.push(...chunkIds);
  }
  await enterMany(
    tx,
    ctx,
    assetWorkflow,
    ids.map((id, i) => {
      const r = rows[i]!;
      return {
        id,
        action: 'register' as const,
        organizationId: ownerOf(kind, r.townId),
        params: {
          source: opts.source,
          ...(opts.importId !== undefined ? { importId: opts.importId } : {}),
          ...(r.replacesId ? { replaces: r.replacesId } : {}),
        },
        audit: { after: { kindId: kind.id, values: r.values, oldFrom: r.oldFrom, inServiceFrom: r.inServiceFrom ?? null } },
      };
    }),
  );
  return ids;
}

/** One event row; its numeric fields also go to their `q` slots for the metrics' sums. */
export async function insertEventRow(
  tx: Tx,
  ctx: RequestContext,
  kind: LoadedKind,
  e: {
    assetId: number;
    type: LedgerEventType;
    occurredOn: string;
    townId: number | null;
    values: AssetValues;
    changes?: Record<string, [unknown, unknown]>;
    replacementId?: number | null;
    note?: string | null;
    isDemo?: boolean;
  },
): Promise<number> {
  const row = await tx
    .insertInto('ledger_events')
    .values({
      ...eventSlots(e.type, e.values),
      kind_id: kind.id,
      asset_id: e.assetId,
      event_type: e.type.code,
      effect: e.type.effect,
      occurred_on: e.occurredOn,
      town_id: e.townId,
      replacement_id: e.replacementId ?? null,
      values_json: JSON.stringify(e.values),
      changes_json: JSON.stringify(e.changes ?? {}),
      note: e.note ?? null,
      is_demo: e.isDemo ? 1 : 0,
      created_by: ctx.actor.userId,
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** The keys whose values differ, as before/after maps (an edit's audit record, an event's changes). */
export function changedValues(before: AssetValues, after: AssetValues): { before: AssetValues; after: AssetValues } {
  const b: AssetValues = {};
  const a: AssetValues = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)]))
    if ((before[key] ?? null) !== (after[key] ?? null)) {
      b[key] = before[key] ?? null;
      a[key] = after[key] ?? null;
    }
  return { before: b, after: a };
}

export const fieldLabel = (def: LedgerDefinition, key: string, locale: Locale) => {
  const f = fieldByKey(def, key);
  return f ? labelOf(f.label, locale) : key;
};

/** The columns an asset's values decide, recomputed on every change of them. */
export function valueColumns(kind: LoadedKind, values: AssetValues) {
  const def = kind.definition;
  const derived = derivedColumns(def, values);
  return { ...slotColumns(def, values), ...derived, old_from: oldFrom(def.oldRule, values), kind_version: kind.version };
}
