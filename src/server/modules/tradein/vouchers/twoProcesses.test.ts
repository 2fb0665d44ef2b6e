import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, isPostgres, type TestApp } from '../../../../../test/helpers/testApp.js';
import { createSignedInResidents } from '../testing/residents.js';
import { openTestPool } from '../testing/pools.js';
import { storeParameters } from '../../../../../test/helpers/parameters.js';

const SERVER_SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), '../testing/server.ts');

function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SERVER_SCRIPT], {
      env: { ...process.env, ...env, PORT: '0', LOG_LEVEL: 'warn', HUANXIN_DEMO: '0', NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{"port"'));
      if (line) resolve({ child, port: (JSON.parse(line) as { port: number }).port });
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

/** Runs `work` over `items` with at most `limit` in flight (bounded so CI's two parallel files stay healthy). */
async function bounded<T, R>(items: T[], limit: number, work: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]!, i);
      }
    }),
  );
  return results;
}

describe.skipIf(!isPostgres())('claims with two app processes against one PostgreSQL', () => {
  let t: TestApp;
  const servers: ChildProcess[] = [];
  let ports: number[] = [];
  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    // Every claim comes from this test's one address: the per-address burst limit stands aside.
    await storeParameters(t.deps, { 'tradein.claimBurstPerAddress': 1_000_000 });
    // The test's own database, which both server processes share.
    const env = { DATABASE_URL: t.deps.config.databaseUrl, HUANXIN_DATA_DIR: t.deps.config.dataDir, HUANXIN_PG_POOL_SIZE: '5' };
    const started = await Promise.all([startServer(env), startServer(env)]);
    servers.push(...started.map((s) => s.child));
    ports = started.map((s) => s.port);
  }, 60_000);
  afterAll(async () => {
    for (const s of servers) s.kill('SIGTERM');
    await Promise.all(servers.map((s) => new Promise((r) => (s.exitCode !== null ? r(null) : s.once('exit', r)))));
    await t.close();
  });

  it('1,000 claims spread over both processes against a pool of 100: exactly 100 vouchers', async () => {
    const db = t.deps.database.db;
    const pool = { id: await openTestPool(t.deps, 'mobile_phone', 100, 'digital-national-2025') };
    const residents = await createSignedInResidents(t.deps.database, t.deps.config, 1000);
    // Every resident asks both processes at once: the same person racing themselves across processes too.
    const attempts = residents.flatMap((r, i) => [0, 1].map((k) => ({ r, port: ports[(i + k) % 2]! })));
    const statuses = await bounded(attempts, 100, async ({ r, port }) => {
      const res = await fetch(`http://127.0.0.1:${port}/api/tradein/pools/${pool.id}/claims`, {
        method: 'POST',
        headers: { cookie: r.cookie, 'x-csrf-token': r.csrf },
      });
      const body = (await res.json()) as { error?: { code: string } };
      return res.status === 201 ? 'issued' : `${res.status} ${body.error?.code}`;
    });
    const tally: Record<string, number> = {};
    for (const s of statuses) tally[s] = (tally[s] ?? 0) + 1;
    expect(tally.issued, JSON.stringify(tally)).toBe(100);
    expect(Object.keys(tally).sort()).toEqual(expect.arrayContaining(['issued', '409 POOL_EXHAUSTED']));
    expect(
      Object.keys(tally).every((k) => k === 'issued' || k === '409 POOL_EXHAUSTED' || k === '409 ALREADY_CLAIMED'),
      JSON.stringify(tally),
    ).toBe(true);
    const p = await db.selectFrom('tradein_pools').select(['issued']).where('id', '=', pool.id).executeTakeFirstOrThrow();
    expect(p.issued).toBe(100);
    const vouchers = await db.selectFrom('tradein_vouchers').select('holder_user_id').where('pool_id', '=', pool.id).execute();
    expect(vouchers).toHaveLength(100);
    expect(new Set(vouchers.map((v) => v.holder_user_id)).size).toBe(100);
  }, 120_000);
});
