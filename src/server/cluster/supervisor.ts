import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { startNginx, type Nginx } from './nginx.js';
import { startPgBouncer, throughPgBouncer } from './pgbouncer.js';
import { freePort, healthy, spawnWorker, stopWorker, waitReady, type Worker } from './workers.js';

export interface ClusterOptions {
  workers: number;
  host: string;
  port: number;
  runDir: string;
  pgbouncer: boolean;
  nginxProcesses: number | 'auto';
  /** How often each worker's /livez is asked, and after how many misses in a row it is restarted. */
  healthIntervalMs: number;
  healthMisses: number;
  readyTimeoutMs: number;
  /** What a stopping worker gets to finish its requests (its own HUANXIN_SHUTDOWN_TIMEOUT_MS), plus a margin. */
  drainMs: number;
  bodyLimitBytes: number;
  env: NodeJS.ProcessEnv;
}

/**
 * The cluster: N app processes behind nginx (and optionally PgBouncer). Everything a request needs between two
 * requests lives in the database (sessions, idempotency keys, job runs, the claim quotas) or in Redis (the sign-in
 * counts, when REDIS_URL is set), so any process may answer any request and no stickiness is configured.
 *
 * - A worker that exits on its own, or misses `healthMisses` liveness checks (`/livez`) in a row, is restarted on its port
 *   (after a pause that doubles while it keeps failing); nginx meanwhile sends its share to the others.
 * - SIGHUP: a rolling restart. One worker at a time: a new process on a new port, ready (healthy) first; nginx
 *   reloaded onto the new set of ports; once no nginx worker of the old configuration is left, the old process is
 *   sent SIGTERM and drains. No request finds a process that is closing.
 * - SIGTERM / SIGINT: nginx stops gracefully, then the workers drain, then PgBouncer.
 *
 * Events are JSON lines on stdout with a `cluster` field (ready, restarted, reloaded, stopped).
 */
export class Supervisor {
  private readonly slots: Worker[] = [];
  /** Every process spawned and not yet exited, in a slot or not (one still starting, one draining). */
  private readonly live = new Set<Worker>();
  /** Per slot, how many processes it has had: worker ids are `w<slot>.<generation>`. */
  private readonly generations = new Map<number, number>();
  private nginx: Nginx | null = null;
  private pgbouncer: { stop(): Promise<void> } | null = null;
  private workerEnv: NodeJS.ProcessEnv;
  private stopping = false;
  private reloading: Promise<void> | null = null;
  private reloadAgain = false;
  private healthTimer: NodeJS.Timeout | null = null;
  private readonly misses = new Map<string, number>();
  private readonly backoff = new Map<number, number>();
  readonly log = pino({ base: { component: 'cluster' } });

  constructor(private readonly options: ClusterOptions) {
    this.workerEnv = { ...options.env };
  }

  async start(): Promise<void> {
    const o = this.options;
    fs.mkdirSync(o.runDir, { recursive: true });
    fs.chmodSync(o.runDir, 0o755);
    if (o.pgbouncer) await this.startPgBouncer();
    // One after the other: each runs the start-up migrations and seeding (idempotent) without racing another.
    for (let slot = 0; slot < o.workers; slot++) {
      const worker = await this.launch(slot, await freePort());
      this.slots[slot] = worker;
    }
    this.nginx = await startNginx(
      { runDir: o.runDir, host: o.host, port: o.port, processes: o.nginxProcesses, bodyLimitBytes: o.bodyLimitBytes, readTimeoutSeconds: 300 },
      this.ports(),
    );
    this.nginx.child.once('exit', (code) => {
      if (this.stopping) return;
      this.log.fatal({ code }, 'nginx exited: stopping the cluster');
      void this.stop(1);
    });
    this.healthTimer = setInterval(() => void this.checkHealth(), o.healthIntervalMs);
    this.log.info({ cluster: 'ready', url: `http://${o.host}:${o.port}`, workers: this.describe(), runDir: o.runDir }, 'cluster ready');
  }

  private async startPgBouncer(): Promise<void> {
    const o = this.options;
    const url = o.env.DATABASE_URL ?? '';
    if (!/^postgres(ql)?:\/\//.test(url)) throw new Error('--pgbouncer needs DATABASE_URL=postgres://…');
    // Migrations straight against PostgreSQL: Kysely's migration lock is a session lock (see pgbouncer.ts).
    const main = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'main.ts');
    const migrated = spawnSync(process.execPath, ['--import', 'tsx', main, 'migrate'], { env: o.env, stdio: 'inherit' });
    if (migrated.status !== 0) throw new Error('migrations failed; the cluster does not start');
    const port = await freePort();
    const poolSize = Number(o.env.HUANXIN_PG_POOL_SIZE ?? 10);
    this.pgbouncer = await startPgBouncer({
      runDir: path.join(o.runDir, 'pgbouncer'),
      port,
      databaseUrl: url,
      poolSize: Math.max(poolSize, 10),
      maxClients: Math.max(200, poolSize * o.workers * 4),
    });
    this.workerEnv = { ...o.env, DATABASE_URL: throughPgBouncer(url, port) };
    this.log.info({ pgbouncerPort: port }, 'pgbouncer started (transaction pooling)');
  }

  private ports(): number[] {
    return this.slots.map((w) => w.port);
  }

  describe() {
    return this.slots.map((w) => ({ id: w.id, port: w.port, pid: w.child.pid }));
  }

  private async launch(slot: number, port: number): Promise<Worker> {
    const generation = (this.generations.get(slot) ?? 0) + 1;
    this.generations.set(slot, generation);
    const worker = spawnWorker(slot, generation, port, this.workerEnv);
    this.live.add(worker);
    void worker.exited.then((code) => {
      this.live.delete(worker);
      this.onExit(worker, code);
    });
    try {
      await waitReady(worker, this.options.readyTimeoutMs);
    } catch (e) {
      await stopWorker(worker, 1000);
      throw e;
    }
    return worker;
  }

  private onExit(worker: Worker, code: number | null): void {
    this.misses.delete(worker.id);
    if (worker.retiring || this.stopping || this.slots[worker.slot] !== worker) return;
    const pause = this.backoff.get(worker.slot) ?? 1000;
    this.backoff.set(worker.slot, Math.min(pause * 2, 30_000));
    this.log.warn({ worker: worker.id, code, signal: worker.child.signalCode, restartInMs: pause }, 'worker exited: restarting it');
    void this.replaceDead(worker, pause);
  }

  private async replaceDead(dead: Worker, pause: number): Promise<void> {
    await sleep(pause);
    while (!this.stopping && this.slots[dead.slot] === dead) {
      try {
        // Same port: nginx's configuration stays; it takes the port back after fail_timeout.
        const fresh = await this.launch(dead.slot, dead.port);
        if (this.stopping) return void (await stopWorker(fresh, this.options.drainMs));
        this.slots[dead.slot] = fresh;
        this.log.info({ cluster: 'restarted', worker: fresh.id, replaced: dead.id, workers: this.describe() }, 'worker restarted');
        // Healthy for a minute: the next crash restarts after the shortest pause again.
        setTimeout(() => this.slots[dead.slot] === fresh && this.backoff.delete(dead.slot), 60_000).unref();
        return;
      } catch (e) {
        const next = Math.min((this.backoff.get(dead.slot) ?? 1000) * 2, 30_000);
        this.backoff.set(dead.slot, next);
        this.log.error({ err: e, slot: dead.slot, retryInMs: next }, 'worker restart failed');
        await sleep(next);
      }
    }
  }

  private async checkHealth(): Promise<void> {
    await Promise.all(
      this.slots.map(async (w) => {
        if (w.retiring || w.child.exitCode !== null || w.child.signalCode !== null) return;
        // Liveness only: under a rush /healthz would wait behind the claims for a database connection, and a
        // loaded worker killed for it loses what it was answering (seen in bench:province before /livez).
        if (await healthy(w.port, 2000, '/livez')) return void this.misses.delete(w.id);
        const missed = (this.misses.get(w.id) ?? 0) + 1;
        this.misses.set(w.id, missed);
        if (missed >= this.options.healthMisses && this.slots[w.slot] === w) {
          // Hung, not dead: killed, its exit restarts it.
          this.log.warn({ worker: w.id, missed }, 'worker failed its health checks: killing it');
          w.child.kill('SIGKILL');
        }
      }),
    );
  }

  /** SIGHUP's rolling restart; a second SIGHUP during one runs one more after it. */
  reload(): Promise<void> {
    if (this.reloading) {
      this.reloadAgain = true;
      return this.reloading;
    }
    this.reloading = (async () => {
      do {
        this.reloadAgain = false;
        await this.rollingRestart();
      } while (this.reloadAgain && !this.stopping);
    })().finally(() => {
      this.reloading = null;
    });
    return this.reloading;
  }

  private async rollingRestart(): Promise<void> {
    const started = Date.now();
    for (let slot = 0; slot < this.slots.length && !this.stopping; slot++) {
      const old = this.slots[slot]!;
      let fresh: Worker;
      try {
        fresh = await this.launch(slot, await freePort());
      } catch (e) {
        this.log.error({ err: e, slot }, 'reload: the new worker did not become ready; the old one keeps serving');
        continue;
      }
      this.slots[slot] = fresh;
      old.retiring = true;
      try {
        await this.nginx!.reload(this.ports());
      } catch (e) {
        this.log.error({ err: e }, 'reload: nginx did not finish reloading in time; stopping the old worker anyway');
      }
      await stopWorker(old, this.options.drainMs);
      this.log.info({ worker: fresh.id, replaced: old.id }, 'reload: worker replaced');
    }
    this.log.info({ cluster: 'reloaded', workers: this.describe(), ms: Date.now() - started }, 'rolling restart done');
  }

  async stop(code = 0): Promise<never> {
    if (!this.stopping) {
      this.stopping = true;
      if (this.healthTimer) clearInterval(this.healthTimer);
      await this.reloading?.catch(() => undefined);
      await this.nginx?.stop();
      // Every live process, not only the slots: a replacement still starting (a crash's restart, a SIGTERM during
      // start-up) is in no slot yet and would outlive the supervisor.
      await Promise.all([...this.live].map((w) => stopWorker(w, this.options.drainMs)));
      await this.pgbouncer?.stop();
      this.log.info({ cluster: 'stopped' }, 'cluster stopped');
    }
    process.exit(code);
  }
}
