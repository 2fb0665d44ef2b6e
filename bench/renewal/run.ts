/**
 * npm run bench:renewal — the renewal overview (projects by status, sector, type, town and year, funding by source)
 * at 50,000 projects through the real server, against a bare Fastify hello-world answering the same requests on
 * the same machine; then a department's 10,000-project list imported through the API (upload, background check,
 * all rows in one transaction), timed from upload to the job's success, with the overview's latency while it runs,
 * and the overview's first reads after it (the figures recomputed: the cache answers only until a change).
 * DATABASE_URL selects the database (SQLite by default). Prints one JSON line; details go to stderr.
 *
 *   BENCH_SECONDS (10)  BENCH_CONNECTIONS (10)  BENCH_PROJECTS (50000)  BENCH_ENTERPRISES (2000)  BENCH_IMPORT_ROWS (10000)
 */
import { randomInt } from 'node:crypto';
import autocannon, { type Result } from 'autocannon';
import { loadConfig } from '../../src/server/config.js';
import { createDeps, prepareDatabase } from '../../src/server/runtime.js';
import { createSignedInUser, type SignedIn } from '../lib/accounts.js';
import { killAll, scratchDatabase, startProcess, stopAll, stopProcess } from '../lib/process.js';
import { importAndWait } from '../lib/imports.js';
import { describeRun, perSec } from '../lib/load.js';
import { freePort } from '../lib/server.js';
import { createEnterprises, createProjects, projectListWorkbook } from './data.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 50_000);
const ENTERPRISES = Number(process.env.BENCH_ENTERPRISES ?? 2_000);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
const log = (...args: unknown[]) => console.error('[bench:renewal]', ...args);

const cannon = (port: number, requests: autocannon.Request[], duration = SECONDS): Promise<Result> =>
  autocannon({ url: `http://127.0.0.1:${port}`, connections: CONNECTIONS, duration, requests });

/** The overview as 市工信局 opens it: the whole city this year, or one sector or one town of it. */
function overviewRequest(who: SignedIn, townIds: readonly number[]): autocannon.Request {
  const sectors = ['industry', 'healthcare', 'culture_tourism'];
  return {
    method: 'GET',
    setupRequest: (req) => {
      const n = randomInt(4);
      const query = n === 0 ? `sector=${sectors[randomInt(sectors.length)]}` : n === 1 ? `townId=${townIds[randomInt(townIds.length)]}` : 'year=2026';
      return { ...req, path: `/api/renewal/overview?${query}`, headers: { ...(req.headers as Record<string, string>), cookie: who.cookie } };
    },
  };
}

async function main(): Promise<void> {
  const scratch = await scratchDatabase();
  const { tag, env } = scratch;
  try {
    const config = loadConfig({ ...process.env, ...env });
    const deps = createDeps(config);
    await prepareDatabase(deps, { demo: false });
    log(`creating ${ENTERPRISES} enterprises and ${PROJECTS} projects with their equipment and funding…`);
    const enterprises = await createEnterprises(deps, ENTERPRISES, tag);
    await createProjects(deps, enterprises, PROJECTS, tag);
    // 市工信局 holds renewal `manage` by default: it reads the overview and imports lists.
    const miit = await createSignedInUser(deps, config, `bench_${tag}_miit`, 'department', { name: '市工信局' });
    const townIds = (await deps.database.db.selectFrom('organizations').select('id').where('kind', '=', 'town').execute()).map((t) => Number(t.id));
    await deps.database.close();
    const file = await projectListWorkbook(enterprises, IMPORT_ROWS);

    const port = await freePort();
    const server = await startProcess(['src/server/main.ts', 'serve'], env, port);
    const overview = overviewRequest(miit, townIds);
    log('warm-up (2 s)…');
    await cannon(port, [overview], 2);
    log(`overview at ${PROJECTS} projects: ${CONNECTIONS} connections for ${SECONDS} s…`);
    const read = await cannon(port, [overview]);
    log(`importing ${IMPORT_ROWS} projects while the overview is read…`);
    const during = cannon(port, [overview], 3600);
    const finished = await importAndWait<{ importedRows: number; errors: unknown[] }>(
      port,
      miit,
      '/api/renewal/projects/imports',
      (id) => `/api/renewal/projects/imports/${id}`,
      file,
      '压测项目清单.xlsx',
    );
    const imported = { ms: finished.ms, ...finished.job };
    (during as unknown as { stop?: () => void }).stop?.();
    const readDuringImport = await during;
    // Filters the load above never asked for: nothing cached, each read computes the sums over every project.
    const cold: number[] = [];
    for (const query of [
      'year=2025',
      'year=2024',
      'sector=education',
      'sector=transport',
      `townId=${townIds[0]}&year=2025`,
      `townId=${townIds[1]}&year=2024`,
    ]) {
      const t0 = performance.now();
      const r = await fetch(`http://127.0.0.1:${port}/api/renewal/overview?${query}`, { headers: { cookie: miit.cookie } });
      if (!r.ok) throw new Error(`overview ${query}: ${r.status}`);
      await r.arrayBuffer();
      cold.push(performance.now() - t0);
    }
    cold.sort((a, b) => a - b);
    await stopProcess(server);

    const helloPort = await freePort();
    const hello = await startProcess(['bench/claims/hello.ts'], {}, helloPort);
    log('hello-world: the same load…');
    await cannon(helloPort, [overview], 2);
    const helloRead = await cannon(helloPort, [overview]);
    await stopProcess(hello);

    log(describeRun('overview', read));
    log(describeRun('overview during the import', readDuringImport));
    log(describeRun('hello', helloRead));
    log(`import: ${imported.status}, ${imported.importedRows} rows in ${imported.ms} ms`, imported.errors.slice(0, 3));
    // autocannon reports p97.5 and p99, not p95: p97.5 is the nearest above, so the figure errs on the slow side.
    console.log(
      JSON.stringify({
        database: scratch.postgres ? 'postgres' : 'sqlite',
        projects: PROJECTS,
        overviewPerSec: perSec(read),
        overviewP50Ms: read.latency.p50,
        overviewP97_5Ms: read.latency.p97_5,
        helloPerSec: perSec(helloRead),
        helloP97_5Ms: helloRead.latency.p97_5,
        overviewRatioToHello: Number((perSec(read) / perSec(helloRead)).toFixed(4)),
        // A read after a change, computing the sums over every project (median and slowest of six filters).
        overviewRecomputeMedianMs: Math.round(cold[Math.floor(cold.length / 2)]!),
        overviewRecomputeMaxMs: Math.round(cold.at(-1)!),
        importRows: imported.importedRows,
        importStatus: imported.status,
        importSeconds: Number((imported.ms / 1000).toFixed(1)),
        importRowsPerSec: Math.round(imported.importedRows / (imported.ms / 1000)),
        overviewDuringImportP97_5Ms: readDuringImport.latency.p97_5,
        overviewDuringImportMaxMs: readDuringImport.latency.max,
        // Every request must succeed: a refusal is a bug in the benchmark or the server, not load.
        failed: read.non2xx + read.errors + readDuringImport.non2xx + readDuringImport.errors + (imported.status === 'succeeded' ? 0 : 1),
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
