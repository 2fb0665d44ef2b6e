import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/helpers/testApp.js';
import { CONTROLS, EVIDENCE_KEYS } from './controls.js';
import { controlStatus } from './status.js';

interface Control {
  key: string;
  clause: string;
  status: string;
  evidence: {
    control: string;
    found: boolean;
    readable: boolean;
    ok: boolean | null;
    figures: Record<string, unknown>;
    at: string | null;
    error: string | null;
  }[];
  facts: { key: string; state: string; value: { en: string } }[];
}

const evidence = (control: string, ok: boolean, figures: Record<string, number | string> = {}) =>
  JSON.stringify({
    control,
    ok,
    summary: { 'zh-CN': `证据 ${control}`, en: `evidence ${control}` },
    figures,
    command: `npm run ${control}`,
    at: '2026-12-01T10:00:00.000Z',
  });

describe('security controls page (GET /api/security/controls)', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huanxin-evidence-'));
    // Identification: both proofs passing. Audit: one passing, one missing. Intrusion prevention: the scan failed.
    fs.writeFileSync(path.join(dir, 'mfa.json'), evidence('mfa', true, { accounts: 6 }));
    fs.writeFileSync(path.join(dir, 'lockout.json'), evidence('lockout', true));
    fs.writeFileSync(path.join(dir, 'audit-retention.json'), evidence('audit-retention', true, { days: 180 }));
    fs.writeFileSync(path.join(dir, 'scan.json'), evidence('scan', false, { aboveLow: 2 }));
    fs.writeFileSync(path.join(dir, 'fuzzing.json'), evidence('fuzzing', true, { requests: 100_000 }));
    // Not valid evidence, and evidence under the wrong name: neither counts as a pass.
    fs.writeFileSync(path.join(dir, 'backup.json'), '{"ok": true}');
    fs.writeFileSync(path.join(dir, 'crash.json'), evidence('shutdown', true));
    // A second factor for towns only (no town signs in here), so the fact has a role to name.
    t = await createTestApp({ env: { HUANXIN_EVIDENCE_DIR: dir, HUANXIN_MFA_ROLES: 'town' } });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the security and the audit administrators read it; nobody else', async () => {
    for (const user of ['demo_security', 'demo_auditor']) expect((await (await t.login(user)).get('/api/security/controls')).statusCode, user).toBe(200);
    for (const user of ['demo_admin', 'demo_office', 'demo_department', 'demo_merchant', '13800000001']) {
      const c = await t.login(user);
      expect((await c.get('/api/security/controls')).statusCode, user).toBe(403);
      expect((await c.get('/api/security/controls/export')).statusCode, user).toBe(403);
    }
    expect((await t.anonymous.get('/api/security/controls')).statusCode).toBe(401);
  });

  it('every level-3 application control with its clause, status from the evidence found and live facts', async () => {
    const body = (await (await t.login('demo_security')).get('/api/security/controls')).json() as { controls: Control[]; counts: Record<string, number> };
    const byKey = new Map(body.controls.map((c) => [c.key, c]));
    expect(body.controls.map((c) => c.clause)).toEqual(CONTROLS.map((c) => c.clause));
    expect([...byKey.keys()]).toEqual(
      expect.arrayContaining(['identification', 'access-control', 'audit', 'intrusion-prevention', 'integrity', 'confidentiality', 'backup']),
    );
    // Every evidence key is shown by at least one control.
    expect(new Set(body.controls.flatMap((c) => c.evidence.map((e) => e.control)))).toEqual(new Set(EVIDENCE_KEYS));

    const identification = byKey.get('identification')!;
    expect(identification.clause).toBe('8.1.4.1');
    expect(identification.evidence.map((e) => [e.control, e.ok])).toEqual([
      ['mfa', true],
      ['lockout', true],
    ]);
    expect(identification.evidence[0]).toMatchObject({ figures: { accounts: 6 }, at: '2026-12-01T10:00:00.000Z' });
    // Proofs pass, but TLS is not declared in this run: partly, with the fact that says so.
    expect(identification.facts.find((f) => f.key === 'tls')!.state).toBe('warn');
    expect(identification.status).toBe('partly');
    expect(identification.facts.find((f) => f.key === 'mfa')!.value.en).toContain('required of: town');
    // platform/mfa's table exists: the enrolled officials are counted (none has enrolled here).
    expect(identification.facts.find((f) => f.key === 'mfa')!.value.en).toMatch(/, 0 enrolled$/);

    expect(byKey.get('audit')!.status).toBe('partly');
    expect(byKey.get('audit')!.facts.find((f) => f.key === 'audit')).toMatchObject({ state: 'ok' });
    expect(byKey.get('intrusion-prevention')!.status).toBe('failing');
    expect(byKey.get('accessibility')!.status).toBe('not_evidenced');
    const backup = byKey.get('backup')!;
    expect(backup.evidence.find((e) => e.control === 'backup')).toMatchObject({ found: true, readable: false, ok: null });
    expect(backup.evidence.find((e) => e.control === 'crash')).toMatchObject({ found: true, readable: false, error: 'names the control "shutdown"' });
    expect(backup.status).toBe('not_evidenced');
    expect(Object.values(body.counts).reduce((a, b) => a + b, 0)).toBe(CONTROLS.length);
  });

  it('a broken audit chain makes the audit control failing', async () => {
    // The records themselves are append-only (a trigger refuses changes): the chain's head is what is moved.
    const db = t.deps.database.db;
    const head = await db.selectFrom('audit_chains').select(['chain', 'last_hash']).orderBy('chain').executeTakeFirstOrThrow();
    await db
      .updateTable('audit_chains')
      .set({ last_hash: '0'.repeat(64) })
      .where('chain', '=', head.chain)
      .execute();
    try {
      const body = (await (await t.login('demo_auditor')).get('/api/security/controls')).json() as { controls: Control[] };
      const audit = body.controls.find((c) => c.key === 'audit')!;
      expect(audit.facts.find((f) => f.key === 'audit')!.state).toBe('fail');
      expect(audit.status).toBe('failing');
    } finally {
      await db.updateTable('audit_chains').set({ last_hash: head.last_hash }).where('chain', '=', head.chain).execute();
    }
  });

  it('exports a workbook for the assessor, recorded in the audit trail', async () => {
    const res = await (await t.login('demo_auditor')).get('/api/security/controls/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const cells = sheet.getColumn(2).values.filter(Boolean).map(String);
    expect(cells).toEqual(expect.arrayContaining(['8.1.4.1', '8.1.4.3', '8.1.4.9']));
    const rows = sheet.getSheetValues().flat().map(String).join('|');
    expect(rows).toContain('evidence mfa'.replace('evidence', '证据'));
    const audited = await t.deps.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'security_controls')
      .where('outcome', '=', 'ok')
      .execute();
    expect(audited.map((a) => a.action)).toEqual(['export']);
  });
});

describe('control status', () => {
  it('met only when every proof passes and no fact needs attention', () => {
    expect(controlStatus({ evidence: ['ok', 'ok'], facts: ['ok'] })).toBe('met');
    expect(controlStatus({ evidence: ['ok', 'missing'], facts: ['ok'] })).toBe('partly');
    expect(controlStatus({ evidence: ['ok'], facts: ['warn'] })).toBe('partly');
    expect(controlStatus({ evidence: ['ok', 'unreadable'], facts: [] })).toBe('partly');
    expect(controlStatus({ evidence: ['missing', 'unreadable'], facts: ['ok'] })).toBe('not_evidenced');
    expect(controlStatus({ evidence: ['ok', 'failed'], facts: ['ok'] })).toBe('failing');
    expect(controlStatus({ evidence: ['ok'], facts: ['fail'] })).toBe('failing');
  });
});
