import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { applyPrintLayoutToWorkbook, setHeaderRow } from './excelPrint.js';

export { displayWidth, setHeaderRow } from './excelPrint.js';

export interface SheetColumn<Row> {
  header: string;
  width?: number;
  value: (row: Row) => string | number | boolean | null | undefined;
}

export interface SheetSpec<Row> {
  name: string;
  columns: SheetColumn<Row>[];
  rows: Iterable<Row>;
}

/** One sheet an official can sort and filter at once: bold frozen header, auto-filter, sensible widths. */
export function addSheet<Row>(workbook: ExcelJS.Workbook, spec: SheetSpec<Row>): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(spec.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = spec.columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width ?? Math.max(10, c.header.length * 2 + 2) }));
  for (const row of spec.rows) sheet.addRow(spec.columns.map((c) => c.value(row) ?? null));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: spec.columns.length } };
  setHeaderRow(sheet, 1);
  return sheet;
}

/** A new workbook for an export or a template; write it with `workbookToBuffer` so it prints like every other. */
export function newWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Huanxin';
  workbook.created = new Date();
  return workbook;
}

/** The one place workbooks are written: every visible sheet gets the print layout of `excelPrint.ts` first. */
export async function workbookToBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  applyPrintLayoutToWorkbook(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function workbookBuffer<Row>(...sheets: SheetSpec<Row>[]): Promise<Buffer> {
  const workbook = newWorkbook();
  for (const s of sheets) addSheet(workbook, s);
  return workbookToBuffer(workbook);
}

export function sendXlsx(reply: FastifyReply, filename: string, buffer: Buffer): FastifyReply {
  return reply
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .send(buffer);
}
