import type { Queryable } from '../../../db/database.js';
import { isoPlus, nowIso } from '../../../db/time.js';

/**
 * Failed sign-ins, counted per account and per client address in the database so every app process sees the
 * same counts. Past `slowAfter` failures each answer is delayed; past `lockAfter` the key is locked. The
 * account's threshold, the counting window and the lock's length are system parameters
 * (`platform.loginLockAfterFailures`, `…FailureWindowMinutes`, `…LockMinutes`); these are their defaults.
 */
export const THROTTLE = {
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  account: { slowAfter: 3, lockAfter: 5 },
  address: { slowAfter: 10, lockAfter: 30 },
  delayStepMs: 300,
  maxDelayMs: 3000,
};

export interface ThrottleState {
  lockedUntil: string | null;
  failures: number;
}

export async function throttleState(db: Queryable, key: string, windowMs = THROTTLE.windowMs): Promise<ThrottleState> {
  const row = await db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
  if (!row) return { lockedUntil: null, failures: 0 };
  const now = Date.now();
  const locked = row.locked_until && new Date(row.locked_until).getTime() > now ? row.locked_until : null;
  const inWindow = now - new Date(row.window_started_at).getTime() < windowMs;
  return { lockedUntil: locked, failures: inWindow ? row.failures : 0 };
}

export async function recordFailure(
  db: Queryable,
  key: string,
  lockAfter: number,
  timing: { windowMs: number; lockMs: number } = THROTTLE,
): Promise<ThrottleState> {
  const state = await throttleState(db, key, timing.windowMs);
  const failures = state.failures + 1;
  const now = nowIso();
  const lockedUntil = failures >= lockAfter ? isoPlus(now, timing.lockMs) : state.lockedUntil;
  const windowStart = state.failures === 0 ? now : undefined;
  await db
    .insertInto('login_throttle')
    .values({ key, failures, window_started_at: now, locked_until: lockedUntil })
    .onConflict((oc) => oc.column('key').doUpdateSet({ failures, locked_until: lockedUntil, ...(windowStart ? { window_started_at: windowStart } : {}) }))
    .execute();
  return { failures, lockedUntil };
}

export async function clearFailures(db: Queryable, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}

export function delayFor(failures: number, slowAfter: number): number {
  return failures < slowAfter ? 0 : Math.min((failures - slowAfter + 1) * THROTTLE.delayStepMs, THROTTLE.maxDelayMs);
}
