/**
 * npm run bench:ledgers — one ledger of 500,000 assets (the shipped video-camera ledger, 市公安局's 5万+ cameras ten
 * times over, generated from its definition) through the real server: a keeper's filtered, sorted list page, a
 * town's list, and a plan metric over the whole ledger (cameras upgraded in a year, the one A1-T6-01 binds);
 * then a 10,000-row sheet filled into the server's own template and imported through the API, timed from upload
 * to the job's success. DATABASE_URL selects the database (SQLite by default). Prints one JSON line; details go
 * to stderr. autocannon reports p97.5 and p99, not p95: p97.5 is the nearest above, so the figure errs on the slow side.
 *
 *   BENCH_SECONDS (10)  BENCH_CONNECTIONS (10)  BENCH_ASSETS (500000)  BENCH_IMPORT_ROWS (10000)  BENCH_KIND (cameras)
 */
import { randomInt } from 'node:crypto';
import autocannon, { type Result } from 'autocannon';
import { loadConfig } from '../../src/server/config.js';
import { createDeps, prepareDatabase } from '../../src/server/runtime.js';
import { activeFields } from '../../src/shared/ledgers/definition.js';
import { createSignedInUser, type SignedIn } from '../lib/accounts.js';
import { importAndWait } from '../lib/imports.js';
import { describeRun } from '../lib/load.js';
import { killAll, scratchDatabase, startProcess, stopAll } from '../lib/process.js';
import { freePort } from '../lib/server.js';
import { createAssets, fillTemplate, loadBenchKind, loadVocabulary, type BenchKind, type Vocabulary } from './data.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ASSETS = Number(process.env.BENCH_ASSETS ?? 500_000);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
const KIND = process.env.BENCH_KIND ?? 'cameras';
const log = (...args: unknown[]) => console.error('[bench:ledgers]', ...args);

const cannon = (port: number, requests: autocannon.Request[], duration = SECONDS): Promise<Result> =>
  autocannon({ url: `http://127.0.0.1:${port}`, connections: CONNECTIONS, duration, requests });

const get = (who: SignedIn, path: () => string): autocannon.Request => ({
  method: 'GET',
  setupRequest: (req) => ({ ...req, path: path(), headers: { ...(req.headers as Record<string, string>), cookie: who.cookie } }),
});

/** A keeper's list: one town and one value of a dictionary field (or a date range), sorted by a date field, newest first. */
function listPath(kind: BenchKind, vocab: Vocabulary): () => string {
  const fields = activeFields(kind.definition);
  const dictionary = fields.find((f) => f.type === 'dictionary' && (vocab.codes.get(f.key)?.length ?? 0) > 0);
  const date = fields.find((f) => f.type === 'date');
  return () => {
    const filters: unknown[] = [];
    if (dictionary) {
      const codes = vocab.codes.get(dictionary.key)!;
      filters.push({ field: dictionary.key, op: 'eq', value: codes[randomInt(codes.length)]!.code });
    }
    if (date) {
      const year = 2005 + randomInt(18);
      filters.push({ field: date.key, op: 'gte', value: `${year}-01-01` }, { field: date.key, op: 'lte', value: `${year + 2}-12-31` });
    }
    const town = vocab.towns[randomInt(vocab.towns.length)]!.id;
    const sort = date ? `&sort=${date.key}&order=desc` : '';
    return `/api/ledgers/kinds/${kind.id}/assets?townId=${town}&filters=${encodeURIComponent(JSON.stringify(filters))}${sort}&page=${1 + randomInt(3)}&pageSize=20`;
  };
}

/** The metric the plan reads, over a year of the plan, for the city or one town. */
function metricPath(metricName: string, vocab: Vocabulary): () => string {
  return () => {
    const year = 2024 + randomInt(3);
    const from = new Date(Date.UTC(year - 1, 11, 31, 16)).toISOString();
    const to = new Date(Date.UTC(year, 11, 31, 16)).toISOString();
    const town = randomInt(3) === 0 ? `&townId=${vocab.towns[randomInt(vocab.towns.length)]!.id}` : '';
    return `/api/plan/metrics/value?name=${metricName}&from=${from}&to=${to}${town}`;
  };
}

async function main(): Promise<void> {
  const scratch = await scratchDatabase();
  const { tag, env } = scratch;
  try {
    const config = loadConfig({ ...process.env, ...env });
    const deps = createDeps(config);
    await prepareDatabase(deps, { demo: false });
    const kind = await loadBenchKind(deps, KIND);
    const vocab = await loadVocabulary(deps, kind.definition);
    const metric = kind.definition.metrics.find((m) => m.measure.kind === 'events') ?? kind.definition.metrics[0];
    if (!metric) throw new Error(`kind ${KIND} declares no metric`);
    const t0 = Date.now();
    log(`creating ${ASSETS} ${KIND} assets and their events…`);
    const events = await createAssets(deps, kind, vocab, ASSETS, tag);
    log(`${ASSETS} assets and ${events} events in ${Math.round((Date.now() - t0) / 1000)} s`);
    const office = await createSignedInUser(deps, config, `bench_${tag}_office`, 'office', { kind: 'office' });
    await deps.database.close();

    const port = await freePort();
    await startProcess(['src/server/main.ts', 'serve'], env, port);
    const template = Buffer.from(
      await (await fetch(`http://127.0.0.1:${port}/api/ledgers/kinds/${kind.id}/template`, { headers: { cookie: office.cookie } })).arrayBuffer(),
    );
    const file = await fillTemplate(template, kind.definition, vocab, IMPORT_ROWS, tag);

    const list = get(office, listPath(kind, vocab));
    const metricName = `ledgers.${kind.code}.${metric.code}`;
    const metricRead = get(office, metricPath(metricName, vocab));
    log('warm-up (2 s)…');
    await cannon(port, [list], 2);
    log(`filtered list over ${ASSETS} assets: ${CONNECTIONS} connections for ${SECONDS} s…`);
    const listRun = await cannon(port, [list]);
    log(`metric ${metricName} over ${ASSETS} assets…`);
    await cannon(port, [metricRead], 2);
    const metricRun = await cannon(port, [metricRead]);
    log(`importing ${IMPORT_ROWS} rows…`);
    const { ms, job } = await importAndWait<{ insertedRows: number; updatedRows: number; errors: unknown[] }>(
      port,
      office,
      `/api/ledgers/kinds/${kind.id}/imports`,
      (id) => `/api/ledgers/imports/${id}`,
      file,
      '压测台账.xlsx',
    );
    const imported = { ms, ...job };

    log(describeRun('list', listRun));
    log(describeRun('metric', metricRun));
    log(`import: ${imported.status}, ${imported.insertedRows} inserted, ${imported.updatedRows} updated in ${imported.ms} ms`, imported.errors.slice(0, 3));
    console.log(
      JSON.stringify({
        database: scratch.postgres ? 'postgres' : 'sqlite',
        kind: KIND,
        assets: ASSETS,
        events,
        listPerSec: Math.round(listRun['2xx'] / listRun.duration),
        listP50Ms: listRun.latency.p50,
        listP97_5Ms: listRun.latency.p97_5,
        metric: metricName,
        metricPerSec: Math.round(metricRun['2xx'] / metricRun.duration),
        metricP50Ms: metricRun.latency.p50,
        metricP97_5Ms: metricRun.latency.p97_5,
        importRows: imported.insertedRows + imported.updatedRows,
        importStatus: imported.status,
        importSeconds: Number((imported.ms / 1000).toFixed(1)),
        importRowsPerSec: Math.round((imported.insertedRows + imported.updatedRows) / (imported.ms / 1000)),
        // Every request must succeed: a refusal is a bug in the benchmark or the server, not load.
        failed: listRun.non2xx + listRun.errors + metricRun.non2xx + metricRun.errors + (imported.status === 'succeeded' ? 0 : 1),
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
