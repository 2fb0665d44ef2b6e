import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError, fieldError, notFound } from '../../../core/errors.js';
import type { DictionaryUsageChecker } from '../../../core/extensions.js';
import { authorize } from '../../../core/policy.js';
import { versionConflict } from '../../../core/versioned.js';
import { inTransaction, type Queryable } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { appendAudit } from '../audit/auditTrail.js';
import { dictionaryPolicy } from './policy.js';
import type { CreateItemInput, DictionaryDetail, DictionaryItemView, DictionaryView, PublicDictionaryItem, UpdateItemInput } from './schema.js';

const ENTITY = 'dictionary_item';

type DictionaryRow = {
  id: number;
  code: string;
  name_zh: string;
  name_en: string;
  description_zh: string | null;
  description_en: string | null;
  owner_module: string;
};

async function dictionaryOf(db: Queryable, code: string): Promise<DictionaryRow> {
  const row = await db
    .selectFrom('dictionaries')
    .select(['id', 'code', 'name_zh', 'name_en', 'description_zh', 'description_en', 'owner_module'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!row) throw notFound();
  return { ...row, id: Number(row.id) };
}

/** The items not removed, in order, with their parent's code. */
async function itemRows(db: Queryable, dictionaryId: number) {
  const rows = await db
    .selectFrom('dictionary_items as i')
    .leftJoin('dictionary_items as p', 'p.id', 'i.parent_id')
    .select(['i.id', 'i.code', 'i.label_zh', 'i.label_en', 'i.sort_order', 'i.enabled', 'i.version', 'i.updated_at', 'i.parent_id', 'p.code as parent_code'])
    .where('i.dictionary_id', '=', dictionaryId)
    .where('i.deleted_at', 'is', null)
    .orderBy('i.sort_order')
    .orderBy('i.code')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    code: r.code,
    labelZh: r.label_zh,
    labelEn: r.label_en,
    sortOrder: Number(r.sort_order),
    enabled: Number(r.enabled) === 1,
    version: Number(r.version),
    updatedAt: r.updated_at,
    parentId: r.parent_id === null ? null : Number(r.parent_id),
    parentCode: r.parent_code,
  }));
}
type ItemRow = Awaited<ReturnType<typeof itemRows>>[number];

function checkersOf(deps: AppDeps, dictionary: string): DictionaryUsageChecker[] {
  return deps.modules.flatMap((m) => m.dictionaryUsage ?? []).filter((c) => c.dictionary === dictionary);
}

/** Every module's count of records using the code; the first checker that counts any names what uses it. */
async function usesOf(db: Queryable, checkers: readonly DictionaryUsageChecker[], code: string): Promise<{ count: number; by: DictionaryUsageChecker | null }> {
  let count = 0;
  let by: DictionaryUsageChecker | null = null;
  for (const c of checkers) {
    const n = await c.countUses(db, code);
    if (n > 0) by ??= c;
    count += n;
  }
  return { count, by };
}

function dictionaryView(d: DictionaryRow, items: readonly ItemRow[]): DictionaryView {
  return {
    code: d.code,
    nameZh: d.name_zh,
    nameEn: d.name_en,
    descriptionZh: d.description_zh,
    descriptionEn: d.description_en,
    ownerModule: d.owner_module,
    itemCount: items.length,
    enabledCount: items.filter((i) => i.enabled).length,
  };
}

const itemView = (i: ItemRow, uses: number): DictionaryItemView => ({
  code: i.code,
  labelZh: i.labelZh,
  labelEn: i.labelEn,
  sortOrder: i.sortOrder,
  enabled: i.enabled,
  parentCode: i.parentCode,
  version: i.version,
  updatedAt: i.updatedAt,
  uses,
});

export async function listDictionaries(deps: AppDeps, ctx: RequestContext): Promise<DictionaryView[]> {
  authorize(ctx.actor, dictionaryPolicy, 'list');
  const db = deps.database.db;
  const rows = await db
    .selectFrom('dictionaries')
    .select(['id', 'code', 'name_zh', 'name_en', 'description_zh', 'description_en', 'owner_module'])
    .orderBy('code')
    .execute();
  return Promise.all(rows.map(async (r) => dictionaryView({ ...r, id: Number(r.id) }, await itemRows(db, Number(r.id)))));
}

async function detailOf(deps: AppDeps, db: Queryable, code: string): Promise<DictionaryDetail> {
  const d = await dictionaryOf(db, code);
  const items = await itemRows(db, d.id);
  const checkers = checkersOf(deps, code);
  const views = await Promise.all(items.map(async (i) => itemView(i, (await usesOf(db, checkers, i.code)).count)));
  return { ...dictionaryView(d, items), items: views };
}

/** A dictionary with every item, disabled ones too, and how often each code is used. */
export async function getDictionary(deps: AppDeps, ctx: RequestContext, code: string): Promise<DictionaryDetail> {
  authorize(ctx.actor, dictionaryPolicy, 'read', undefined, code);
  return detailOf(deps, deps.database.db, code);
}

/** The enabled items of a dictionary, for forms; anyone may ask (a disabled item is no longer offered). */
export async function enabledItems(deps: AppDeps, code: string): Promise<PublicDictionaryItem[]> {
  const d = await dictionaryOf(deps.database.db, code);
  return (await itemRows(deps.database.db, d.id))
    .filter((i) => i.enabled)
    .map((i) => ({ code: i.code, labelZh: i.labelZh, labelEn: i.labelEn, parentCode: i.parentCode }));
}

/** The parent's id for `parentCode`: another live item of the dictionary that does not descend from the item. */
function parentOf(items: readonly ItemRow[], itemCode: string, parentCode: string | null | undefined): number | null {
  if (parentCode === null || parentCode === undefined || parentCode === '') return null;
  const byId = new Map(items.map((i) => [i.id, i]));
  let cursor = items.find((i) => i.code === parentCode);
  const parentId = cursor?.id ?? null;
  if (parentId === null) throw fieldError('parentCode', 'field.dictionary.parent');
  for (let depth = 0; cursor; depth++) {
    if (cursor.code === itemCode || depth > items.length) throw fieldError('parentCode', 'field.dictionary.parent');
    cursor = cursor.parentId === null ? undefined : byId.get(cursor.parentId);
  }
  return parentId;
}

const audited = (i: { labelZh: string; labelEn: string; sortOrder: number; enabled: boolean; parentCode: string | null; version: number }) => ({
  labelZh: i.labelZh,
  labelEn: i.labelEn,
  sortOrder: i.sortOrder,
  enabled: i.enabled,
  parentCode: i.parentCode,
  version: i.version,
});

/**
 * Adds an item. Its code may be one removed earlier: the row comes back with the new labels (and the next
 * version), so a code keeps one history.
 */
export async function createItem(deps: AppDeps, ctx: RequestContext, code: string, input: CreateItemInput): Promise<DictionaryDetail> {
  authorize(ctx.actor, dictionaryPolicy, 'createItem', undefined, code);
  return inTransaction(deps.database, async (tx) => {
    const d = await dictionaryOf(tx, code);
    const items = await itemRows(tx, d.id);
    if (items.some((i) => i.code === input.code))
      throw new AppError(409, 'DUPLICATE', 'error.DICTIONARY_ITEM_EXISTS', { code: input.code }, [{ path: 'code', reason: 'field.invalid' }]);
    const parentId = parentOf(items, input.code, input.parentCode);
    const sortOrder = input.sortOrder ?? items.reduce((max, i) => Math.max(max, i.sortOrder), 0) + 10;
    const now = nowIso();
    const values = {
      label_zh: input.labelZh,
      label_en: input.labelEn,
      sort_order: sortOrder,
      enabled: input.enabled ? 1 : 0,
      parent_id: parentId,
      updated_at: now,
    };
    const removed = await tx
      .selectFrom('dictionary_items')
      .select(['id', 'version'])
      .where('dictionary_id', '=', d.id)
      .where('code', '=', input.code)
      .executeTakeFirst();
    let version = 1;
    if (removed) {
      version = Number(removed.version) + 1;
      await tx
        .updateTable('dictionary_items')
        .set({ ...values, version, deleted_at: null })
        .where('id', '=', removed.id)
        .execute();
    } else
      await tx
        .insertInto('dictionary_items')
        .values({ dictionary_id: d.id, code: input.code, ...values, version, created_at: now, deleted_at: null })
        .execute();
    const parentCode = parentId === null ? null : (items.find((i) => i.id === parentId)?.code ?? null);
    await appendAudit(tx, ctx, {
      entity: ENTITY,
      entityId: `${code}:${input.code}`,
      action: 'create',
      after: audited({ ...input, sortOrder, parentCode, version }),
    });
    return detailOf(deps, tx, code);
  });
}

async function liveItem(tx: Queryable, code: string, itemCode: string) {
  const d = await dictionaryOf(tx, code);
  const items = await itemRows(tx, d.id);
  const item = items.find((i) => i.code === itemCode);
  if (!item) throw notFound();
  return { d, items, item };
}

/** Relabels, reorders, moves, enables or disables an item; refused with 409 when `version` is not the current one. */
export async function updateItem(deps: AppDeps, ctx: RequestContext, code: string, itemCode: string, input: UpdateItemInput): Promise<DictionaryDetail> {
  authorize(ctx.actor, dictionaryPolicy, 'updateItem', undefined, code);
  return inTransaction(deps.database, async (tx) => {
    const { d, items, item } = await liveItem(tx, code, itemCode);
    if (item.version !== input.version) throw versionConflict(input.version);
    const parentId = input.parentCode === undefined ? item.parentId : parentOf(items, item.code, input.parentCode);
    const next = {
      labelZh: input.labelZh ?? item.labelZh,
      labelEn: input.labelEn ?? item.labelEn,
      sortOrder: input.sortOrder ?? item.sortOrder,
      enabled: input.enabled ?? item.enabled,
      parentCode: parentId === null ? null : (items.find((i) => i.id === parentId)?.code ?? null),
      version: item.version + 1,
    };
    const before = audited(item);
    const unchanged = (Object.keys(before) as (keyof typeof before)[]).every((k) => k === 'version' || before[k] === next[k]);
    // Saving what is already there makes no version and no audit record.
    if (unchanged) return detailOf(deps, tx, code);
    const res = await tx
      .updateTable('dictionary_items')
      .set({
        label_zh: next.labelZh,
        label_en: next.labelEn,
        sort_order: next.sortOrder,
        enabled: next.enabled ? 1 : 0,
        parent_id: parentId,
        version: next.version,
        updated_at: nowIso(),
      })
      .where('id', '=', item.id)
      .where('version', '=', item.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw versionConflict(input.version);
    await appendAudit(tx, ctx, {
      entity: ENTITY,
      entityId: `${d.code}:${item.code}`,
      action: input.enabled !== undefined && input.enabled !== item.enabled ? (input.enabled ? 'enable' : 'disable') : 'update',
      before,
      after: next,
    });
    return detailOf(deps, tx, code);
  });
}

/**
 * Removes an item no record uses. A code in use (any module's usage checker counts one) is refused with 409
 * DICTIONARY_CODE_IN_USE — disable it instead; an item with sub-items is refused too.
 */
export async function deleteItem(deps: AppDeps, ctx: RequestContext, code: string, itemCode: string, version: number): Promise<DictionaryDetail> {
  authorize(ctx.actor, dictionaryPolicy, 'deleteItem', undefined, code);
  return inTransaction(deps.database, async (tx) => {
    const { d, items, item } = await liveItem(tx, code, itemCode);
    if (item.version !== version) throw versionConflict(version);
    const uses = await usesOf(tx, checkersOf(deps, code), item.code);
    if (uses.count > 0)
      throw new AppError(409, 'DICTIONARY_CODE_IN_USE', 'error.DICTIONARY_CODE_IN_USE', { count: uses.count, usedBy: uses.by?.usedBy[ctx.locale] ?? '' });
    const children = items.filter((i) => i.parentId === item.id).length;
    if (children > 0) throw new AppError(409, 'DICTIONARY_ITEM_HAS_CHILDREN', 'error.DICTIONARY_ITEM_HAS_CHILDREN', { count: children });
    const res = await tx
      .updateTable('dictionary_items')
      .set({ deleted_at: nowIso(), enabled: 0, version: item.version + 1, updated_at: nowIso() })
      .where('id', '=', item.id)
      .where('version', '=', item.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw versionConflict(version);
    await appendAudit(tx, ctx, { entity: ENTITY, entityId: `${d.code}:${item.code}`, action: 'delete', before: audited(item) });
    return detailOf(deps, tx, code);
  });
}

/**
 * Whether a form may still offer a code for a new record: an enabled, not removed item of the dictionary. Records
 * that already hold a disabled code keep it; a module asks this when a record takes a new value.
 */
export async function isCodeOffered(db: Queryable, dictionaryCode: string, itemCode: string): Promise<boolean> {
  const row = await db
    .selectFrom('dictionary_items as i')
    .innerJoin('dictionaries as d', 'd.id', 'i.dictionary_id')
    .select('i.enabled')
    .where('d.code', '=', dictionaryCode)
    .where('i.code', '=', itemCode)
    .where('i.deleted_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined && Number(row.enabled) === 1;
}
