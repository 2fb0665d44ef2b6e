import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

/** One app process: `main.ts serve` on a loopback port, told its id (the `x-huanxin-worker` header). */
export interface Worker {
  id: string;
  slot: number;
  port: number;
  child: ChildProcess;
  /** Set when the supervisor stops it on purpose (reload, shutdown): its exit is not a crash. */
  retiring: boolean;
  exited: Promise<number | null>;
}

const MAIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'main.ts');

/** A port nothing listens on now (the kernel's pick); taken by the worker a moment later. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function spawnWorker(slot: number, generation: number, port: number, env: NodeJS.ProcessEnv): Worker {
  const id = `w${slot + 1}.${generation}`;
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'serve'], {
    env: {
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      HUANXIN_CLUSTER_WORKER: id,
      // Behind nginx, which sets X-Forwarded-For to the client's address (nginx.ts).
      HUANXIN_TRUST_PROXY: '1',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { id, slot, port, child, retiring: false, exited };
}

/**
 * Whether the worker answers `probe` within `timeoutMs`: `/healthz` (ready: it pings the database and counts the
 * migrations) before a worker gets traffic, `/livez` (alive: the event loop answers) while it serves.
 */
export async function healthy(port: number, timeoutMs = 2000, probe: '/healthz' | '/livez' = '/healthz'): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}${probe}`, { signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

/** Resolves once the worker is healthy; throws if it exits first or takes longer than `timeoutMs`. */
export async function waitReady(worker: Worker, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (worker.child.exitCode !== null || worker.child.signalCode !== null) throw new Error(`worker ${worker.id} exited before it was ready`);
    if (await healthy(worker.port, 1000)) return;
    await sleep(200);
  }
  throw new Error(`worker ${worker.id} was not ready within ${timeoutMs} ms`);
}

/** Stops a worker the way a deployment does: SIGTERM (it drains, see main.ts serve), SIGKILL past the deadline. */
export async function stopWorker(worker: Worker, deadlineMs: number): Promise<void> {
  worker.retiring = true;
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) return;
  worker.child.kill('SIGTERM');
  const timer = setTimeout(() => worker.child.kill('SIGKILL'), deadlineMs);
  await worker.exited;
  clearTimeout(timer);
}
