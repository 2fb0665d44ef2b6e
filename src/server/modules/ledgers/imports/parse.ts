import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { LedgerDefinition, LedgerField } from '../../../../shared/ledgers/definition.js';
import type { StoredImportError } from '../../platform/imports/kernel.js';
import { headerNames, importColumns, normalHeader, type ImportColumn, type ImportLabels } from './columns.js';

/**
 * Reading a filled-in sheet: which column is which field (by the template's header, the Chinese or English label,
 * or the key), and each cell as the value the shared checks (shared/ledgers/values.ts) expect — a dictionary's
 * code from its name, a town's or organisation's id from its name, a date from an Excel date or the ways people
 * write one, yuan → fen. Whether the value is acceptable is left to those checks, so a form and a file agree.
 */

export interface SheetRow {
  /** The spreadsheet's row number (the header is 1). */
  row: number;
  cells: Map<string, ExcelJS.CellValue>;
}

export interface ReadSheet {
  columns: ImportColumn[];
  /** The header text of each matched column as the file has it (errors name it). */
  headers: Map<string, string>;
  rows: SheetRow[];
}

export type ReadResult = { ok: true; sheet: ReadSheet } | { ok: false; errors: StoredImportError[] };

/** A cell as what the user sees: rich text, formula results and hyperlinks as their text. */
export function plainCell(v: ExcelJS.CellValue): string | number | boolean | Date | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if ('richText' in v)
    return (
      v.richText
        .map((t) => t.text)
        .join('')
        .trim() || null
    );
  if ('result' in v) return v.result === undefined ? null : plainCell(v.result as ExcelJS.CellValue);
  if ('error' in v) return String(v.error);
  if ('text' in v) return String(v.text).trim() || null;
  return null;
}

/**
 * Reads the first sheet; the header row must name every required column. `maxRows`: stops past it. Streamed: a
 * large file is read in chunks that leave the event loop free between them (the page's polls are answered), and
 * faster than loading the whole workbook; the template's list rules and styles are never built.
 */
export async function readLedgerSheet(data: Buffer, def: LedgerDefinition, maxRows: number): Promise<ReadResult> {
  // ExcelJS writes the shared strings after the sheets, so the streaming reader parks each sheet in a temporary
  // file until they arrive; a rare failure there (seen once under a loaded CI: the template read back without its
  // header) is not the file's fault. A refusal stops at the header, so reading a refused file again costs little,
  // and a file that really lacks a column or cannot be read is refused the second time too.
  const first = await readOnce(data, def, maxRows);
  return first.ok ? first : readOnce(data, def, maxRows);
}

async function readOnce(data: Buffer, def: LedgerDefinition, maxRows: number): Promise<ReadResult> {
  const columns = importColumns(def);
  const byName = new Map<string, ImportColumn>();
  for (const c of columns) for (const name of headerNames(c)) if (!byName.has(name)) byName.set(name, c);
  const at = new Map<number, ImportColumn>();
  const headers = new Map<string, string>();
  const rows: SheetRow[] = [];
  let sawHeader = false;
  // Leaving the stream early (a missing column, past the row limit) may make the reader throw as it is torn down;
  // that is not an unreadable file.
  let stopped = false;
  try {
    // Styles are read so that a date-formatted number comes back as a date.
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([data]), {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    });
    // The first sheet only: the instructions and the lists follow it.
    const first = await reader[Symbol.asyncIterator]().next();
    if (first.done) return { ok: false, errors: [{ row: 0, column: '', reason: 'field.ledgers.import.empty' }] };
    const worksheet = first.value;
    for await (const r of worksheet as unknown as AsyncIterable<ExcelJS.Row>) {
      if (!sawHeader) {
        sawHeader = true;
        if (r.number !== 1) {
          stopped = true;
          break;
        }
        r.eachCell((cell, col) => {
          const text = String(plainCell(cell.value) ?? '');
          const c = byName.get(normalHeader(text));
          if (c && !headers.has(c.key)) {
            at.set(col, c);
            headers.set(c.key, text);
          }
        });
        if (columns.some((c) => c.required && !headers.has(c.key))) {
          stopped = true;
          break;
        }
        continue;
      }
      const cells = new Map<string, ExcelJS.CellValue>();
      for (const [col, c] of at) {
        const v = plainCell(r.getCell(col).value);
        if (v !== null) cells.set(c.key, v);
      }
      // A row with only unknown columns filled in (a remark beside the table) is not an asset.
      if (!cells.size) continue;
      rows.push({ row: r.number, cells });
      if (rows.length > maxRows) {
        stopped = true;
        break;
      }
    }
  } catch {
    if (!stopped) return { ok: false, errors: [{ row: 0, column: '', reason: 'field.ledgers.import.unreadable' }] };
  }
  const errors: StoredImportError[] = columns
    .filter((c) => c.required && !headers.has(c.key))
    .map((c) => ({ row: 1, column: c.header, reason: 'field.ledgers.import.missingColumn', params: { column: c.header } }));
  if (errors.length) return { ok: false, errors };
  return { ok: true, sheet: { columns, headers, rows } };
}

type Cell = string | number | boolean | Date;
export type CellResult = { value: unknown } | { issue: { reason: string; params?: Record<string, string | number> } };

const DATE_TEXT = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** A date as text YYYY-MM-DD from an Excel date, a serial day number, or 2025-3-1, 2025/3/1, 2025.3.1, 2025年3月1日. */
export function dateText(v: Cell): string | null {
  // Excel keeps a date as a day number; the library hands it as that day's UTC midnight.
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v === 'number') return v > 0 && v < 100_000 && Number.isInteger(v) ? new Date(EXCEL_EPOCH_MS + v * 86_400_000).toISOString().slice(0, 10) : null;
  const m = DATE_TEXT.exec(String(v).trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date.toISOString().slice(0, 10) : null;
}

const NUMBER_TEXT = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;
/** A number as people type it: "1,234.5", "１２" stays refused, " 12 " is 12. */
const cleanNumber = (text: string) => text.replace(/[,，\s]/g, '');

/** Yuan → whole fen, exactly: "1,234.56" → 123456; more than two decimals is refused, not rounded. */
export function yuanToFen(v: Cell): number | null {
  if (typeof v === 'number') {
    const fen = Math.round(v * 100);
    return Math.abs(fen - v * 100) < 1e-6 ? fen : null;
  }
  const text = cleanNumber(String(v)).replace(/^￥|^¥|元$/g, '');
  if (!/^[-+]?\d+(\.\d{0,2})?$/.test(text)) return null;
  const negative = text.startsWith('-');
  const [whole, cents = ''] = text.replace(/^[-+]/, '').split('.');
  const fen = Number(whole) * 100 + Number(cents.padEnd(2, '0'));
  return negative ? -fen : fen;
}

const textOf = (v: Cell) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim());

/** The input checkValue expects for one cell of a field, or what is wrong with it before any check. */
export function cellInput(field: LedgerField, v: Cell, labels: ImportLabels): CellResult {
  switch (field.type) {
    case 'text':
    case 'coordinates':
      return { value: typeof v === 'number' ? String(v) : textOf(v) };
    case 'integer':
    case 'decimal': {
      if (typeof v === 'number') return { value: v };
      const text = cleanNumber(textOf(v));
      return NUMBER_TEXT.test(text) ? { value: Number(text) } : { issue: { reason: 'field.ledgers.notNumber' } };
    }
    case 'money': {
      if (v instanceof Date || typeof v === 'boolean') return { issue: { reason: 'field.ledgers.notNumber' } };
      const fen = yuanToFen(v);
      return fen === null ? { issue: { reason: 'field.ledgers.import.badMoney' } } : { value: fen };
    }
    case 'date': {
      const d = dateText(v);
      return d ? { value: d } : { issue: { reason: 'field.ledgers.notDate' } };
    }
    case 'dictionary': {
      const text = textOf(v);
      const items = labels.dictionaries.get(field.dictionary ?? '') ?? [];
      const lower = text.toLowerCase();
      const hit = items.find((i) => i.code === text) ?? items.find((i) => i.zh === text) ?? items.find((i) => i.en.toLowerCase() === lower);
      // An unknown text goes to the check as it is, which names it in its refusal.
      return { value: hit ? hit.code : text };
    }
    case 'town': {
      const text = textOf(v);
      const town = labels.towns.find((t) => t.name === text);
      return town ? { value: town.id } : { issue: { reason: 'field.ledgers.import.unknownTownName', params: { value: text } } };
    }
    case 'organization': {
      const text = textOf(v);
      const ids = labels.organizations.get(text) ?? [];
      if (ids.length === 1) return { value: ids[0] };
      return {
        issue: { reason: ids.length ? 'field.ledgers.import.ambiguousOrganization' : 'field.ledgers.import.unknownOrganizationName', params: { value: text } },
      };
    }
    case 'file':
      return { issue: { reason: 'field.ledgers.import.noFiles' } };
  }
}
