import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The server stops within its deadline (`HUANXIN_SHUTDOWN_TIMEOUT_MS`): signalled with a keep-alive connection idle
 * it exits at once; signalled with a request still in flight that never ends (a client stalled mid-body) it waits
 * for it until the deadline, then exits anyway (code 1). The real `serve` command, in its own process.
 */
const MAIN = path.resolve(import.meta.dirname, '../../src/server/main.ts');
const DEADLINE_MS = 3_000;
const dirs: string[] = [];
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function serve(): Promise<{ child: ChildProcess; port: number; exited: Promise<number | null> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huanxin-shutdown-'));
  dirs.push(dir);
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'serve'], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: '0',
      HUANXIN_DEMO: '0',
      HUANXIN_DATA_DIR: dir,
      DATABASE_URL: `sqlite:${path.join(dir, 'shutdown.db')}`,
      HUANXIN_SHUTDOWN_TIMEOUT_MS: String(DEADLINE_MS),
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /on http:\/\/localhost:(\d+) /.exec(out);
      if (m) resolve({ child, port: Number(m[1]), exited });
    });
    void exited.then((code) => reject(new Error(`server exited with ${code} before listening: ${out.slice(-500)}`)));
  });
}

/** Opens a raw connection and writes `text` to it; the socket stays open. */
function connect(port: number, text: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(text);
      resolve(socket);
    });
    socket.on('error', reject);
  });
}

describe('shutdown with a deadline', () => {
  it('exits at once when only an idle keep-alive connection is open', async () => {
    const { child, port, exited } = await serve();
    const socket = await connect(port, `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n`);
    await new Promise<void>((resolve) => socket.once('data', () => resolve()));
    const started = Date.now();
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(DEADLINE_MS);
    socket.destroy();
  }, 60_000);

  it('waits for a request in flight until the deadline, then exits anyway', async () => {
    const { child, port, exited } = await serve();
    // Headers promise a body that never comes: the request stays in flight.
    const socket = await connect(
      port,
      `POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"username":`,
    );
    await new Promise((r) => setTimeout(r, 300));
    const started = Date.now();
    child.kill('SIGTERM');
    expect(await exited).toBe(1);
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(DEADLINE_MS - 100);
    expect(took).toBeLessThan(DEADLINE_MS + 5_000);
    socket.destroy();
  }, 60_000);
});
