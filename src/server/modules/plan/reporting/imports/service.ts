import ExcelJS from 'exceljs';
import type { AppDeps } from '../../../../core/deps.js';
import type { RequestContext } from '../../../../core/context.js';
import { AppError, notFound } from '../../../../core/errors.js';
import { authorize } from '../../../../core/policy.js';
import { inTransaction } from '../../../../db/database.js';
import { nowIso } from '../../../../db/time.js';
import { translate, type MessageKey } from '../../../../core/messages.js';
// This module's messages, registered for translate (also when this file is used outside the app).
import '../../messages.js';
import { appendAudit } from '../../../platform/audit/auditTrail.js';
import { planImportPolicy } from '../policies/importJob.js';
import { TEMPLATE_HEADERS, STATUS_LABELS } from '../reports/excel.js';
import type { SaveReportInput } from '../reports/schema.js';
import { checkEdits, reportRows, saveReportIn, type ReportRow } from '../reports/service.js';
import { EDITABLE_STATUSES } from '../tables.js';
import { INTERRUPTED_REASON, interruptedError } from './recovery.js';

/** Slashes and control characters, which a stored file name must not keep (a path, a forged line break). */
// eslint-disable-next-line no-control-regex
const CONTROL_OR_SLASH = /[\\/\u0000-\u001f]/g;

export const MAX_IMPORT_ROWS = 20_000;
/** How often (in rows) the job's progress is written while the file is checked. */
const PROGRESS_EVERY = 100;

export interface ImportError {
  row: number;
  column: string;
  reason: string;
  message: string;
}

export interface ImportJobView {
  id: number;
  filename: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  totalRows: number;
  processedRows: number;
  importedRows: number;
  errors: ImportError[];
  createdAt: string;
  finishedAt: string | null;
}

export async function getImportJob(deps: AppDeps, ctx: RequestContext, id: number): Promise<ImportJobView> {
  const r = await deps.database.db.selectFrom('plan_import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound();
  authorize(ctx.actor, planImportPolicy, 'read', { id, userId: Number(r.user_id) }, id);
  return {
    id,
    filename: r.filename,
    status: r.status,
    totalRows: r.total_rows,
    processedRows: r.processed_rows,
    importedRows: r.imported_rows,
    // A job given up by recovery (a background job, no reader's language at hand) reads in the reader's language.
    errors: (JSON.parse(r.errors_json) as ImportError[]).map((e) => (e.reason === INTERRUPTED_REASON ? interruptedError(ctx.locale) : e)),
    createdAt: r.created_at,
    finishedAt: r.finished_at,
  };
}

/**
 * Accepts an uploaded template and imports it in the background, so a large file does not hold the request: the
 * client polls GET /api/plan-imports/{id} for progress. The job runs in the process that received the file.
 */
export async function startImport(deps: AppDeps, ctx: RequestContext, filename: string, data: Buffer): Promise<ImportJobView> {
  authorize(ctx.actor, planImportPolicy, 'create');
  if (ctx.actor.userId === null || ctx.actor.organizationId === null) throw new AppError(403, 'FORBIDDEN', 'error.FORBIDDEN');
  const row = await inTransaction(deps.database, async (tx) => {
    const job = await tx
      .insertInto('plan_import_jobs')
      .values({
        user_id: ctx.actor.userId!,
        organization_id: ctx.actor.organizationId!,
        filename: filename.replace(CONTROL_OR_SLASH, '_').slice(-120),
        status: 'queued',
        total_rows: 0,
        processed_rows: 0,
        imported_rows: 0,
        errors_json: '[]',
        created_at: nowIso(),
        finished_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, ctx, { entity: 'plan_import', entityId: Number(job.id), action: 'upload', after: { filename, sizeBytes: data.length } });
    return job;
  });
  const id = Number(row.id);
  setImmediate(() => {
    runImport(deps, ctx, id, data).catch(async (err: unknown) => {
      // Never leave a job running for ever: an unexpected failure is a failed import, with nothing written.
      await finish(deps, id, 'failed', 0, [{ row: 0, column: '', reason: 'internal', message: String((err as Error)?.message ?? err) }]).catch(() => undefined);
    });
  });
  return getImportJob(deps, ctx, id);
}

/** A job's outcome, written once: a job already given up by recovery (recovery.ts) keeps what it says. */
async function finish(deps: AppDeps, id: number, status: 'succeeded' | 'failed', imported: number, errors: ImportError[]): Promise<void> {
  await deps.database.db
    .updateTable('plan_import_jobs')
    .set({ status, imported_rows: imported, errors_json: JSON.stringify(errors.slice(0, 1000)), finished_at: nowIso() })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .execute();
}

/** Thrown inside the write transaction when recovery has given the job up meanwhile: nothing is written. */
class ImportGivenUp extends Error {}

/** A cell as text: numbers, rich text, formula results and hyperlinks all read as what the user sees. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return v.trim();
  if (v instanceof Date) return v.toISOString();
  if ('richText' in v)
    return v.richText
      .map((t) => t.text)
      .join('')
      .trim();
  if ('result' in v) return v.result === undefined || v.result === null ? '' : cellText(v.result as ExcelJS.CellValue);
  if ('text' in v) return String(v.text).trim();
  return '';
}

/** A number as officials type it: "1,234.5", " 12 ", "45%" (the % sign is dropped: the unit says it is %). */
function parseNumber(text: string): number | null {
  const cleaned = text.replace(/[,，\s]/g, '').replace(/%$/, '');
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(cleaned)) return null;
  return Number(cleaned);
}

interface ParsedRow {
  row: number;
  report: ReportRow;
  input: SaveReportInput;
}

/**
 * Checks every row first, then writes all of them in one transaction — or nothing: a file with any error is
 * refused whole, with each error by row and column. Imported reports are saved as drafts (a returned one as
 * `corrected`), not submitted: evidence files cannot travel in a spreadsheet, and a unit looks over its figures
 * in the system before handing them to the office. Rows with nothing filled in are skipped.
 */
export async function runImport(deps: AppDeps, ctx: RequestContext, jobId: number, data: Buffer): Promise<void> {
  const db = deps.database.db;
  const errors: ImportError[] = [];
  const err = (row: number, column: string, reason: MessageKey, params: Record<string, unknown> = {}) =>
    errors.push({ row, column, reason: reason.replace(/^field\./, ''), message: translate(ctx.locale, reason, params) });
  const started = await db.updateTable('plan_import_jobs').set({ status: 'running' }).where('id', '=', jobId).where('status', '=', 'queued').executeTakeFirst();
  if (Number(started.numUpdatedRows) !== 1) return; // given up by recovery before it could start

  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    err(0, '', 'field.import.unreadable');
    return finish(deps, jobId, 'failed', 0, errors);
  }
  const sheet = workbook.getWorksheet('填报') ?? workbook.worksheets[0];
  if (!sheet) {
    err(0, '', 'field.import.empty');
    return finish(deps, jobId, 'failed', 0, errors);
  }
  const columns = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => columns.set(cellText(cell.value), col));
  const h = TEMPLATE_HEADERS;
  for (const required of [h.reportId, h.value]) if (!columns.has(required)) err(1, required, 'field.import.missingColumn', { column: required });
  if (errors.length) return finish(deps, jobId, 'failed', 0, errors);
  const read = (cells: ExcelJS.Row, header: string) => {
    const col = columns.get(header);
    return col === undefined ? '' : cellText(cells.getCell(col).value);
  };

  // Rows with something filled in; a template row left alone is not an instruction to clear the report.
  const candidates: { row: number; id: string; value: string; baseline: string; narrative: string }[] = [];
  for (let n = 2; n <= sheet.rowCount; n++) {
    const cells = sheet.getRow(n);
    const c = { row: n, id: read(cells, h.reportId), value: read(cells, h.value), baseline: read(cells, h.baselineValue), narrative: read(cells, h.narrative) };
    if (c.baseline === '—') c.baseline = '';
    if (!c.value && !c.baseline && !c.narrative) continue;
    candidates.push(c);
  }
  if (!candidates.length) err(0, '', 'field.import.empty');
  if (candidates.length > MAX_IMPORT_ROWS) err(0, '', 'field.import.tooManyRows', { max: MAX_IMPORT_ROWS });
  if (errors.length) return finish(deps, jobId, 'failed', 0, errors);
  await db.updateTable('plan_import_jobs').set({ total_rows: candidates.length }).where('id', '=', jobId).execute();

  // The unit's own reports named in the file, in one query.
  const ids = [...new Set(candidates.map((c) => Number(c.id)).filter((n) => Number.isInteger(n) && n > 0))];
  const mine = new Map<number, ReportRow>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await reportRows(db)
      .where('r.id', 'in', ids.slice(i, i + 500))
      .where('r.organization_id', '=', ctx.actor.organizationId ?? -1)
      .execute();
    for (const r of rows) mine.set(Number(r.id), r);
  }

  const parsed: ParsedRow[] = [];
  const firstRowOf = new Map<number, number>();
  for (const [index, c] of candidates.entries()) {
    const id = Number(c.id);
    const report = Number.isInteger(id) ? mine.get(id) : undefined;
    if (!report) err(c.row, h.reportId, 'field.import.unknownReport');
    else if (firstRowOf.has(id)) err(c.row, h.reportId, 'field.import.duplicateRow', { row: firstRowOf.get(id) });
    else if (report.period_status !== 'open' || !EDITABLE_STATUSES.includes(report.status))
      err(c.row, h.reportId, 'field.import.notEditable', { status: report.period_status !== 'open' ? '已关闭' : STATUS_LABELS[report.status] });
    if (Number.isInteger(id) && !firstRowOf.has(id)) firstRowOf.set(id, c.row);
    const input: SaveReportInput = {};
    if (c.value) {
      const v = parseNumber(c.value);
      if (v === null) err(c.row, h.value, 'field.report.notANumber');
      else input.value = v;
    }
    if (c.baseline) {
      const v = parseNumber(c.baseline);
      if (v === null) err(c.row, h.baselineValue, 'field.report.notANumber');
      else input.baselineValue = v;
    }
    if (c.narrative) input.narrative = c.narrative.slice(0, 4000);
    if (report) {
      // The same checks as a save through the API, by field, mapped back to the file's columns.
      const { issues } = await checkEdits(db, ctx, report, input);
      const column: Record<string, string> = { value: h.value, baselineValue: h.baselineValue, narrative: h.narrative };
      for (const issue of issues) err(c.row, column[issue.path] ?? issue.path, issue.reason, issue.params ?? {});
      parsed.push({ row: c.row, report, input });
    }
    if ((index + 1) % PROGRESS_EVERY === 0)
      await db
        .updateTable('plan_import_jobs')
        .set({ processed_rows: index + 1 })
        .where('id', '=', jobId)
        .execute();
  }
  await db.updateTable('plan_import_jobs').set({ processed_rows: candidates.length }).where('id', '=', jobId).execute();
  if (errors.length)
    return finish(
      deps,
      jobId,
      'failed',
      0,
      errors.sort((a, b) => a.row - b.row),
    );

  try {
    await inTransaction(deps.database, async (tx) => {
      // The outcome first, and only while the job is still running: once recovery has marked it failed (its
      // process was taken for dead), the rows are not written, so a job never reads failed with its rows saved.
      const claimed = await tx
        .updateTable('plan_import_jobs')
        .set({ status: 'succeeded', imported_rows: parsed.length, errors_json: '[]', finished_at: nowIso() })
        .where('id', '=', jobId)
        .where('status', '=', 'running')
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) throw new ImportGivenUp();
      for (const p of parsed) {
        // Re-read inside the transaction: a report submitted meanwhile is refused rather than overwritten.
        const current = await reportRows(tx).where('r.id', '=', Number(p.report.id)).executeTakeFirstOrThrow();
        try {
          await saveReportIn(tx, ctx, current, p.input, 'import');
        } catch (e) {
          if (e instanceof AppError) err(p.row, h.reportId, 'field.import.notEditable', { status: STATUS_LABELS[current.status] });
          throw e;
        }
      }
      await appendAudit(tx, ctx, { entity: 'plan_import', entityId: jobId, action: 'import', after: { rows: parsed.length } });
    });
  } catch (e) {
    if (e instanceof ImportGivenUp) return;
    if (errors.length) return finish(deps, jobId, 'failed', 0, errors);
    throw e;
  }
}
