import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplicaState } from '../../src/server/db/replica.js';
import { createTestApp, isPostgres, type TestApp, type TestClient } from '../helpers/testApp.js';

/**
 * Read routing against a real streaming replica (`.ci/replica.sh`, then `npm run test:replica` with DATABASE_URL
 * and DATABASE_REPLICA_URL): the dashboard and a public list are read on the replica while it is current, show
 * nothing the replica has not replayed yet, fall back to the primary once its lag passes the limit (the status
 * page saying so), and come back to it when it catches up; an unreachable replica sends them to the primary.
 * Each app reads the replica's copy of its own test database (test/helpers/testApp.ts).
 */
const replicaUrl = process.env.DATABASE_REPLICA_URL;
const skip = !isPostgres() || !replicaUrl;
if (skip) console.warn('replica.test: skipped, set DATABASE_URL to a PostgreSQL primary and DATABASE_REPLICA_URL to its replica (.ci/replica.sh)');

/** The limit the first app runs with: room for the reads made right after a write, yet passed in a few seconds. */
const MAX_LAG = 3;

async function connect(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  return c;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** A public notice written straight into the primary, as if just published. */
async function publishNotice(t: TestApp, title: string): Promise<void> {
  const at = new Date().toISOString();
  await t.deps.database.db
    .insertInto('notices')
    .values({
      title,
      kind: 'notice',
      body: 'replica test',
      audience: 'public',
      status: 'published',
      published_at: at,
      is_demo: 0,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

describe.skipIf(skip)('reads routed to a streaming replica', () => {
  let t: TestApp;
  let office: TestClient;
  let primary: pg.Client;
  let replica: pg.Client;
  let paused = false;

  beforeAll(async () => {
    t = await createTestApp({ env: { DATABASE_REPLICA_URL: replicaUrl!, HUANXIN_REPLICA_MAX_LAG_SECONDS: String(MAX_LAG) } });
    office = await t.login('demo_office');
    primary = await connect(t.deps.config.databaseUrl);
    replica = await connect(t.deps.config.replicaUrl!);
    await caughtUp();
  });
  afterAll(async () => {
    if (paused) await replica.query('select pg_wal_replay_resume()');
    await replica?.end();
    await primary?.end();
    await t?.close();
  });

  /** Until the replica has replayed everything the primary has written so far. */
  async function caughtUp(): Promise<void> {
    const { rows } = await primary.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn');
    await until('the replica to replay the primary’s WAL', async () => {
      const r = await replica.query<{ done: boolean }>('select pg_last_wal_replay_lsn() >= $1::pg_lsn as done', [rows[0]!.lsn]);
      return r.rows[0]!.done ? true : undefined;
    });
  }

  const replicaStatus = async (): Promise<ReplicaState> => {
    const res = await office.get('/api/status');
    expect(res.statusCode).toBe(200);
    return res.json<{ replica: ReplicaState }>().replica;
  };
  const dashboardVersion = async (): Promise<number | null> => {
    const res = await office.get('/api/plan-dashboard');
    expect(res.statusCode).toBe(200);
    return res.json<{ dataVersion: number | null }>().dataVersion;
  };
  const publicTitles = async (q: string): Promise<string[]> => {
    const res = await t.anonymous.get(`/api/public/notices?q=${encodeURIComponent(q)}`);
    expect(res.statusCode).toBe(200);
    return res.json<{ items: { title: string }[] }>().items.map((i) => i.title);
  };
  const bumpDashboardVersion = async (): Promise<number> => {
    const row = await t.deps.database.db
      .updateTable('plan_dashboard_state')
      .set((eb) => ({ version: eb('version', '+', 1), changed_at: new Date().toISOString() }))
      .where('id', '=', 1)
      .returning('version')
      .executeTakeFirstOrThrow();
    return Number(row.version);
  };

  it('reads a write on the primary through the replica once it is replayed', async () => {
    const status = await replicaStatus();
    expect(status).toMatchObject({ configured: true, maxLagSeconds: MAX_LAG, reads: 'replica', reason: null });
    expect(status.lagSeconds).toBeLessThanOrEqual(MAX_LAG);
    const title = `副本可见 ${Date.now()}`;
    await publishNotice(t, title);
    const version = await bumpDashboardVersion();
    await caughtUp();
    expect(await publicTitles(title)).toEqual([title]);
    expect(await dashboardVersion()).toBe(version);
  });

  it('shows nothing the paused replica has not replayed, falls back past the lag limit, and returns once replayed', async () => {
    // A commit replayed just before the pause: the lag is then counted from now, not from the last write.
    await primary.query('select txid_current()');
    await caughtUp();
    await replica.query('select pg_wal_replay_pause()');
    paused = true;
    await until('replay to pause', async () =>
      (await replica.query<{ s: string }>('select pg_get_wal_replay_pause_state() as s')).rows[0]!.s === 'paused' ? true : undefined,
    );
    const before = await dashboardVersion();
    const title = `副本暂停 ${Date.now()}`;
    await publishNotice(t, title);
    const version = await bumpDashboardVersion();
    expect(version).toBe(before! + 1);

    // Within the limit the replica still serves, as it stood at the pause: the primary has the write, it has not.
    expect((await replicaStatus()).reads).toBe('replica');
    expect(await publicTitles(title)).toEqual([]);
    expect(await dashboardVersion()).toBe(before);
    // A path that reads what was just written stays on the primary (here the writer's own handle).
    expect((await t.deps.database.db.selectFrom('notices').select('title').where('title', '=', title).execute()).length).toBe(1);

    const fellBack = await until('the lag to pass the limit', async () => {
      const s = await replicaStatus();
      return s.reads === 'primary' ? s : undefined;
    });
    expect(fellBack).toMatchObject({ configured: true, reads: 'primary', reason: 'lagging' });
    expect(fellBack.lagSeconds).toBeGreaterThan(MAX_LAG);
    expect(await publicTitles(title)).toEqual([title]);
    expect(await dashboardVersion()).toBe(version);

    await replica.query('select pg_wal_replay_resume()');
    paused = false;
    await caughtUp();
    const back = await until('reads to return to the replica', async () => {
      const s = await replicaStatus();
      return s.reads === 'replica' ? s : undefined;
    });
    expect(back.reason).toBeNull();
    expect(back.lagSeconds).toBeLessThanOrEqual(MAX_LAG);
    expect(await publicTitles(title)).toEqual([title]);
    // The dashboard's cache went forward to the primary's version and stays there.
    expect(await dashboardVersion()).toBe(version);
  });
});

describe.skipIf(skip)('a replica that cannot be reached', () => {
  let t: TestApp;
  let office: TestClient;
  beforeAll(async () => {
    // Port 1 on loopback refuses connections.
    t = await createTestApp({ env: { DATABASE_REPLICA_URL: 'postgres://huanxin@127.0.0.1:1/huanxin' } });
    office = await t.login('demo_office');
  });
  afterAll(() => t?.close());

  it('sends the routed reads to the primary, and the status page says why', async () => {
    const title = `主库回退 ${Date.now()}`;
    await publishNotice(t, title);
    const list = await t.anonymous.get(`/api/public/notices?q=${encodeURIComponent(title)}`);
    expect(list.statusCode).toBe(200);
    expect(list.json<{ items: { title: string }[] }>().items.map((i) => i.title)).toEqual([title]);
    expect((await office.get('/api/plan-dashboard')).statusCode).toBe(200);
    const status = await office.get('/api/status');
    expect(status.statusCode).toBe(200);
    expect(status.json<{ replica: ReplicaState }>().replica).toMatchObject({ configured: true, reads: 'primary', reason: 'unreachable', lagSeconds: null });
  });
});
