import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { recordEvidence } from '../helpers/evidence.js';

/**
 * The server stops within its deadline (`HUANXIN_SHUTDOWN_TIMEOUT_MS`): signalled with a keep-alive connection idle
 * it exits at once; signalled under load, every request it had accepted gets its answer and it exits within the
 * deadline; signalled with a request still in flight that never ends (a client stalled mid-body) it waits for it
 * until the deadline, then exits anyway (code 1). The real `serve` command, in its own process. The measured exit
 * times are left as the `shutdown` evidence for the security controls page.
 */
const MAIN = path.resolve(import.meta.dirname, '../../src/server/main.ts');
const DEADLINE_MS = 3_000;
const dirs: string[] = [];
const children: ChildProcess[] = [];
/** Exit times measured by the cases, for the evidence (all three must have run and passed). */
const measured: Record<string, number | string> = {};

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
    const took = Date.now() - started;
    expect(took).toBeLessThan(DEADLINE_MS);
    measured.idleExitMs = took;
    socket.destroy();
  }, 60_000);

  it('under load: answers every request it accepted, refuses the rest, exits within the deadline', async () => {
    const { child, port, exited } = await serve();
    const outcomes: Record<string, number> = {};
    // 40 clients asking in a loop over keep-alive connections (a public list and a failing sign-in, which costs a
    // password hash) until the server is gone: requests are in flight at the moment of the signal.
    const client = async (i: number) => {
      while (child.exitCode === null) {
        try {
          const res =
            i % 2 === 0
              ? await fetch(`http://127.0.0.1:${port}/api/towns`)
              : await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
                  method: 'POST',
                  headers: { 'content-type': 'application/json' },
                  body: JSON.stringify({ username: `nobody${i}`, password: 'not-the-password-1A!' }),
                });
          await res.arrayBuffer();
          outcomes[res.status] = (outcomes[res.status] ?? 0) + 1;
        } catch {
          // Refused: the listener is closed. The client stops, as a load balancer would take it out.
          outcomes.refused = (outcomes.refused ?? 0) + 1;
          return;
        }
      }
    };
    const clients = Array.from({ length: 40 }, (_, i) => client(i));
    await new Promise((r) => setTimeout(r, 1_500));
    const answered = () => Object.entries(outcomes).reduce((n, [k, v]) => (k === 'refused' ? n : n + v), 0);
    expect(answered()).toBeGreaterThan(20);
    const started = Date.now();
    child.kill('SIGTERM');
    const code = await exited;
    const took = Date.now() - started;
    await Promise.all(clients);
    // Only the API's answers (200, 401 for the failed sign-in, 429 when sign-ins are throttled, 503 while closing)
    // and refused connections: no request cut off with a 5xx or a reset mid-answer.
    expect(Object.keys(outcomes).filter((k) => !['200', '401', '429', '503', 'refused'].includes(k))).toEqual([]);
    // Within the deadline (plus the process's own exit on a busy machine), whatever happened.
    expect(took).toBeLessThan(DEADLINE_MS + 3_000);
    expect([0, 1]).toContain(code);
    measured.underLoadExitMs = took;
    // 0 = every connection drained before the deadline; 1 = the deadline cut the stop short (keep-alive
    // connections that were busy at the signal and idle afterwards are not closed by app.close()).
    measured.underLoadExitCode = code ?? -1;
    measured.requestsAnsweredUnderLoad = answered();
    measured.answered503WhileStopping = outcomes['503'] ?? 0;
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
    measured.stalledExitMs = took;
    socket.destroy();
  }, 60_000);

  it('leaves the measured exit times as evidence', () => {
    // Only when every case above measured its time (a failed case leaves its figure out, and no evidence).
    for (const k of ['idleExitMs', 'underLoadExitMs', 'stalledExitMs']) expect(measured[k], k).toBeTypeOf('number');
    // A stop under load that only ended because the deadline cut it short is not a clean stop: evidence not ok.
    const clean = measured.underLoadExitCode === 0;
    recordEvidence({
      control: 'shutdown',
      ok: clean,
      summary: {
        'zh-CN': `收到 SIGTERM 后：空闲连接时 ${measured.idleExitMs} ms 退出；负载下 ${measured.underLoadExitMs} ms 退出（${clean ? '正常排空' : '到期强制退出'}），已受理请求全部应答；请求挂起时按期限 ${DEADLINE_MS} ms 于 ${measured.stalledExitMs} ms 强制退出。`,
        en: `On SIGTERM: exits in ${measured.idleExitMs} ms when idle; in ${measured.underLoadExitMs} ms under load (${clean ? 'drained cleanly' : 'cut short by the deadline'}) with every accepted request answered; with a stalled request, at its ${DEADLINE_MS} ms deadline (${measured.stalledExitMs} ms).`,
      },
      figures: { deadlineMs: DEADLINE_MS, ...measured },
      command: 'npx vitest run test/api/shutdown.test.ts',
    });
  });
});
