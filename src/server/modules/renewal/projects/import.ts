import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError, notFound } from '../../../core/errors.js';
import { translate, type MessageKey } from '../../../core/messages.js';
import { authorize } from '../../../core/policy.js';
import { shanghaiDate } from '../../../core/time.js';
import { inTransaction, type Queryable } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { PROJECT_CODE, PROJECT_SECTORS, PROJECT_TYPES, type ProjectSector, type ProjectType } from '../../../../shared/enums/renewalProjects.js';
// The module's messages, registered for translate (also when this file is used outside the app).
import '../messages.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { grantsOf } from '../../platform/grants/service.js';
import { projectPolicy } from '../policies/project.js';
import { readSheet, wanToFen, type RawRow } from './excel.js';
import { IMPORT_HEADERS, SECTOR_EN, SECTOR_ZH, TYPE_EN, TYPE_ZH, type ImportColumn } from './labels.js';
import type { ImportJobView } from './schema.js';
import { writeProjects } from './importWrite.js';
import { takenProjectCodes } from './codes.js';

/**
 * A department's existing project list into the library: the file is checked row by row in the background (the
 * page polls the job for progress), every error by row and column, then all rows are written in one transaction —
 * or none, when a single row is wrong.
 */

// A department's whole list at once (a city's few hundred a year; a province's list runs to ten thousand and more).
export const MAX_IMPORT_ROWS = 20_000;
const PROGRESS_EVERY = 100;
/** Rows written per statement: a few statements per 500 projects, not seven per project (bench/renewal). */
const WRITE_CHUNK = 500;
// eslint-disable-next-line no-control-regex
const CONTROL_OR_SLASH = /[\\/\u0000-\u001f]/g;

type ImportError = ImportJobView['errors'][number];

export async function getProjectImport(deps: AppDeps, ctx: RequestContext, id: number): Promise<ImportJobView> {
  const r = await deps.database.db.selectFrom('renewal_project_imports').selectAll().where('id', '=', id).executeTakeFirst();
  // Someone else's import is not there for this reader.
  if (!r || Number(r.user_id) !== ctx.actor.userId) throw notFound();
  return {
    id,
    filename: r.filename,
    status: r.status,
    totalRows: Number(r.total_rows),
    processedRows: Number(r.processed_rows),
    importedRows: Number(r.imported_rows),
    errors: JSON.parse(r.errors_json) as ImportError[],
    createdAt: r.created_at,
    finishedAt: r.finished_at,
  };
}

/** Accepts the uploaded list and imports it in the background; the client polls GET …/imports/{id}. */
export async function startProjectImport(deps: AppDeps, ctx: RequestContext, filename: string, data: Buffer): Promise<ImportJobView> {
  authorize(ctx.actor, projectPolicy, 'import', { grants: await grantsOf(deps.database.db, ctx.actor, 'renewal') });
  if (data.length < 4 || !data.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])))
    throw new AppError(415, 'UNSUPPORTED_FILE_TYPE', 'error.UNSUPPORTED_FILE_TYPE', { allowed: 'xlsx' }, [
      { path: 'file', reason: 'field.fileType', params: { allowed: 'xlsx' } },
    ]);
  const id = await inTransaction(deps.database, async (tx) => {
    const job = await tx
      .insertInto('renewal_project_imports')
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
    await appendAudit(tx, ctx, { entity: 'renewal_project_import', entityId: Number(job.id), action: 'upload', after: { filename, sizeBytes: data.length } });
    return Number(job.id);
  });
  setImmediate(() => {
    runProjectImport(deps, ctx, id, data).catch(async (err: unknown) => {
      // Never leave a job running for ever: an unexpected failure is a failed import, with nothing written.
      await finish(deps.database.db, id, 'failed', 0, [{ row: 0, column: '', reason: 'internal', message: String((err as Error)?.message ?? err) }]).catch(
        () => undefined,
      );
    });
  });
  return getProjectImport(deps, ctx, id);
}

async function finish(db: Queryable, id: number, status: 'succeeded' | 'failed', imported: number, errors: ImportError[]): Promise<void> {
  await db
    .updateTable('renewal_project_imports')
    .set({ status, imported_rows: imported, errors_json: JSON.stringify(errors.slice(0, 1000)), finished_at: nowIso() })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .execute();
}

const DATE = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/;
function parseDate(text: string): string | null {
  const m = DATE.exec(text.trim());
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 ? d.toISOString().slice(0, 10) : null;
}
const YES = new Set(['是', 'y', 'yes', '1', 'true']);
const NO = new Set(['否', 'n', 'no', '0', 'false', '']);

/** A value typed as its Chinese or English label or its code. */
function lookup<T extends string>(codes: readonly T[], zh: Record<T, string>, en: Record<T, string>, text: string): T | null {
  const t = text.trim().toLowerCase();
  return codes.find((c) => c === t || zh[c] === text.trim() || en[c].toLowerCase() === t) ?? null;
}

export interface Parsed {
  row: number;
  code: string | null;
  name: string;
  organizationId: number;
  townId: number;
  sector: ProjectSector;
  industry: string;
  type: ProjectType;
  planned: number;
  equipment: number;
  plannedStart: string;
  plannedEnd: string;
  addsLand: boolean;
  startedOn: string | null;
  energy: number | null;
  emissions: number | null;
}

/** Checks every row (pure but for the look-ups it is given), so the rules are the same for every file. */
async function checkRows(
  db: Queryable,
  raw: readonly RawRow[],
  err: (row: number, column: ImportColumn | '', reason: MessageKey, params?: Record<string, unknown>) => void,
  progress: (n: number) => Promise<void>,
) {
  const towns = new Map((await db.selectFrom('organizations').select(['id', 'name']).where('kind', '=', 'town').execute()).map((t) => [t.name, Number(t.id)]));
  const industries = await db
    .selectFrom('dictionary_items as i')
    .innerJoin('dictionaries as d', 'd.id', 'i.dictionary_id')
    .select(['i.code', 'i.label_zh', 'i.label_en'])
    .where('d.code', '=', 'industry')
    .where('i.enabled', '=', 1)
    .where('i.deleted_at', 'is', null)
    .execute();
  const credit = [...new Set(raw.map((r) => r.creditCode.toUpperCase()).filter(Boolean))];
  const enterprises = new Map<string, number>();
  for (let i = 0; i < credit.length; i += 500)
    for (const o of await db
      .selectFrom('organizations')
      .select(['id', 'credit_code'])
      .where('kind', '=', 'enterprise')
      .where('credit_code', 'in', credit.slice(i, i + 500))
      .execute())
      enterprises.set(String(o.credit_code).toUpperCase(), Number(o.id));
  const taken = await takenProjectCodes(db, [...new Set(raw.map((r) => r.code).filter(Boolean))]);

  const today = shanghaiDate();
  const parsed: Parsed[] = [];
  const firstRowOf = new Map<string, number>();
  for (const [index, r] of raw.entries()) {
    const required = (column: ImportColumn) => {
      if (!r[column]) err(r.row, column, 'field.renewal.projects.import.required');
      return r[column];
    };
    let ok = true;
    const bad = (column: ImportColumn, reason: MessageKey, params: Record<string, unknown> = {}) => {
      ok = false;
      err(r.row, column, reason, params);
    };
    if (r.code) {
      if (!PROJECT_CODE.test(r.code)) bad('code', 'field.renewal.projects.import.badCode');
      else if (firstRowOf.has(r.code)) bad('code', 'field.renewal.projects.import.duplicateCode', { row: firstRowOf.get(r.code) });
      else if (taken.has(r.code)) bad('code', 'field.renewal.projects.import.codeExists', { value: r.code });
      if (!firstRowOf.has(r.code)) firstRowOf.set(r.code, r.row);
    }
    const name = required('name').slice(0, 200);
    const organizationId = r.creditCode ? enterprises.get(r.creditCode.toUpperCase()) : undefined;
    if (r.creditCode && organizationId === undefined) bad('creditCode', 'field.renewal.projects.import.unknownEnterprise', { value: r.creditCode });
    const townId = r.town ? towns.get(r.town) : undefined;
    if (r.town && townId === undefined) bad('town', 'field.renewal.projects.import.unknownTown', { value: r.town });
    const sector = r.sector ? lookup(PROJECT_SECTORS, SECTOR_ZH, SECTOR_EN, r.sector) : null;
    if (r.sector && !sector) bad('sector', 'field.renewal.projects.import.unknownValue', { value: r.sector });
    const industry = r.industry ? industries.find((i) => i.code === r.industry || i.label_zh === r.industry || i.label_en === r.industry)?.code : undefined;
    if (r.industry && !industry) bad('industry', 'field.renewal.projects.import.unknownValue', { value: r.industry });
    const type = r.type ? lookup(PROJECT_TYPES, TYPE_ZH, TYPE_EN, r.type) : null;
    if (r.type && !type) bad('type', 'field.renewal.projects.import.unknownValue', { value: r.type });
    const planned = r.planned ? wanToFen(r.planned) : null;
    if (r.planned && planned === null) bad('planned', 'field.renewal.projects.import.badAmount');
    const equipment = r.equipment ? wanToFen(r.equipment) : null;
    if (r.equipment && equipment === null) bad('equipment', 'field.renewal.projects.import.badAmount');
    if (planned !== null && equipment !== null && equipment > planned) bad('equipment', 'field.renewal.projects.equipmentOverTotal');
    const plannedStart = r.plannedStart ? parseDate(r.plannedStart) : null;
    if (r.plannedStart && !plannedStart) bad('plannedStart', 'field.renewal.projects.import.badDate');
    const plannedEnd = r.plannedEnd ? parseDate(r.plannedEnd) : null;
    if (r.plannedEnd && !plannedEnd) bad('plannedEnd', 'field.renewal.projects.import.badDate');
    if (plannedStart && plannedEnd && plannedEnd < plannedStart) bad('plannedEnd', 'field.renewal.projects.endBeforeStart');
    const land = r.addsLand.trim().toLowerCase();
    if (!YES.has(land) && !NO.has(land)) bad('addsLand', 'field.renewal.projects.import.badYesNo');
    const startedOn = r.startedOn ? parseDate(r.startedOn) : null;
    if (r.startedOn && !startedOn) bad('startedOn', 'field.renewal.projects.import.badDate');
    else if (startedOn && startedOn > today) bad('startedOn', 'field.renewal.projects.dateInFuture');
    const number = (column: 'energy' | 'emissions') => {
      if (!r[column]) return null;
      const v = Number(r[column].replace(/[,，\s]/g, ''));
      if (!Number.isFinite(v) || v < 0) bad(column, 'field.renewal.projects.import.unknownValue', { value: r[column] });
      return v;
    };
    const energy = number('energy');
    const emissions = number('emissions');
    for (const c of ['name', 'creditCode', 'town', 'sector', 'industry', 'type', 'planned', 'equipment', 'plannedStart', 'plannedEnd'] as const)
      if (!r[c]) {
        if (c !== 'name') required(c);
        ok = false;
      }
    if (
      ok &&
      organizationId !== undefined &&
      townId !== undefined &&
      sector &&
      industry &&
      type &&
      planned !== null &&
      equipment !== null &&
      plannedStart &&
      plannedEnd
    )
      parsed.push({
        row: r.row,
        code: r.code || null,
        name,
        organizationId,
        townId,
        sector,
        industry,
        type,
        planned,
        equipment,
        plannedStart,
        plannedEnd,
        addsLand: YES.has(land),
        startedOn,
        energy,
        emissions,
      });
    if ((index + 1) % PROGRESS_EVERY === 0) await progress(index + 1);
  }
  return parsed;
}

export async function runProjectImport(deps: AppDeps, ctx: RequestContext, jobId: number, data: Buffer): Promise<void> {
  const db = deps.database.db;
  const errors: ImportError[] = [];
  const err = (row: number, column: ImportColumn | '', reason: MessageKey, params: Record<string, unknown> = {}) =>
    errors.push({ row, column: column ? IMPORT_HEADERS[column] : '', reason: reason.replace(/^field\./, ''), message: translate(ctx.locale, reason, params) });
  const started = await db
    .updateTable('renewal_project_imports')
    .set({ status: 'running' })
    .where('id', '=', jobId)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  if (Number(started.numUpdatedRows) !== 1) return;
  const sheet = await readSheet(data);
  if (!sheet.ok) {
    if (sheet.problem === 'missingColumn') err(1, sheet.column, 'field.renewal.projects.import.missingColumn', { column: IMPORT_HEADERS[sheet.column] });
    else err(0, '', `field.renewal.projects.import.${sheet.problem}`);
    return finish(db, jobId, 'failed', 0, errors);
  }
  if (!sheet.rows.length) err(0, '', 'field.renewal.projects.import.empty');
  if (sheet.rows.length > MAX_IMPORT_ROWS) err(0, '', 'field.renewal.projects.import.tooManyRows', { max: MAX_IMPORT_ROWS });
  if (errors.length) return finish(db, jobId, 'failed', 0, errors);
  await db.updateTable('renewal_project_imports').set({ total_rows: sheet.rows.length }).where('id', '=', jobId).execute();
  const parsed = await checkRows(db, sheet.rows, err, async (n) => {
    await db.updateTable('renewal_project_imports').set({ processed_rows: n }).where('id', '=', jobId).execute();
  });
  await db.updateTable('renewal_project_imports').set({ processed_rows: sheet.rows.length }).where('id', '=', jobId).execute();
  if (errors.length)
    return finish(
      db,
      jobId,
      'failed',
      0,
      errors.sort((a, b) => a.row - b.row),
    );
  await inTransaction(deps.database, async (tx) => {
    for (let i = 0; i < parsed.length; i += WRITE_CHUNK) await writeProjects(tx, ctx, jobId, parsed.slice(i, i + WRITE_CHUNK));
    const claimed = await tx
      .updateTable('renewal_project_imports')
      .set({ status: 'succeeded', imported_rows: parsed.length, errors_json: '[]', finished_at: nowIso() })
      .where('id', '=', jobId)
      .where('status', '=', 'running')
      .executeTakeFirst();
    // Given up meanwhile: roll the rows back, so a job never reads failed with its rows saved.
    if (Number(claimed.numUpdatedRows) !== 1) throw new Error('import given up');
    await appendAudit(tx, ctx, { entity: 'renewal_project_import', entityId: jobId, action: 'import', after: { rows: parsed.length } });
  });
}
