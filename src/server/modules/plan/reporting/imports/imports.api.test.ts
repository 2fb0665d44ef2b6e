import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../../../test/helpers/testApp.js';
import { openPeriod, planIdOf } from '../testSupport.js';

async function upload(c: TestClient, data: Buffer, filename = '填报.xlsx') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)]), filename);
  return c.request({ method: 'POST', url: '/api/plan-imports', payload: form as never });
}

/** Polls the import job as the client would, until it is finished. */
async function waitFor(c: TestClient, id: number) {
  for (let i = 0; i < 200; i++) {
    const job = (await c.get(`/api/plan-imports/${id}`)).json();
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('import did not finish');
}

async function template(c: TestClient, periodId: number) {
  const res = await c.get(`/api/plan-reports/template.xlsx?periodId=${periodId}`);
  expect(res.statusCode).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet('填报')!;
  const headers = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => headers.set(cell.text, col));
  return { wb, sheet, col: (h: string) => headers.get(h)! };
}

describe('Excel template round trip', () => {
  let t: TestApp;
  let periodId: number;
  beforeAll(async () => {
    t = await createTestApp();
    periodId = (await openPeriod(await t.login('demo_office'), await planIdOf(t), '2025-03')).id;
  });
  afterAll(() => t.close());

  it('a filled-in template imports every row as a draft; progress is reported', async () => {
    const dept = await t.login('demo_department');
    const { wb, sheet, col } = await template(dept, periodId);
    expect(sheet.rowCount).toBeGreaterThan(3);
    const filled: number[] = [];
    for (let n = 2; n <= sheet.rowCount; n++) {
      const row = sheet.getRow(n);
      const unit = row.getCell(col('计量单位')).text;
      row.getCell(col('本期数值')).value = unit === '%' ? 42.5 : ['个', '台', '座', '部', '场', '项'].includes(unit) ? 3 : 1.25;
      if (row.getCell(col('基期数值')).value !== '—') row.getCell(col('基期数值')).value = 1000;
      row.getCell(col('情况说明')).value = `第${n}行情况`;
      filled.push(Number(row.getCell(col('报告编号')).value));
    }
    const res = await upload(dept, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.statusCode, res.body).toBe(202);
    const job = await waitFor(dept, res.json().id);
    expect(job).toMatchObject({ status: 'succeeded', totalRows: filled.length, processedRows: filled.length, importedRows: filled.length, errors: [] });
    const reports = await t.deps.database.db.selectFrom('plan_reports').select(['status', 'value']).where('id', 'in', filled).execute();
    expect(reports).toHaveLength(filled.length);
    expect(reports.every((r) => r.status === 'draft' && r.value !== null)).toBe(true);
    // Someone else cannot follow my import.
    expect((await (await t.login('demo_finance')).get(`/api/plan-imports/${job.id}`)).statusCode).toBe(403);
  });

  it('a bad file is refused whole with an error per row and column, and nothing is written', async () => {
    const town = await t.login('demo_town');
    const { wb, sheet, col } = await template(town, periodId);
    const ids: number[] = [];
    for (let n = 2; n <= sheet.rowCount; n++) {
      sheet.getRow(n).getCell(col('本期数值')).value = 2;
      ids.push(Number(sheet.getRow(n).getCell(col('报告编号')).value));
    }
    sheet.getRow(2).getCell(col('本期数值')).value = 'abc';
    sheet.getRow(3).getCell(col('本期数值')).value = -4;
    sheet.getRow(4).getCell(col('报告编号')).value = 999999;
    sheet.getRow(5).getCell(col('报告编号')).value = ids[0]!; // the same report as row 2
    const res = await upload(town, Buffer.from(await wb.xlsx.writeBuffer()));
    const job = await waitFor(town, res.json().id);
    expect(job.status).toBe('failed');
    expect(job.importedRows).toBe(0);
    const errors = job.errors.map((e: { row: number; column: string; reason: string }) => `${e.row}:${e.column}:${e.reason}`);
    expect(errors).toEqual(expect.arrayContaining(['2:本期数值:report.notANumber', '4:报告编号:import.unknownReport', '5:报告编号:import.duplicateRow']));
    expect(errors.some((e: string) => e.startsWith('3:本期数值:report.'))).toBe(true);
    expect(job.errors[0].message).toBeTruthy();
    const touched = await t.deps.database.db.selectFrom('plan_reports').select('status').where('id', 'in', ids).execute();
    expect(ids.length).toBeGreaterThan(3);
    expect(touched).toHaveLength(ids.length);
    expect(touched.every((r) => r.status === 'pending')).toBe(true);

    // Not an xlsx at all, and a missing column.
    expect((await upload(town, Buffer.from('hello'), 'x.xlsx')).statusCode).toBe(415);
    const empty = new ExcelJS.Workbook();
    empty.addWorksheet('填报').addRow(['报告编号', '其他']);
    const noColumn = await waitFor(town, (await upload(town, Buffer.from(await empty.xlsx.writeBuffer()))).json().id);
    expect(noColumn.errors[0]).toMatchObject({ row: 1, column: '本期数值', reason: 'import.missingColumn' });
    expect((await (await t.login('demo_office')).get('/api/plan-reports/template.xlsx')).statusCode).toBe(403);
  });
});
