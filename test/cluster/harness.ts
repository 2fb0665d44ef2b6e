import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort } from '../../src/server/cluster/workers.js';
import { loadConfig } from '../../src/server/config.js';
import { createDeps, prepareDatabase } from '../../src/server/runtime.js';

/**
 * A cluster as `npm run cluster` starts it (the real supervisor, nginx and app processes) on a database of its
 * own, and a small HTTP client that keeps a session cookie and reads which worker answered.
 */
const SUPERVISOR = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../src/server/cluster/main.ts');

export interface ClusterEvent {
  cluster: string;
  workers?: { id: string; port: number; pid: number }[];
  [k: string]: unknown;
}

export interface RunningCluster {
  url: string;
  databaseUrl: string;
  events: ClusterEvent[];
  child: ChildProcess;
  /** The first event of this kind after the `after`-th event. */
  waitFor(kind: string, after?: number): Promise<ClusterEvent>;
  stop(): Promise<void>;
}

async function adminQuery(text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

export async function startCluster(options: {
  database: 'postgres' | 'sqlite';
  workers?: number;
  args?: string[];
  env?: Record<string, string>;
}): Promise<RunningCluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huanxin-cluster-test-'));
  let databaseUrl = `sqlite:${path.join(dir, 'cluster.db')}`;
  let pgDatabase: string | null = null;
  if (options.database === 'postgres') {
    pgDatabase = `huanxin_c_${randomBytes(6).toString('hex')}`;
    await adminQuery(`create database ${pgDatabase}`);
    const u = new URL(process.env.DATABASE_URL!);
    u.pathname = `/${pgDatabase}`;
    databaseUrl = u.toString();
  }
  // The demo accounts (not the demo programmes, which `serve` would seed around today): seeded here, then the
  // workers start with HUANXIN_DEMO=0 and find the database up to date.
  const deps = createDeps(loadConfig({ ...process.env, NODE_ENV: 'test', DATABASE_URL: databaseUrl, HUANXIN_DATA_DIR: dir }));
  try {
    await prepareDatabase(deps, { demo: true });
  } finally {
    await deps.database.close();
  }
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      SUPERVISOR,
      '--workers',
      String(options.workers ?? 2),
      '--port',
      String(port),
      '--run-dir',
      path.join(dir, 'run'),
      ...(options.args ?? []),
    ],
    {
      env: {
        ...process.env,
        NODE_ENV: 'development',
        DATABASE_URL: databaseUrl,
        HUANXIN_DATA_DIR: dir,
        HUANXIN_WEB_DIST: path.join(dir, 'no-web'),
        HUANXIN_PG_POOL_SIZE: '4',
        LOG_LEVEL: 'warn',
        HUANXIN_DEMO: '0',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const events: ClusterEvent[] = [];
  const waiters: (() => void)[] = [];
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.includes('"cluster":')) continue;
      try {
        const parsed = JSON.parse(line) as Partial<ClusterEvent>;
        if (typeof parsed.cluster === 'string') events.push(parsed as ClusterEvent);
      } catch {
        // A worker's log line that mentions "cluster": not an event.
      }
    }
    for (const w of waiters.splice(0)) w();
  });
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve();
      for (const w of waiters.splice(0)) w();
    }),
  );
  const waitFor = (kind: string, after = 0) =>
    new Promise<ClusterEvent>((resolve, reject) => {
      const look = () => {
        const found = events.slice(after).find((e) => e.cluster === kind);
        if (found) return resolve(found);
        if (child.exitCode !== null) return reject(new Error(`the supervisor exited (${child.exitCode}) before "${kind}"`));
        waiters.push(look);
      };
      look();
    });
  const cluster: RunningCluster = {
    url: `http://127.0.0.1:${port}`,
    databaseUrl,
    events,
    child,
    waitFor,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      if (pgDatabase) await adminQuery(`drop database if exists ${pgDatabase} with (force)`);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await waitFor('ready');
  } catch (e) {
    await cluster.stop();
    throw e;
  }
  return cluster;
}

export interface Answer {
  status: number;
  worker: string | null;
  body: unknown;
  headers: http.IncomingHttpHeaders;
}

/** Requests through nginx with one session (cookie and CSRF token, as the web app sends them). */
export class Browser {
  private cookie: string | null = null;
  csrf: string | null = null;
  constructor(private readonly base: string) {}

  /**
   * A connection per request (`Connection: close`). With keep-alive, a reload has nginx's old workers close their
   * idle client connections, and a request a client sends on one at that instant fails without reaching nginx —
   * browsers resend those by themselves; this client would count it as lost (docs/cluster.md).
   */
  request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = http.request(
        `${this.base}${url}`,
        {
          method,
          agent: false,
          headers: {
            ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
            ...(this.cookie ? { cookie: this.cookie } : {}),
            ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString();
            const session = (res.headers['set-cookie'] ?? []).find((c) => c.startsWith('hx_session='));
            if (session) this.cookie = session.split(';')[0]!;
            let parsed: unknown = text;
            try {
              parsed = JSON.parse(text);
            } catch {
              // Not JSON (an nginx error page): kept as text for the failure message.
            }
            const worker = res.headers['x-huanxin-worker'];
            resolve({ status: res.statusCode ?? 0, worker: typeof worker === 'string' ? worker : null, body: parsed, headers: res.headers });
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  async login(username: string, password: string): Promise<Answer> {
    const answer = await this.request('POST', '/api/auth/login', { username, password });
    if (answer.status === 200) this.csrf = (answer.body as { csrfToken: string }).csrfToken;
    return answer;
  }
}
