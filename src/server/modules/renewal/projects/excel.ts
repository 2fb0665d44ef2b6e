import ExcelJS from 'exceljs';
import type { Locale } from '../../../../shared/roles.js';
import { PROJECT_SECTORS, PROJECT_TYPES, wanToFen } from '../../../../shared/enums/renewalProjects.js';
import { addSheet, newWorkbook, workbookToBuffer } from '../../../http/excel.js';
import { exportLabels, IMPORT_HEADERS, SECTOR_ZH, TYPE_ZH, type ImportColumn } from './labels.js';
import type { ProjectRow } from './queries.js';

/**
 * The project list as a spreadsheet: the template a department fills in from its existing list, the export of any
 * filtered list, and reading a filled-in sheet into text cells (checking them is import.ts's).
 */

export const SHEET_NAME = '项目清单';
const FEN_PER_WAN = 1_000_000;

export { wanToFen };
export const fenToWan = (fen: number | string | null) => (fen === null ? null : Number(fen) / FEN_PER_WAN);

const INSTRUCTIONS = [
  '技改项目清单导入说明 / How to fill in the project list',
  '',
  '每个项目一行；导入的项目直接进入项目库（已入库），填写了实际开工日期的为在建。 / One row per project; imported projects enter the library (started ones are under construction).',
  `领域 sector：${PROJECT_SECTORS.map((s) => SECTOR_ZH[s]).join('、')}`,
  `项目类型 type：${PROJECT_TYPES.map((t) => TYPE_ZH[t]).join('、')}`,
  '行业 industry：字典“技改项目行业”的名称或代码，如 纺织、鞋服、建材 / a name or code of the renewal industry dictionary.',
  '统一社会信用代码：须为系统中已登记的企业或单位 / the enterprise must be registered in the system.',
  '金额以万元为单位，最多六位小数；设备投资不能超过总投资 / amounts in 万元; the equipment share cannot exceed the total.',
  '日期 YYYY-MM-DD；是否新增用地填 是 或 否 / dates as YYYY-MM-DD; adds land: 是 or 否.',
  '任何一行有错误时整份文件都不导入，错误按行列列出 / one error anywhere and nothing is imported; errors are listed by row and column.',
];

export async function templateWorkbook(): Promise<Buffer> {
  const workbook = newWorkbook();
  workbook.creator = 'Huanxin';
  const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = Object.entries(IMPORT_HEADERS).map(([key, header]) => ({ header, key, width: Math.max(14, header.length + 4) }));
  sheet.getRow(1).font = { bold: true };
  const col = (key: ImportColumn) => Object.keys(IMPORT_HEADERS).indexOf(key) + 1;
  const list = (values: string[]) => ({ type: 'list' as const, allowBlank: true, formulae: [`"${values.join(',')}"`], showErrorMessage: false });
  for (let r = 2; r <= 501; r++) {
    sheet.getCell(r, col('sector')).dataValidation = list(Object.values(SECTOR_ZH));
    sheet.getCell(r, col('type')).dataValidation = list(Object.values(TYPE_ZH));
    sheet.getCell(r, col('addsLand')).dataValidation = list(['是', '否']);
  }
  const help = workbook.addWorksheet('说明 instructions');
  help.getColumn(1).width = 120;
  for (const line of INSTRUCTIONS) help.addRow([line]);
  help.getRow(1).font = { bold: true };
  return workbookToBuffer(workbook);
}

/** A filtered list in the template's columns (so it imports back elsewhere), plus status and outcome. */
export async function exportWorkbook(rows: readonly ProjectRow[], locale: Locale, industryLabel: (code: string) => string): Promise<Buffer> {
  const l = exportLabels(locale);
  const h = IMPORT_HEADERS;
  const workbook = newWorkbook();
  workbook.creator = 'Huanxin';
  addSheet<ProjectRow>(workbook, {
    name: l.sheet,
    rows,
    columns: [
      { header: h.code, width: 18, value: (p) => p.code },
      { header: h.name, width: 32, value: (p) => p.name },
      { header: l.enterprise, width: 28, value: (p) => p.organization_name },
      { header: h.town, width: 14, value: (p) => p.town_name },
      { header: h.sector, value: (p) => l.sectors[p.sector] },
      { header: h.industry, value: (p) => industryLabel(p.industry) },
      { header: h.type, value: (p) => l.types[p.type] },
      { header: l.status, value: (p) => l.statuses[p.status] },
      { header: l.year, width: 8, value: (p) => Number(p.year) },
      { header: h.planned, value: (p) => fenToWan(p.planned_investment_fen) },
      { header: h.equipment, value: (p) => fenToWan(p.planned_equipment_fen) },
      { header: l.actual, value: (p) => fenToWan(p.actual_investment_fen) },
      { header: h.plannedStart, value: (p) => p.planned_start },
      { header: h.plannedEnd, value: (p) => p.planned_end },
      { header: h.addsLand, value: (p) => (Number(p.adds_land) === 1 ? l.yes : l.no) },
      { header: l.simplified, value: (p) => (Number(p.simplified) === 1 ? l.yes : l.no) },
      { header: h.startedOn, value: (p) => p.started_on },
      { header: l.completedOn, value: (p) => p.completed_on },
      { header: h.energy, value: (p) => (p.energy_saved_tce === null ? null : Number(p.energy_saved_tce)) },
      { header: h.emissions, value: (p) => (p.emissions_reduced_t === null ? null : Number(p.emissions_reduced_t)) },
      { header: l.approvedAt, value: (p) => p.approved_at },
    ],
  });
  return workbookToBuffer(workbook);
}

export type RawRow = { row: number } & Record<ImportColumn, string>;
export type SheetRead =
  { ok: true; rows: RawRow[] } | { ok: false; problem: 'unreadable' | 'empty' } | { ok: false; problem: 'missingColumn'; column: ImportColumn };

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return v.trim();
  if ('richText' in v)
    return v.richText
      .map((t) => t.text)
      .join('')
      .trim();
  if ('result' in v) return v.result === undefined || v.result === null ? '' : cellText(v.result as ExcelJS.CellValue);
  if ('text' in v) return String(v.text).trim();
  return '';
}

/** The headers' Chinese words, by which a sheet's columns are found (a department may keep only those). */
const headerWord = (header: string) => header.split(/[\s（(]/)[0]!;
const REQUIRED: readonly ImportColumn[] = ['name', 'creditCode', 'town', 'sector', 'industry', 'type', 'planned', 'equipment', 'plannedStart', 'plannedEnd'];

/** Reads the list sheet (by name, else the first): columns by header, rows not all blank. */
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
    for (const [key, header] of Object.entries(IMPORT_HEADERS) as [ImportColumn, string][])
      if (!columns.has(key) && (text === header || text.startsWith(headerWord(header)))) columns.set(key, col);
  });
  for (const key of REQUIRED) if (!columns.has(key)) return { ok: false, problem: 'missingColumn', column: key };
  const rows: RawRow[] = [];
  for (let n = 2; n <= sheet.rowCount; n++) {
    const cells = sheet.getRow(n);
    const row = { row: n } as RawRow;
    for (const key of Object.keys(IMPORT_HEADERS) as ImportColumn[]) {
      const col = columns.get(key);
      row[key] = col === undefined ? '' : cellText(cells.getCell(col).value);
    }
    if ((Object.keys(IMPORT_HEADERS) as ImportColumn[]).every((k) => !row[k])) continue;
    rows.push(row);
  }
  return { ok: true, rows };
}
