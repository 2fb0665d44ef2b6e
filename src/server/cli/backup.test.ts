import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import type { AppDeps } from '../core/deps.js';
import { buildApp } from '../app.js';
import { createDeps } from '../runtime.js';
import { verifyAuditTrail } from '../modules/platform/audit/auditTrail.js';
import { backupCommands, readManifest, tableDigests } from './backup.js';
import { createTestApp, DEMO_PASSWORD, isPostgres, type TestApp, type TestClient } from '../../../test/helpers/testApp.js';
import { recordEvidence } from '../../../test/helpers/evidence.js';

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n% backup evidence\n'), randomBytes(3000)]);
const command = (name: string) => backupCommands.find((c) => c.name === name)!;

async function adminQuery(text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

async function upload(c: TestClient, filename: string, data: Buffer): Promise<number> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)]), filename);
  const res = await c.request({ method: 'POST', url: '/api/attachments', payload: form as never });
  expect(res.statusCode).toBe(201);
  return res.json().id as number;
}

describe('backup and restore', () => {
  let t: TestApp;
  let restored: AppDeps;
  let scratchDb: string | null = null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hx-backup-'));
  const backupDir = path.join(dir, 'backup');
  let attachmentId: number;
  const figures: Record<string, number | string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    const office = await t.login('demo_office');
    const towns = (await t.anonymous.get('/api/towns')).json();
    for (const i of [1, 2, 3]) expect((await office.patch(`/api/organizations/${towns[i].id}`, { address: `备份前地址${i}` })).statusCode).toBe(200);
    attachmentId = await upload(await t.login('demo_department'), 'evidence.pdf', PDF);

    // The restore target: a new SQLite file, or a freshly created PostgreSQL database; its own upload directory.
    let url = `sqlite:${path.join(dir, 'restored', 'restored.db')}`;
    if (isPostgres()) {
      scratchDb = `hx_backup_r_${randomBytes(4).toString('hex')}`;
      await adminQuery(`create database ${scratchDb}`);
      const u = new URL(process.env.DATABASE_URL!);
      u.pathname = `/${scratchDb}`;
      url = u.toString();
    }
    restored = createDeps(
      loadConfig({ ...process.env, NODE_ENV: 'test', DATABASE_URL: url, HUANXIN_DATA_DIR: path.join(dir, 'restored'), HUANXIN_PG_POOL_SIZE: '3' }),
    );
  });
  afterAll(async () => {
    await restored?.database.close();
    await t?.close();
    if (scratchDb) await adminQuery(`drop database if exists ${scratchDb} with (force)`);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('backs up while the app keeps writing, and the manifest describes one consistent snapshot', async () => {
    const office = await t.login('demo_office');
    const towns = (await t.anonymous.get('/api/towns')).json();
    const state = { done: false };
    let writes = 0;
    const load = (async () => {
      while (!state.done) {
        const res = await office.patch(`/api/organizations/${towns[4 + (writes % 5)].id}`, { address: `备份中地址${writes}` });
        expect(res.statusCode).toBe(200);
        writes++;
      }
    })();
    const started = Date.now();
    const code = await command('backup').run(t.deps, [backupDir]);
    figures.backupMs = Date.now() - started;
    state.done = true;
    await load;
    expect(code).toBe(0);
    figures.writesDuringBackup = writes;

    const m = readManifest(backupDir);
    expect(m.dialect).toBe(t.deps.database.dialect);
    // The chain heads and the records were read at one instant although appends went on.
    expect(m.audit.ok).toBe(true);
    expect(m.tables.audit_log!.rows).toBe(m.audit.records);
    expect(m.tables.organizations!.rows).toBeGreaterThan(0);
    expect(m.tables.attachments!.rows).toBe(1);
    expect(m.uploads).toHaveLength(1);
    expect(m.missingAttachmentFiles).toEqual([]);
    // A backup directory is never overwritten.
    expect(await command('backup').run(t.deps, [backupDir])).toBe(1);
  }, 120_000);

  it('restores into a fresh database: every table, the audit chain and the uploaded file match', async () => {
    const started = Date.now();
    expect(await command('restore').run(restored, [backupDir])).toBe(0);
    figures.restoreMs = Date.now() - started;
    const m = readManifest(backupDir);

    // Compared again here, independently of the command's own verdict.
    const digests = await tableDigests(restored.database.db);
    expect(digests).toEqual(m.tables);
    const audit = await verifyAuditTrail(restored.database.db);
    expect(audit).toEqual(m.audit);
    expect(audit.ok).toBe(true);
    figures.tables = Object.keys(digests).length;
    figures.rows = Object.values(digests).reduce((s, d) => s + d.rows, 0);
    figures.auditRecords = audit.records;

    // The restored installation serves the uploaded evidence byte for byte.
    const app = await buildApp(restored);
    try {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo_department', password: DEMO_PASSWORD } });
      expect(login.statusCode).toBe(200);
      const cookie = `hx_session=${login.cookies.find((c) => c.name === 'hx_session')!.value}`;
      const file = await app.inject({ method: 'GET', url: `/api/attachments/${attachmentId}`, headers: { cookie } });
      expect(file.statusCode).toBe(200);
      expect(Buffer.compare(file.rawPayload, PDF)).toBe(0);
    } finally {
      await app.close();
    }
    figures.uploadsRestored = m.uploads.length;
    figures.uploadBytes = m.uploads.reduce((s, u) => s + u.bytes, 0);
  }, 120_000);

  it('refuses a non-empty target without --force, and a backup whose files differ from the manifest', async () => {
    // Signing in above changed sessions and users: the refused restores must leave the database as it is now.
    const now = await tableDigests(restored.database.db);
    expect(await command('restore').run(restored, [backupDir])).toBe(1);
    const m = readManifest(backupDir);
    const upload = path.join(backupDir, 'uploads', m.uploads[0]!.path);
    const bytes = fs.readFileSync(upload);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
    fs.writeFileSync(upload, bytes);
    expect(await command('restore').run(restored, [backupDir, '--force'])).toBe(1);
    // Refused before anything was written.
    expect(await tableDigests(restored.database.db)).toEqual(now);

    const tablesMatching = Object.keys(m.tables).length;
    recordEvidence({
      control: 'backup',
      ok: true,
      summary: {
        en: `A ${t.deps.database.dialect} backup taken while ${figures.writesDuringBackup} writes went on was restored into a fresh database: all ${tablesMatching} tables (${figures.rows} rows) matched in row count and checksum, the audit chain verified (${figures.auditRecords} records) and the uploaded file came back byte for byte.`,
        'zh-CN': `在持续写入（${figures.writesDuringBackup} 次）期间对 ${t.deps.database.dialect} 数据库做备份，并恢复到全新数据库：全部 ${tablesMatching} 张表（${figures.rows} 行）行数与校验和一致，审计哈希链校验通过（${figures.auditRecords} 条），上传文件逐字节一致。`,
      },
      figures: { dialect: t.deps.database.dialect, ...figures, tablesMatching },
      command: 'npx vitest run src/server/cli/backup.test.ts (and with DATABASE_URL=postgres://…); npm run cli -- backup DIR / restore DIR',
    });
  }, 120_000);
});
