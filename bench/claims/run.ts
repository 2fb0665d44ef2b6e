/**
 * npm run bench:claims — voucher claims per second through the real server, against a bare Fastify hello-world
 * and (PostgreSQL) pgbench -N on the same machine. DATABASE_URL selects the database (SQLite by default).
 * Prints one JSON line; details go to stderr.
 *
 *   BENCH_SECONDS (10)  BENCH_CONNECTIONS (200)  BENCH_RESIDENTS (120000)  BENCH_IDEMPOTENCY=1 (send Idempotency-Key)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon, { type Result } from 'autocannon';
import { loadConfig } from '../../src/server/config.js';
import { adminQuery, freePort, waitHealthy, withDatabase } from '../lib/server.js';
import { cpuSeconds, pgbenchTps } from '../lib/measure.js';
import { createDeps, prepareDatabase } from '../../src/server/runtime.js';
import { storeParameters } from '../../test/helpers/parameters.js';
import { createSignedInResidents } from '../../src/server/modules/tradein/testing/residents.js';
import { openTestPool } from '../../src/server/modules/tradein/testing/pools.js';
import { DEFAULT_PROGRAMS } from '../../src/server/modules/tradein/programs/defaults.js';
import { insertProgram } from '../../src/server/modules/tradein/programs/service.js';
import { addDays, shanghaiDate } from '../../src/server/core/time.js';
import { inTransaction, refreshStatistics } from '../../src/server/db/database.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 200);
const RESIDENTS = Number(process.env.BENCH_RESIDENTS ?? 120_000);
const IDEMPOTENCY = process.env.BENCH_IDEMPOTENCY === '1';
const PG_URL = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '') ? process.env.DATABASE_URL! : null;
const log = (...args: unknown[]) => console.error('[bench]', ...args);
const children: ChildProcess[] = [];

function startChild(args: string[], env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{"port"'));
      if (line) resolve({ child, port: (JSON.parse(line) as { port: number }).port });
    });
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * The benchmark's own appliance programme, live around today with the national rules, so the run never depends
 * on the seeded programmes' dates (they end on a fixed day).
 */
async function createLiveProgram(deps: ReturnType<typeof createDeps>): Promise<number> {
  const model = DEFAULT_PROGRAMS.find((p) => p.kind === 'appliance' && !p.isExample)!;
  const today = shanghaiDate();
  return inTransaction(deps.database, (tx) =>
    insertProgram(
      tx,
      {
        code: `bench-appliance-${randomBytes(3).toString('hex')}`,
        name: 'bench: appliance programme',
        kind: 'appliance',
        status: 'active',
        validFrom: addDays(today, -1),
        validTo: addDays(today, 30),
        budget: { centralFen: model.budgetCentralFen, provincialFen: model.budgetProvincialFen, cityFen: model.budgetCityFen },
        voucherValidDays: model.voucherValidDays,
        releaseTime: model.releaseTime,
        rounding: model.rounding,
        isExample: true,
        categories: model.categories,
      },
      null,
    ),
  );
}

async function main(): Promise<void> {
  const tag = randomBytes(4).toString('hex');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'huanxin-bench-'));
  let databaseUrl: string;
  let scratchDb: string | null = null;
  if (PG_URL) {
    scratchDb = `huanxin_bench_${tag}`;
    await adminQuery(PG_URL!, `create database ${scratchDb}`);
    databaseUrl = withDatabase(PG_URL, scratchDb);
  } else {
    databaseUrl = `sqlite:${path.join(dataDir, 'bench.db')}`;
  }
  // Production mode refuses default keys: generate real ones for this run.
  const env = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    HUANXIN_DEMO: '0',
    HUANXIN_DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    HUANXIN_SESSION_SECRET: randomBytes(32).toString('hex'),
    HUANXIN_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
  };
  try {
    const config = loadConfig({ ...process.env, ...env });
    const deps = createDeps(config);
    await prepareDatabase(deps, { demo: false });
    // autocannon sends every claim from one address: the per-address burst limit is for farms, not for the bench.
    await storeParameters(deps, { 'tradein.claimBurstPerAddress': 1_000_000 });
    log(`creating ${RESIDENTS} signed-in residents…`);
    const residents = await createSignedInResidents(deps.database, config, RESIDENTS, `bench${tag}`);
    await refreshStatistics(deps.database.db, ['users', 'sessions']);
    const program = { id: await createLiveProgram(deps) };
    const quota = RESIDENTS + 1; // larger than the run can drain: every claim that fails is a bug, not exhaustion
    const poolId = await openTestPool(deps, 'refrigerator', quota, program.id);

    const port = await freePort();
    const server = await new Promise<ChildProcess>((resolve, reject) => {
      // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server.
      const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
      const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/server/main.ts', 'serve'], {
        env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      children.push(child);
      child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
      waitHealthy(port).then(() => resolve(child), reject);
    });

    let next = 0;
    const claimRequest = {
      method: 'POST' as const,
      path: `/api/tradein/pools/${poolId}/claims`,
      setupRequest: (req: autocannon.Request) => {
        const r = residents[next++ % residents.length]!;
        const headers: Record<string, string> = { ...(req.headers as Record<string, string>), cookie: r.cookie, 'x-csrf-token': r.csrf };
        if (IDEMPOTENCY) headers['idempotency-key'] = `bench-${r.userId}-${poolId}`;
        return { ...req, headers };
      },
    };
    const cannon = (url: string, requests?: autocannon.Request[], duration = SECONDS): Promise<Result> =>
      autocannon({ url, connections: CONNECTIONS, duration, ...(requests ? { requests } : {}) });

    log('warm-up (2 s)…');
    await cannon(`http://127.0.0.1:${port}`, [claimRequest], 2);
    const issuedBefore = next;
    log(`claims: ${CONNECTIONS} connections for ${SECONDS} s…`);
    const cpuBefore = cpuSeconds(server.pid!);
    const claims = await cannon(`http://127.0.0.1:${port}`, [claimRequest]);
    const serverCpu = cpuSeconds(server.pid!) - cpuBefore;
    const used = next - issuedBefore;
    await stop(server);

    const hello = await startChild(['bench/claims/hello.ts'], { PORT: '0' });
    log('hello-world: same load…');
    await cannon(`http://127.0.0.1:${hello.port}`, [claimRequest], 2);
    const helloCpuBefore = cpuSeconds(hello.child.pid!);
    const helloResult = await cannon(`http://127.0.0.1:${hello.port}`, [claimRequest]);
    const helloCpu = cpuSeconds(hello.child.pid!) - helloCpuBefore;
    await stop(hello.child);

    const poolRow = await deps.database.db.selectFrom('tradein_pools').select(['issued', 'quota']).where('id', '=', poolId).executeTakeFirstOrThrow();
    const vouchers = await deps.database.db
      .selectFrom('tradein_vouchers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('pool_id', '=', poolId)
      .executeTakeFirstOrThrow();
    await deps.database.close();

    let pgbench: number | null = null;
    if (PG_URL) {
      const pgbenchDb = `huanxin_pgbench_${tag}`;
      await adminQuery(PG_URL!, `create database ${pgbenchDb}`);
      try {
        log('pgbench -N for 15 s…');
        pgbench = pgbenchTps(withDatabase(PG_URL, pgbenchDb));
      } finally {
        await adminQuery(PG_URL!, `drop database if exists ${pgbenchDb}`);
      }
    }

    const ok = claims['2xx'];
    const claimsPerSec = Math.round(ok / claims.duration);
    const helloPerSec = Math.round(helloResult.requests.average);
    log(
      `claims: ${ok} × 2xx, ${claims.non2xx} non-2xx, ${claims.errors} errors, ${claims.timeouts} timeouts over ${claims.duration.toFixed(1)} s; ` +
        `${used} residents used; latency p50 ${claims.latency.p50} ms, p99 ${claims.latency.p99} ms; ` +
        `server CPU ${Math.round((serverCpu * 1e6) / Math.max(1, ok))} µs per claim; ` +
        `hello-world ${helloPerSec}/s, p99 ${helloResult.latency.p99} ms, server CPU ${Math.round((helloCpu * 1e6) / Math.max(1, helloResult['2xx']))} µs per request`,
    );
    const issued = Number(poolRow.issued);
    console.log(
      JSON.stringify({
        database: PG_URL ? 'postgres' : 'sqlite',
        claimsPerSec,
        p99Ms: claims.latency.p99,
        helloPerSec,
        ratioToHello: Number((claimsPerSec / helloPerSec).toFixed(3)),
        pgbenchTps: pgbench === null ? null : Math.round(pgbench),
        ratioToPgbench: pgbench === null ? null : Number((claimsPerSec / pgbench).toFixed(3)),
        issued,
        quota: Number(poolRow.quota),
        // Over the quota, or vouchers that do not match the pool's count: both must be 0.
        overIssued: Math.max(0, issued - Number(poolRow.quota)) + Math.abs(Number(vouchers.n) - issued),
      }),
    );
  } finally {
    await Promise.all(children.map(stop));
    if (scratchDb) await adminQuery(PG_URL!, `drop database if exists ${scratchDb}`).catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    for (const c of children) c.kill('SIGTERM');
    process.exit(1);
  },
);
