/**
 * npm run bench:plan — the plan dashboard and report submissions through the real server, on a throwaway
 * database filled with clearly labelled benchmark data: one plan "基准测试数据（benchmark）" with 100 indicators,
 * 30 reporting organisations each (10 departments — one lead, nine co-operating — and 20 towns) and 48 monthly
 * periods of accepted reports (144,000 reports), inserted in bulk through Kysely. Prints one JSON line; details on
 * stderr. DATABASE_URL=postgres://… runs it on a scratch PostgreSQL database (dropped afterwards); SQLite otherwise.
 *
 *   BENCH_SECONDS (10)  BENCH_CONNECTIONS (20)  BENCH_DASHBOARD_SAMPLES (200)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { adminQuery, freePort, waitHealthy, withDatabase } from '../lib/server.js';
import { loadConfig } from '../../src/server/config.js';
import { inTransaction } from '../../src/server/db/database.js';
import { seedBenchPlan, TOWNS_PER_INDICATOR, DEPARTMENTS_PER_INDICATOR, INDICATORS } from './seed.js';
import { createDeps, prepareDatabase } from '../../src/server/runtime.js';
import { insertUser } from '../../src/server/modules/platform/users/service.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const SAMPLES = Number(process.env.BENCH_DASHBOARD_SAMPLES ?? 200);
const PERIODS = 48; // 2022-01 … 2025-12
const PENDING_PERIODS = 6; // 2026-01 … 2026-06, for submissions
const PASSWORD = 'Bench#Passw0rd-2024';
const PG_URL = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '') ? process.env.DATABASE_URL! : null;
const log = (...args: unknown[]) => console.error('[bench:plan]', ...args);
const children: ChildProcess[] = [];

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function main(): Promise<void> {
  const tag = randomBytes(4).toString('hex');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'huanxin-bench-plan-'));
  let databaseUrl: string;
  let scratchDb: string | null = null;
  if (PG_URL) {
    scratchDb = `huanxin_bench_plan_${tag}`;
    await adminQuery(PG_URL!, `create database ${scratchDb}`);
    databaseUrl = withDatabase(PG_URL, scratchDb);
  } else databaseUrl = `sqlite:${path.join(dataDir, 'bench.db')}`;
  const env = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    HUANXIN_DEMO: '0',
    // Production turns on the second factor for officials; the benchmark's accounts sign in with a password.
    HUANXIN_MFA_ROLES: 'none',
    HUANXIN_DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    HUANXIN_SESSION_SECRET: randomBytes(32).toString('hex'),
    HUANXIN_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
  };
  const config = loadConfig({ ...process.env, ...env });
  const deps = createDeps(config);
  try {
    await prepareDatabase(deps, { demo: false });
    const db = deps.database.db;
    const seedStart = Date.now();
    const { planId, departments, towns, office, seedPeriods } = await seedBenchPlan(deps, tag);
    const accepted = await seedPeriods(0, PERIODS, 2022, true);
    log(`seeded ${accepted} accepted reports in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);
    // A server in steady state, not one whose tables were just bulk-loaded: otherwise PostgreSQL's autovacuum
    // analyses them while the dashboard is measured.
    if (PG_URL) await sql`vacuum analyze`.execute(db);

    // One account per reporting organisation, and the office.
    const accounts: { organizationId: number; username: string }[] = [];
    await inTransaction(deps.database, async (tx) => {
      for (const [i, organizationId] of [office, ...departments, ...towns.slice(0, TOWNS_PER_INDICATOR)].entries()) {
        const username = `bench_${tag}_${i}`;
        const role = i === 0 ? 'office' : organizationId === undefined ? 'department' : towns.includes(organizationId) ? 'town' : 'department';
        await insertUser(tx, deps, { username, displayName: `基准测试账号${i}`, role, organizationId, password: PASSWORD, mustChangePassword: false });
        accounts.push({ organizationId, username });
      }
    });

    const port = await freePort();
    // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server.
    const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const server = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/server/main.ts', 'serve'], {
      env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(server);
    await waitHealthy(port);
    const base = `http://127.0.0.1:${port}`;
    const sessions = new Map<number, { cookie: string; csrf: string }>();
    for (const a of accounts) {
      const res = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: a.username, password: PASSWORD }),
      });
      if (!res.ok) throw new Error(`login ${a.username}: ${res.status} ${await res.text()}`);
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
      sessions.set(a.organizationId, { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken });
    }
    const officeSession = sessions.get(office)!;

    // Dashboard latency: sequential requests (one at a time, as an official opens the page), after a warm-up, then
    // throughput with 4 connections — on the maintained path, and on the recomputing one (the reference, served by a
    // second server with HUANXIN_PLAN_DASHBOARD=recompute on the same database and sessions), in the same run.
    async function measureDashboard(at: string) {
      const dashboardUrl = `${at}/api/plan-dashboard?planId=${planId}`;
      const first = await fetch(dashboardUrl, { headers: { cookie: officeSession.cookie } });
      if (!first.ok) throw new Error(`dashboard: ${first.status} ${await first.text()}`);
      const body = (await first.json()) as { indicators: { status: string; actual: number | null }[]; dataAsOf: string };
      log(`dashboard ${at}: ${body.indicators.length} indicators, data as of ${body.dataAsOf}, e.g. ${JSON.stringify(body.indicators[0])}`);
      for (let i = 0; i < 10; i++) await (await fetch(dashboardUrl, { headers: { cookie: officeSession.cookie } })).arrayBuffer();
      const times: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        const t0 = performance.now();
        await (await fetch(dashboardUrl, { headers: { cookie: officeSession.cookie } })).arrayBuffer();
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      log('dashboard throughput (autocannon, 4 connections, 5 s)…');
      const load = await autocannon({ url: dashboardUrl, connections: 4, duration: 5, headers: { cookie: officeSession.cookie } });
      return {
        samples: SAMPLES,
        p50Ms: Math.round(percentile(times, 50) * 10) / 10,
        p95Ms: Math.round(percentile(times, 95) * 10) / 10,
        maxMs: Math.round(times[times.length - 1]! * 10) / 10,
        requestsPerSecond4Connections: Math.round(load.requests.average),
        non2xx: load.non2xx,
      };
    }
    const maintained = await measureDashboard(base);
    const referencePort = await freePort();
    const referenceServer = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/server/main.ts', 'serve'], {
      env: { ...process.env, ...env, PORT: String(referencePort), HOST: '127.0.0.1', HUANXIN_PLAN_DASHBOARD: 'recompute' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(referenceServer);
    await waitHealthy(referencePort);
    const recomputed = await measureDashboard(`http://127.0.0.1:${referencePort}`);
    await new Promise<void>((resolve) => {
      referenceServer.once('exit', () => resolve());
      referenceServer.kill('SIGTERM');
    });

    // Submissions: pending reports of six more periods, each submitted once by its own organisation's account.
    await seedPeriods(0, PENDING_PERIODS, 2026, false);
    const pending = await db
      .selectFrom('plan_reports as r')
      .innerJoin('indicators as i', 'i.id', 'r.indicator_id')
      .select(['r.id', 'r.organization_id', 'i.kind'])
      .where('r.plan_id', '=', planId)
      .where('r.status', '=', 'pending')
      .orderBy('r.id')
      .execute();
    let next = 0;
    log(`submissions: ${pending.length} pending reports, ${CONNECTIONS} connections for ${SECONDS} s…`);
    const submissions = await autocannon({
      url: base,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [
        {
          method: 'POST',
          path: '/',
          setupRequest: (req) => {
            const r = pending[next++ % pending.length]!;
            const s = sessions.get(Number(r.organization_id))!;
            return {
              ...req,
              path: `/api/plan-reports/${r.id}/submit`,
              headers: { ...(req.headers as Record<string, string>), cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
              body: JSON.stringify({ value: r.kind === 'level' || r.kind === 'share' ? 55 : 2, narrative: 'benchmark submission' }),
            };
          },
        },
      ],
    });
    const submitted = await db
      .selectFrom('plan_reports')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('plan_id', '=', planId)
      .where('status', '=', 'submitted')
      .executeTakeFirstOrThrow();
    await new Promise<void>((resolve) => {
      server.once('exit', () => resolve());
      server.kill('SIGTERM');
    });

    const result = {
      database: deps.database.dialect,
      volume: {
        indicators: INDICATORS,
        organisationsPerIndicator: DEPARTMENTS_PER_INDICATOR + TOWNS_PER_INDICATOR,
        periods: PERIODS,
        acceptedReports: accepted,
      },
      dashboard: {
        maintained,
        recomputed,
        p95Ratio: Math.round((maintained.p95Ms / recomputed.p95Ms) * 1000) / 1000,
        requestsPerSecondRatio: Math.round((maintained.requestsPerSecond4Connections / Math.max(1, recomputed.requestsPerSecond4Connections)) * 10) / 10,
        targetP95Ms: 15,
        meetsTarget: maintained.p95Ms <= 15 && maintained.requestsPerSecond4Connections >= 10 * recomputed.requestsPerSecond4Connections,
      },
      submissions: {
        connections: CONNECTIONS,
        seconds: SECONDS,
        perSecond: Math.round(submissions.requests.average),
        latencyP50Ms: submissions.latency.p50,
        latencyP99Ms: submissions.latency.p99,
        non2xx: submissions.non2xx,
        errors: submissions.errors,
        // More requests than pending reports wrap around and get 409 (already submitted): that is counted as non2xx.
        reportsSubmitted: Number(submitted.n),
      },
    };
    console.log(JSON.stringify(result));
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
    await deps.database.close();
    if (scratchDb) await adminQuery(PG_URL!, `drop database if exists ${scratchDb} with (force)`);
    // BENCH_KEEP=1 keeps the SQLite database for inspection (EXPLAIN QUERY PLAN…).
    if (process.env.BENCH_KEEP === '1') log(`kept ${dataDir}`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// A crash anywhere (autocannon throws from its parser) must not leave the server running.
process.on('exit', () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
});

main().catch((err) => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  console.error(err);
  process.exit(1);
});
