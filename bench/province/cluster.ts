/** The cluster under test: `src/server/cluster/main.ts` (N app processes behind Debian nginx) as a child process. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { NGINX_BINARY } from '../../src/server/cluster/nginx.js';
import { descendants } from './measure.js';

export interface RunningCluster {
  child: ChildProcess;
  port: number;
  workers: { id: string; port: number; pid: number }[];
  /** Workers the supervisor restarted (crashed, or killed for missing their health checks) since the start. */
  restarts: { count: number };
  stop(): Promise<void>;
}

export const nginxMissing = () => (fs.existsSync(NGINX_BINARY) ? null : `the province bench needs nginx at ${NGINX_BINARY} (Debian: apt-get install nginx)`);

/** Starts the cluster on `port` and resolves once its supervisor says `ready` (a JSON line with the workers). */
export function startCluster(workers: number, port: number, env: Record<string, string>, timeoutMs = 240_000): Promise<RunningCluster> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cluster/main.ts', '--workers', String(workers), '--port', String(port)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    // The supervisor's stop() exits without the worker it may be restarting at that moment (launched, not yet in
    // its slots): that one would outlive it. The processes below it now are remembered and ended afterwards.
    const below = descendants(child.pid!).filter((p) => p.comm === 'node');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
    await new Promise((r) => setTimeout(r, 500));
    for (const p of below) if (isAlive(p.pid)) process.kill(p.pid, 'SIGKILL');
  };
  const restarts = { count: 0 };
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the cluster was not ready within ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the cluster exited with ${code} before it was ready`));
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (!line.startsWith('{')) continue;
        let event: { cluster?: string; workers?: RunningCluster['workers']; level?: number; msg?: string };
        try {
          event = JSON.parse(line) as typeof event;
        } catch {
          continue;
        }
        // The workers' warnings and errors (their LOG_LEVEL) pass on to stderr.
        if ((event.level ?? 0) >= 40) process.stderr.write(`${line}\n`);
        if (event.msg === 'worker exited: restarting it') restarts.count++;
        if (event.cluster === 'ready' && event.workers) {
          clearTimeout(timer);
          resolve({ child, port, workers: event.workers, restarts, stop });
        }
      }
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
