/** The processes a benchmark starts (the real server, the hello-world) and the scratch database it runs them on. */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { adminQuery, waitHealthy, withDatabase } from './server.js';

const children: ChildProcess[] = [];

/** Starts `node --import tsx <args>` on `port` and resolves once it answers /healthz. */
export function startProcess(args: string[], env: Record<string, string>, port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(child);
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
    waitHealthy(port).then(() => resolve(child), reject);
  });
}

export function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export const stopAll = () => Promise.all(children.map(stopProcess));
export const killAll = () => children.forEach((c) => c.kill('SIGTERM'));

export interface Scratch {
  tag: string;
  postgres: boolean;
  /** The environment of the server under test: production mode with keys of this run, on the scratch database. */
  env: Record<string, string>;
  /** Drops the scratch database and the data directory. */
  cleanup(): Promise<void>;
}

/**
 * A throwaway database for one run: a fresh PostgreSQL database when DATABASE_URL points at PostgreSQL (dropped
 * afterwards), otherwise an SQLite file in a temporary directory.
 */
export async function scratchDatabase(): Promise<Scratch> {
  const pgUrl = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '') ? process.env.DATABASE_URL! : null;
  const tag = randomBytes(4).toString('hex');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'huanxin-bench-'));
  let databaseUrl = `sqlite:${path.join(dataDir, 'bench.db')}`;
  const scratchDb = `huanxin_bench_${tag}`;
  if (pgUrl) {
    await adminQuery(pgUrl, `create database ${scratchDb}`);
    databaseUrl = withDatabase(pgUrl, scratchDb);
  }
  return {
    tag,
    postgres: pgUrl !== null,
    // Production mode refuses default keys: generate real ones for this run.
    env: {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HUANXIN_DEMO: '0',
      HUANXIN_DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      HUANXIN_SESSION_SECRET: randomBytes(32).toString('hex'),
      HUANXIN_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    },
    async cleanup() {
      // FORCE: a server killed mid-run can leave a connection behind, and a plain drop would fail on it.
      if (pgUrl) {
        await adminQuery(pgUrl, `drop database if exists ${scratchDb} with (force)`).catch((e: unknown) => {
          console.error(`could not drop the scratch database ${scratchDb} (drop it by hand): ${e instanceof Error ? e.message : String(e)}`);
        });
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
