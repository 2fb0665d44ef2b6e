import { Redis } from 'ioredis';
import { countAt, type FailureCount, type FailureTiming, type RateLimits } from './rateLimits.js';

/**
 * A count and its lock in one Redis hash per key, changed by one script so two processes counting the same key at
 * once both count (the database store reads, then upserts). The key expires when neither its window nor its lock
 * can matter any more. Instants are the app's clock (ARGV), not Redis's, so both stores see the same time.
 */
const RECORD_FAILURE = `
local now = tonumber(ARGV[1])
local windowMs = tonumber(ARGV[2])
local lockAfter = tonumber(ARGV[3])
local lockMs = tonumber(ARGV[4])
local kept = redis.call('HMGET', KEYS[1], 'failures', 'start', 'locked')
local failures = tonumber(kept[1]) or 0
local start = tonumber(kept[2]) or 0
local locked = tonumber(kept[3]) or 0
if failures == 0 or now - start >= windowMs then
  failures = 0
  start = now
end
failures = failures + 1
if failures >= lockAfter then locked = now + lockMs end
redis.call('HSET', KEYS[1], 'failures', failures, 'start', start, 'locked', locked)
local keep = math.max(start + windowMs, locked) - now
if keep < 1000 then keep = 1000 end
redis.call('PEXPIRE', KEYS[1], keep)
return {failures, locked}
`;

/** Each key raised in its fixed window; the window (and the key) ends `windowMs` after the key's first request. */
const COUNT_HITS = `
local windowMs = tonumber(ARGV[1])
local out = {}
for i, key in ipairs(KEYS) do
  local hits = redis.call('INCR', key)
  if hits == 1 then redis.call('PEXPIRE', key, windowMs) end
  local left = redis.call('PTTL', key)
  if left < 0 then
    redis.call('PEXPIRE', key, windowMs)
    left = windowMs
  end
  out[#out + 1] = hits
  out[#out + 1] = left
end
return out
`;

/**
 * With Redis unreachable the counts fall back to the database store (also shared by every process): sign-in
 * keeps working and keeps being throttled, counting afresh from the database's counts until Redis answers again.
 * A command waits at most about a second for that.
 */
export function createRedisRateLimits(url: string, prefix: string, fallback: RateLimits): RateLimits {
  const redis = new Redis(url, {
    lazyConnect: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 1000,
    commandTimeout: 1000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  // Reconnection is ioredis's job; its errors are answered by the fallback, not by crashing the process.
  redis.on('error', () => undefined);
  // The connection alone must not keep a process (a CLI run, a test worker) alive.
  redis.on('connect', () => (redis as unknown as { stream?: { unref?: () => void } }).stream?.unref?.());
  const keyOf = (key: string) => `${prefix}throttle:${key}`;
  const windowKeyOf = (key: string) => `${prefix}window:${key}`;
  const orFallback = async <T>(viaRedis: () => Promise<T>, viaDatabase: () => Promise<T>): Promise<T> => {
    try {
      return await viaRedis();
    } catch {
      return viaDatabase();
    }
  };
  const state = (key: string, windowMs: number): Promise<FailureCount> =>
    orFallback(
      async () => {
        const [failures, start, locked] = await redis.hmget(keyOf(key), 'failures', 'start', 'locked');
        if (failures === null) return { failures: 0, lockedUntil: null };
        return countAt(Date.now(), { failures: Number(failures), windowStartedAt: Number(start), lockedUntil: Number(locked) || null }, windowMs);
      },
      () => fallback.state(key, windowMs),
    );
  return {
    store: 'redis',
    state,
    recordFailure: (key: string, lockAfter: number, timing: FailureTiming) =>
      orFallback(
        async () => {
          const now = Date.now();
          const [failures, locked] = (await redis.eval(RECORD_FAILURE, 1, keyOf(key), now, timing.windowMs, lockAfter, timing.lockMs)) as [number, number];
          const lockedUntil = Number(locked) > now ? new Date(Number(locked)).toISOString() : null;
          return { failures: Number(failures), lockedUntil };
        },
        () => fallback.recordFailure(key, lockAfter, timing),
      ),
    countHits: (keys, windowMs) =>
      orFallback(
        async () => {
          if (keys.length === 0) return [];
          const now = Date.now();
          const out = (await redis.eval(COUNT_HITS, keys.length, ...keys.map(windowKeyOf), windowMs)) as number[];
          return keys.map((key, i) => ({ key, hits: Number(out[2 * i]), resetsAt: now + Number(out[2 * i + 1]) }));
        },
        () => fallback.countHits(keys, windowMs),
      ),
    // Redis expires its own windows; the fallback's rows from an outage are purged there.
    purgeEnded: () => fallback.purgeEnded(),
    async clear(keys) {
      if (!keys.length) return;
      // Both: a count the fallback kept during an outage must not survive a reset either.
      await orFallback(
        () => redis.del(...keys.map(keyOf)).then(() => undefined),
        async () => undefined,
      );
      await fallback.clear(keys);
    },
    async close() {
      redis.disconnect();
      await fallback.close();
    },
  };
}
