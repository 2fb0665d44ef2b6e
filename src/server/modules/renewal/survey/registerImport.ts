import ExcelJS from 'exceljs';
import { newWorkbook, workbookToBuffer } from '../../../http/excel.js';
import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError, notFound } from '../../../core/errors.js';
import { translate, type MessageKey } from '../../../core/messages.js';
import { authorize } from '../../../core/policy.js';
import { inTransaction } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { validateCreditCode } from '../../../../shared/validators/creditCode.js';
// The module's messages, registered for translate.
import '../messages.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { grantsOf } from '../../platform/grants/service.js';
import { surveyPolicy } from '../policies/survey.js';
import type { ImportResultView } from './schema.js';

/**
 * 市工信局's register of industrial enterprises above scale into a round: every row is checked (the credit code with
 * its check character, the town by name, the industry by dictionary label or code, no code twice), every error
 * named by row and column, then all rows are written in one transaction — or none, when a single row is wrong. A
 * register is a few thousand rows at most, checked in the request.
 */

export const SHEET_NAME = '规上工业企业名录';
export const COLUMNS = { creditCode: '统一社会信用代码', name: '企业名称', town: '镇街', industry: '行业' } as const;
type Column = keyof typeof COLUMNS;
export const MAX_REGISTER_ROWS = 10_000;

export async function registerTemplate(): Promise<Buffer> {
  const workbook = newWorkbook();
  workbook.creator = 'Huanxin';
  const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = Object.entries(COLUMNS).map(([key, header]) => ({ header, key, width: key === 'name' ? 36 : 22 }));
  sheet.getRow(1).font = { bold: true };
  const help = workbook.addWorksheet('说明 instructions');
  help.getColumn(1).width = 110;
  for (const line of [
    '规上工业企业名录导入说明 / How to fill in the register',
    '每家企业一行：统一社会信用代码（18位，含校验位）、企业名称、镇街（名称）、行业（“重点行业”字典的名称或代码）。',
    'One row per enterprise: 18-character credit code with its check character, name, town (by name), industry (label or code).',
    '任何一行有错误时整份文件都不导入，错误按行列列出 / one error anywhere and nothing is imported; errors are listed by row and column.',
    '名录中已有的信用代码不能重复导入 / a credit code already in the round’s register cannot be imported again.',
  ])
    help.addRow([line]);
  return workbookToBuffer(workbook);
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return v.trim();
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('richText' in v)
    return v.richText
      .map((t) => t.text)
      .join('')
      .trim();
  if ('result' in v) return v.result === undefined || v.result === null ? '' : cellText(v.result as ExcelJS.CellValue);
  if ('text' in v) return String(v.text).trim();
  return '';
}

const unsupported = () =>
  new AppError(415, 'UNSUPPORTED_FILE_TYPE', 'error.UNSUPPORTED_FILE_TYPE', { allowed: 'xlsx' }, [
    { path: 'file', reason: 'field.fileType', params: { allowed: 'xlsx' } },
  ]);

export async function importRegister(deps: AppDeps, ctx: RequestContext, roundId: number, data: Buffer): Promise<ImportResultView> {
  const db = deps.database.db;
  authorize(ctx.actor, surveyPolicy, 'manageRegister', { grants: await grantsOf(db, ctx.actor, 'renewal') });
  if (!(await db.selectFrom('renewal_survey_rounds').select('id').where('id', '=', roundId).executeTakeFirst())) throw notFound();
  if (data.length < 4 || !data.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) throw unsupported();
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw unsupported();
  }
  const errors: ImportResultView['errors'] = [];
  const err = (row: number, column: Column | '', reason: MessageKey, params: Record<string, unknown> = {}) =>
    errors.push({ row, column: column ? COLUMNS[column] : '', message: translate(ctx.locale, reason, params) });
  const fail = (): ImportResultView => ({ status: 'failed', totalRows: 0, importedRows: 0, errors });
  const sheet = workbook.getWorksheet(SHEET_NAME) ?? workbook.worksheets[0];
  if (!sheet) return (err(0, '', 'field.renewal.surveyImportEmpty'), fail());
  const header = sheet.getRow(1);
  const at: Partial<Record<Column, number>> = {};
  header.eachCell((cell, col) => {
    const word = cellText(cell.value).split(/[\s（(]/)[0];
    for (const [k, h] of Object.entries(COLUMNS) as [Column, string][]) if (word === h) at[k] = col;
  });
  for (const k of Object.keys(COLUMNS) as Column[]) if (!at[k]) err(1, k, 'field.renewal.surveyImportMissingColumn', { column: COLUMNS[k] });
  if (errors.length) return fail();

  const towns = new Map((await db.selectFrom('organizations').select(['id', 'name']).where('kind', '=', 'town').execute()).map((t) => [t.name, Number(t.id)]));
  const industries = await db
    .selectFrom('dictionary_items as i')
    .innerJoin('dictionaries as d', 'd.id', 'i.dictionary_id')
    .select(['i.code', 'i.label_zh', 'i.label_en'])
    .where('d.code', '=', 'industry')
    .where('i.enabled', '=', 1)
    .execute();
  const industryOf = (text: string) =>
    industries.find((i) => i.code === text || i.label_zh === text || i.label_en.toLowerCase() === text.toLowerCase())?.code ?? null;
  const existing = new Set(
    (await db.selectFrom('renewal_survey_register').select('credit_code').where('round_id', '=', roundId).execute()).map((r) => r.credit_code),
  );
  const seen = new Map<string, number>();
  const parsed: { creditCode: string; name: string; townId: number; industry: string }[] = [];
  let total = 0;
  for (let n = 2; n <= sheet.rowCount; n++) {
    const row = sheet.getRow(n);
    const cell = (k: Column) => cellText(row.getCell(at[k]!).value);
    const values = { creditCode: cell('creditCode'), name: cell('name'), town: cell('town'), industry: cell('industry') };
    if (Object.values(values).every((v) => v === '')) continue;
    total += 1;
    if (total > MAX_REGISTER_ROWS) return (err(n, '', 'field.renewal.surveyImportTooMany', { max: MAX_REGISTER_ROWS }), fail());
    const code = validateCreditCode(values.creditCode);
    if (!code.ok) err(n, 'creditCode', `field.creditCode.${code.reason}` as MessageKey);
    else if (seen.has(code.value)) err(n, 'creditCode', 'field.renewal.surveyImportDuplicateRow', { row: seen.get(code.value) });
    else if (existing.has(code.value)) err(n, 'creditCode', 'field.renewal.surveyRegisterDuplicate');
    if (code.ok && !seen.has(code.value)) seen.set(code.value, n);
    if (values.name.length < 2 || values.name.length > 100) err(n, 'name', 'field.renewal.surveyImportName');
    const townId = towns.get(values.town);
    if (townId === undefined) err(n, 'town', 'field.renewal.surveyTownUnknown');
    const industry = industryOf(values.industry);
    if (industry === null) err(n, 'industry', 'field.renewal.surveyIndustryUnknown');
    if (code.ok && townId !== undefined && industry !== null) parsed.push({ creditCode: code.value, name: values.name, townId, industry });
  }
  if (total === 0) err(0, '', 'field.renewal.surveyImportEmpty');
  if (errors.length) return { ...fail(), totalRows: total, errors: errors.slice(0, 1000) };

  await inTransaction(deps.database, async (tx) => {
    const orgs = new Map(
      (await tx.selectFrom('organizations').select(['id', 'credit_code']).where('kind', '=', 'enterprise').where('credit_code', 'is not', null).execute()).map(
        (o) => [o.credit_code!, Number(o.id)],
      ),
    );
    const now = nowIso();
    for (let i = 0; i < parsed.length; i += 200)
      await tx
        .insertInto('renewal_survey_register')
        .values(
          parsed.slice(i, i + 200).map((p) => ({
            round_id: roundId,
            credit_code: p.creditCode,
            name: p.name,
            town_id: p.townId,
            industry: p.industry,
            organization_id: orgs.get(p.creditCode) ?? null,
            is_demo: 0,
            created_at: now,
          })),
        )
        .execute();
    await appendAudit(tx, ctx, { entity: 'renewal_survey_round', entityId: roundId, action: 'importRegister', after: { rows: parsed.length } });
  });
  return { status: 'succeeded', totalRows: total, importedRows: parsed.length, errors: [] };
}
