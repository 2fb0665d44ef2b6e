import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditTrail } from './auditTrail.js';
import { liftAuditGuardsAsDba } from './dbaTampering.js';
import { createTestApp, type TestApp } from '../../../../../test/helpers/testApp.js';
import { recordEvidence } from '../../../../../test/helpers/evidence.js';

async function workbook(payload: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(payload as unknown as ArrayBuffer);
  return wb;
}

/** The verification sheet as item → value. */
function facts(wb: ExcelJS.Workbook): Map<string, unknown> {
  const sheet = wb.worksheets[1]!;
  const out = new Map<string, unknown>();
  sheet.eachRow((row, n) => {
    if (n > 1) out.set(row.getCell(1).text, row.getCell(2).value);
  });
  return out;
}

describe("the auditor's export", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const office = await t.login('demo_office');
    const towns = (await t.anonymous.get('/api/towns')).json();
    for (const i of [1, 2, 3]) await office.patch(`/api/organizations/${towns[i].id}`, { address: `导出地址${i}` });
  });
  afterAll(() => t.close());

  it('exports the filtered records with the chain verification made at export time, audits the export, and reports tampering', async () => {
    const auditor = await t.login('demo_auditor');
    const verified = await verifyAuditTrail(t.deps.database.db);
    expect(verified.ok).toBe(true);
    const res = await auditor.request({ method: 'GET', url: '/api/audit/export?entity=organization&action=update', headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = await workbook(res.rawPayload);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Audit trail', 'Chain verification', 'Chain heads']);
    expect(wb.worksheets[0]!.rowCount).toBe(1 + 3);
    const ok = facts(wb);
    expect(ok.get('Result')).toBe('OK');
    expect(ok.get('Records verified')).toBe(verified.records);
    expect(ok.get('Records exported')).toBe(3);
    expect(ok.get('Exported by')).toBe('demo_auditor');
    expect(wb.worksheets[2]!.rowCount).toBe(1 + (verified.ok ? verified.chains : 0));

    // Who exported what, in the trail itself.
    const record = await t.deps.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'audit_log')
      .where('action', '=', 'export')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(record.actor_username).toBe('demo_auditor');
    expect(JSON.parse(record.after_json!)).toMatchObject({
      filters: { entity: 'organization', action: 'update' },
      rows: 3,
      verification: { ok: true, records: verified.records },
    });

    // An insider with the owner's rights alters a record: the next export says which.
    const victim = await t.deps.database.db.selectFrom('audit_log').select('id').where('action', '=', 'update').orderBy('id').executeTakeFirstOrThrow();
    await liftAuditGuardsAsDba(t.deps.database.db);
    await t.deps.database.db.updateTable('audit_log').set({ actor_username: 'someone-else' }).where('id', '=', victim.id).execute();
    const broken = facts(await workbook((await auditor.get('/api/audit/export', { 'accept-language': 'zh-CN' })).rawPayload));
    expect(Object.fromEntries(broken)).toMatchObject({ 校验结果: '已损坏' });
    expect(broken.get('首条损坏记录 ID')).toBe(Number(victim.id));

    const department = await t.login('demo_department');
    expect((await department.get('/api/audit/export')).statusCode).toBe(403);
    expect((await auditor.get('/api/audit/export?from=2026-02-30')).statusCode).toBe(400);

    recordEvidence({
      control: 'audit-export',
      ok: ok.get('Result') === 'OK' && broken.get('首条损坏记录 ID') === Number(victim.id),
      summary: {
        en: `The auditor's Excel export carried ${ok.get('Records exported')} filtered records and the chain verification made at export time (OK over ${verified.records} records); after one record was altered in the database the next export named record ${victim.id} as the first broken one; each export is itself audited.`,
        'zh-CN': `审计员导出的 Excel 含筛选后的 ${ok.get('Records exported')} 条记录及导出时的哈希链校验结果（${verified.records} 条记录校验通过）；在数据库中篡改一条记录后，再次导出指出首条损坏记录为 ${victim.id}；每次导出本身均记入审计日志。`,
      },
      figures: { dialect: t.deps.database.dialect, recordsExported: 3, recordsVerified: verified.records, brokenIdReported: Number(victim.id) },
      command: 'npx vitest run src/server/modules/platform/audit/export.test.ts',
    });
  }, 60_000);
});
