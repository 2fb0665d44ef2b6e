import type ExcelJS from 'exceljs';

/**
 * How an exported sheet prints: officials print exports and file them, so every sheet comes out on A4 landscape,
 * scaled to one page wide (as many pages tall as it takes), the header row repeated on each page and frozen on
 * screen, columns wide enough for their Chinese text, and "page / pages" in the footer.
 */

/** OOXML paper size code of A4. */
export const A4_PAPER = 9;
/** Inches, as OOXML page margins are written: about 15 mm at the sides, 20 mm top and bottom. */
export const PRINT_MARGINS = { left: 0.6, right: 0.6, top: 0.8, bottom: 0.8, header: 0.3, footer: 0.35 } as const;
/** Centred "page / pages": the same in every language an export is made in. */
export const PRINT_FOOTER = '&C&P / &N';
/** Column widths stay between these (in character units); longer text wraps inside the widest column. */
export const MIN_COLUMN_WIDTH = 6;
export const MAX_COLUMN_WIDTH = 50;
/** Rows measured for widths: enough to see what a column holds without reading a whole large export twice. */
const MEASURED_ROWS = 2000;

const headerRows = new WeakMap<ExcelJS.Worksheet, number>();

/**
 * Marks which row is the sheet's column header (row 1 unless a title block sits above it), so the print layout
 * repeats that row and freezes the panes below it.
 */
export function setHeaderRow(sheet: ExcelJS.Worksheet, row: number): void {
  headerRows.set(sheet, row);
}

/** The header row of a sheet: the one marked, else the last frozen row, else none (a free-form sheet). */
export function headerRowOf(sheet: ExcelJS.Worksheet): number | null {
  const marked = headerRows.get(sheet);
  if (marked) return marked;
  const frozen = sheet.views?.find((v) => v.state === 'frozen') as { ySplit?: number } | undefined;
  return frozen?.ySplit ? frozen.ySplit : null;
}

/**
 * Width in Excel character units: East-Asian wide and full-width characters (汉字, 全角标点, kana, hangul) take
 * two units, everything else one — Excel's unit is the width of a digit of the default font.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += isWide(ch.codePointAt(0)!) ? 2 : 1;
  return width;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) || // Hangul Jamo
    (cp >= 0x2e80 && cp <= 0x303e) || // CJK radicals, Kangxi, CJK symbols and punctuation
    (cp >= 0x3041 && cp <= 0x33ff) || // kana, bopomofo, CJK compatibility
    (cp >= 0x3400 && cp <= 0x4dbf) || // CJK extension A
    (cp >= 0x4e00 && cp <= 0x9fff) || // CJK unified ideographs
    (cp >= 0xa960 && cp <= 0xa97f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) || // Hangul syllables
    (cp >= 0xf900 && cp <= 0xfaff) || // CJK compatibility ideographs
    (cp >= 0xfe30 && cp <= 0xfe4f) || // CJK compatibility forms
    (cp >= 0xff00 && cp <= 0xff60) || // full-width forms
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd) // CJK extensions B and beyond
  );
}

/** The text a cell shows, near enough for measuring: dates as yyyy-mm-dd, numbers as written, rich text joined. */
function shownText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return '0000-00-00';
  if (typeof v === 'number') return cell.numFmt && /[#0],[#0]/.test(cell.numFmt) ? v.toLocaleString('en-US') : String(v);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return v.result instanceof Date ? '0000-00-00' : typeof v.result === 'object' || v.result === undefined ? '' : String(v.result);
    return '';
  }
  return String(v);
}

/**
 * Widens each column to its longest line (header included), never narrowing a width a builder chose; cells
 * longer than the widest column wrap. Merged cells (titles across the sheet) do not count.
 */
export function fitColumnWidths(sheet: ExcelJS.Worksheet): void {
  const needed = new Map<number, number>();
  const wrap: ExcelJS.Cell[] = [];
  const last = Math.min(sheet.rowCount, MEASURED_ROWS);
  for (let r = 1; r <= last; r++) {
    sheet.getRow(r).eachCell((cell, c) => {
      if (cell.isMerged) return;
      const lines = shownText(cell).split('\n');
      const width = Math.max(...lines.map(displayWidth)) + (cell.font?.bold ? 3 : 2);
      if (width > MAX_COLUMN_WIDTH) wrap.push(cell);
      needed.set(c, Math.max(needed.get(c) ?? 0, width));
    });
  }
  for (const [c, width] of needed) {
    const column = sheet.getColumn(c);
    const chosen = column.width ?? 0;
    column.width = Math.max(chosen, Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, width)));
  }
  for (const cell of wrap)
    if (displayWidth(shownText(cell)) > (sheet.getColumn(cell.col).width ?? 0)) cell.alignment = { ...cell.alignment, wrapText: true, vertical: 'top' };
}

/** A4 landscape, one page wide, header repeated and frozen, margins and a page-number footer. */
export function applyPrintLayout(sheet: ExcelJS.Worksheet): void {
  const header = headerRowOf(sheet);
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: A4_PAPER,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { ...PRINT_MARGINS },
    ...(header ? { printTitlesRow: `${header}:${header}` } : {}),
  };
  if (header) sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: header, topLeftCell: `A${header + 1}`, activeCell: `A${header + 1}` }];
  sheet.headerFooter = { ...sheet.headerFooter, differentFirst: false, differentOddEven: false, oddFooter: PRINT_FOOTER };
  fitColumnWidths(sheet);
}

/** Lays out every sheet a reader can see (hidden lists behind drop-downs are not printed). */
export function applyPrintLayoutToWorkbook(workbook: ExcelJS.Workbook): void {
  workbook.eachSheet((sheet) => {
    if (sheet.state === 'visible' || sheet.state === undefined) applyPrintLayout(sheet);
  });
}
