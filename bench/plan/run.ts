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
import type { Insertable } from 'kysely';
import { adminQuery, freePort, waitHealthy, withDatabase } from '../lib/server.js';
import { loadConfig } from '../../src/server/config.js';
import { inTransaction } from '../../src/server/db/database.js';
import { createDeps, prepareDatabase } from '../../src/server/runtime.js';
import { insertUser } from '../../src/server/modules/platform/users/service.js';
import { monthlyPeriod } from '../../src/server/modules/plan/reporting/periods/dates.js';
import type { PlanReportTable } from '../../src/server/modules/plan/reporting/tables.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const SAMPLES = Number(process.env.BENCH_DASHBOARD_SAMPLES ?? 200);
const INDICATORS = 100;
const DEPARTMENTS_PER_INDICATOR = 10;
const TOWNS_PER_INDICATOR = 20;
const PERIODS = 48; // 2022-01 … 2025-12
const PENDING_PERIODS = 6; // 2026-01 … 2026-06, for submissions
const PASSWORD = 'Bench#Passw0rd-2024';
const PG_URL = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '') ? process.env.DATABASE_URL! : null;
const log = (...args: unknown[]) => console.error('[bench:plan]', ...args);
const children: ChildProcess[] = [];

const pad = (n: number) => String(n).padStart(2, '0');
const monthOf = (index: number, startYear: number) => `${startYear + Math.floor(index / 12)}-${pad((index % 12) + 1)}`;

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
    const departments = (await db.selectFrom('organizations').select('id').where('kind', '=', 'department').orderBy('id').execute()).map((r) => Number(r.id));
    const towns = (await db.selectFrom('organizations').select('id').where('kind', '=', 'town').orderBy('id').execute()).map((r) => Number(r.id));
    const office = Number((await db.selectFrom('organizations').select('id').where('kind', '=', 'office').executeTakeFirstOrThrow()).id);
    if (departments.length < DEPARTMENTS_PER_INDICATOR || towns.length < TOWNS_PER_INDICATOR) throw new Error('not enough reference organisations');
    const now = new Date().toISOString();

    // The benchmark plan: 5 actions × 20 indicators, all reported, a mix of kinds.
    const { planId, indicatorIds } = await inTransaction(deps.database, async (tx) => {
      const plan = await tx
        .insertInto('plans')
        .values({
          code: `BENCH-${tag}`,
          doc_number: '基准测试〔2022〕1号',
          title: '基准测试数据（benchmark）— 非真实方案',
          issuer: 'benchmark',
          issued_on: '2022-01-01',
          start_year: 2022,
          end_year: 2027,
          region_code: '350582',
          region_name: '晋江市',
          parent_plans_json: '[]',
          preamble: 'benchmark data',
          general_requirements: 'benchmark data',
          towns_implement_all: 1,
          format_version: 1,
          raw_json: '{}',
          file_hash: `bench-${tag}`,
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const planId = Number(plan.id);
      const indicatorIds: number[] = [];
      for (let a = 0; a < 5; a++) {
        const action = await tx
          .insertInto('plan_actions')
          .values({
            plan_id: planId,
            code: `B${a + 1}`,
            section: 'task',
            number: String(a + 1),
            title: `基准行动${a + 1}`,
            text: 'benchmark',
            position: a,
            retired_at: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        for (let k = 0; k < INDICATORS / 5; k++) {
          const n = a * (INDICATORS / 5) + k;
          const kind = (['cumulative', 'annual', 'level', 'share'] as const)[n % 4]!;
          const ind = await tx
            .insertInto('indicators')
            .values({
              plan_id: planId,
              action_id: Number(action.id),
              task_id: null,
              related_task: null,
              code: `B-${pad(n + 1)}`,
              name: `基准指标${n + 1}`,
              name_en: `Benchmark indicator ${n + 1}`,
              clause_text: 'benchmark',
              unit: kind === 'level' || kind === 'share' ? '%' : '个',
              kind,
              comparator: '≥',
              baseline_year: null,
              baseline_value: null,
              year_on_year: 0,
              town_breakdown: 1,
              source: 'reported',
              metric: null,
              lower_bound_metric: null,
              is_effort: 0,
              assigned_by_office: 0,
              parent_plan_code: null,
              parent_indicator_code: null,
              parent_indicator_id: null,
              position: n,
              retired_at: null,
              updated_at: now,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          const id = Number(ind.id);
          indicatorIds.push(id);
          await tx
            .insertInto('indicator_targets')
            .values([2025, 2027].map((year) => ({ indicator_id: id, year, value: kind === 'level' || kind === 'share' ? 90 : 5000 })))
            .execute();
          await tx
            .insertInto('indicator_units')
            .values(
              Array.from({ length: DEPARTMENTS_PER_INDICATOR }, (_, u) => ({
                indicator_id: id,
                organization_id: departments[(n + u) % departments.length]!,
                unit_name: `dept-${u}`,
                role: u === 0 ? ('lead' as const) : ('co' as const),
                position: u,
              })),
            )
            .execute();
        }
      }
      return { planId, indicatorIds };
    });

    const reportRow = (
      periodId: number,
      indicatorIndex: number,
      organizationId: number,
      role: 'lead' | 'co' | 'town',
      accepted: boolean,
    ): Insertable<PlanReportTable> => ({
      period_id: periodId,
      plan_id: planId,
      indicator_id: indicatorIds[indicatorIndex]!,
      organization_id: organizationId,
      role,
      status: accepted ? 'accepted' : 'pending',
      value: accepted ? (indicatorIndex % 4 >= 2 ? 40 + (indicatorIndex % 50) : 3) : null,
      baseline_value: null,
      narrative: accepted ? 'benchmark' : null,
      late: 0,
      first_submitted_at: accepted ? now : null,
      submitted_at: accepted ? now : null,
      submission_count: accepted ? 1 : 0,
      returned_at: null,
      return_reason: null,
      accepted_at: accepted ? now : null,
      decided_by: null,
      updated_by: null,
      created_at: now,
      updated_at: now,
    });
    const orgsOf = (i: number) => [
      ...Array.from({ length: DEPARTMENTS_PER_INDICATOR }, (_, u) => ({
        id: departments[(i + u) % departments.length]!,
        role: u === 0 ? ('lead' as const) : ('co' as const),
      })),
      ...towns.slice(0, TOWNS_PER_INDICATOR).map((id) => ({ id, role: 'town' as const })),
    ];
    async function seedPeriods(startIndex: number, count: number, startYear: number, accepted: boolean): Promise<number> {
      let rows = 0;
      for (let p = startIndex; p < startIndex + count; p++) {
        const period = monthOf(p, startYear);
        const dates = monthlyPeriod(period, 5);
        await inTransaction(deps.database, async (tx) => {
          const row = await tx
            .insertInto('plan_reporting_periods')
            .values({
              plan_id: planId,
              period,
              frequency: 'month',
              starts_at: dates.startsAt,
              ends_at: dates.endsAt,
              deadline_date: dates.deadlineDate,
              deadline_at: dates.deadlineAt,
              status: 'open',
              opened_by: null,
              opened_at: now,
              closed_at: null,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          const batch: Insertable<PlanReportTable>[] = [];
          for (let i = 0; i < indicatorIds.length; i++) for (const o of orgsOf(i)) batch.push(reportRow(Number(row.id), i, o.id, o.role, accepted));
          for (let k = 0; k < batch.length; k += 500)
            await tx
              .insertInto('plan_reports')
              .values(batch.slice(k, k + 500))
              .execute();
          rows += batch.length;
        });
      }
      return rows;
    }
    const accepted = await seedPeriods(0, PERIODS, 2022, true);
    log(`seeded ${accepted} accepted reports in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);

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

    // Dashboard latency: sequential requests (one at a time, as an official opens the page), after a warm-up.
    const dashboardUrl = `${base}/api/plan-dashboard?planId=${planId}`;
    const first = await fetch(dashboardUrl, { headers: { cookie: officeSession.cookie } });
    if (!first.ok) throw new Error(`dashboard: ${first.status} ${await first.text()}`);
    const body = (await first.json()) as { indicators: { status: string; actual: number | null }[] };
    log(`dashboard: ${body.indicators.length} indicators, e.g. ${JSON.stringify(body.indicators[0])}`);
    for (let i = 0; i < 10; i++) await (await fetch(dashboardUrl, { headers: { cookie: officeSession.cookie } })).arrayBuffer();
    const times: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const t0 = performance.now();
      await (await fetch(dashboardUrl, { headers: { cookie: officeSession.cookie } })).arrayBuffer();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    log('dashboard throughput (autocannon, 4 connections, 5 s)…');
    const dashboardLoad = await autocannon({ url: dashboardUrl, connections: 4, duration: 5, headers: { cookie: officeSession.cookie } });

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
        samples: SAMPLES,
        p50Ms: Math.round(percentile(times, 50) * 10) / 10,
        p95Ms: Math.round(percentile(times, 95) * 10) / 10,
        maxMs: Math.round(times[times.length - 1]! * 10) / 10,
        requestsPerSecond4Connections: Math.round(dashboardLoad.requests.average),
        targetP95Ms: 50,
        meetsTarget: percentile(times, 95) <= 50,
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
