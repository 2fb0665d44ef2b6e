import { sql } from 'kysely';
import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { badRequest } from '../../../core/errors.js';
import { translate } from '../../../core/messages.js';
import { authorize } from '../../../core/policy.js';
import { shanghaiDate } from '../../../core/time.js';
import type { Queryable } from '../../../db/database.js';
import { addSheet, type SheetColumn, newWorkbook, workbookToBuffer } from '../../../http/excel.js';
import { likePattern, paginate, type Page } from '../../../http/pagination.js';
import { activeFields, fieldByKey, type AssetSlot, type LedgerField } from '../../../../shared/ledgers/definition.js';
import { fromSlots, slotOf, type AssetRow } from '../definition/slots.js';
import { loadKind, type LoadedKind } from '../kinds/current.js';
import { assetPolicy, type AssetRecord } from '../policies/asset.js';
import { isOldOn, organizationNames, townOf } from './detail.js';
import { applyFilters, parseFilters } from './filters.js';
import type { AssetExportQuery, AssetListQuery, AssetSummary } from './schema.js';
import { labelOf } from './store.js';

/** A town reads its own part of a kind only, whatever town it asks for. */
function scope(ctx: RequestContext, kind: LoadedKind, townId: number | undefined): { record: AssetRecord; townId: number | undefined } {
  if (ctx.actor.role === 'town') return { record: { kind: kind.record, townId: ctx.actor.organizationId }, townId: ctx.actor.organizationId ?? -1 };
  return { record: { kind: kind.record }, townId };
}

/** The kind's assets matching the list's filters, without selection or order (the count and the page share it). */
function filtered(db: Queryable, kind: LoadedKind, q: AssetExportQuery, townId: number | undefined) {
  const today = shanghaiDate();
  let qb = db.selectFrom('ledger_assets').where('kind_id', '=', kind.id);
  if (q.status) qb = qb.where('status', '=', q.status);
  if (townId !== undefined) qb = qb.where('town_id', '=', townId);
  if (q.old === 'true') qb = qb.where('status', '=', 'in_service').where('old_from', '<=', today);
  if (q.old === 'false') qb = qb.where((eb) => eb.or([eb('status', '!=', 'in_service'), eb('old_from', 'is', null), eb('old_from', '>', today)]));
  if (q.q) {
    const pattern = likePattern(q.q);
    qb = qb.where((eb) =>
      eb.or([
        sql<boolean>`lower(${eb.ref('title')}) like lower(${pattern}) escape '\\'`,
        sql<boolean>`lower(${eb.ref('unique_key')}) like lower(${pattern}) escape '\\'`,
      ]),
    );
  }
  return applyFilters(qb, parseFilters(kind.definition, q.filters));
}

type SortColumn = AssetSlot | 'title' | 'created_at' | 'old_from';

function sortColumn(kind: LoadedKind, sort: string | undefined): SortColumn {
  if (!sort || sort === 'createdAt') return 'created_at';
  if (sort === 'title') return 'title';
  if (sort === 'oldFrom') return 'old_from';
  if (!fieldByKey(kind.definition, sort)) throw badRequest([{ path: 'sort', reason: 'field.ledgers.unknownSort', params: { sort } }]);
  return slotOf(kind.definition, sort);
}

function sorted(qb: ReturnType<typeof filtered>, kind: LoadedKind, q: AssetExportQuery) {
  const column = sortColumn(kind, q.sort);
  // Empty values last either way; the id makes the order total, so pages neither repeat nor skip a row.
  return qb
    .selectAll()
    .orderBy(column, (ob) => (q.order === 'asc' ? ob.asc() : ob.desc()).nullsLast())
    .orderBy('id', q.order);
}

function summary(kind: LoadedKind, row: AssetRow, names: Map<number, string>, today: string): AssetSummary {
  const townId = townOf(row);
  return {
    id: Number(row.id),
    title: row.title,
    status: row.status,
    townId,
    townName: townId === null ? null : (names.get(townId) ?? null),
    old: isOldOn(row, today),
    oldFrom: row.old_from,
    values: fromSlots(kind.definition, row),
    updatedAt: row.updated_at,
  };
}

/** A page of a kind's assets: filters on any field, status, town, old today, a search; sorted by any field. */
export async function listAssets(deps: AppDeps, ctx: RequestContext, kindId: number, q: AssetListQuery): Promise<Page<AssetSummary>> {
  const db = deps.database.db;
  const kind = await loadKind(db, kindId);
  const s = scope(ctx, kind, q.townId);
  authorize(ctx.actor, assetPolicy, 'read', s.record);
  const base = filtered(db, kind, q, s.townId);
  const page = await paginate(base, (qb) => sorted(qb, kind, q), q);
  const names = await organizationNames(db, page.items.map(townOf));
  const today = shanghaiDate();
  return { ...page, items: page.items.map((r) => summary(kind, r, names, today)) };
}

export const EXPORT_MAX_ROWS = 50_000;

/** Labels of a dictionary's codes in the caller's language, disabled and removed ones too (stored values keep them). */
async function codeLabels(db: Queryable, dictionary: string, locale: RequestContext['locale']): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('dictionary_items as i')
    .innerJoin('dictionaries as d', 'd.id', 'i.dictionary_id')
    .select(['i.code', 'i.label_zh', 'i.label_en'])
    .where('d.code', '=', dictionary)
    .execute();
  return new Map(rows.map((r) => [r.code, locale === 'en' ? r.label_en : r.label_zh]));
}

/**
 * The filtered assets as a workbook an official reads: the active fields as columns in the caller's language,
 * codes as their labels, organisations by name, money in 元, dates as text; at most 50,000 rows, and when more
 * match, the first header cell's note says so.
 */
export async function exportAssets(deps: AppDeps, ctx: RequestContext, kindId: number, q: AssetExportQuery): Promise<{ filename: string; buffer: Buffer }> {
  const db = deps.database.db;
  const kind = await loadKind(db, kindId);
  const s = scope(ctx, kind, q.townId);
  authorize(ctx.actor, assetPolicy, 'export', s.record);
  const base = filtered(db, kind, q, s.townId);
  const total = Number(
    (
      await base
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const rows = await sorted(base, kind, q).limit(EXPORT_MAX_ROWS).execute();
  const def = kind.definition;
  const fields = activeFields(def);
  const locale = ctx.locale;
  const labels = new Map<string, Map<string, string>>();
  for (const f of fields)
    if (f.type === 'dictionary' && f.dictionary && !labels.has(f.dictionary)) labels.set(f.dictionary, await codeLabels(db, f.dictionary, locale));
  const orgIds = rows.flatMap((r) => [
    townOf(r),
    ...fields
      .filter((f) => f.type === 'organization' || f.type === 'town')
      .map((f) => (r[f.slot as AssetSlot] === null ? null : Number(r[f.slot as AssetSlot]))),
  ]);
  const names = await organizationNames(db, orgIds);
  const today = shanghaiDate();

  const cell = (f: LedgerField, row: AssetRow): string | number | null => {
    const v = row[f.slot as AssetSlot];
    if (v === null || v === undefined) return null;
    switch (f.type) {
      case 'money':
        return Number(v) / 100;
      case 'integer':
      case 'decimal':
      case 'file':
        return Number(v);
      case 'dictionary':
        return labels.get(f.dictionary ?? '')?.get(String(v)) ?? String(v);
      case 'organization':
      case 'town':
        return names.get(Number(v)) ?? Number(v);
      default:
        return String(v);
    }
  };
  const header = (f: LedgerField) => {
    const label = labelOf(f.label, locale);
    if (f.type === 'money') return translate(locale, 'ledgers.assets.export.yuan', { label });
    return f.unit ? `${label}（${f.unit}）` : label;
  };
  const columns: SheetColumn<AssetRow>[] = [
    ...fields.map((f) => ({ header: header(f), value: (r: AssetRow) => cell(f, r) })),
    { header: translate(locale, 'ledgers.assets.export.status'), value: (r) => translate(locale, `ledgers.assets.status.${r.status}`) },
    {
      header: translate(locale, 'ledgers.assets.export.old'),
      value: (r) => translate(locale, isOldOn(r, today) ? 'ledgers.assets.export.yes' : 'ledgers.assets.export.no'),
    },
    { header: translate(locale, 'ledgers.assets.export.oldFrom'), value: (r) => r.old_from },
  ];
  const workbook = newWorkbook();
  workbook.creator = 'Huanxin';
  const sheet = addSheet(workbook, { name: labelOf(def.name, locale), columns, rows });
  if (total > rows.length) sheet.getCell('A1').note = translate(locale, 'ledgers.assets.export.truncated', { total, max: EXPORT_MAX_ROWS });
  const buffer = await workbookToBuffer(workbook);
  return { filename: `${labelOf(def.name, locale)}-${today}.xlsx`, buffer };
}
