/** What the province run measures besides its own requests: CPU from /proc, percentiles, pgbench, the hello-world. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import autocannon from 'autocannon';
import pg from 'pg';
import { cpuSeconds } from '../lib/measure.js';

export { cpuSeconds, pgbenchTps } from '../lib/measure.js';

function parentOf(pid: number): number {
  try {
    return Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
  } catch {
    return 0;
  }
}

function commOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

const allPids = () =>
  fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);

/** Every process below `root` (children, grandchildren…), with its command name. */
export function descendants(root: number): { pid: number; comm: string }[] {
  const out: { pid: number; comm: string }[] = [];
  for (const pid of allPids()) {
    let p = parentOf(pid);
    for (let depth = 0; p > 1 && depth < 8; depth++, p = parentOf(p))
      if (p === root) {
        out.push({ pid, comm: commOf(pid) });
        break;
      }
  }
  return out;
}

/** Every `postgres` process on this machine (the server may serve others too: an upper bound for this run). */
export const postgresPids = () => allPids().filter((pid) => commOf(pid) === 'postgres');

/** A CPU meter over a set of processes: seconds used between start() and stop(), processes born meanwhile included. */
export function cpuMeter(pids: () => number[]) {
  const before = new Map<number, number>();
  return {
    start() {
      for (const pid of pids()) before.set(pid, cpuSeconds(pid));
    },
    /** Seconds since start(); a process that ended meanwhile is lost (its time is not in /proc any more). */
    read(): number {
      let sum = 0;
      for (const pid of pids()) sum += cpuSeconds(pid) - (before.get(pid) ?? 0);
      return sum;
    },
  };
}

/** The backends of one database right now (pg_stat_activity), for the database's own CPU share. */
export async function backendPids(adminUrl: string, database: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const r = await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [database]);
    return r.rows.map((row) => Number(row.pid));
  } finally {
    await client.end();
  }
}

export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
}

export function summary(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  return { count: s.length, p50: percentile(s, 50), p99: percentile(s, 99), max: s.length ? Math.round(s[s.length - 1]!) : null };
}

/**
 * bench/claims' hello-world (a bare Fastify answering every path), straight on loopback — not through nginx —
 * under autocannon with the same method, path and cookie headers as the claims; requests per second and p99.
 */
export async function helloWorld(
  sample: { cookie: string; csrf: string }[],
  path: string,
  connections: number,
  seconds: number,
): Promise<{ rps: number; p99: number; cpuMicrosPerRequest: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/claims/hello.ts'], {
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const line = out.split('\n').find((l) => l.startsWith('{"port"'));
        if (line) resolve((JSON.parse(line) as { port: number }).port);
      });
      child.once('exit', (code) => reject(new Error(`hello-world exited with ${code}`)));
    });
    let next = 0;
    const request = {
      method: 'POST' as const,
      path,
      setupRequest: (req: autocannon.Request) => {
        const r = sample[next++ % sample.length]!;
        return { ...req, headers: { ...(req.headers as Record<string, string>), cookie: r.cookie, 'x-csrf-token': r.csrf } };
      },
    };
    const url = `http://127.0.0.1:${port}`;
    await autocannon({ url, connections, duration: 2, requests: [request] });
    const cpu = cpuSeconds(child.pid!);
    const r = await autocannon({ url, connections, duration: seconds, requests: [request] });
    const used = cpuSeconds(child.pid!) - cpu;
    return { rps: Math.round(r['2xx'] / r.duration), p99: r.latency.p99, cpuMicrosPerRequest: Math.round((used * 1e6) / Math.max(1, r['2xx'])) };
  } finally {
    child.kill('SIGTERM');
  }
}
