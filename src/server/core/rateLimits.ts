import type { AppDeps } from './deps.js';
import { createDatabaseRateLimits } from './rateLimitsDatabase.js';
import { createRedisRateLimits } from './rateLimitsRedis.js';

/**
 * Counted failures under a key (`account:<name>`, `address:<ip>`), shared by every app process: the sign-in
 * throttle (platform/auth/throttle.ts) keeps its counts here. Two stores answer the same contract: the database
 * (the `login_throttle` table, the default) and Redis when REDIS_URL is set — one round trip per count instead of a
 * read and an upsert, and no write on the database's hot path while someone guesses passwords.
 */
export interface FailureCount {
  /** Failures within the counting window (0 once the window has passed). */
  failures: number;
  /** ISO instant until which the key is locked, or null. */
  lockedUntil: string | null;
}

export interface FailureTiming {
  windowMs: number;
  lockMs: number;
}

/** Requests counted under a key in a fixed window (claim bursts): how many so far and when the window ends. */
export interface HitCount {
  key: string;
  hits: number;
  /** Epoch milliseconds at which this window's count stops applying. */
  resetsAt: number;
}

export interface RateLimits {
  readonly store: 'database' | 'redis';
  /**
   * One more request under each key, counted in a fixed window of `windowMs` that starts with the key's first
   * request; answers each key's count including this one. A caller refuses past its limit (and the refused request
   * counts too, so hammering does not reopen the window early).
   */
  countHits(keys: readonly string[], windowMs: number): Promise<HitCount[]>;
  /** Forgets the counts of windows that have ended (a daily job; the database store only keeps such rows). */
  purgeEnded(): Promise<number>;
  state(key: string, windowMs: number): Promise<FailureCount>;
  /** One more failure; at `lockAfter` failures within the window the key is locked for `timing.lockMs`. */
  recordFailure(key: string, lockAfter: number, timing: FailureTiming): Promise<FailureCount>;
  clear(keys: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * A count as of `now` from what a store kept: a lock already over is no lock, and failures of a window that has
 * passed are none. Both stores read through it, so they cannot disagree about an expiry.
 */
export function countAt(now: number, kept: { failures: number; windowStartedAt: number; lockedUntil: number | null }, windowMs: number): FailureCount {
  const locked = kept.lockedUntil !== null && kept.lockedUntil > now ? new Date(kept.lockedUntil).toISOString() : null;
  return { lockedUntil: locked, failures: now - kept.windowStartedAt < windowMs ? kept.failures : 0 };
}

// One store per database handle: a deps object is made once per process (or per test app).
const stores = new WeakMap<AppDeps['database'], RateLimits>();

export function rateLimitsOf(deps: Pick<AppDeps, 'config' | 'database'>): RateLimits {
  let store = stores.get(deps.database);
  if (!store) {
    const database = createDatabaseRateLimits(deps.database);
    store = deps.config.redisUrl ? createRedisRateLimits(deps.config.redisUrl, deps.config.redisKeyPrefix, database) : database;
    stores.set(deps.database, store);
  }
  return store;
}

/** Closes the Redis connection of these deps, if one was opened (tests; a server's exit closes it anyway). */
export async function closeRateLimits(deps: Pick<AppDeps, 'database'>): Promise<void> {
  const store = stores.get(deps.database);
  stores.delete(deps.database);
  await store?.close();
}
