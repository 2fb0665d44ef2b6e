import ExcelJS from 'exceljs';
import { newWorkbook, workbookToBuffer } from '../../../http/excel.js';
import type { CalendarDay, ImportColumn } from './schema.js';

/**
 * The calendar as a spreadsheet: the template an official fills in from the State Council's notice, a year's
 * export (which imports back unchanged), and reading a filled-in sheet into cells. Checking the cells is
 * import.ts's; this file only knows the layout.
 */

export const SHEET_NAME = '工作日历';
/** Headers in both languages, so one template serves either; a sheet is read by the words it contains. */
export const HEADERS: Record<ImportColumn, string> = { date: '日期 date', kind: '类型 kind', name: '名称 name' };
const HEADER_WORDS: Record<ImportColumn, RegExp> = { date: /日期|date/i, kind: /类型|kind/i, name: /名称|name/i };
export const KIND_VALUES = { holiday: 'holiday', workday: 'workday' } as const;
/** More rows than any year's notice: the template's drop-down reaches this far. */
const TEMPLATE_ROWS = 120;
const WEEKDAYS_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

const INSTRUCTIONS: string[] = [
  '工作日历导入说明 / How to fill in the working calendar',
  '',
  '每个节假日或调休上班日填一行 / One row per public holiday or make-up working day.',
  '日期 date：YYYY-MM-DD，如 2027-01-01，须在导入的年份内 / within the year being imported.',
  '类型 kind：holiday = 节假日（放假；落在周末的假日也可以列出） / public holiday (weekend days of a holiday may be listed too);',
  '          workday = 调休上班（只能是周六或周日） / make-up working day (a Saturday or Sunday only).',
  '          也可填“节假日”“休”或“调休上班”“班” / 节假日, 休, 调休上班 and 班 are understood as well.',
  '名称 name：如 春节、国庆节调休上班（最多 100 字） / e.g. 春节, 国庆节调休上班 (at most 100 characters).',
  '',
  '导入会替换该年份已有的全部记录；先预览，确认无误后再导入。 / An import replaces everything the year has; preview it first.',
  '依据：国务院办公厅关于该年部分节假日安排的通知 / Source: the State Council’s notice on the year’s holiday arrangements.',
];

function calendarSheet(workbook: ExcelJS.Workbook, withWeekday: boolean): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: HEADERS.date, key: 'date', width: 14, style: { numFmt: 'yyyy-mm-dd' } },
    { header: HEADERS.kind, key: 'kind', width: 14 },
    { header: HEADERS.name, key: 'name', width: 26 },
    ...(withWeekday ? [{ header: '星期 weekday', key: 'weekday', width: 12 }] : []),
  ];
  sheet.getRow(1).font = { bold: true };
  return sheet;
}

/** A drop-down of the two kinds on the kind column, so the common mistake cannot be typed. */
function kindDropDown(sheet: ExcelJS.Worksheet, lastRow: number): void {
  for (let r = 2; r <= lastRow; r++)
    sheet.getCell(r, 2).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`"${KIND_VALUES.holiday},${KIND_VALUES.workday}"`],
      showErrorMessage: false,
    };
}

function instructionsSheet(workbook: ExcelJS.Workbook): void {
  const sheet = workbook.addWorksheet('说明 instructions');
  sheet.getColumn(1).width = 110;
  for (const line of INSTRUCTIONS) sheet.addRow([line]);
  sheet.getRow(1).font = { bold: true };
}

/** A date cell as Excel users expect it: a real date (midnight UTC is how ExcelJS writes a day). */
const asExcelDate = (date: string) => new Date(`${date}T00:00:00Z`);

export async function templateWorkbook(): Promise<Buffer> {
  const workbook = newWorkbook();
  workbook.creator = 'Huanxin';
  const sheet = calendarSheet(workbook, false);
  kindDropDown(sheet, TEMPLATE_ROWS + 1);
  instructionsSheet(workbook);
  return workbookToBuffer(workbook);
}

/** A year as it stands, in the template's layout (plus the weekday, which the import ignores). */
export async function exportWorkbook(days: readonly CalendarDay[]): Promise<Buffer> {
  const workbook = newWorkbook();
  workbook.creator = 'Huanxin';
  const sheet = calendarSheet(workbook, true);
  for (const d of days)
    sheet.addRow({
      date: asExcelDate(d.date),
      kind: d.working ? KIND_VALUES.workday : KIND_VALUES.holiday,
      name: d.note ?? '',
      weekday: WEEKDAYS_ZH[asExcelDate(d.date).getUTCDay()],
    });
  kindDropDown(sheet, Math.max(days.length, TEMPLATE_ROWS) + 1);
  instructionsSheet(workbook);
  return workbookToBuffer(workbook);
}

/** What a cell holds, before any checking: a date cell stays a Date, a number a number, the rest is text. */
export type RawCell = Date | number | string;

export interface RawRow {
  row: number;
  date: RawCell;
  kind: string;
  name: string;
}

export type SheetRead =
  { ok: true; rows: RawRow[] } | { ok: false; problem: 'unreadable' | 'empty' } | { ok: false; problem: 'missingColumn'; column: ImportColumn };

function cellValue(v: ExcelJS.CellValue): RawCell {
  if (v === null || v === undefined) return '';
  if (v instanceof Date || typeof v === 'number') return v;
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'boolean') return String(v);
  if ('richText' in v)
    return v.richText
      .map((t) => t.text)
      .join('')
      .trim();
  if ('result' in v) return v.result === undefined || v.result === null ? '' : cellValue(v.result as ExcelJS.CellValue);
  if ('text' in v) return String(v.text).trim();
  return '';
}

const cellText = (v: ExcelJS.CellValue): string => {
  const c = cellValue(v);
  return c instanceof Date ? c.toISOString().slice(0, 10) : String(c);
};

/** Reads the calendar sheet (by name, else the first): the columns by their header words, rows not all blank. */
export async function readSheet(data: Buffer): Promise<SheetRead> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    return { ok: false, problem: 'unreadable' };
  }
  const sheet = workbook.getWorksheet(SHEET_NAME) ?? workbook.worksheets[0];
  if (!sheet) return { ok: false, problem: 'empty' };
  const columns = new Map<ImportColumn, number>();
  sheet.getRow(1).eachCell((cell, col) => {
    const text = cellText(cell.value);
    for (const key of Object.keys(HEADER_WORDS) as ImportColumn[]) if (!columns.has(key) && HEADER_WORDS[key].test(text)) columns.set(key, col);
  });
  for (const key of Object.keys(HEADER_WORDS) as ImportColumn[]) if (!columns.has(key)) return { ok: false, problem: 'missingColumn', column: key };
  const rows: RawRow[] = [];
  for (let n = 2; n <= sheet.rowCount; n++) {
    const cells = sheet.getRow(n);
    const row: RawRow = {
      row: n,
      date: cellValue(cells.getCell(columns.get('date')!).value),
      kind: cellText(cells.getCell(columns.get('kind')!).value),
      name: cellText(cells.getCell(columns.get('name')!).value),
    };
    if (row.date === '' && !row.kind && !row.name) continue;
    rows.push(row);
  }
  return { ok: true, rows };
}
