import type { FastifyInstance } from 'fastify';

const MINUTE = 60_000;
const SLOTS = 24 * 60;

/** The 5xx answers this process gave, counted per minute over the last 24 hours. */
export interface ResponseStats {
  /** When this process started counting (its counts say nothing about earlier, or about other processes). */
  readonly since: string;
  record(status: number, at?: number): void;
  serverErrors(now?: number): { lastHour: number; last24h: number };
}

declare module 'fastify' {
  interface FastifyInstance {
    responseStats: ResponseStats;
  }
}

/**
 * A ring of one counter per minute: recording is two array writes, reading sums at most 1440 numbers, and the
 * memory never grows. Kept in the process rather than the database so that counting errors cannot itself fail
 * when the database does (the likeliest cause of a burst of 500s).
 */
export function responseStats(startedAt = Date.now()): ResponseStats {
  const minuteOf = new Float64Array(SLOTS).fill(-1);
  const count = new Uint32Array(SLOTS);
  const sumSince = (now: number, minutes: number) => {
    const current = Math.floor(now / MINUTE);
    let n = 0;
    for (let i = 0; i < SLOTS; i++) {
      const m = minuteOf[i]!;
      if (m > current - minutes && m <= current) n += count[i]!;
    }
    return n;
  };
  return {
    since: new Date(startedAt).toISOString(),
    record(status, at = Date.now()) {
      if (status < 500) return;
      const m = Math.floor(at / MINUTE);
      const slot = m % SLOTS;
      if (minuteOf[slot] !== m) {
        minuteOf[slot] = m;
        count[slot] = 0;
      }
      count[slot]!++;
    },
    serverErrors(now = Date.now()) {
      return { lastHour: sumSince(now, 60), last24h: sumSince(now, SLOTS) };
    },
  };
}

/** Counts every response of the app with a 5xx status (errors the handler turned into 500, 503 while closing). */
export function installResponseStats(app: FastifyInstance): ResponseStats {
  const stats = responseStats();
  app.decorate('responseStats', stats);
  app.addHook('onResponse', (_request, reply, done) => {
    stats.record(reply.statusCode);
    done();
  });
  return stats;
}
