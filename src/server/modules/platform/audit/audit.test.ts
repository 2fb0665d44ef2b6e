import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditTrail } from './auditTrail.js';
import { liftAuditGuardsAsDba } from './dbaTampering.js';
import { addDays, shanghaiDate, shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { createTestApp, type TestApp } from '../../../../../test/helpers/testApp.js';

/** Half past midnight in Shanghai, the evening before in UTC: the day filter must count Shanghai days. */
const NOW = shanghaiInstant('2026-03-10', '00:30');

describe('audit trail', () => {
  useFakeClock(NOW);
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const office = await t.login('demo_office');
    const towns = (await t.anonymous.get('/api/towns')).json();
    await office.patch(`/api/organizations/${towns[1].id}`, { address: '梅岭街道办事处', contactMobile: '13512345678' });
    await office.patch(`/api/organizations/${towns[2].id}`, { address: '西园街道办事处' });
  });
  afterAll(() => t.close());

  it('records who, what, before and after, with personal data masked', async () => {
    const rows = await t.deps.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'update').orderBy('id').execute();
    expect(rows).toHaveLength(2);
    const first = rows[0]!;
    expect(first).toMatchObject({ actor_username: 'demo_office', actor_role: 'office', entity: 'organization', outcome: 'ok' });
    expect(first.request_id).toBeTruthy();
    expect(first.after_json).toContain('135****5678');
    expect(first.after_json).not.toContain('13512345678');
    // No ciphertexts or password hashes in the trail.
    const all = await t.deps.database.db.selectFrom('audit_log').select(['before_json', 'after_json']).execute();
    expect(JSON.stringify(all)).not.toMatch(/scrypt\$|v1\.[A-Za-z0-9_-]{10,}\./);
  });

  it('verifies OK, then reports exactly the record that was altered in the database', async () => {
    const ok = await verifyAuditTrail(t.deps.database.db);
    expect(ok.ok).toBe(true);
    const victim = await t.deps.database.db.selectFrom('audit_log').select('id').where('action', '=', 'update').orderBy('id').executeTakeFirstOrThrow();
    // The application cannot alter the trail (retention.test.ts); an insider with the schema owner's rights can.
    await liftAuditGuardsAsDba(t.deps.database.db);
    await t.deps.database.db.updateTable('audit_log').set({ after_json: '{"address":"篡改"}' }).where('id', '=', victim.id).execute();
    const broken = await verifyAuditTrail(t.deps.database.db);
    expect(broken).toMatchObject({ ok: false, brokenId: Number(victim.id), reason: 'hash' });

    const auditor = await t.login('demo_auditor');
    const viaApi = (await auditor.get('/api/audit/verify')).json();
    expect(viaApi).toMatchObject({ ok: false, brokenId: Number(victim.id) });
  });

  it('detects a record removed from the middle and from the end', async () => {
    const t2 = await createTestApp();
    try {
      const office = await t2.login('demo_office');
      const towns = (await t2.anonymous.get('/api/towns')).json();
      for (const i of [1, 2, 3]) await office.patch(`/api/organizations/${towns[i].id}`, { address: `地址${i}` });
      const ids = (await t2.deps.database.db.selectFrom('audit_log').select('id').orderBy('id').execute()).map((r) => Number(r.id));
      await liftAuditGuardsAsDba(t2.deps.database.db);
      await t2.deps.database.db.deleteFrom('audit_log').where('id', '=', ids.at(-1)!).execute();
      expect(await verifyAuditTrail(t2.deps.database.db)).toMatchObject({ ok: false, reason: 'head' });
      await t2.deps.database.db.deleteFrom('audit_log').where('id', '=', ids.at(-3)!).execute();
      expect(await verifyAuditTrail(t2.deps.database.db)).toMatchObject({ ok: false, brokenId: ids.at(-2), reason: 'link' });
    } finally {
      await t2.close();
    }
  });

  it('auditors and the office browse and filter; others may not', async () => {
    const auditor = await t.login('demo_auditor');
    const page = (await auditor.get('/api/audit?entity=organization&action=update&pageSize=5')).json();
    expect(page.total).toBe(2);
    expect(page.items[0].after).toBeTruthy();
    const today = shanghaiDate();
    expect(today).toBe('2026-03-10');
    expect((await auditor.get(`/api/audit?from=${today}&to=${today}`)).json().total).toBeGreaterThan(0);
    // The two updates were made today in Shanghai, though on 9 March in UTC.
    const onDay = async (from: string, to = from) => (await auditor.get(`/api/audit?entity=organization&action=update&from=${from}&to=${to}`)).json().total;
    expect(await onDay(today)).toBe(2);
    expect(await onDay(addDays(today, -1))).toBe(0);
    expect(await onDay(addDays(today, 1))).toBe(0);
    expect(await onDay(addDays(today, -1), addDays(today, 1))).toBe(2);
    expect((await auditor.get('/api/audit?from=2020-13-01')).statusCode).toBe(400);
    const department = await t.login('demo_department');
    expect((await department.get('/api/audit')).statusCode).toBe(403);
    const logins = (await auditor.get('/api/login-events?success=true')).json();
    expect(logins.items.length).toBeGreaterThan(0);
    expect(logins.items.every((e: { success: boolean }) => e.success)).toBe(true);
  });

  it('exports the audit trail (see export.test.ts) and the login log to Excel', async () => {
    const office = await t.login('demo_office');
    for (const url of ['/api/audit/export', '/api/login-events/export.xlsx']) {
      const res = await office.get(url);
      expect(res.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      expect(wb.worksheets[0]!.rowCount).toBeGreaterThan(1);
    }
  });

  it('keeps one unbroken chain when many writes race (several pooled connections on PostgreSQL)', async () => {
    const t3 = await createTestApp();
    try {
      const office = await t3.login('demo_office');
      const towns = (await t3.anonymous.get('/api/towns')).json();
      const before = await verifyAuditTrail(t3.deps.database.db);
      const results = await Promise.all(
        towns.slice(0, 20).map((town: { id: number }, i: number) => office.patch(`/api/organizations/${town.id}`, { address: `并发地址${i}` })),
      );
      expect(results.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
      const after = await verifyAuditTrail(t3.deps.database.db);
      expect(after.ok).toBe(true);
      expect(after.records - before.records).toBe(20);
    } finally {
      await t3.close();
    }
  });
});
