import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/helpers/testApp.js';
import { recordEvidence } from '../../../../../test/helpers/evidence.js';
import { buildApp } from '../../../app.js';
import { loadConfig } from '../../../config.js';
import { systemContext } from '../../../core/context.js';
import { encrypt } from '../../../core/crypto.js';
import { ciphertextForm, type CryptoSuite } from '../../../core/cryptoSuites.js';
import type { AppDeps } from '../../../core/deps.js';
import { inTransaction } from '../../../db/database.js';
import { createDeps, prepareDatabase } from '../../../runtime.js';
import { appendAudit, useAuditHashSuite, verifyAuditTrail } from '../audit/auditTrail.js';
import { sealedColumns, type AnyDb } from './registry.js';

const DEV_KEY = 'huanxin-dev-encryption-key-change-me';
const suite: CryptoSuite = process.env.HUANXIN_CRYPTO === 'sm' ? 'sm' : 'aes';
const other: CryptoSuite = suite === 'sm' ? 'aes' : 'sm';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  useAuditHashSuite(suite);
  await t?.close();
});

/** Another process on the same database, with its own key configuration. */
async function otherProcess(env: Record<string, string | undefined>): Promise<AppDeps> {
  const base = { ...process.env };
  delete base.HUANXIN_ENCRYPTION_KEY;
  delete base.HUANXIN_ENCRYPTION_KEYS;
  const config = loadConfig({
    ...base,
    NODE_ENV: 'test',
    HUANXIN_DATA_DIR: t.deps.config.dataDir,
    DATABASE_URL: t.deps.config.databaseUrl,
    LOG_LEVEL: 'silent',
    HUANXIN_PG_POOL_SIZE: '3',
    ...env,
  } as NodeJS.ProcessEnv);
  const deps = createDeps(config);
  await prepareDatabase(deps, { demo: false });
  return deps;
}

async function allSealed(deps: AppDeps): Promise<{ where: string; value: string }[]> {
  const out: { where: string; value: string }[] = [];
  for (const c of await sealedColumns(deps.database.db)) {
    const rows = await (deps.database.db as AnyDb).selectFrom(c.table).select(`${c.column} as v`).where(c.column, 'is not', null).execute();
    for (const r of rows as { v: string }[]) out.push({ where: `${c.table}.${c.column}`, value: r.v });
  }
  return out;
}

async function poll(client: Awaited<ReturnType<TestApp['login']>>, id: number) {
  for (let i = 0; i < 400; i++) {
    const body = (await client.get('/api/keys')).json();
    const run = body.history.find((r: { id: number }) => r.id === id);
    if (run && run.status !== 'running') return { body, run };
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('re-encryption did not finish');
}

describe('key versions and re-encryption', () => {
  it('shows keys to the security and audit administrators only; starting needs confirmation and the security role', async () => {
    const security = await t.login('demo_security');
    const status = await security.get('/api/keys');
    expect(status.statusCode).toBe(200);
    expect(status.json()).toMatchObject({ suite, activeVersion: 1, versions: [{ version: 1, state: 'active', configured: true }] });
    expect(JSON.stringify(status.json())).not.toContain(t.deps.config.encryptionKey.toString('hex'));
    expect((await (await t.login('demo_auditor')).get('/api/keys')).statusCode).toBe(200);
    expect((await (await t.login('demo_office')).get('/api/keys')).statusCode).toBe(403);
    expect((await (await t.login('demo_auditor')).post('/api/keys/reencrypt', { confirm: true })).statusCode).toBe(403);
    const unconfirmed = await security.post('/api/keys/reencrypt', {});
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.json().error.details[0]).toMatchObject({ field: 'confirm' });
  });

  it('re-seals every *_enc value with key 2, retires key 1, and opens everything without key 1', async () => {
    // Data sealed in every form a database may hold: the first v1 form, today's suite, the other suite.
    const db = t.deps.database.db;
    const users = await db.selectFrom('users').select(['id', 'username']).orderBy('id').limit(6).execute();
    const plain = new Map<string, string>();
    const key1 = t.deps.config.encryptionKeys.find((k) => k.version === 1)!;
    const otherSealer = (await import('../../../core/crypto.js')).createSuiteSealer(other, [key1], t.deps.config.lookupKey);
    for (const [i, u] of users.entries()) {
      const mobile = `1390000${String(1000 + i)}`;
      const sealed = i % 3 === 0 ? encrypt(key1.key, mobile) : i % 3 === 1 ? t.deps.sealer.seal(mobile) : otherSealer.seal(mobile);
      await db.updateTable('users').set({ mobile_enc: sealed }).where('id', '=', u.id).execute();
    }
    const before = await allSealed(t.deps);
    for (const s of before) plain.set(s.value, t.deps.sealer.open(s.value));
    expect(before.length).toBeGreaterThan(6);
    expect(new Set(before.map((s) => s.where)).size).toBeGreaterThan(1);

    const key2 = randomBytes(32).toString('hex');
    const v1Raw = process.env.HUANXIN_ENCRYPTION_KEY ?? DEV_KEY;
    const two = await otherProcess({ HUANXIN_ENCRYPTION_KEY: v1Raw, HUANXIN_ENCRYPTION_KEYS: `2:${key2}` });
    const app2 = await buildApp(two);
    await app2.ready();
    try {
      const login = await app2.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo_security', password: 'Huanxin#Demo2024' } });
      const cookie = `hx_session=${login.cookies.find((c) => c.name === 'hx_session')!.value}`;
      const csrf = login.json().csrfToken as string;
      const client = {
        get: (url: string) => app2.inject({ method: 'GET', url, headers: { cookie } }),
        post: (url: string, payload: unknown) => app2.inject({ method: 'POST', url, payload: payload as object, headers: { cookie, 'x-csrf-token': csrf } }),
      };
      const status = (await client.get('/api/keys')).json();
      expect(status.activeVersion).toBe(2);
      expect(status.versions.map((v: { version: number; state: string }) => [v.version, v.state])).toEqual([
        [2, 'active'],
        [1, 'retiring'],
      ]);
      const stale = status.stale.reduce((n: number, s: { count: number }) => n + s.count, 0);
      expect(stale).toBe(before.length);

      const started = Date.now();
      const res = await client.post('/api/keys/reencrypt', { confirm: true });
      expect(res.statusCode).toBe(202);
      const again = await client.post('/api/keys/reencrypt', { confirm: true });
      expect([409, 202]).toContain(again.statusCode);
      const firstId = res.json().run.id as number;
      expect(res.json().run.total).toBe(before.length);
      const { body, run } = await poll(client as never, again.statusCode === 202 ? again.json().run.id : firstId);
      const ms = Date.now() - started;
      const first = body.history.find((r: { id: number }) => r.id === firstId);
      expect(first).toMatchObject({ status: 'done', total: before.length, done: before.length });
      expect(run.status).toBe('done');
      expect(body.versions.find((v: { version: number }) => v.version === 1).state).toBe('retired');
      expect(body.stale.every((s: { count: number }) => s.count === 0)).toBe(true);

      const after = await allSealed(two);
      expect(after.length).toBe(before.length);
      for (const s of after) expect(ciphertextForm(s.value), s.where).toEqual({ suite, version: 2 });

      // Key 1 removed from the configuration (its value kept only as the lookup key's source).
      const onlyTwo = await otherProcess({ HUANXIN_ENCRYPTION_KEYS: `2:${key2}`, HUANXIN_LOOKUP_KEY: v1Raw });
      try {
        const opened = after.map((s) => onlyTwo.sealer.open(s.value)).sort();
        expect(opened).toEqual([...plain.values()].sort());
        expect(onlyTwo.sealer.lookup('350582199001011234')).toBe(t.deps.sealer.lookup('350582199001011234'));
        expect(() => onlyTwo.sealer.open(encrypt(key1.key, 'x'))).toThrow();
      } finally {
        await onlyTwo.database.close();
      }
      const audit = await db.selectFrom('audit_log').select(['action']).where('entity', '=', 'key_reencryption').execute();
      const starts = audit.filter((a) => a.action === 'start').length;
      expect(starts).toBe(again.statusCode === 202 ? 2 : 1);
      expect(audit.filter((a) => a.action === 'finish').length).toBe(starts);
      recordEvidence({
        control: 'key-rotation',
        ok: true,
        summary: {
          'zh-CN': `新增密钥版本 2 后，后台重新加密 ${first.total} 个加密字段值（${first.progress.length} 个表字段），全部为版本 2 且解密一致；移除版本 1 后全部可读`,
          en: `After key version 2 was added, the background run re-sealed ${first.total} values in ${first.progress.length} columns; all are version 2 and open to the same plaintext, and all still open with key 1 removed`,
        },
        figures: {
          values: first.total,
          resealedCounted: first.done,
          columns: first.progress.length,
          milliseconds: ms,
          suite,
          database: t.deps.database.dialect,
        },
        command: 'npx vitest run src/server/modules/platform/keys/keys.test.ts',
      });
    } finally {
      await app2.close();
      await two.database.close();
    }
  });

  it('refuses to start with a key that does not match its registered fingerprint', async () => {
    await expect(otherProcess({ HUANXIN_ENCRYPTION_KEY: randomBytes(32).toString('hex') })).rejects.toThrow(/fingerprint/);
  });

  it('verifies an audit chain that switched hash suite half-way', async () => {
    const ctx = systemContext('test.suite');
    useAuditHashSuite(other);
    await inTransaction(t.deps.database, (tx) => appendAudit(tx, ctx, { entity: 'test', action: 'switched' }));
    useAuditHashSuite(suite);
    await inTransaction(t.deps.database, (tx) => appendAudit(tx, ctx, { entity: 'test', action: 'back' }));
    const hashes = await t.deps.database.db.selectFrom('audit_log').select('hash').where('chain', '=', 'main').execute();
    expect(hashes.some((h) => h.hash.startsWith('sm3:'))).toBe(true);
    expect(hashes.some((h) => !h.hash.startsWith('sm3:'))).toBe(true);
    expect(await verifyAuditTrail(t.deps.database.db)).toMatchObject({ ok: true });
  });
});
