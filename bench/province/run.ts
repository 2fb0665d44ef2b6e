/**
 * npm run bench:province — a province-sized release on loopback: BENCH_RESIDENTS signed-in residents rush a release
 * of BENCH_VOUCHERS vouchers through nginx and BENCH_WORKERS app processes (cluster mode) on PostgreSQL, each
 * resident claiming once (and following their place in the queue when answered 202), while the demo merchant
 * redeems issued vouchers and the office reads its dashboards. Afterwards the database must show zero over-issue.
 * The same run measures pgbench -N and bench:claims' hello-world, and the CPU each claim cost the app processes,
 * nginx and PostgreSQL, from which it estimates what one more machine of this size would add.
 * Prints one JSON line on stdout; details go to stderr. Needs DATABASE_URL=postgres://… (an admin URL: a scratch
 * database is created and dropped) and Debian nginx.
 *
 *   BENCH_RESIDENTS (1 000 000)  BENCH_VOUCHERS (100 000)  BENCH_WORKERS (3)  BENCH_CONNECTIONS (400)
 *   BENCH_MAX_SECONDS (600: the rush's hard bound)  BENCH_AFTER_EXHAUSTED_SECONDS (15: residents still arriving once it is out)  BENCH_REDEEMERS (2) BENCH_REDEEM_RATE (5/s)
 *   BENCH_READERS (2) BENCH_DASHBOARD_RATE (3/s)  BENCH_SETUP_PARALLEL (2)  BENCH_PGBENCH_SECONDS (15)
 *   BENCH_HEALTH_MS (2 000: HUANXIN_CLUSTER_HEALTH_MS)  REDIS_URL (burst counts in Redis)  BENCH_PGBENCH_CLIENTS (1, as bench:claims)  BENCH_HELLO_SECONDS (10)  BENCH_BACKLOG (100: tradein.claimBacklogPerProcess)
 */
import os from 'node:os';
import { loadConfig } from '../../src/server/config.js';
import { createDeps, prepareDatabase } from '../../src/server/runtime.js';
import { storeParameters } from '../../test/helpers/parameters.js';
import { scratchDatabase, type Scratch } from '../lib/process.js';
import { adminQuery, freePort, withDatabase } from '../lib/server.js';
import { nginxMissing, startCluster, type RunningCluster } from './cluster.js';
import { Client } from './http.js';
import { backendPids, cpuMeter, descendants, helloWorld, pgbenchTps, postgresPids, summary } from './measure.js';
import { rush } from './rush.js';
import { checkIssue, prepareProvince } from './setup.js';
import { sideLoad, uploadPhoto } from './side.js';

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const RESIDENTS = num('BENCH_RESIDENTS', 1_000_000);
const VOUCHERS = num('BENCH_VOUCHERS', 100_000);
const WORKERS = num('BENCH_WORKERS', 3);
const CONNECTIONS = num('BENCH_CONNECTIONS', 400);
const MAX_SECONDS = num('BENCH_MAX_SECONDS', 600);
const AFTER_EXHAUSTED_SECONDS = num('BENCH_AFTER_EXHAUSTED_SECONDS', 15);
const REDEEMERS = num('BENCH_REDEEMERS', 2);
const REDEEM_RATE = num('BENCH_REDEEM_RATE', 5);
const READERS = num('BENCH_READERS', 2);
const DASHBOARD_RATE = num('BENCH_DASHBOARD_RATE', 3);
// Claims one app process holds waiting for the database before new ones queue (the parameter's default is 800,
// which 400 connections over 3 processes never reach: the rush would not show the queue at all).
const BACKLOG = num('BENCH_BACKLOG', 100);
const HEALTH_MS = num('BENCH_HEALTH_MS', 2000);
const REDIS_URL = process.env.REDIS_URL ?? '';
const SETUP_PARALLEL = num('BENCH_SETUP_PARALLEL', 2);
const PGBENCH_SECONDS = num('BENCH_PGBENCH_SECONDS', 15);
const PGBENCH_CLIENTS = num('BENCH_PGBENCH_CLIENTS', 1);
const HELLO_SECONDS = num('BENCH_HELLO_SECONDS', 10);
const ADMIN_URL = process.env.DATABASE_URL ?? '';
const log = (...args: unknown[]) => console.error('[bench:province]', ...args);
const round = (n: number, digits = 0) => Number(n.toFixed(digits));

let cluster: RunningCluster | null = null;
let scratch: Scratch | null = null;

async function main(): Promise<void> {
  if (!/^postgres(ql)?:\/\//.test(ADMIN_URL)) throw new Error('bench:province needs DATABASE_URL=postgres://… (a user that may create databases)');
  const missing = nginxMissing();
  if (missing) throw new Error(missing);
  const wallStart = Date.now();
  scratch = await scratchDatabase();
  const scratchName = new URL(scratch.env.DATABASE_URL!).pathname.slice(1);
  // The supervisor asks each worker's /livez every HEALTH_MS (the cluster's default, 2 s). Before it asked
  // /healthz, which waits for a database connection, a saturated machine had its workers killed mid-rush.
  // Claim burst counts go to Redis when REDIS_URL is set, as a province deployment would (all the bench's residents
  // share one address, whose count is one hot row in the database store).
  const env = {
    ...scratch.env,
    HUANXIN_DEMO: '1',
    LOG_LEVEL: 'warn',
    HUANXIN_MFA_ROLES: 'none',
    HUANXIN_CLUSTER_HEALTH_MS: String(HEALTH_MS),
    ...(REDIS_URL ? { REDIS_URL } : {}),
  };
  const config = loadConfig({ ...process.env, ...env });
  let deps = createDeps(config);
  const setupStart = Date.now();
  await prepareDatabase(deps, { demo: true, demoProgrammes: true });
  // Every request comes from 127.0.0.1 (nginx passes its client's address on): the per-address limit is for farms.
  await storeParameters(deps, { 'tradein.claimBurstPerAddress': 1_000_000, 'tradein.claimBacklogPerProcess': BACKLOG });
  log(`creating ${RESIDENTS} signed-in residents (${SETUP_PARALLEL} at a time)…`);
  const world = await prepareProvince(deps, config, RESIDENTS, VOUCHERS, SETUP_PARALLEL, log);
  log(`residents made in ${(world.residentsMs / 1000).toFixed(1)} s; pool ${world.poolId} of ${VOUCHERS}`);
  await deps.database.close();
  const setupSeconds = (Date.now() - setupStart) / 1000;

  const port = await freePort();
  const clusterStart = Date.now();
  cluster = await startCluster(WORKERS, port, env);
  const clusterSeconds = (Date.now() - clusterStart) / 1000;
  log(`cluster of ${WORKERS} on :${port} ready in ${clusterSeconds.toFixed(1)} s`, JSON.stringify(cluster.workers));
  const photoId = await uploadPhoto(port, world.merchant);

  // CPU meters over the rush: the app processes, nginx, this database's backends, every postgres process.
  // Looked up at each reading: a worker the supervisor restarts is a new process (the dead one's CPU is lost).
  const clusterPid = cluster.child.pid!;
  const ofCluster = (comm: string) => () =>
    descendants(clusterPid)
      .filter((p) => p.comm === comm)
      .map((p) => p.pid);
  const workerPids = ofCluster('node');
  const nginxPids = ofCluster('nginx');
  let backends = await backendPids(ADMIN_URL, scratchName);
  const meters = {
    workers: cpuMeter(workerPids),
    nginx: cpuMeter(nginxPids),
    backends: cpuMeter(() => backends),
    postgresAll: cpuMeter(postgresPids),
  };
  const readAll = () => Object.fromEntries(Object.entries(meters).map(([k, m]) => [k, m.read()])) as Record<keyof typeof meters, number>;
  for (const m of Object.values(meters)) m.start();
  const selfCpu = process.cpuUsage();
  let atExhaustion: (ReturnType<typeof readAll> & { seconds: number }) | null = null;

  const client = new Client(port, CONNECTIONS);
  const sideClient = new Client(port, REDEEMERS + READERS + 2);
  const codes: string[] = [];
  const stop = { now: false };
  const rushStart = performance.now();
  log(`rush: ${RESIDENTS} residents, ${CONNECTIONS} connections, at most ${MAX_SECONDS} s…`);
  const side = sideLoad(sideClient, {
    merchant: world.merchant,
    office: world.office,
    productId: world.productId,
    programId: world.programId,
    planId: world.planId,
    photoId,
    redeemRate: REDEEM_RATE,
    redeemers: REDEEMERS,
    dashboardRate: DASHBOARD_RATE,
    readers: READERS,
    codes,
    stop,
  });
  const rushed = await rush(client, world.residents, {
    poolId: world.poolId,
    quota: VOUCHERS,
    connections: CONNECTIONS,
    deadline: rushStart + MAX_SECONDS * 1000,
    maxRetryAfterSeconds: 15,
    maxPolls: 200,
    afterExhaustedSeconds: AFTER_EXHAUSTED_SECONDS,
    onExhausted: () => {
      // The backends seen now (a pool may have opened more since the start).
      void backendPids(ADMIN_URL, scratchName).then((b) => (backends = [...new Set([...backends, ...b])]));
      atExhaustion = { ...readAll(), seconds: (performance.now() - rushStart) / 1000 };
      log(`release exhausted after ${atExhaustion.seconds.toFixed(1)} s`);
    },
    onVoucher: (code) => codes.length < 10_000 && codes.push(code),
  });
  stop.now = true;
  const sided = await side;
  backends = [...new Set([...backends, ...(await backendPids(ADMIN_URL, scratchName))])];
  const total = readAll();
  const restarts = cluster.restarts.count;
  const self = process.cpuUsage(selfCpu);
  client.close();
  sideClient.close();
  await cluster.stop();
  cluster = null;

  deps = createDeps(config);
  const check = await checkIssue(deps, world.poolId);
  await deps.database.close();
  log('database:', JSON.stringify(check));

  log(`pgbench -N for ${PGBENCH_SECONDS} s (${PGBENCH_CLIENTS} client(s))…`);
  const pgbenchDb = `huanxin_pgbench_${scratch.tag}`;
  await adminQuery(ADMIN_URL, `create database ${pgbenchDb}`);
  let pgbench: number;
  try {
    pgbench = pgbenchTps(withDatabase(ADMIN_URL, pgbenchDb), PGBENCH_SECONDS, PGBENCH_CLIENTS);
  } finally {
    await adminQuery(ADMIN_URL, `drop database if exists ${pgbenchDb}`);
  }
  log(`hello-world (direct, not through nginx) for ${HELLO_SECONDS} s…`);
  const hello = await helloWorld(world.residents.slice(0, 1000), `/api/tradein/pools/${world.poolId}/claims`, CONNECTIONS, HELLO_SECONDS);

  // The issuing phase (until the release ran out) is what a claim costs; after it come the quick refusals.
  const issuedTotal = rushed.issuedDirect + rushed.issuedFromQueue;
  const phase = (atExhaustion ?? { ...total, seconds: rushed.seconds }) as ReturnType<typeof readAll> & { seconds: number };
  const perClaimMicros = (seconds: number) => round((seconds * 1e6) / Math.max(1, Math.min(issuedTotal, check.issued)));
  // Vouchers the load generator saw issued within the bound (the cluster may issue a few queued ones while it stops).
  const issuedPerSec = Math.min(issuedTotal, check.issued) / phase.seconds;
  const cores = os.cpus().length;
  const appMicros = perClaimMicros(phase.workers + phase.nginx);
  const dbMicros = perClaimMicros(phase.backends);
  const appCeiling = appMicros > 0 ? (cores * 1e6) / appMicros : null;
  const dbCeiling = dbMicros > 0 ? (cores * 1e6) / dbMicros : null;
  const claimMs = summary(rushed.claimMs);
  const firstMs = summary(rushed.firstAnswerMs);
  const waits = summary(rushed.queueWaitMs);
  const answersPerSec = rushed.answered / rushed.seconds;
  const figures = {
    database: 'postgres',
    residents: RESIDENTS,
    vouchers: VOUCHERS,
    workers: WORKERS,
    connections: CONNECTIONS,
    backlogPerProcess: BACKLOG,
    cores,
    issued: check.issued,
    issuedSeenByResidents: issuedTotal,
    overIssue: check.overIssue,
    issuedAsExpected: check.issued === Math.min(VOUCHERS, RESIDENTS),
    residentsAnswered: rushed.answered,
    residentsNotSent: RESIDENTS - rushed.sent,
    // Not sent because the release had been out for BENCH_AFTER_EXHAUSTED_SECONDS (not because time ran out).
    residentsArrivingTooLate: rushed.exhaustedAfterSeconds !== null && rushed.seconds < MAX_SECONDS ? RESIDENTS - rushed.sent : 0,
    unresolvedQueuePlaces: rushed.unresolved,
    workerRestarts: restarts,
    healthCheckMs: HEALTH_MS,
    burstCounts: REDIS_URL ? 'redis' : 'database',
    retriedAfterFailure: rushed.retried,
    outcomes: rushed.outcomes,
    issuedPerSec: round(issuedPerSec),
    answersPerSec: round(answersPerSec),
    claimAnswerMs: claimMs,
    issuedClaimMs: summary(rushed.issuedMs),
    firstAnswerMs: firstMs,
    queue: {
      queued: rushed.queued,
      issued: rushed.issuedFromQueue,
      refused: rushed.refusedFromQueue,
      outcomes: rushed.queueOutcomes,
      waitMs: waits,
      polls: rushed.polls,
      pollMs: summary(rushed.pollMs),
    },
    redemptions: {
      done: sided.redemptions,
      perSec: round(sided.redemptions / sided.seconds, 2),
      ms: summary(sided.redemptionMs),
      outcomes: sided.redemptionOutcomes,
    },
    dashboards: {
      done: sided.dashboards,
      perSec: round(sided.dashboards / sided.seconds, 2),
      ms: summary(sided.dashboardMs),
      outcomes: sided.dashboardOutcomes,
    },
    helloPerSec: hello.rps,
    helloP99Ms: hello.p99,
    pgbenchTps: round(pgbench),
    pgbenchClients: PGBENCH_CLIENTS,
    ratioToHello: round(issuedPerSec / hello.rps, 3),
    ratioToPgbench: round(issuedPerSec / pgbench, 3),
    cpuPerClaimMicros: {
      workers: perClaimMicros(phase.workers),
      nginx: perClaimMicros(phase.nginx),
      postgresBackends: dbMicros,
      postgresAll: perClaimMicros(phase.postgresAll),
      helloPerRequest: hello.cpuMicrosPerRequest,
    },
    cpuSecondsRush: {
      ...Object.fromEntries(Object.entries(total).map(([k, v]) => [k, round(v, 1)])),
      loadGenerator: round((self.user + self.system) / 1e6, 1),
    },
    oneMoreMachine: {
      basis: `per issued claim ${appMicros} µs of app + nginx CPU and ${dbMicros} µs of PostgreSQL backend CPU, ${cores} cores a machine`,
      appClaimsPerSecPerMachine: appCeiling === null ? null : round(appCeiling),
      dbCeilingClaimsPerSec: dbCeiling === null ? null : round(dbCeiling),
      measuredOnOneMachine: round(issuedPerSec),
      // A second machine running app processes only adds its cores' worth of claims, up to what PostgreSQL can take.
      addedByOneMoreAppMachine:
        appCeiling === null || dbCeiling === null ? null : round(Math.max(0, Math.min(appCeiling, dbCeiling - Math.min(dbCeiling, issuedPerSec)))),
      // Or the database moved to the new machine: the app gets this one's cores, PostgreSQL the other's.
      appAndDatabaseSplit: appCeiling === null || dbCeiling === null ? null : round(Math.min(appCeiling, dbCeiling)),
    },
    seconds: {
      setup: round(setupSeconds, 1),
      residents: round(world.residentsMs / 1000, 1),
      clusterStart: round(clusterSeconds, 1),
      rush: round(rushed.seconds, 1),
      untilExhausted: atExhaustion === null ? null : round(phase.seconds, 1),
      wall: round((Date.now() - wallStart) / 1000, 1),
    },
  };
  log(
    `issued ${check.issued}/${VOUCHERS} at ${round(issuedPerSec)}/s (over-issue ${check.overIssue}); answers ${round(answersPerSec)}/s; ` +
      `claim p50 ${claimMs.p50} ms p99 ${claimMs.p99} ms; queued ${rushed.queued}, wait p99 ${waits.p99} ms; hello ${hello.rps}/s; pgbench ${round(pgbench)} tps`,
  );
  console.log(JSON.stringify(figures));
  if (check.overIssue !== 0) process.exitCode = 1;
}

const cleanup = async () => {
  await cluster?.stop().catch(() => undefined);
  await scratch?.cleanup();
  // A backend still connected makes the plain drop fail (silently, in bench/lib): force it.
  if (scratch?.env.DATABASE_URL)
    await adminQuery(ADMIN_URL, `drop database if exists ${new URL(scratch.env.DATABASE_URL).pathname.slice(1)} with (force)`).catch(() => undefined);
};
process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => void cleanup().then(() => process.exit(process.exitCode ?? 0)));
