import type { Database } from '../db/database.js';
import type { HitCount } from './rateLimits.js';

/** Keys per statement: three parameters a row, well inside SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 2000;

interface Waiting {
  keys: readonly string[];
  windowMs: number;
  resolve: (counts: HitCount[]) => void;
  reject: (err: unknown) => void;
}

/**
 * Request bursts counted in `rate_windows`, every request that arrives in one turn of the event loop counted by one
 * upsert: a release rush is thousands of claims a second, and a statement per claim cost a quarter of the claim
 * throughput on SQLite (measured with bench:claims). The upsert adds each key's number of requests and restarts a
 * window that has ended, so two processes counting at once both count; each request is answered the count it
 * would have seen alone, in arrival order within the turn.
 */
export function createRateWindowCounter(database: Database): (keys: readonly string[], windowMs: number) => Promise<HitCount[]> {
  const db = database.db;
  let waiting: Waiting[] = [];

  async function count(group: Waiting[], windowMs: number): Promise<void> {
    const requests = new Map<string, number>();
    for (const w of group) for (const key of w.keys) requests.set(key, (requests.get(key) ?? 0) + 1);
    const now = Date.now();
    const totals = new Map<string, { hits: number; endsAt: number }>();
    // In one order everywhere: two processes raising overlapping keys lock their rows in the same order, so they
    // wait for each other instead of deadlocking.
    const keys = [...requests.keys()].sort();
    for (let i = 0; i < keys.length; i += CHUNK) {
      const rows = await db
        .insertInto('rate_windows')
        .values(keys.slice(i, i + CHUNK).map((key) => ({ key, hits: requests.get(key)!, window_ends_at: now + windowMs })))
        .onConflict((oc) =>
          oc.column('key').doUpdateSet((eb) => {
            const ended = eb('rate_windows.window_ends_at', '<=', now);
            return {
              hits: eb
                .case()
                .when(ended)
                .then(eb.ref('excluded.hits'))
                .else(eb('rate_windows.hits', '+', eb.ref('excluded.hits')))
                .end(),
              window_ends_at: eb.case().when(ended).then(eb.ref('excluded.window_ends_at')).else(eb.ref('rate_windows.window_ends_at')).end(),
            };
          }),
        )
        .returning(['key', 'hits', 'window_ends_at'])
        .execute();
      for (const r of rows) totals.set(r.key, { hits: Number(r.hits), endsAt: Number(r.window_ends_at) });
    }
    // The count after the turn's requests, handed out in arrival order: the first of three saw total − 2.
    const handed = new Map<string, number>();
    for (const w of group)
      w.resolve(
        w.keys.map((key) => {
          const total = totals.get(key)!;
          const nth = (handed.get(key) ?? 0) + 1;
          handed.set(key, nth);
          return { key, hits: total.hits - requests.get(key)! + nth, resetsAt: total.endsAt };
        }),
      );
  }

  async function flush(): Promise<void> {
    const batch = waiting;
    waiting = [];
    const byWindow = new Map<number, Waiting[]>();
    for (const w of batch) byWindow.set(w.windowMs, [...(byWindow.get(w.windowMs) ?? []), w]);
    for (const [windowMs, group] of byWindow)
      await count(group, windowMs).catch((err: unknown) => {
        for (const w of group) w.reject(err);
      });
  }

  return (keys, windowMs) => {
    if (keys.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      if (waiting.length === 0) setImmediate(() => void flush());
      waiting.push({ keys, windowMs, resolve, reject });
    });
  };
}
