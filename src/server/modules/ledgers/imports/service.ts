import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { inTransaction, type Queryable, type Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { activeFields, importKeyField, type AssetValues, type LedgerDefinition, type LedgerField } from '../../../../shared/ledgers/definition.js';
import { oldFrom } from '../../../../shared/ledgers/rules.js';
import { checkValue, checkValues, type ValueLookups } from '../../../../shared/ledgers/values.js';
import { appendAudit, appendAuditMany } from '../../platform/audit/auditTrail.js';
import { getImportJob, listImportJobs, startImportJob, type ImportJobView, type ImportRun, type StoredImportError } from '../../platform/imports/kernel.js';
import { derivedColumns, fromSlots, slotOf } from '../definition/slots.js';
import { loadKind, valueLookups, type LoadedKind } from '../kinds/current.js';
import { assetPolicy } from '../policies/asset.js';
import { insertAssets, updateAssetsByKey, type NewAssetRow } from '../assets/service.js';
import { eventDateIssues, ownerOf, townIssues } from '../assets/store.js';
import { ADDED_KEY, addedEventOf, loadImportLabels, type ImportColumn, type ImportLabels } from './columns.js';
import { cellInput, dateText, readLedgerSheet, type ReadSheet, type SheetRow } from './parse.js';
import { MAX_IMPORT_ROWS, templateWorkbook } from './template.js';

/**
 * Assets from a spreadsheet against a kind's definition: every row is read and checked first (progress every
 * PROGRESS_EVERY rows), every error by row and column; then all rows are written in one transaction with the
 * job's success — or none. A row whose unique key matches an asset of the kind updates it (re-import); the
 * others are new assets. A town imports its own town's rows only.
 */

const PROGRESS_EVERY = 200;
const READ_CHUNK = 500;
const EVENT_CHUNK = 200;

export const importSubject = (kindId: number) => `ledgers.kind:${kindId}`;

/** What the policy is told: a town imports into its own part of the kind. */
const importRecord = (ctx: RequestContext, kind: LoadedKind) => ({
  kind: kind.record,
  ...(ctx.actor.role === 'town' ? { townId: ctx.actor.organizationId } : {}),
});

export async function kindTemplate(deps: AppDeps, ctx: RequestContext, kindId: number): Promise<{ filename: string; data: Buffer }> {
  const kind = await loadKind(deps.database.db, kindId);
  authorize(ctx.actor, assetPolicy, 'import', importRecord(ctx, kind), kindId);
  const data = await templateWorkbook(kind.definition, await loadImportLabels(deps.database.db, kind.definition));
  return { filename: `${kind.definition.name.zh}-导入模板.xlsx`, data };
}

export async function startLedgerImport(deps: AppDeps, ctx: RequestContext, kindId: number, filename: string, data: Buffer): Promise<ImportJobView> {
  const kind = await loadKind(deps.database.db, kindId);
  authorize(ctx.actor, assetPolicy, 'import', importRecord(ctx, kind), kindId);
  return startImportJob(deps, ctx, { module: 'ledgers', subject: importSubject(kindId), filename, data, run: (job) => runLedgerImport(deps, kindId, job) });
}

export const getLedgerImport = (deps: AppDeps, ctx: RequestContext, id: number) => getImportJob(deps.database.db, ctx, id, 'ledgers');

export async function listLedgerImports(deps: AppDeps, ctx: RequestContext, kindId: number, page: { page: number; pageSize: number }) {
  const kind = await loadKind(deps.database.db, kindId);
  authorize(ctx.actor, assetPolicy, 'import', importRecord(ctx, kind), kindId);
  return listImportJobs(deps.database.db, ctx, importSubject(kindId), page);
}

interface Existing {
  id: number;
  townId: number | null;
  values: AssetValues;
}

/** The assets of the kind whose re-import key is one of `keys`. */
async function existingByKey(db: Queryable, kind: LoadedKind, keys: readonly string[]): Promise<Map<string, Existing>> {
  const out = new Map<string, Existing>();
  for (let i = 0; i < keys.length; i += READ_CHUNK)
    for (const r of await db
      .selectFrom('ledger_assets')
      .selectAll()
      .where('kind_id', '=', kind.id)
      .where('unique_key', 'in', keys.slice(i, i + READ_CHUNK))
      .execute())
      out.set(String(r.unique_key), { id: Number(r.id), townId: r.town_id === null ? null : Number(r.town_id), values: fromSlots(kind.definition, r) });
  return out;
}

/** Which of `values` of a unique field other assets of the kind already hold: value → asset id. */
async function heldValues(db: Queryable, kind: LoadedKind, key: string, values: readonly (string | number)[]): Promise<Map<string, number>> {
  const slot = slotOf(kind.definition, key);
  const out = new Map<string, number>();
  for (let i = 0; i < values.length; i += READ_CHUNK)
    for (const r of await db
      .selectFrom('ledger_assets')
      .select(['id', slot])
      .where('kind_id', '=', kind.id)
      .where(slot, 'in', values.slice(i, i + READ_CHUNK))
      .execute())
      out.set(String(r[slot]), Number(r.id));
  return out;
}

interface ReadRow {
  row: number;
  input: Record<string, unknown>;
  /** Columns whose cell was refused before the checks (not reported twice). */
  refused: Set<string>;
  added: string | null;
  key: string | null;
}

interface CheckedRow extends NewAssetRow {
  row: number;
  existing?: Existing;
  /** No error in the row (the uniqueness checks still look at every row's valid values). */
  ok: boolean;
}

/** Bounds of money fields are in fen; the sheet and its messages are in yuan. */
function inSheetUnits(def: LedgerDefinition, key: string, params?: Record<string, string | number>) {
  if (!params || def.fields.find((f) => f.key === key)?.type !== 'money') return params;
  const out = { ...params };
  for (const p of ['min', 'max'] as const) if (typeof out[p] === 'number') out[p] = (out[p] as number) / 100;
  return out;
}

/** Cells → the values the checks take, and the row's re-import key (to find the asset it updates). */
function readRow(
  row: SheetRow,
  columns: readonly ImportColumn[],
  labels: ImportLabels,
  lookups: ValueLookups,
  keyField: LedgerField | undefined,
  err: ErrorSink,
): ReadRow {
  const input: Record<string, unknown> = {};
  const refused = new Set<string>();
  for (const c of columns) {
    const v = row.cells.get(c.key);
    if (!c.field || v === undefined) continue;
    const r = cellInput(c.field, v as string | number | boolean | Date, labels);
    if ('issue' in r) {
      refused.add(c.key);
      err(row.row, c.key, r.issue.reason, r.issue.params);
    } else input[c.key] = r.value;
  }
  let added: string | null = null;
  const addedCell = row.cells.get(ADDED_KEY);
  if (addedCell !== undefined) {
    added = dateText(addedCell as string | number | Date);
    const issues = added ? eventDateIssues('added', added, lookups, null) : [{ reason: 'field.ledgers.notDate' }];
    for (const issue of issues) err(row.row, ADDED_KEY, issue.reason, (issue as { params?: Record<string, string | number> }).params);
    if (issues.length) refused.add(ADDED_KEY);
  }
  let key: string | null = null;
  if (keyField && input[keyField.key] !== undefined) {
    const k = checkValue(keyField, input[keyField.key], lookups);
    if ('value' in k && k.value !== null) key = String(k.value);
  }
  return { row: row.row, input, refused, added, key };
}

/** Every row read and checked, PROGRESS_EVERY rows at a time (one look-up of the assets they re-import each). */
async function checkRows(db: Queryable, ctx: RequestContext, kind: LoadedKind, job: ImportRun, sheet: ReadSheet, err: ErrorSink): Promise<CheckedRow[]> {
  const def = kind.definition;
  const keyField = importKeyField(def);
  const [labels, lookups] = await Promise.all([loadImportLabels(db, def), valueLookups(db, def)]);
  const checked: CheckedRow[] = [];
  for (let start = 0; start < sheet.rows.length; start += PROGRESS_EVERY) {
    const chunk = sheet.rows.slice(start, start + PROGRESS_EVERY).map((r) => readRow(r, sheet.columns, labels, lookups, keyField, err));
    const keys = [...new Set(chunk.flatMap((r) => (r.key === null ? [] : [r.key])))];
    const existing = keyField && keys.length ? await existingByKey(db, kind, keys) : new Map<string, Existing>();
    for (const r of chunk) {
      const match = r.key === null ? undefined : existing.get(r.key);
      // A re-imported row keeps what the file cannot say: retired fields' values, a code disabled since it was stored.
      const { values, issues } = checkValues(def.fields, r.input, lookups, match ? { previous: match.values } : {});
      let ok = true;
      for (const issue of [...issues, ...townIssues(ctx, kind, values)]) {
        const key = issue.path.replace(/^values\./, '');
        if (r.refused.has(key)) continue;
        ok = false;
        err(r.row, key, issue.reason, inSheetUnits(def, key, issue.params as Record<string, string | number> | undefined));
      }
      if (match && ctx.actor.role === 'town' && match.townId !== ctx.actor.organizationId) {
        ok = false;
        err(r.row, keyField!.key, 'field.ledgers.import.notYourAsset');
      }
      const derived = derivedColumns(def, values);
      checked.push({
        row: r.row,
        values,
        townId: derived.town_id,
        oldFrom: oldFrom(def.oldRule, values),
        inServiceFrom: match ? undefined : r.added,
        existing: match,
        ok: ok && !r.refused.size,
      });
    }
    await job.progress(Math.min(start + PROGRESS_EVERY, sheet.rows.length), sheet.rows.length);
  }
  return checked;
}

/** No two rows of the file with the same value of a unique field; none with a value another asset holds. */
async function uniquenessErrors(db: Queryable, kind: LoadedKind, rows: CheckedRow[], err: ErrorSink): Promise<void> {
  const keyField = importKeyField(kind.definition);
  for (const f of activeFields(kind.definition).filter((x) => x.unique)) {
    const first = new Map<string, number>();
    for (const r of rows) {
      const v = r.values[f.key];
      if (v === null || v === undefined) continue;
      const seen = first.get(String(v));
      if (seen !== undefined) err(r.row, f.key, 'field.ledgers.import.duplicateInFile', { row: seen });
      else first.set(String(v), r.row);
    }
    // The re-import key matching an asset is an update, not a clash.
    if (f.key === keyField?.key) continue;
    const held = await heldValues(db, kind, f.key, [...new Set(rows.flatMap((r) => (r.values[f.key] == null ? [] : [r.values[f.key] as string | number])))]);
    for (const r of rows) {
      const v = r.values[f.key];
      const holder = v == null ? undefined : held.get(String(v));
      if (holder !== undefined && holder !== r.existing?.id) err(r.row, f.key, 'field.ledgers.valueTaken', { value: v! });
    }
  }
}

/** The kind's `added` event for each new asset the file dates (the day it entered service), audited in one batch. */
async function recordAdditions(tx: Tx, ctx: RequestContext, kind: LoadedKind, rows: CheckedRow[], ids: number[]): Promise<void> {
  const type = addedEventOf(kind.definition);
  const dated = rows.flatMap((r, i) => (r.inServiceFrom ? [{ r, id: ids[i]!, on: r.inServiceFrom }] : []));
  if (!type || !dated.length) return;
  const now = nowIso();
  for (let i = 0; i < dated.length; i += EVENT_CHUNK) {
    const chunk = dated.slice(i, i + EVENT_CHUNK);
    const inserted = await tx
      .insertInto('ledger_events')
      .values(
        chunk.map((d) => ({
          kind_id: kind.id,
          asset_id: d.id,
          event_type: type.code,
          effect: 'added' as const,
          occurred_on: d.on,
          town_id: d.r.townId,
          replacement_id: null,
          values_json: '{}',
          changes_json: '{}',
          q1: null,
          q2: null,
          q3: null,
          q4: null,
          note: null,
          is_demo: 0,
          created_by: ctx.actor.userId,
          created_at: now,
        })),
      )
      .returning(['id', 'asset_id'])
      .execute();
    const eventOf = new Map(inserted.map((e) => [Number(e.asset_id), Number(e.id)]));
    await appendAuditMany(
      tx,
      'main',
      chunk.map((d) => ({
        ctx,
        entry: {
          entity: 'ledger_event',
          entityId: eventOf.get(d.id)!,
          action: 'record',
          organizationId: ownerOf(kind, d.r.townId),
          after: { assetId: d.id, type: type.code, effect: 'added', occurredOn: d.on, values: {} },
        },
      })),
    );
  }
}

type ErrorSink = (row: number, key: string, reason: string, params?: Record<string, string | number>) => void;

/** The background part of an import (the kernel runs it): read, check every row, write all or nothing. */
export async function runLedgerImport(deps: AppDeps, kindId: number, job: ImportRun): Promise<void> {
  const db = deps.database.db;
  const ctx = job.ctx;
  const kind = await loadKind(db, kindId);
  const def = kind.definition;
  if (!assetPolicy.can(ctx.actor, 'import', importRecord(ctx, kind))) return job.fail([{ row: 0, column: '', reason: 'error.FORBIDDEN' }]);
  const read = await readLedgerSheet(job.data, def, MAX_IMPORT_ROWS);
  if (!read.ok) return job.fail(read.errors);
  const { rows, headers, columns } = read.sheet;
  if (!rows.length) return job.fail([{ row: 0, column: '', reason: 'field.ledgers.import.empty' }]);
  if (rows.length > MAX_IMPORT_ROWS) return job.fail([{ row: 0, column: '', reason: 'field.ledgers.import.tooManyRows', params: { max: MAX_IMPORT_ROWS } }]);
  await job.progress(0, rows.length);

  const errors: StoredImportError[] = [];
  const columnText = (key: string) => headers.get(key) ?? columns.find((c) => c.key === key)?.header ?? key;
  const err: ErrorSink = (row, key, reason, params) => errors.push({ row, column: columnText(key), reason, ...(params ? { params } : {}) });
  const keyField = importKeyField(def);
  const checked = await checkRows(db, ctx, kind, job, read.sheet, err);
  await uniquenessErrors(db, kind, checked, err);
  if (errors.length) return job.fail(errors);

  // Only error-free rows are left here (any error ended the job above).
  const inserts = checked.filter((r) => !r.existing);
  const updates = checked.filter((r) => r.existing).map((r) => ({ ...r, id: r.existing!.id }));
  try {
    await inTransaction(deps.database, async (tx) => {
      // The outcome first: a job given up meanwhile stops here and nothing is written.
      await job.succeed(tx, { inserted: inserts.length, updated: updates.length });
      const ids = await insertAssets(tx, ctx, kind, inserts, { source: 'import', importId: job.id });
      await recordAdditions(tx, ctx, kind, inserts, ids);
      if (updates.length) await updateAssetsByKey(tx, ctx, kind, updates, job.id);
      await appendAudit(tx, ctx, {
        entity: 'ledger_import',
        entityId: job.id,
        action: 'import',
        after: { kindId: kind.id, kindVersion: kind.version, filename: job.filename, inserted: inserts.length, updated: updates.length },
      });
    });
  } catch (e) {
    // Another writer took a unique key between the check and the write.
    if (e instanceof AppError && e.code === 'DUPLICATE')
      return job.fail([
        {
          row: 0,
          column: keyField ? columnText(keyField.key) : '',
          reason: 'field.ledgers.valueTaken',
          params: { value: takenValue(e.fields?.[0]?.params?.value) },
        },
      ]);
    throw e;
  }
}

/** The value a database uniqueness refusal names, as text for the message. */
function takenValue(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
}
