import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { NGINX_BINARY } from './nginx.js';
import { PGBOUNCER_BINARY } from './pgbouncer.js';
import { Supervisor, type ClusterOptions } from './supervisor.js';

const USAGE = `npm run cluster -- [--workers N] [--port P] [--host H] [--pgbouncer] [--run-dir DIR] [--nginx-processes N|auto]
  N app processes (default 2, HUANXIN_CLUSTER_WORKERS) behind nginx on H:P (default 127.0.0.1:$PORT or 3000).
  --pgbouncer (HUANXIN_CLUSTER_PGBOUNCER=1): PgBouncer in transaction pooling between them and PostgreSQL.
  kill -HUP <pid>: rolling restart of the workers; kill -TERM <pid>: stop.`;

function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new ConfigError(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

export function clusterOptions(argv: string[], env: NodeJS.ProcessEnv): ClusterOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      workers: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      pgbouncer: { type: 'boolean' },
      'run-dir': { type: 'string' },
      'nginx-processes': { type: 'string' },
    },
  });
  // The workers' own configuration, checked once here (production refuses missing secrets before anything starts).
  const config = loadConfig(env);
  const runDir = path.resolve(values['run-dir'] ?? env.HUANXIN_CLUSTER_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'huanxin-cluster-')));
  const nginxProcesses = values['nginx-processes'] ?? env.HUANXIN_CLUSTER_NGINX_PROCESSES ?? 'auto';
  return {
    workers: positive('--workers', values.workers ?? env.HUANXIN_CLUSTER_WORKERS, 2),
    host: values.host ?? env.HUANXIN_CLUSTER_HOST ?? '127.0.0.1',
    port: positive('--port', values.port, config.port),
    runDir,
    pgbouncer: Boolean(values.pgbouncer) || env.HUANXIN_CLUSTER_PGBOUNCER === '1',
    nginxProcesses: nginxProcesses === 'auto' ? 'auto' : positive('--nginx-processes', nginxProcesses, 1),
    healthIntervalMs: positive('HUANXIN_CLUSTER_HEALTH_MS', env.HUANXIN_CLUSTER_HEALTH_MS, 2000),
    healthMisses: 3,
    readyTimeoutMs: 180_000,
    drainMs: config.shutdownTimeoutMs + 5000,
    bodyLimitBytes: Math.max(config.bodyLimitBytes, config.uploadLimitBytes) + 1024 * 1024,
    env,
  };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help')) {
    console.log(USAGE);
    return;
  }
  const options = clusterOptions(argv, process.env);
  const missing = [NGINX_BINARY, ...(options.pgbouncer ? [PGBOUNCER_BINARY] : [])].filter((b) => !fs.existsSync(b));
  if (missing.length) throw new ConfigError(`cluster mode needs ${missing.join(' and ')} (Debian: apt-get install nginx pgbouncer)`);
  const supervisor = new Supervisor(options);
  process.on('SIGHUP', () => {
    supervisor.log.info('SIGHUP: rolling restart');
    void supervisor.reload();
  });
  process.on('SIGTERM', () => void supervisor.stop(0));
  process.on('SIGINT', () => void supervisor.stop(0));
  try {
    await supervisor.start();
  } catch (e) {
    supervisor.log.fatal({ err: e }, 'the cluster did not start');
    await supervisor.stop(1);
  }
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
