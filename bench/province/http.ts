/** A small keep-alive HTTP client for the load: node:http with one agent of bounded sockets, answers as JSON. */
import http from 'node:http';

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
  ms: number;
}

export interface Who {
  cookie: string;
  csrf: string;
}

export class Client {
  readonly agent: http.Agent;

  constructor(
    private readonly port: number,
    sockets: number,
    private readonly timeoutMs = 60_000,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  }

  /** One request; status 0 when the connection failed or timed out. */
  send(method: string, path: string, who: Who, body?: unknown): Promise<Answer> {
    const started = performance.now();
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: this.port,
          method,
          path,
          agent: this.agent,
          timeout: this.timeoutMs,
          headers: {
            cookie: who.cookie,
            'x-csrf-token': who.csrf,
            ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            let parsed: Record<string, unknown>;
            const text = Buffer.concat(chunks).toString();
            try {
              parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
            } catch {
              parsed = { raw: text.slice(0, 200) };
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed, ms: performance.now() - started });
          });
          res.on('error', () => resolve({ status: 0, headers: {}, body: {}, ms: performance.now() - started }));
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => resolve({ status: 0, headers: {}, body: {}, ms: performance.now() - started }));
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** "409 POOL_EXHAUSTED", "202", "0 connection": how an answer is counted. */
export function outcomeKey(a: Answer): string {
  if (a.status === 0) return '0 connection';
  const err = a.body.error as { code?: string } | undefined;
  return err?.code ? `${a.status} ${err.code}` : String(a.status);
}
