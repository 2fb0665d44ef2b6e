import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { loadConfig } from '../../src/server/config.js';
import type { AppDeps } from '../../src/server/core/deps.js';
import { buildApp } from '../../src/server/app.js';
import { createDeps, prepareDatabase, type RuntimeOptions } from '../../src/server/runtime.js';
import { keepSeededProgrammesLive } from './liveProgrammes.js';
import { DEMO_PASSWORD, DEMO_RESIDENT } from '../../src/server/modules/platform/seed/seedDemo.js';

export { DEMO_PASSWORD, DEMO_RESIDENT };

export interface TestApp {
  app: FastifyInstance;
  deps: AppDeps;
  /** Signs in and returns a client that sends the session cookie and CSRF header. */
  login(username: string, password?: string): Promise<TestClient>;
  anonymous: TestClient;
  close(): Promise<void>;
}

export interface TestClient {
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
  cookie: string | null;
  csrf: string | null;
}

export const isPostgres = () => /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '');

async function adminQuery(text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

function client(app: FastifyInstance, cookie: string | null, csrf: string | null): TestClient {
  const request = (opts: InjectOptions) =>
    app.inject({
      ...opts,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(csrf ? { 'x-csrf-token': csrf } : {}),
        ...(opts.headers ?? {}),
      },
    });
  return {
    cookie,
    csrf,
    request,
    get: (url, headers) => request({ method: 'GET', url, ...(headers ? { headers } : {}) }),
    post: (url, body, headers) =>
      request({ method: 'POST', url, ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }), ...(headers ? { headers } : {}) }),
    patch: (url, body) => request({ method: 'PATCH', url, payload: body as InjectOptions['payload'] }),
    put: (url, body) => request({ method: 'PUT', url, payload: body as InjectOptions['payload'] }),
    delete: (url) => request({ method: 'DELETE', url }),
  };
}

/**
 * A fresh app on a fresh database: a temp SQLite file, or (DATABASE_URL=postgres://…) its own database that is
 * dropped afterwards. Reference organisations and the demo accounts are seeded.
 */
export async function createTestApp(options: { demo?: boolean; env?: Record<string, string> } & RuntimeOptions = {}): Promise<TestApp> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huanxin-test-'));
  // A database per test file, not a schema: Kysely's migrator introspects every schema of its database, and
  // another file dropping its schema at that moment made the introspection fail now and then.
  const pgDatabase = isPostgres() ? `huanxin_t_${randomBytes(6).toString('hex')}` : null;
  if (pgDatabase) await adminQuery(`create database ${pgDatabase}`);
  const replicaUrl = options.env?.DATABASE_REPLICA_URL ?? process.env.DATABASE_REPLICA_URL;
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    HUANXIN_DATA_DIR: dir,
    DATABASE_URL: pgDatabase ? withDatabase(process.env.DATABASE_URL!, pgDatabase) : `sqlite:${path.join(dir, 'test.db')}`,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    HUANXIN_PG_POOL_SIZE: '5',
    ...options.env,
    // A physical replica holds every database of its primary: the test's own is read there under the same name.
    ...(pgDatabase && replicaUrl ? { DATABASE_REPLICA_URL: withDatabase(replicaUrl, pgDatabase) } : {}),
  });
  const deps = createDeps(
    config,
    {},
    { ...(options.modules ? { modules: options.modules } : {}), ...(options.extensions ? { extensions: options.extensions } : {}) },
  );
  await prepareDatabase(deps, { demo: options.demo ?? true });
  await keepSeededProgrammesLive(deps.database);
  const app = await buildApp(deps);
  await app.ready();

  return {
    app,
    deps,
    anonymous: client(app, null, null),
    async login(username, password = DEMO_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const session = res.cookies.find((c) => c.name === 'hx_session');
      return client(app, `hx_session=${session!.value}`, res.json().csrfToken);
    },
    async close() {
      await app.close();
      await deps.database.close();
      if (pgDatabase) await adminQuery(`drop database if exists ${pgDatabase} with (force)`);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
