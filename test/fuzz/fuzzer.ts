import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../helpers/testApp.js';
import { diffCounters, forbiddenChanges, installChangeCounters, readCounters } from './changes.js';
import { operationsOf, requestArb, resolverOf, urlOf, type Operation, type PlannedRequest } from './operations.js';
import { knownHang } from './known.js';
import { ResponseChecker } from './responseCheck.js';
import { FUZZ_ROLES, Sessions } from './sessions.js';
import type { JsonSchema } from './schemaArbitraries.js';

export interface FuzzOptions {
  requests: number;
  seed: number;
  /** Progress every so many requests (0: none). */
  progressEvery?: number;
  log?: (line: string) => void;
}

export interface FuzzFailure {
  kind: '5xx' | 'undocumented' | 'schema' | 'refused-changed-data' | 'exception' | 'hang';
  route: string;
  role: string;
  status: number;
  detail: string;
  /** What to send again: the request as `app.inject` takes it, with the role and the seed/index that made it. */
  reproducer: { seed: number; index: number; role: string; method: string; url: string; contentType?: string; payload?: string };
}

export interface FuzzReport {
  requests: number;
  seed: number;
  operations: number;
  operationsReached: number;
  ms: number;
  byStatus: Record<string, number>;
  byRole: Record<string, number>;
  byGroup: Record<string, number>;
  byVariant: Record<string, number>;
  refusedWrites: number;
  refusedWritesWithAllowedChanges: number;
  relogins: Record<string, number>;
  repairs: Record<string, number>;
  missingRoles: string[];
  failures: FuzzFailure[];
  /** Failures of one kind on one route are counted, and only the first few kept. */
  failureCounts: Record<string, number>;
  /** Requests that took over a second (the slowest kept). */
  slow: { route: string; ms: number; url: string }[];
}

const BATCH = 500;
/** A request that has not answered in this long is a failure (a hang), not something to wait for. */
const REQUEST_TIMEOUT_MS = 20_000;
const SLOW_MS = 1000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
const KEEP_PER_KEY = 3;
const HARVESTED = new Set(['id', 'code', 'key', 'name', 'number', 'category', 'year', 'item', 'sessionId', 'attachmentId', 'redemptionId']);

function bump(o: Record<string, number>, k: string, n = 1): void {
  o[k] = (o[k] ?? 0) + n;
}

/** Values of ids and codes in an answer, so later requests name real records. */
function harvest(value: unknown, group: string, pools: Map<string, string[]>, depth = 0): void {
  if (depth > 5 || !value || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const v of value.slice(0, 50)) harvest(v, group, pools, depth + 1);
    return;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (HARVESTED.has(k) && (typeof v === 'number' || (typeof v === 'string' && v.length < 60))) {
      for (const name of [`${group}|${k}`, k]) {
        const pool = pools.get(name) ?? [];
        const text = String(v);
        if (pool.length < 300 && !pool.includes(text)) pool.push(text);
        pools.set(name, pool);
      }
    } else if (typeof v === 'object') harvest(v, group, pools, depth + 1);
  }
}

export function injectOptions(op: Operation, r: PlannedRequest, pools: Map<string, string[]>): InjectOptions {
  const scoped = new Map(pools);
  for (const p of op.pathParams) {
    const own = pools.get(`${op.group}|${p.name === 'id' ? 'id' : p.name}`);
    if (own?.length) scoped.set(p.name, own);
  }
  const url = urlOf(op, r, scoped);
  const headers: Record<string, string> = { 'accept-language': r.language };
  const opts: InjectOptions = { method: op.method, url, headers };
  if (r.raw) {
    headers['content-type'] = r.raw.contentType;
    opts.payload = r.raw.payload;
  } else if (r.body !== undefined && op.method !== 'GET') {
    headers['content-type'] = 'application/json';
    opts.payload = JSON.stringify(r.body);
  }
  return opts;
}

/** The app of the fuzz, with demo data and change counters on its database. */
export async function fuzzApp(): Promise<TestApp> {
  const t = await createTestApp({ env: { HUANXIN_UPLOAD_LIMIT_BYTES: '200000' } });
  await installChangeCounters(t.deps.database);
  return t;
}

export async function runFuzz(options: FuzzOptions, given?: TestApp): Promise<FuzzReport> {
  const log = options.log ?? (() => undefined);
  const t = given ?? (await fuzzApp());
  const started = Date.now();
  try {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as Parameters<typeof operationsOf>[0];
    const ops = operationsOf(doc);
    const resolve = resolverOf(doc);
    const checker = new ResponseChecker((doc.components?.schemas ?? {}) as Record<string, JsonSchema>);
    const sessions = new Sessions(t);
    await sessions.start();
    const roles = FUZZ_ROLES.filter((r) => sessions.usable(r.role));
    const arbs = ops.map((_, i) => requestArb(ops, i, roles.length, resolve));
    const pools = new Map<string, string[]>();
    const report: FuzzReport = {
      requests: 0,
      seed: options.seed,
      operations: ops.length,
      operationsReached: 0,
      ms: 0,
      byStatus: {},
      byRole: {},
      byGroup: {},
      byVariant: {},
      refusedWrites: 0,
      refusedWritesWithAllowedChanges: 0,
      relogins: {},
      repairs: {},
      missingRoles: sessions.missing,
      failures: [],
      failureCounts: {},
      slow: [],
    };
    const reached = new Set<number>();
    // Roles whose requests got past the policy, per operation: most requests go to one of them, so that valid
    // requests reach the services instead of stopping at a 403 (the rest keep probing the refusals).
    const admitted = new Map<number, string[]>();
    let counters = await readCounters(t.deps.database);
    // Every list answer seeds the pools of ids first, as office and admin.
    for (const [i, op] of ops.entries()) {
      if (op.method !== 'GET' || op.pathParams.length) continue;
      for (const role of ['office', 'admin', 'department', 'merchant'])
        if (sessions.usable(role)) {
          const res = await sessions.inject(role, { method: 'GET', url: op.path });
          if (res.statusCode === 200 && String(res.headers['content-type']).startsWith('application/json')) harvest(res.json(), op.group, pools);
        }
      reached.add(i);
    }

    const fail = (f: FuzzFailure) => {
      const key = `${f.kind} ${f.route}`;
      bump(report.failureCounts, key);
      if ((report.failureCounts[key] ?? 0) <= KEEP_PER_KEY) report.failures.push(f);
    };
    // The same seed, the same requests: operations in a shuffled round robin so that every route gets its share
    // (a small run included); each operation's requests of a batch are sampled from a seed of their own.
    const opOrder = fc.sample(fc.shuffledSubarray([...ops.keys()], { minLength: ops.length, maxLength: ops.length }), {
      seed: options.seed,
      numRuns: 1,
    })[0]!;
    let index = 0;
    for (let b = 0; index < options.requests; b++) {
      if (process.env.HX_FUZZ_TRACE) writeFileSync(process.env.HX_FUZZ_TRACE, `sampling batch ${b}`);
      const batch = Math.min(BATCH, options.requests - index);
      const slots = Array.from({ length: batch }, (_, k) => opOrder[(index + k) % opOrder.length]!);
      const wanted = new Map<number, number>();
      for (const o of slots) wanted.set(o, (wanted.get(o) ?? 0) + 1);
      const sampled = new Map<number, PlannedRequest[]>();
      for (const [o, n] of wanted) sampled.set(o, fc.sample(arbs[o]!, { seed: (options.seed * 31 + b * 7919 + o) | 0, numRuns: n }));
      for (const [k, o] of slots.entries()) await one(sampled.get(o)!.shift()!, index + k);
      index += batch;
      if (options.progressEvery && Math.floor(index / options.progressEvery) !== Math.floor((index - batch) / options.progressEvery))
        log(
          `${index} requests, ${report.failures.length} failures kept, ${Math.round((Date.now() - started) / 1000)} s, ${Math.round(process.memoryUsage().rss / 1e6)} MB`,
        );
    }

    async function one(r: PlannedRequest, i: number): Promise<void> {
      const op = ops[r.op]!;
      const known = admitted.get(r.op);
      const role = known?.length && r.role % 10 < 7 ? known[r.role % known.length]! : roles[r.role % roles.length]!.role;
      const opts = injectOptions(op, r, pools);
      const repro = {
        seed: options.seed,
        index: i,
        role,
        method: op.method,
        url: injectedUrl(opts),
        ...(opts.headers && (opts.headers as Record<string, string>)['content-type']
          ? { contentType: (opts.headers as Record<string, string>)['content-type'] }
          : {}),
        ...(typeof opts.payload === 'string'
          ? { payload: opts.payload.length > 2000 ? `${opts.payload.slice(0, 2000)}… (${opts.payload.length} chars)` : opts.payload }
          : {}),
      };
      const hang = knownHang(`${op.method} ${op.path}`, injectedUrl(opts));
      if (hang) {
        fail({ kind: 'hang', route: `${op.method} ${op.path}`, role, status: 0, detail: `not sent: ${hang}`, reproducer: repro });
        return;
      }
      let res: LightMyRequestResponse;
      let before;
      try {
        const headers = await sessions.headers(role);
        // A repair (or a sign-in) changes rows outside any fuzzed request: read the counters again after it.
        before = sessions.touched() ? await readCounters(t.deps.database) : counters;
        // HX_FUZZ_TRACE=FILE: the request in flight, written before it is sent (a hang that blocks the event loop
        // cannot report itself).
        if (process.env.HX_FUZZ_TRACE) writeFileSync(process.env.HX_FUZZ_TRACE, JSON.stringify(repro));
        const sent = Date.now();
        res = await withTimeout(t.app.inject({ ...opts, headers: { ...headers, ...(opts.headers as Record<string, string>) } }), REQUEST_TIMEOUT_MS);
        const took = Date.now() - sent;
        if (took > SLOW_MS) report.slow.push({ route: `${op.method} ${op.path}`, ms: took, url: injectedUrl(opts).slice(0, 200) });
        sessions.observe(role, res);
        counters = await readCounters(t.deps.database);
      } catch (e) {
        fail({ kind: 'exception', route: `${op.method} ${op.path}`, role, status: 0, detail: String((e as Error).stack ?? e), reproducer: repro });
        return;
      }
      report.requests++;
      reached.add(r.op);
      bump(report.byStatus, String(res.statusCode));
      bump(report.byRole, role);
      bump(report.byGroup, op.group);
      bump(report.byVariant, r.variant);
      const route = `${op.method} ${op.path}`;
      if (res.statusCode >= 500) fail({ kind: '5xx', route, role, status: res.statusCode, detail: res.body.slice(0, 300), reproducer: repro });
      else {
        const problem = checker.check(op, res);
        if (problem)
          fail({
            kind: problem.startsWith('status') ? 'undocumented' : 'schema',
            route,
            role,
            status: res.statusCode,
            detail: `${problem} — ${res.body.slice(0, 200)}`,
            reproducer: repro,
          });
      }
      if (res.statusCode !== 401 && res.statusCode !== 403) {
        const list = admitted.get(r.op) ?? [];
        if (!list.includes(role)) admitted.set(r.op, [...list, role]);
      }
      if (res.statusCode >= 400) {
        const diff = diffCounters(before, counters);
        if (op.method !== 'GET') report.refusedWrites++;
        if (Object.keys(diff).length) report.refusedWritesWithAllowedChanges++;
        const bad = forbiddenChanges(diff, route);
        if (bad.length)
          fail({
            kind: 'refused-changed-data',
            route,
            role,
            status: res.statusCode,
            detail: `${bad.map((k) => `${k} ×${diff[k]}`).join(', ')} — ${res.body.slice(0, 200)}`,
            reproducer: repro,
          });
      } else if (String(res.headers['content-type'] ?? '').startsWith('application/json') && res.body) {
        try {
          harvest(JSON.parse(res.body), op.group, pools);
        } catch {
          // Reported by the schema check.
        }
      }
    }

    report.operationsReached = reached.size;
    report.slow = report.slow.sort((a, b) => b.ms - a.ms).slice(0, 20);
    report.relogins = Object.fromEntries(sessions.relogins);
    report.repairs = Object.fromEntries(sessions.repairs);
    report.ms = Date.now() - started;
    return report;
  } finally {
    if (!given) await t.close();
  }
}

/** The request's URL as sent (the fuzzer always gives a string; InjectOptions also allows an object). */
function injectedUrl(opts: InjectOptions): string {
  return typeof opts.url === 'string' ? opts.url : JSON.stringify(opts.url);
}
