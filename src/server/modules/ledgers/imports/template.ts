import type ExcelJS from 'exceljs';
import { newWorkbook, workbookToBuffer } from '../../../http/excel.js';
import { importKeyField, type LedgerDefinition, type LedgerField } from '../../../../shared/ledgers/definition.js';
import { addedEventOf, importColumns, type ImportColumn, type ImportLabels } from './columns.js';

/**
 * The template of a kind, generated from its definition: the data sheet (first, so an official fills it in and
 * sends it back as it is), an instructions sheet in Chinese and English, and a hidden sheet with the lists the
 * dictionary and town columns offer. Lists come from a sheet, not inline: Excel caps an inline list at 255 characters.
 */

export const MAX_IMPORT_ROWS = 20_000;
const LISTS_SHEET = 'lists';
const INSTRUCTIONS_SHEET = '填写说明 Instructions';

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\. */
export const dataSheetName = (def: LedgerDefinition) => def.name.zh.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || '台账';

/** What a column takes, in both languages: the note on its header and its line in the instructions. */
export function columnHint(column: ImportColumn, labels: ImportLabels): { zh: string; en: string } {
  const f = column.field;
  if (!f) return { zh: '日期，如 2025-03-01；留空表示台账建立前已在用', en: 'A date such as 2025-03-01; empty: in service since before the ledger' };
  const bounds = (unit = '') => {
    const parts: { zh: string[]; en: string[] } = { zh: [], en: [] };
    const scale = f.type === 'money' ? 100 : 1;
    if (f.min !== undefined) {
      parts.zh.push(`不小于 ${f.min / scale}${unit}`);
      parts.en.push(`at least ${f.min / scale}${unit}`);
    }
    if (f.max !== undefined) {
      parts.zh.push(`不大于 ${f.max / scale}${unit}`);
      parts.en.push(`at most ${f.max / scale}${unit}`);
    }
    return parts;
  };
  const join = (head: { zh: string; en: string }, extra: { zh: string[]; en: string[] } = { zh: [], en: [] }) => ({
    zh: [head.zh, ...extra.zh].join('，'),
    en: [head.en, ...extra.en].join(', '),
  });
  const unique = f.unique ? { zh: ['不可重复'], en: ['unique'] } : { zh: [], en: [] };
  const merge = (...all: { zh: string[]; en: string[] }[]) => ({ zh: all.flatMap((a) => a.zh), en: all.flatMap((a) => a.en) });
  switch (f.type) {
    case 'text':
      return join(
        { zh: `文本，最多 ${f.maxLength ?? 200} 字`, en: `Text, at most ${f.maxLength ?? 200} characters` },
        merge(f.pattern ? { zh: [`格式 ${f.pattern}`], en: [`pattern ${f.pattern}`] } : { zh: [], en: [] }, unique),
      );
    case 'integer':
      return join({ zh: '整数', en: 'A whole number' }, merge(bounds(), unique));
    case 'decimal': {
      const unit = f.unit ? { zh: [`单位 ${f.unit}`], en: [`in ${f.unit}`] } : { zh: [], en: [] };
      return join({ zh: `数字，最多 ${f.decimals ?? 2} 位小数`, en: `A number, at most ${f.decimals ?? 2} decimals` }, merge(unit, bounds(), unique));
    }
    case 'money':
      return join({ zh: '金额（元），最多 2 位小数', en: 'An amount in yuan (元), at most 2 decimals' }, merge(bounds(' 元'), unique));
    case 'date':
      return join(
        { zh: '日期，如 2025-03-01', en: 'A date such as 2025-03-01' },
        merge(f.notInFuture ? { zh: ['不晚于今天'], en: ['not after today'] } : { zh: [], en: [] }, unique),
      );
    case 'dictionary': {
      const items = (labels.dictionaries.get(f.dictionary ?? '') ?? []).filter((i) => i.enabled);
      return {
        zh: `从列表选择（名称或代码）：${items.map((i) => i.zh).join('、')}`,
        en: `Pick from the list (name or code): ${items.map((i) => i.en).join(', ')}`,
      };
    }
    case 'town':
      return { zh: '镇街名称，从列表选择', en: 'The town’s name, from the list' };
    case 'organization':
      return { zh: '单位全称，须为系统中已有的单位', en: 'The organisation’s full name as registered in the system' };
    case 'coordinates':
      return { zh: '经度,纬度，如 118.55,24.78', en: 'longitude,latitude such as 118.55,24.78' };
    case 'file':
      return { zh: '', en: '' };
  }
}

/** ExcelJS takes a validation for a whole range (one rule in the file) but its typings only know the per-cell one. */
const rangeValidations = (sheet: ExcelJS.Worksheet) =>
  (sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations;

const TEXT_FORMAT: Partial<Record<LedgerField['type'], string>> = {
  text: '@',
  dictionary: '@',
  town: '@',
  organization: '@',
  coordinates: '@',
  date: 'yyyy-mm-dd',
  money: '0.00',
};

function instructions(def: LedgerDefinition, columns: ImportColumn[], labels: ImportLabels): string[][] {
  const key = importKeyField(def);
  const lines: string[][] = [
    [`${def.name.zh} 导入模板`, `Import template: ${def.name.en}`],
    [],
    [
      '在第一个工作表中每项资产填写一行，第 1 行是表头，请勿修改表头。',
      'On the first sheet, one row per asset below the header row; keep the headers as they are.',
    ],
    ['表头带 * 的列必须填写。', 'Columns whose header starts with * are required.'],
    [
      key
        ? `重新导入：“${key.label.zh}”与台账中已有资产相同的行将更新该资产，其余行新增资产。`
        : '此台账没有唯一字段：每次导入都新增资产，请勿重复导入同一文件。',
      key
        ? `Re-import: a row whose “${key.label.en}” matches an asset already in the ledger updates it; other rows add new assets.`
        : 'This ledger has no unique field: every import adds assets, so do not import the same file twice.',
    ],
    ['任何一行有错误时整份文件都不导入，错误按行和列列出。', 'One error anywhere and nothing is imported; the errors are listed by row and column.'],
    [`每个文件最多 ${MAX_IMPORT_ROWS} 行。`, `At most ${MAX_IMPORT_ROWS} rows per file.`],
    ['日期可写作 2025-03-01、2025/3/1 或 2025年3月1日；金额以元为单位。', 'Dates as 2025-03-01, 2025/3/1 or 2025年3月1日; amounts in yuan (元).'],
  ];
  if (def.townAccess === 'edit') lines.push(['镇街账号只能导入本镇街的资产。', 'A town’s account can import its own town’s assets only.']);
  if (addedEventOf(def))
    lines.push([
      '“新增日期”填写资产新增（投入使用）的日期，将记为一次“新增”。',
      '“Added on” is the day the asset was added (entered service), recorded as an addition.',
    ]);
  lines.push([], ['列', 'Column', '填写要求', 'What it takes']);
  for (const c of columns) {
    const hint = columnHint(c, labels);
    const label = c.field?.label ?? { zh: '新增日期', en: 'Added on' };
    lines.push([label.zh, label.en, hint.zh, hint.en]);
  }
  return lines;
}

/** The template workbook of a kind as xlsx bytes. */
export async function templateWorkbook(def: LedgerDefinition, labels: ImportLabels): Promise<Buffer> {
  const workbook = newWorkbook();
  workbook.creator = 'Huanxin';
  const columns = importColumns(def);
  const sheet = workbook.addWorksheet(dataSheetName(def), { views: [{ state: 'frozen', ySplit: 1 }] });
  const help = workbook.addWorksheet(INSTRUCTIONS_SHEET);
  const lists = workbook.addWorksheet(LISTS_SHEET, { state: 'veryHidden' });

  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: Math.min(40, Math.max(14, c.header.length * 1.6)) }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  let listColumn = 0;
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    const hint = columnHint(c, labels);
    cell.note = `${hint.zh}\n${hint.en}`;
    if (c.required) cell.font = { bold: true, color: { argb: 'FFC00000' } };
    const format = c.field ? TEXT_FORMAT[c.field.type] : 'yyyy-mm-dd';
    if (format) sheet.getColumn(i + 1).numFmt = format;
    const offered =
      c.field?.type === 'dictionary'
        ? (labels.dictionaries.get(c.field.dictionary ?? '') ?? []).filter((d) => d.enabled).map((d) => d.zh)
        : c.field?.type === 'town'
          ? labels.towns.map((t) => t.name)
          : null;
    if (!offered?.length) return;
    listColumn += 1;
    offered.forEach((text, r) => (lists.getCell(r + 1, listColumn).value = text));
    const letter = lists.getColumn(listColumn).letter;
    const target = sheet.getColumn(i + 1).letter;
    // A warning, not a refusal: a code typed instead of its name is accepted on import too.
    rangeValidations(sheet).add(`${target}2:${target}${MAX_IMPORT_ROWS + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`${LISTS_SHEET}!$${letter}$1:$${letter}$${offered.length}`],
      showErrorMessage: true,
      errorStyle: 'warning',
      error: '请从列表中选择 / Pick a value from the list',
    });
  });

  help.columns = [{ width: 28 }, { width: 28 }, { width: 60 }, { width: 60 }];
  for (const line of instructions(def, columns, labels)) help.addRow(line);
  help.getRow(1).font = { bold: true, size: 14 };
  return workbookToBuffer(workbook);
}
