import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { TestApp, TestClient } from '../../../../../test/helpers/testApp.js';
import type { LedgerDefinitionInput } from '../../../../shared/ledgers/definition.js';

/** A kind with a field of every importable type (and a file field, which the sheet leaves out), open to towns. */
export function importDefinition(): LedgerDefinitionInput {
  const l = (zh: string, en: string) => ({ zh, en });
  return {
    name: l('导入测试设备', 'Import test equipment'),
    townAccess: 'edit',
    townField: 'town',
    titleField: 'code',
    fields: [
      { key: 'code', label: l('设备编号', 'Equipment code'), type: 'text', required: true, unique: true, maxLength: 20, pattern: '[A-Z]{2}[0-9]{3,5}' },
      { key: 'units', label: l('数量', 'Units'), type: 'integer', min: 1, max: 100000 },
      { key: 'area', label: l('面积', 'Area'), type: 'decimal', unit: '㎡', decimals: 1, min: 0 },
      { key: 'price', label: l('价格', 'Price'), type: 'money', min: 0 },
      { key: 'commissionedOn', label: l('投用日期', 'In use since'), type: 'date', required: true, notInFuture: true },
      { key: 'material', label: l('材料', 'Material'), type: 'dictionary', dictionary: 'material_kind', required: true },
      { key: 'owner', label: l('产权单位', 'Owner'), type: 'organization' },
      { key: 'town', label: l('镇街', 'Town'), type: 'town', required: true },
      { key: 'location', label: l('位置', 'Location'), type: 'coordinates' },
      { key: 'photo', label: l('照片', 'Photo'), type: 'file' },
    ],
    oldRule: { match: 'any', conditions: [{ op: 'ageAtLeast', field: 'commissionedOn', years: 15 }] },
    events: [{ code: 'install', label: l('新增', 'Added'), effect: 'added' }],
  };
}

let kindNumber = 0;
/** Creates the kind as the office, kept by `keeperOrganizationId`; returns its id. */
export async function createImportKind(office: TestClient, keeperOrganizationId: number, definition = importDefinition()): Promise<number> {
  kindNumber += 1;
  const res = await office.post('/api/ledgers/kinds', { code: `importTest${kindNumber}`, keeperOrganizationId, definition });
  if (res.statusCode !== 201) throw new Error(`kind not created: ${res.statusCode} ${res.body}`);
  return res.json().id as number;
}

/** The kind's template, loaded, with a way to fill rows by field key and to send it back. */
export async function templateOf(client: TestClient, kindId: number, options: { validations?: boolean } = {}) {
  const res = await client.get(`/api/ledgers/kinds/${kindId}/template`);
  expect(res.statusCode).toBe(200);
  const wb = new ExcelJS.Workbook();
  // Read back, the list rules of 20,000 rows become one rule per cell: slow, and only the template test looks at them.
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer, options.validations ? {} : { ignoreNodes: ['dataValidations'] });
  const sheet = wb.worksheets[0]!;
  const headers: string[] = [];
  sheet.getRow(1).eachCell((cell, col) => (headers[col] = cell.text));
  const columnOf = (key: string) => {
    const label = key === 'added' ? '新增日期 Added on' : null;
    const col = headers.findIndex((h) => h !== undefined && (label ? h === label : h.replace(/^\*/, '').split(' ')[0] === LABELS[key]));
    if (col < 0) throw new Error(`no column for ${key}`);
    return col;
  };
  const fill = (row: number, values: Record<string, ExcelJS.CellValue>) => {
    for (const [k, v] of Object.entries(values)) sheet.getCell(row, columnOf(k)).value = v;
  };
  return { wb, sheet, headers, columnOf, fill, buffer: async () => Buffer.from(await wb.xlsx.writeBuffer()) };
}

const LABELS: Record<string, string> = Object.fromEntries((importDefinition().fields ?? []).map((f) => [f.key, f.label.zh]));

export async function upload(c: TestClient, kindId: number, data: Buffer, filename = '设备台账.xlsx', headers: Record<string, string> = {}) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)]), filename);
  return c.request({ method: 'POST', url: `/api/ledgers/kinds/${kindId}/imports`, payload: form as never, headers });
}

export interface JobView {
  id: number;
  status: string;
  totalRows: number;
  processedRows: number;
  insertedRows: number;
  updatedRows: number;
  errors: { row: number; column: string; reason: string; message: string }[];
}

/** Polls the job as the page does until it ends; `seen` collects the progress on the way. */
export async function waitFor(c: TestClient, id: number, seen: JobView[] = [], headers?: Record<string, string>): Promise<JobView> {
  for (let i = 0; i < 6000; i++) {
    const job = (await c.get(`/api/ledgers/imports/${id}`, headers)).json<JobView>();
    seen.push(job);
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('import did not finish');
}

export async function assetsOf(t: TestApp, kindId: number) {
  return t.deps.database.db.selectFrom('ledger_assets').selectAll().where('kind_id', '=', kindId).orderBy('id').execute();
}
