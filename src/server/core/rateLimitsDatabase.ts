import type { Database } from '../db/database.js';
import { createRateWindowCounter } from './rateWindowsDatabase.js';
import { countAt, type FailureCount, type FailureTiming, type RateLimits } from './rateLimits.js';

/**
 * The counts in platform's tables: sign-in failures in `login_throttle` (one row per key, read and upserted per
 * failure), request bursts in `rate_windows` (rateWindowsDatabase.ts: one upsert for all the requests of a turn).
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
    countHits: createRateWindowCounter(database),
    async purgeEnded() {
      const result = await db.deleteFrom('rate_windows').where('window_ends_at', '<=', Date.now()).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    close: async () => undefined,
  };
}
