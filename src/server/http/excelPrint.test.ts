import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exportWorkbook as calendarExport, templateWorkbook as calendarTemplate } from '../modules/cartradein/calendar/excel.js';
import { templateWorkbook as projectTemplate } from '../modules/renewal/projects/excel.js';
import { registerTemplate } from '../modules/renewal/survey/registerImport.js';
import { newWorkbook, workbookBuffer, workbookToBuffer } from './excel.js';
import { A4_PAPER, MAX_COLUMN_WIDTH, PRINT_FOOTER, displayWidth, setHeaderRow } from './excelPrint.js';

async function readBack(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

/** What every printed export must carry, read from the file as Excel and LibreOffice will. */
function expectPrintLayout(sheet: ExcelJS.Worksheet, headerRow: number | null) {
  const p = sheet.pageSetup;
  expect({ paper: p.paperSize, orientation: p.orientation, fit: p.fitToPage, wide: p.fitToWidth, tall: p.fitToHeight }, sheet.name).toEqual({
    paper: A4_PAPER,
    orientation: 'landscape',
    fit: true,
    wide: 1,
    tall: 0,
  });
  expect(p.margins?.left, sheet.name).toBeGreaterThan(0.3);
  expect(p.margins?.top, sheet.name).toBeGreaterThan(0.3);
  expect(sheet.headerFooter.oddFooter, sheet.name).toBe(PRINT_FOOTER);
  if (headerRow === null) {
    expect(p.printTitlesRow, sheet.name).toBeFalsy();
    return;
  }
  expect(p.printTitlesRow?.replace(/\$/g, ''), sheet.name).toBe(`${headerRow}:${headerRow}`);
  const view = sheet.views?.[0] as { state: string; ySplit?: number } | undefined;
  expect(view?.state, sheet.name).toBe('frozen');
  expect(view?.ySplit, sheet.name).toBe(headerRow);
}

/** Every header and value fits its column, measured with East-Asian characters as two units. */
function expectWidthsFit(sheet: ExcelJS.Worksheet) {
  sheet.eachRow((row) =>
    row.eachCell((cell, c) => {
      if (cell.isMerged || cell.value === null || cell.value instanceof Date || typeof cell.value === 'object') return;
      const need = Math.min(MAX_COLUMN_WIDTH, Math.max(...String(cell.value).split('\n').map(displayWidth)));
      expect(sheet.getColumn(c).width ?? 0, `${sheet.name}!${cell.address} “${String(cell.value)}”`).toBeGreaterThanOrEqual(need);
    }),
  );
}

describe('Excel exports print on A4 landscape', () => {
  it('measures East-Asian characters as two units', () => {
    expect(displayWidth('abc12')).toBe(5);
    expect(displayWidth('统一社会信用代码')).toBe(16);
    expect(displayWidth('（全角）：')).toBe(10);
    expect(displayWidth('晋江市 2025年')).toBe(13);
  });

  it('gives a sheet made with the shared builder the page setup, print titles, frozen header and fitted widths', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({
      i,
      org: `晋江市第${i + 1}号再生资源回收有限公司`,
      code: '91350582MA2XXXXX0X',
      note: '备注'.repeat(40),
    }));
    const buffer = await workbookBuffer({
      name: '回收企业名录',
      rows,
      columns: [
        { header: '序号', value: (r) => r.i + 1 },
        { header: '企业名称', value: (r) => r.org, width: 12 },
        { header: '统一社会信用代码', value: (r) => r.code },
        { header: '说明', value: (r) => r.note },
      ],
    });
    const sheet = (await readBack(buffer)).worksheets[0]!;
    expectPrintLayout(sheet, 1);
    expectWidthsFit(sheet);
    // A width a builder chose is a minimum; Chinese text widens it to two units a character (+ padding).
    expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(displayWidth(rows[39]!.org));
    expect(sheet.getColumn(3).width).toBeGreaterThanOrEqual(displayWidth('统一社会信用代码'));
    // Text longer than the widest column wraps instead of running off the page.
    expect(sheet.getColumn(4).width).toBe(MAX_COLUMN_WIDTH);
    expect(sheet.getCell('D2').alignment?.wrapText).toBe(true);
  });

  it('repeats a header row below a title block, ignores merged titles when measuring, and leaves hidden sheets alone', async () => {
    const wb = newWorkbook();
    const sheet = wb.addWorksheet('反向开票明细');
    sheet.mergeCells('A1:D1');
    sheet.getCell('A1').value = '2025-02 反向开票明细（自然人报废产品出售者）——这是一行很长的标题，横跨整张表';
    sheet.getRow(4).values = ['序号', '开票日期', '出售人姓名', '价税合计'];
    sheet.addRow([1, '2025-02-03', '张三', 1200.5]);
    setHeaderRow(sheet, 4);
    const hidden = wb.addWorksheet('lists', { state: 'veryHidden' });
    hidden.getCell('A1').value = '名单';
    const help = wb.addWorksheet('说明 instructions');
    help.addRow(['本表由回收企业按月报送税务机关。']);
    const back = await readBack(await workbookToBuffer(wb));
    const printed = back.getWorksheet('反向开票明细')!;
    expectPrintLayout(printed, 4);
    expectWidthsFit(printed);
    expect(printed.getColumn(1).width).toBeLessThan(20);
    expect(back.getWorksheet('lists')!.pageSetup.printTitlesRow).toBeFalsy();
    expectPrintLayout(back.getWorksheet('说明 instructions')!, null);
  });

  it('lays out the workbooks modules build themselves (templates with instruction sheets, the calendar export)', async () => {
    const books = {
      calendarTemplate: await calendarTemplate(),
      calendarExport: await calendarExport([{ date: '2025-10-01', working: false, note: '国庆节' }]),
      projectTemplate: await projectTemplate(),
      registerTemplate: await registerTemplate(),
    };
    for (const [name, buffer] of Object.entries(books)) {
      const wb = await readBack(buffer);
      const visible = wb.worksheets.filter((s) => s.state === 'visible');
      expect(visible.length, name).toBeGreaterThan(0);
      for (const sheet of visible) {
        const frozen = sheet.views?.[0] as { state?: string } | undefined;
        expectPrintLayout(sheet, frozen?.state === 'frozen' ? 1 : null);
        expectWidthsFit(sheet);
      }
    }
  });

  it('writes workbooks only through http/excel.ts, so no export misses the print layout', () => {
    const root = join(import.meta.dirname, '..');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.ts$/.test(name) && !/\.test\.ts$|testSetup\.ts$|testSupport\.ts$/.test(name)) files.push(path);
      }
    };
    walk(root);
    expect(files.length).toBeGreaterThan(50);
    const offenders: string[] = [];
    for (const path of files) {
      const at = relative(root, path);
      if (at === join('http', 'excel.ts')) continue;
      const source = readFileSync(path, 'utf8');
      if (/\.xlsx\.write(Buffer|File)?\(|WorkbookWriter|\.csv\.write/.test(source)) offenders.push(`${at}: writes a workbook itself`);
      // Reading an upload needs a bare workbook; building one for download takes newWorkbook().
      if (/new ExcelJS\.Workbook\(/.test(source) && !/\.xlsx\.(load|read|readFile)\(/.test(source)) offenders.push(`${at}: creates a workbook it never loads`);
      if (/\.addWorksheet\(/.test(source) && !/workbookToBuffer/.test(source)) offenders.push(`${at}: adds sheets without workbookToBuffer`);
    }
    expect(offenders).toEqual([]);
  });
});
