import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { verifyAuditTrail } from '../../platform/audit/auditTrail.js';
import { failStaleProjectImports } from './importRecovery.js';
import { IMPORT_HEADERS } from './labels.js';
import { addDepartmentUser, addEnterprise, TEST_PASSWORD } from './testSetup.js';

async function upload(c: TestClient, data: Buffer, filename = '项目清单.xlsx') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)]), filename);
  return c.request({ method: 'POST', url: '/api/renewal/projects/imports', payload: form as never });
}

/** Polls the job as the page does, until it is finished; returns the progress seen on the way. */
async function waitFor(c: TestClient, id: number) {
  for (let i = 0; i < 400; i++) {
    const job = (await c.get(`/api/renewal/projects/imports/${id}`)).json();
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('import did not finish');
}

const CREDIT = '91350582MA2RP0001X';

describe('importing a department’s project list', () => {
  let t: TestApp;
  let miit: TestClient;
  let ent: TestClient;
  let townName: string;

  beforeAll(async () => {
    t = await createTestApp();
    const town = await t.deps.database.db.selectFrom('organizations').select(['id', 'name']).where('kind', '=', 'town').orderBy('id').executeTakeFirstOrThrow();
    townName = town.name;
    await addEnterprise(t, 'imp_ent', Number(town.id), CREDIT);
    await addDepartmentUser(t, 'imp_miit', '市工信局');
    miit = await t.login('imp_miit', TEST_PASSWORD);
    ent = await t.login('imp_ent', TEST_PASSWORD);
  });
  afterAll(() => t.close());

  async function template() {
    const res = await miit.get('/api/renewal/projects/import-template.xlsx');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('项目清单')!;
    const col = new Map<string, number>();
    sheet.getRow(1).eachCell((cell, c) => col.set(cell.text, c));
    const fill = (row: number, values: Partial<Record<keyof typeof IMPORT_HEADERS, string | number>>) => {
      for (const [k, v] of Object.entries(values)) sheet.getCell(row, col.get(IMPORT_HEADERS[k as keyof typeof IMPORT_HEADERS])!).value = v;
    };
    return { wb, fill, buffer: async () => Buffer.from(await wb.xlsx.writeBuffer()) };
  }

  const good = (n: number) => ({
    code: `JXW-2026-${String(n).padStart(4, '0')}`,
    name: `导入项目 ${n}`,
    creditCode: CREDIT,
    town: '',
    sector: '工业',
    industry: '纺织服装',
    type: '技术改造',
    planned: '1200.5',
    equipment: 800,
    plannedStart: '2026-02-01',
    plannedEnd: '2026-11-30',
    addsLand: '否',
  });

  it('is for the renewal manager only, and takes xlsx only', async () => {
    expect((await ent.get('/api/renewal/projects/import-template.xlsx')).statusCode).toBe(403);
    expect((await upload(ent, Buffer.from('PK\u0003\u0004'))).statusCode).toBe(403);
    expect((await upload(miit, Buffer.from('a,b,c'))).statusCode).toBe(415);
  });

  it('lists every error by row and column and imports nothing when any row is wrong', async () => {
    const { fill, buffer } = await template();
    fill(2, { ...good(1), town: townName });
    fill(3, { ...good(2), town: '火星镇', sector: '航天', planned: '12.1234567', equipment: 10 });
    fill(4, { ...good(3), town: townName, code: 'JXW-2026-0001', creditCode: '91350582MA2NOPE00X', plannedEnd: '2026-01-01', addsLand: '也许' });
    fill(5, { ...good(4), town: townName, planned: 100, equipment: 200, name: '' });
    const job = await waitFor(miit, (await upload(miit, await buffer())).json().id);
    expect(job.status).toBe('failed');
    const at = job.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column.split(' ')[0]}`);
    expect(at).toEqual(
      expect.arrayContaining([
        '3:所在镇街',
        '3:领域',
        '3:计划总投资（万元）',
        '4:项目编号',
        '4:统一社会信用代码',
        '4:计划竣工',
        '4:是否新增用地',
        '5:其中设备投资（万元）',
        '5:项目名称',
      ]),
    );
    expect(at).not.toContain('2:项目名称');
    expect(job.errors[0].message).toBeTruthy();
    expect(await t.deps.database.db.selectFrom('renewal_projects').select('id').where('origin', '=', 'imported').execute()).toEqual([]);
  });

  it('imports all rows into the library, exact to the fen, with progress for a large file', async () => {
    const { fill, buffer } = await template();
    const n = 250;
    for (let i = 0; i < n; i++) fill(2 + i, { ...good(100 + i), town: townName, ...(i === 0 ? { startedOn: '2026-03-01' } : {}) });
    const started = await upload(miit, await buffer());
    expect(started.statusCode).toBe(202);
    const job = await waitFor(miit, started.json().id);
    expect(job).toMatchObject({ status: 'succeeded', totalRows: n, processedRows: n, importedRows: n, errors: [] });
    const rows = await t.deps.database.db.selectFrom('renewal_projects').selectAll().where('origin', '=', 'imported').orderBy('id').execute();
    expect(rows.length).toBe(n);
    // 1200.5万元 = 12,005,000,000 fen, exactly.
    expect(Number(rows[0]!.planned_investment_fen)).toBe(1_200_500_000);
    expect(rows.map((r) => r.status)).toEqual(['under_construction', ...Array(n - 1).fill('in_library')]);
    expect(rows[0]!.industry).toBe('textile_apparel');
    // Someone else's job is not there for the enterprise (nor for another reader).
    expect((await ent.get(`/api/renewal/projects/imports/${job.id}`)).statusCode).toBe(403);
    // The same codes again: refused as already in the library.
    const again = await waitFor(miit, (await upload(miit, await buffer())).json().id);
    expect(again.status).toBe('failed');
    expect(again.errors[0].reason).toBe('renewal.projects.import.codeExists');
  });

  it('writes a list longer than a chunk: codes given by id, one timeline entry and one audit record per project, the chain intact', async () => {
    const { fill, buffer } = await template();
    const n = 520;
    // No codes of their own: the library gives each its RP code.
    for (let i = 0; i < n; i++) fill(2 + i, { ...good(0), code: '', name: `分批导入 ${i}`, town: townName });
    const job = await waitFor(miit, (await upload(miit, await buffer())).json().id);
    expect(job).toMatchObject({ status: 'succeeded', importedRows: n });
    const db = t.deps.database.db;
    const rows = await db.selectFrom('renewal_projects').select(['id', 'code', 'name', 'status']).where('name', 'like', '分批导入 %').orderBy('id').execute();
    expect(rows).toHaveLength(n);
    for (const r of rows) expect(r.code).toBe(`RP-2026-${String(r.id).padStart(6, '0')}`);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['in_library']));
    const ids = rows.map((r) => String(r.id));
    const timeline = await db
      .selectFrom('record_timeline')
      .select(['entity_id', 'action'])
      .where('entity', '=', 'renewal_project')
      .where(
        'entity_id',
        'in',
        rows.map((r) => Number(r.id)),
      )
      .execute();
    expect(timeline).toHaveLength(n);
    expect(new Set(timeline.map((e) => e.action))).toEqual(new Set(['import']));
    const audits = await db.selectFrom('audit_log').select('entity_id').where('entity', '=', 'renewal_project').where('entity_id', 'in', ids).execute();
    expect(audits).toHaveLength(n);
    expect((await verifyAuditTrail(db)).ok).toBe(true);
  });

  it('gives up an import whose process died, writing nothing', async () => {
    const db = t.deps.database.db;
    const user = await db.selectFrom('users').select(['id', 'organization_id']).where('username', '=', 'imp_miit').executeTakeFirstOrThrow();
    const old = new Date(Date.now() - 20 * 60_000).toISOString();
    const job = await db
      .insertInto('renewal_project_imports')
      .values({
        user_id: user.id,
        organization_id: user.organization_id!,
        filename: 'dead.xlsx',
        status: 'running',
        total_rows: 10,
        processed_rows: 3,
        imported_rows: 0,
        errors_json: '[]',
        created_at: old,
        finished_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(await failStaleProjectImports(t.deps, new Date())).toEqual([Number(job.id)]);
    const view = (await miit.get(`/api/renewal/projects/imports/${job.id}`)).json();
    expect(view).toMatchObject({ status: 'failed', errors: [{ reason: 'renewal.projects.import.interrupted' }] });
    // A fresh one is left alone.
    expect(await failStaleProjectImports(t.deps, new Date())).toEqual([]);
  });

  it('exports a filtered list that reads back in the template’s columns', async () => {
    const res = await miit.get('/api/renewal/projects/export.xlsx?status=under_construction');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(1).text).toBe('JXW-2026-0100');
  });
});
