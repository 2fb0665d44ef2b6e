import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import { translate, type MessageKey } from '../../../core/messages.js';
import { inTransaction } from '../../../db/database.js';
// The module's messages, registered for translate (also when this file is used outside the app).
import '../messages.js';
import { HEADERS, readSheet, type RawCell, type RawRow } from './excel.js';
import type { CalendarDay, ImportColumn, ImportError, ImportResult, ImportRow } from './schema.js';
import { authorizeCalendarUpdate, readYear, writeYear } from './service.js';

/**
 * A year of the calendar from a spreadsheet: every row checked first, each error by row and column, then the
 * whole year written as the calendar endpoint writes it — or nothing, when a single row is wrong. A dry run (the
 * page's preview) checks and answers without writing.
 */

/** As many as the calendar endpoint takes for one year. */
export const MAX_ROWS = 120;
const MAX_NAME = 100;

/** What officials type for the two kinds, in either language. */
const KINDS: Record<string, 'holiday' | 'workday'> = {
  holiday: 'holiday',
  节假日: 'holiday',
  假日: 'holiday',
  法定节假日: 'holiday',
  放假: 'holiday',
  休: 'holiday',
  workday: 'workday',
  'working day': 'workday',
  调休上班: 'workday',
  调休: 'workday',
  上班: 'workday',
  班: 'workday',
  补班: 'workday',
};

const DAY_MS = 86_400_000;
/** Day 0 of Excel's 1900 date system, as it counts (its 1900 leap-year bug included). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

const isoOf = (y: number, m: number, d: number): string | null => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? date.toISOString().slice(0, 10) : null;
};

/** A date as a sheet holds it: a date cell, Excel's day number, or text such as 2027-01-01, 2027/1/1, 2027年1月1日. */
export function parseCellDate(raw: RawCell): string | null {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? null : raw.toISOString().slice(0, 10);
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw) || raw < 1 || raw > 200_000) return null;
    return new Date(EXCEL_EPOCH_MS + Math.floor(raw) * DAY_MS).toISOString().slice(0, 10);
  }
  const text = raw.trim();
  const parts = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  return parts ? isoOf(Number(parts[1]), Number(parts[2]), Number(parts[3])) : null;
}

const isWeekend = (date: string) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

const shown = (raw: RawCell) => (raw instanceof Date ? raw.toISOString() : String(raw));

/** An error as found: its message key and values, translated for the answer (or by the error handler). */
export interface RowIssue {
  row: number;
  column: ImportColumn | '';
  reason: MessageKey;
  params: Record<string, unknown>;
}

export interface CheckedSheet {
  rows: ImportRow[];
  issues: RowIssue[];
  days: CalendarDay[];
}

export const issueView = (i: RowIssue, locale: RequestContext['locale']): ImportError => ({
  row: i.row,
  column: i.column,
  reason: i.reason.replace(/^field\./, ''),
  message: translate(locale, i.reason, i.params),
});

/** Checks every row against the year; pure, so the rules are tested without a file. */
export function checkRows(year: number, raw: readonly RawRow[]): CheckedSheet {
  const issues: RowIssue[] = [];
  const err = (row: number, column: ImportColumn | '', reason: MessageKey, params: Record<string, unknown> = {}) =>
    issues.push({ row, column, reason, params });
  if (!raw.length) err(0, '', 'field.cartradein.calendar.empty');
  if (raw.length > MAX_ROWS) err(0, '', 'field.cartradein.calendar.tooManyRows', { max: MAX_ROWS, count: raw.length });

  const rows: ImportRow[] = [];
  const days: CalendarDay[] = [];
  const firstRowOf = new Map<string, number>();
  for (const r of raw) {
    let date: string | null = null;
    if (r.date === '') err(r.row, 'date', 'field.cartradein.calendar.dateRequired');
    else {
      date = parseCellDate(r.date);
      if (date === null) err(r.row, 'date', 'field.cartradein.calendar.badDate', { value: shown(r.date) });
      else if (!date.startsWith(`${year}-`)) err(r.row, 'date', 'field.cartradein.dateOutsideYear', { year });
      else if (firstRowOf.has(date)) err(r.row, 'date', 'field.cartradein.calendar.duplicateDate', { date, row: firstRowOf.get(date) });
      else firstRowOf.set(date, r.row);
    }
    const kind = KINDS[r.kind.trim().toLowerCase()] ?? null;
    if (kind === null) err(r.row, 'kind', 'field.cartradein.calendar.unknownKind', { value: r.kind });
    // A holiday on a weekend is how the notice reads (it lists the whole break); a weekday is a working day anyway.
    else if (kind === 'workday' && date !== null && date.startsWith(`${year}-`) && !isWeekend(date))
      err(r.row, 'kind', 'field.cartradein.calendar.workdayOnWeekday', { date });
    const name = r.name.trim();
    if (!name) err(r.row, 'name', 'field.cartradein.calendar.nameRequired');
    else if (name.length > MAX_NAME) err(r.row, 'name', 'field.cartradein.calendar.nameTooLong', { max: MAX_NAME });
    rows.push({ row: r.row, date, kind, name });
    if (date !== null && kind !== null) days.push({ date, working: kind === 'workday', note: name || null });
  }
  issues.sort((a, b) => a.row - b.row);
  return { rows, issues, days: days.sort((a, b) => a.date.localeCompare(b.date)) };
}

/** An xlsx is a zip container: anything else is refused before it is opened. */
export function assertXlsx(data: Buffer): void {
  if (data.length < 4 || !data.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])))
    throw new AppError(415, 'UNSUPPORTED_FILE_TYPE', 'error.UNSUPPORTED_FILE_TYPE', { allowed: 'xlsx' }, [
      { path: 'file', reason: 'field.fileType', params: { allowed: 'xlsx' } },
    ]);
}

export interface ImportOptions {
  dryRun: boolean;
  filename: string;
  source?: string | undefined;
}

/**
 * Previews (dry run) or imports a year. A preview with errors answers 200 with them; an import with errors is
 * refused (400, each error a field `rows.<row>.<column>`) and writes nothing.
 */
export async function importCalendarYear(deps: AppDeps, ctx: RequestContext, year: number, data: Buffer, options: ImportOptions): Promise<ImportResult> {
  // Asked before the file is even opened: who may not import learns nothing about the file.
  await authorizeCalendarUpdate(deps.database.db, ctx, year);
  assertXlsx(data);
  const sheet = await readSheet(data);
  const fileIssue = (problem: 'unreadable' | 'empty'): RowIssue => ({ row: 0, column: '', reason: `field.cartradein.calendar.${problem}`, params: {} });
  const checked: CheckedSheet = sheet.ok
    ? checkRows(year, sheet.rows)
    : {
        rows: [],
        days: [],
        issues: [
          sheet.problem === 'missingColumn'
            ? { row: 1, column: sheet.column, reason: 'field.cartradein.calendar.missingColumn', params: { column: HEADERS[sheet.column] } }
            : fileIssue(sheet.problem),
        ],
      };
  const base = { year, rows: checked.rows, errors: checked.issues.map((i) => issueView(i, ctx.locale)) };
  if (checked.issues.length && !options.dryRun)
    throw new AppError(
      400,
      'VALIDATION_FAILED',
      'error.CALENDAR_IMPORT_INVALID',
      { count: checked.issues.length },
      checked.issues.map((i) => ({ path: i.row ? `rows.${i.row}${i.column ? `.${i.column}` : ''}` : 'file', reason: i.reason, params: i.params })),
    );
  if (options.dryRun) return { ...base, dryRun: true, saved: false, replaces: (await readYear(deps.database.db, year)).length, recomputedDeadlines: null };
  return inTransaction(deps.database, async (tx) => {
    await authorizeCalendarUpdate(tx, ctx, year);
    const replaces = (await readYear(tx, year)).length;
    const moved = await writeYear(tx, ctx, year, checked.days, {
      action: 'import',
      source: options.source,
      audit: { filename: options.filename.slice(-120), rows: checked.days.length },
    });
    return { ...base, dryRun: false, saved: true, replaces, recomputedDeadlines: moved };
  });
}
