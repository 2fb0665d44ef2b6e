import type { Database } from '../db/database.js';
import { countAt, type FailureCount, type FailureTiming, type RateLimits } from './rateLimits.js';

/**
 * The counts in platform's tables: sign-in failures in `login_throttle` (one row per key, read and upserted per
 * failure), request bursts in `rate_windows` (all of a request's keys raised by one upsert that restarts a
 * window that has ended, so two processes counting at once both count).
 */
export function createDatabaseRateLimits(database: Database): RateLimits {
  const db = database.db;
  const state = async (key: string, windowMs: number): Promise<FailureCount> => {
    const row = await db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
    if (!row) return { lockedUntil: null, failures: 0 };
    const kept = {
      failures: row.failures,
      windowStartedAt: new Date(row.window_started_at).getTime(),
      lockedUntil: row.locked_until ? new Date(row.locked_until).getTime() : null,
    };
    return countAt(Date.now(), kept, windowMs);
  };
  return {
    store: 'database',
    state,
    async recordFailure(key: string, lockAfter: number, timing: FailureTiming) {
      const before = await state(key, timing.windowMs);
      const failures = before.failures + 1;
      const now = Date.now();
      const nowIso = new Date(now).toISOString();
      const lockedUntil = failures >= lockAfter ? new Date(now + timing.lockMs).toISOString() : before.lockedUntil;
      // A new window starts with the first failure counted in it; later ones keep its start.
      const windowStart = before.failures === 0 ? nowIso : undefined;
      await db
        .insertInto('login_throttle')
        .values({ key, failures, window_started_at: nowIso, locked_until: lockedUntil })
        .onConflict((oc) => oc.column('key').doUpdateSet({ failures, locked_until: lockedUntil, ...(windowStart ? { window_started_at: windowStart } : {}) }))
        .execute();
      return { failures, lockedUntil };
    },
    async clear(keys) {
      if (keys.length)
        await db
          .deleteFrom('login_throttle')
          .where('key', 'in', [...keys])
          .execute();
    },
    async countHits(keys, windowMs) {
      if (keys.length === 0) return [];
      const now = Date.now();
      const rows = await db
        .insertInto('rate_windows')
        .values(keys.map((key) => ({ key, hits: 1, window_ends_at: now + windowMs })))
        .onConflict((oc) =>
          oc.column('key').doUpdateSet((eb) => {
            const ended = eb('rate_windows.window_ends_at', '<=', now);
            return {
              hits: eb
                .case()
                .when(ended)
                .then(1)
                .else(eb('rate_windows.hits', '+', 1))
                .end(),
              window_ends_at: eb
                .case()
                .when(ended)
                .then(now + windowMs)
                .else(eb.ref('rate_windows.window_ends_at'))
                .end(),
            };
          }),
        )
        .returning(['key', 'hits', 'window_ends_at'])
        .execute();
      const byKey = new Map(rows.map((r) => [r.key, r]));
      return keys.map((key) => ({ key, hits: Number(byKey.get(key)!.hits), resetsAt: Number(byKey.get(key)!.window_ends_at) }));
    },
    async purgeEnded() {
      const result = await db.deleteFrom('rate_windows').where('window_ends_at', '<=', Date.now()).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    close: async () => undefined,
  };
}
