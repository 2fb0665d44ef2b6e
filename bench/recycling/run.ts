/**
 * npm run bench:recycling — intake records per second (a site recording a purchase from an individual, with its
 * reverse invoice and the seller's yearly limit) and recycling-certificate checks per second through the real
 * server, each against a bare Fastify hello-world answering the same requests on the same machine.
 * DATABASE_URL selects the database (SQLite by default). Prints one JSON line; details go to stderr.
 *
 *   BENCH_SECONDS (10)  BENCH_CONNECTIONS (50)  BENCH_RECYCLERS (60)  BENCH_PICKUPS (40000, 3 certificates each)
 *   BENCH_INTAKE_HISTORY (100000)
 */
import { randomInt } from 'node:crypto';
import autocannon, { type Result } from 'autocannon';
import { loadConfig } from '../../src/server/config.js';
import { shanghaiDate } from '../../src/server/core/time.js';
import { createDeps, prepareDatabase } from '../../src/server/runtime.js';
import { killAll, scratchDatabase, startProcess, stopAll, stopProcess } from '../lib/process.js';
import { describeRun, perSec } from '../lib/load.js';
import { freePort } from '../lib/server.js';
import { benchCitizenId, createCertificates, createIntakeHistory, createOfficeUser, createRecyclers } from './data.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const RECYCLERS = Number(process.env.BENCH_RECYCLERS ?? 60);
const PICKUPS = Number(process.env.BENCH_PICKUPS ?? 40_000);
const INTAKE_HISTORY = Number(process.env.BENCH_INTAKE_HISTORY ?? 100_000);
const log = (...args: unknown[]) => console.error('[bench]', ...args);

const cannon = (port: number, requests: autocannon.Request[], duration = SECONDS): Promise<Result> =>
  autocannon({ url: `http://127.0.0.1:${port}`, connections: CONNECTIONS, duration, requests });

async function main(): Promise<void> {
  const scratch = await scratchDatabase();
  const { tag, env } = scratch;
  try {
    const config = loadConfig({ ...process.env, ...env });
    const deps = createDeps(config);
    await prepareDatabase(deps, { demo: false });
    log(`creating ${RECYCLERS} recyclers with a station each…`);
    const recyclers = await createRecyclers(deps, config, RECYCLERS, tag);
    const office = await createOfficeUser(deps, config, tag);
    log(`creating ${PICKUPS} completed pickups with 3 certificates each…`);
    const numbers = await createCertificates(deps, config, recyclers, PICKUPS, 3, tag);
    log(`creating ${INTAKE_HISTORY} intake records of the past year…`);
    await createIntakeHistory(deps, recyclers, INTAKE_HISTORY);
    await deps.database.close();

    const port = await freePort();
    const server = await startProcess(['src/server/main.ts', 'serve'], env, port);

    // A merchant's check at the till: a certificate the network issued, picked at random.
    const checkRequest: autocannon.Request = {
      method: 'GET',
      setupRequest: (req) => ({
        ...req,
        path: `/api/recycling/certificates/${numbers[randomInt(numbers.length)]}`,
        headers: { ...(req.headers as Record<string, string>), cookie: office.cookie },
      }),
    };
    // A site buys 40 kg of waste paper from a resident: the record, its reverse invoice and the seller's yearly total.
    let seller = 1_000_000;
    const today = shanghaiDate();
    const intakeRequest: autocannon.Request = {
      method: 'POST',
      path: '/api/recycling/intake',
      setupRequest: (req) => {
        const r = recyclers[randomInt(recyclers.length)]!;
        const n = seller++;
        return {
          ...req,
          headers: { ...(req.headers as Record<string, string>), 'content-type': 'application/json', cookie: r.cookie, 'x-csrf-token': r.csrf },
          body: JSON.stringify({
            siteId: r.siteId,
            material: 'paper',
            source: 'individual',
            weightKg: 40,
            priceFen: 4000 + (n % 500),
            takenInOn: today,
            seller: { name: `压测居民${n % 10_000}`, idNumber: benchCitizenId(n) },
          }),
        };
      },
    };

    log('warm-up (2 s each)…');
    await cannon(port, [checkRequest], 2);
    await cannon(port, [intakeRequest], 2);
    log(`certificate checks: ${CONNECTIONS} connections for ${SECONDS} s…`);
    const checks = await cannon(port, [checkRequest]);
    log(`intake records: ${CONNECTIONS} connections for ${SECONDS} s…`);
    const intake = await cannon(port, [intakeRequest]);
    await stopProcess(server);

    const helloPort = await freePort();
    const hello = await startProcess(['bench/claims/hello.ts'], {}, helloPort);
    log('hello-world: the same two loads…');
    await cannon(helloPort, [checkRequest], 2);
    const helloChecks = await cannon(helloPort, [checkRequest]);
    const helloIntake = await cannon(helloPort, [intakeRequest]);
    await stopProcess(hello);

    log(describeRun('certificate checks', checks));
    log(describeRun('intake', intake));
    log(describeRun('hello (checks)', helloChecks));
    log(describeRun('hello (intake)', helloIntake));
    console.log(
      JSON.stringify({
        database: scratch.postgres ? 'postgres' : 'sqlite',
        certificates: numbers.length,
        intakeHistory: INTAKE_HISTORY,
        certificateChecksPerSec: perSec(checks),
        certificateCheckP99Ms: checks.latency.p99,
        intakePerSec: perSec(intake),
        intakeP99Ms: intake.latency.p99,
        // Every request of the load must succeed: a refusal is a bug in the benchmark or the server, not load.
        failed: checks.non2xx + checks.errors + intake.non2xx + intake.errors,
        helloChecksPerSec: perSec(helloChecks),
        helloIntakePerSec: perSec(helloIntake),
        checksRatioToHello: Number((perSec(checks) / perSec(helloChecks)).toFixed(3)),
        intakeRatioToHello: Number((perSec(intake) / perSec(helloIntake)).toFixed(3)),
      }),
    );
  } finally {
    await stopAll();
    await scratch.cleanup();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    killAll();
    process.exit(1);
  },
);
