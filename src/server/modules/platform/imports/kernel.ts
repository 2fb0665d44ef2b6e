import type { Selectable } from 'kysely';
import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError, notFound } from '../../../core/errors.js';
import { isMessageKey, translate } from '../../../core/messages.js';
import { inTransaction, refreshStatistics, type Queryable, type Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { appendAudit } from '../audit/auditTrail.js';
import type { ImportJobStatus, ImportJobTable } from './tables.js';
// The kernel's messages, registered for translate (also when this file is used outside the app).
import '../messages.js';

/**
 * Background spreadsheet imports for every module: the upload is recorded as a queued job and answered at once;
 * the module's `run` checks the file in the same process (setImmediate), reporting progress the page polls, and
 * writes its rows in one transaction that also marks the job succeeded — only while the job is still running, so
 * a job given up by recovery (recovery.ts) never reads failed with its rows saved. Whatever happens, the job
 * ends: an unexpected error, or a run that returns without an outcome, fails it with nothing written.
 */

/** An error as stored: a message key and its params, translated for each reader. */
export interface StoredImportError {
  /** The spreadsheet row (1 = the header); 0 for the file as a whole. */
  row: number;
  /** The column's header text as the file (or the template) has it; '' for the file as a whole. */
  column: string;
  reason: string;
  params?: Record<string, string | number>;
}

/** An error as a reader sees it: the reason without its `field.` prefix and the message in the reader's language. */
export interface ImportError {
  row: number;
  column: string;
  reason: string;
  message: string;
}

export interface ImportJobView {
  id: number;
  status: ImportJobStatus;
  filename: string;
  totalRows: number;
  processedRows: number;
  insertedRows: number;
  updatedRows: number;
  errors: ImportError[];
  createdAt: string;
  finishedAt: string | null;
}

/** What a module's run is given. */
export interface ImportRun {
  id: number;
  filename: string;
  data: Buffer;
  /** The uploader's context: the run acts as them (policies, audit). */
  ctx: RequestContext;
  /** Rows checked so far and rows in the file; also lets the process serve other requests meanwhile. */
  progress(processed: number, total: number): Promise<void>;
  /**
   * Marks the job succeeded inside the caller's transaction, so the rows and the outcome commit together.
   * Throws ImportGivenUp when the job is no longer running (given up by recovery): the transaction rolls back.
   */
  succeed(tx: Tx, counts: { inserted: number; updated: number }): Promise<void>;
  /** Ends the job failed with these errors (sorted by row); nothing may have been written. */
  fail(errors: readonly StoredImportError[]): Promise<void>;
}

export interface ImportJobSpec {
  module: string;
  subject: string;
  filename: string;
  data: Buffer;
  run(job: ImportRun): Promise<void>;
}

/** Thrown by `succeed` when the job was given up meanwhile. */
export class ImportGivenUp extends Error {
  constructor(id: number) {
    super(`import job ${id} was given up`);
  }
}

/** Errors kept per job: enough to fix a file, bounded so a wrong column in 20,000 rows stays a small row. */
export const MAX_STORED_ERRORS = 1000;

// eslint-disable-next-line no-control-regex
const CONTROL_OR_SLASH = /[\\/\u0000-\u001f]/g;
/** A file name fit to store and show: no path, no control characters (a forged line break), at most 120 characters. */
export const safeFilename = (name: string) => name.replace(CONTROL_OR_SLASH, '_').slice(-120) || 'upload.xlsx';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** An xlsx is a zip container: anything else is refused before a job is made. */
export function assertXlsx(data: Buffer): void {
  if (data.length < 4 || !data.subarray(0, 4).equals(ZIP_MAGIC))
    throw new AppError(415, 'UNSUPPORTED_FILE_TYPE', 'error.UNSUPPORTED_FILE_TYPE', { allowed: 'xlsx' }, [
      { path: 'file', reason: 'field.fileType', params: { allowed: 'xlsx' } },
    ]);
}

export const INTERNAL_REASON = 'field.importJob.internal';

function view(r: Selectable<ImportJobTable>, ctx: RequestContext): ImportJobView {
  const stored = JSON.parse(r.errors_json) as StoredImportError[];
  return {
    id: Number(r.id),
    status: r.status,
    filename: r.filename,
    totalRows: Number(r.total_rows),
    processedRows: Number(r.processed_rows),
    insertedRows: Number(r.inserted_rows),
    updatedRows: Number(r.updated_rows),
    errors: stored.map((e) => ({
      row: e.row,
      column: e.column,
      reason: e.reason.replace(/^field\./, ''),
      message: isMessageKey(e.reason) ? translate(ctx.locale, e.reason, e.params ?? {}) : e.reason,
    })),
    createdAt: r.created_at,
    finishedAt: r.finished_at,
  };
}

const mayRead = (ctx: RequestContext, r: Selectable<ImportJobTable>) =>
  ctx.actor.role === 'office' || (ctx.actor.userId !== null && Number(r.user_id) === ctx.actor.userId);

/** One job, for its uploader (or the office); anyone else, or a job of another module, is not found. */
export async function getImportJob(db: Queryable, ctx: RequestContext, id: number, module?: string): Promise<ImportJobView> {
  const r = await db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r || (module !== undefined && r.module !== module) || !mayRead(ctx, r)) throw notFound();
  return view(r, ctx);
}

/** The caller's own jobs of one subject, newest first (a page resumes a running one after a reload). */
export async function listImportJobs(
  db: Queryable,
  ctx: RequestContext,
  subject: string,
  page: { page: number; pageSize: number },
): Promise<{ items: ImportJobView[]; total: number; page: number; pageSize: number }> {
  const mine = db
    .selectFrom('import_jobs')
    .where('subject', '=', subject)
    .where('user_id', '=', ctx.actor.userId ?? -1);
  const [rows, count] = await Promise.all([
    mine
      .selectAll()
      .orderBy('id', 'desc')
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
    mine.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((r) => view(r, ctx)), total: Number(count.n), page: page.page, pageSize: page.pageSize };
}

const sorted = (errors: readonly StoredImportError[]) => [...errors].sort((a, b) => a.row - b.row).slice(0, MAX_STORED_ERRORS);

/** Ends a job failed, once: a job already finished (or given up) keeps its outcome. */
export async function failImport(db: Queryable, id: number, errors: readonly StoredImportError[]): Promise<void> {
  await db
    .updateTable('import_jobs')
    .set({ status: 'failed', inserted_rows: 0, updated_rows: 0, errors_json: JSON.stringify(sorted(errors)), finished_at: nowIso() })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .execute();
}

function runOf(deps: AppDeps, ctx: RequestContext, id: number, spec: ImportJobSpec): ImportRun {
  const db = deps.database.db;
  return {
    id,
    filename: spec.filename,
    data: spec.data,
    ctx,
    async progress(processed, total) {
      // SQLite answers synchronously, so a check loop would never give the event loop back: yield, and the
      // process keeps serving requests (this job's own polls among them) while a large file is checked.
      await new Promise((resolve) => setImmediate(resolve));
      await db.updateTable('import_jobs').set({ processed_rows: processed, total_rows: total }).where('id', '=', id).where('status', '=', 'running').execute();
    },
    async succeed(tx, counts) {
      const claimed = await tx
        .updateTable('import_jobs')
        .set((eb) => ({
          status: 'succeeded',
          processed_rows: eb.ref('total_rows'),
          inserted_rows: counts.inserted,
          updated_rows: counts.updated,
          errors_json: '[]',
          finished_at: nowIso(),
        }))
        .where('id', '=', id)
        .where('status', '=', 'running')
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) throw new ImportGivenUp(id);
    },
    fail: (errors) => failImport(db, id, errors),
  };
}

async function execute(deps: AppDeps, ctx: RequestContext, id: number, spec: ImportJobSpec): Promise<void> {
  const db = deps.database.db;
  const started = await db.updateTable('import_jobs').set({ status: 'running' }).where('id', '=', id).where('status', '=', 'queued').executeTakeFirst();
  if (Number(started.numUpdatedRows) !== 1) return; // given up before it could start
  try {
    await spec.run(runOf(deps, ctx, id, spec));
  } catch (err) {
    if (err instanceof ImportGivenUp) return;
    const detail = String((err as Error)?.message ?? err).slice(0, 300);
    await failImport(db, id, [{ row: 0, column: '', reason: INTERNAL_REASON, params: { detail } }]);
    return;
  }
  // A run that returned without succeeding or failing would leave the job running for ever.
  await failImport(db, id, [{ row: 0, column: '', reason: INTERNAL_REASON }]);
  await refreshStatistics(db).catch(() => undefined);
}

/** Records the upload as a queued job (audited) and runs the import in the background; answers the queued job. */
export async function startImportJob(deps: AppDeps, ctx: RequestContext, spec: ImportJobSpec): Promise<ImportJobView> {
  assertXlsx(spec.data);
  if (ctx.actor.userId === null || ctx.actor.organizationId === null) throw new AppError(403, 'FORBIDDEN', 'error.FORBIDDEN');
  const filename = safeFilename(spec.filename);
  const id = await inTransaction(deps.database, async (tx) => {
    const job = await tx
      .insertInto('import_jobs')
      .values({
        module: spec.module,
        subject: spec.subject,
        user_id: ctx.actor.userId!,
        organization_id: ctx.actor.organizationId!,
        filename,
        status: 'queued',
        total_rows: 0,
        processed_rows: 0,
        inserted_rows: 0,
        updated_rows: 0,
        errors_json: '[]',
        created_at: nowIso(),
        finished_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, ctx, {
      entity: 'import_job',
      entityId: Number(job.id),
      action: 'upload',
      after: { module: spec.module, subject: spec.subject, filename, sizeBytes: spec.data.length },
    });
    return Number(job.id);
  });
  const runSpec = { ...spec, filename };
  setImmediate(() => {
    execute(deps, ctx, id, runSpec).catch(
      () =>
        // The failure could not even be recorded (the database is gone): recovery gives the job up later.
        undefined,
    );
  });
  return getImportJob(deps.database.db, ctx, id);
}
