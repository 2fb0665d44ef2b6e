import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../src/server/db/database.js';
import { NGINX_BINARY } from '../../src/server/cluster/nginx.js';
import { DEMO_PASSWORD } from '../../src/server/modules/platform/seed/seedDemo.js';
import { Browser, startCluster, type Answer, type RunningCluster } from './harness.js';

/**
 * The cluster as deployed (supervisor, nginx, two app processes) proves what its design rests on: what a request
 * needs from an earlier one lives in the database, not in a process. Run with `npm run test:cluster` (its own
 * config: nginx must be installed, /usr/sbin/nginx or HUANXIN_NGINX); on PostgreSQL when DATABASE_URL names one,
 * and on SQLite (one file, WAL, several processes).
 */
const haveNginx = fs.existsSync(NGINX_BINARY);
if (!haveNginx) console.warn(`cluster.test: skipped, no nginx at ${NGINX_BINARY} (apt-get install nginx)`);
const onPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '');

const databases: { database: 'postgres' | 'sqlite'; skip: boolean }[] = [
  { database: 'postgres', skip: !haveNginx || !onPostgres },
  { database: 'sqlite', skip: !haveNginx || onPostgres },
];

const is2xx = (a: Answer) => a.status >= 200 && a.status < 300;

/** Sends requests until one is answered by a worker other than `not` (round robin: the next one, as a rule). */
async function onAnotherWorker(not: string | null, send: () => Promise<Answer>): Promise<Answer> {
  for (let i = 0; i < 20; i++) {
    const answer = await send();
    if (answer.worker !== not) return answer;
  }
  throw new Error(`20 requests all answered by ${not}`);
}

describe.each(databases)('cluster mode on $database', ({ database, skip }) => {
  let cluster: RunningCluster;
  let db: Database;
  let admin: Browser;
  const startedAt = new Date().toISOString();

  beforeAll(async () => {
    if (skip) return;
    cluster = await startCluster({ database });
    db = createDatabase(cluster.databaseUrl, { poolSize: 2 });
    admin = new Browser(cluster.url);
  });
  afterAll(async () => {
    if (skip) return;
    await db?.close();
    await cluster?.stop();
  });

  it.skipIf(skip)('a session started on one worker holds on every worker', async () => {
    const signedIn = await admin.login('demo_admin', DEMO_PASSWORD);
    expect(signedIn.status).toBe(200);
    const answers: Answer[] = [];
    for (let i = 0; i < 8; i++) answers.push(await admin.request('GET', '/api/auth/me'));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect(new Set(answers.map((a) => (a.body as { user: { username: string } }).user.username))).toEqual(new Set(['demo_admin']));
    const ready = cluster.events.find((e) => e.cluster === 'ready')!;
    expect(new Set(answers.map((a) => a.worker))).toEqual(new Set(ready.workers!.map((w) => w.id)));
    // Anonymous, the same request is refused on every worker: the session is the cookie's row, not a process's memory.
    const stranger = new Browser(cluster.url);
    const refused = [await stranger.request('GET', '/api/auth/me'), await stranger.request('GET', '/api/auth/me')];
    expect(refused.map((a) => a.status)).toEqual([401, 401]);
  });

  it.skipIf(skip)('an idempotent POST replayed on the other worker gets the first answer, and creates nothing more', async () => {
    const me = (await admin.request('GET', '/api/auth/me')).body as { user: { organization: { id: number } } };
    const body = { name: `cluster-${database}`, role: 'office', organizationId: me.user.organization.id };
    const key = { 'idempotency-key': `cluster-test-${database}-0001` };
    const first = await admin.request('POST', '/api/api-tokens', body, key);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const replay = await onAnotherWorker(first.worker, () => admin.request('POST', '/api/api-tokens', body, key));
    expect(replay.worker).not.toBe(first.worker);
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotency-replayed']).toBe('true');
    // The secret is shown once: the replay can only have it from the first answer, stored in the database.
    expect(replay.body).toEqual(first.body);
    const tokens = await db.db.selectFrom('api_tokens').select('id').where('name', '=', body.name).execute();
    expect(tokens).toHaveLength(1);
  });

  it.skipIf(skip)('wrong passwords spread over the workers count into one lock', async () => {
    const guesser = new Browser(cluster.url);
    const answers: Answer[] = [];
    for (let i = 0; i < 5; i++) answers.push(await guesser.login('demo_office', `wrong-password-${i}`));
    expect(new Set(answers.map((a) => a.worker)).size).toBe(2);
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 429]);
    const right = await onAnotherWorker(answers.at(-1)!.worker, () => guesser.login('demo_office', DEMO_PASSWORD));
    expect(right.status).toBe(429);
  });

  it.skipIf(skip)('a rolling reload (SIGHUP) under a stream of requests loses none of them', async () => {
    const before = cluster.events.length;
    const oldIds = new Set(cluster.events.findLast((e) => e.workers)!.workers!.map((w) => w.id));
    const reader = new Browser(cluster.url);
    expect((await reader.login('demo_auditor', DEMO_PASSWORD)).status).toBe(200);
    // Set by the test once the reload is over; an object, as the lanes read it while they await.
    const stop = { done: false };
    const answers: { what: string; answer: Answer }[] = [];
    const stream = async (lane: number) => {
      for (let i = 0; !stop.done; i++) {
        const what = (i + lane) % 3 === 0 ? 'POST /api/notifications/read-all' : (i + lane) % 3 === 1 ? 'GET /api/auth/me' : 'GET /healthz';
        const [method, url] = what.split(' ') as [string, string];
        answers.push({ what, answer: await reader.request(method, url, method === 'POST' ? {} : undefined) });
      }
    };
    const lanes = [0, 1, 2, 3].map(stream);
    cluster.child.kill('SIGHUP');
    const reloaded = await cluster.waitFor('reloaded', before);
    // A few more after the last old worker stopped: the new ones answer.
    const after = answers.length;
    while (answers.length < after + 20) await sleep(50);
    stop.done = true;
    await Promise.all(lanes);

    const failed = answers.filter((a) => !is2xx(a.answer)).map((a) => `${a.what} → ${a.answer.status} from ${a.answer.worker}`);
    expect(failed).toEqual([]);
    const newIds = reloaded.workers!.map((w) => w.id);
    expect(newIds.some((id) => oldIds.has(id))).toBe(false);
    const answeredBy = new Set(answers.map((a) => a.answer.worker));
    for (const id of [...oldIds, ...newIds]) expect(answeredBy).toContain(id);
    // The session outlived every process that served it.
    expect((await reader.request('GET', '/api/auth/me')).status).toBe(200);
  });

  it.skipIf(skip)('a killed worker is restarted, and meanwhile the other answers its share', async () => {
    const before = cluster.events.length;
    const victim = cluster.events.findLast((e) => e.workers)!.workers![0]!;
    process.kill(victim.pid, 'SIGKILL');
    const answers: Answer[] = [];
    const watch = { restarted: false };
    void cluster.waitFor('restarted', before).then(() => (watch.restarted = true));
    while (!watch.restarted) answers.push(await admin.request('GET', '/api/auth/me'));
    expect(answers.filter((a) => !is2xx(a)).map((a) => `${a.status} from ${a.worker}`)).toEqual([]);
    const event = cluster.events.slice(before).find((e) => e.cluster === 'restarted')!;
    expect(event.replaced).toBe(victim.id);
    const back = await onAnotherWorker(null, () => admin.request('GET', '/healthz', undefined));
    expect(back.status).toBe(200);
  });

  it.skipIf(skip)('each scheduled run ran once, though every process started (and restarted) its scheduler', async () => {
    const runs = await db.db.selectFrom('job_runs').select(['name', 'run_key', 'attempts', 'outcome']).where('started_at', '>=', startedAt).execute();
    // Six processes started over this file (two, two on reload, one on restart), each ticking its scheduler at once.
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.filter((r) => (r.attempts ?? 1) !== 1)).toEqual([]);
    expect(new Set(runs.map((r) => `${r.name}|${r.run_key}`)).size).toBe(runs.length);
  });
});
