import type { AppDeps } from '../../../core/deps.js';
import { rateLimitsOf, type FailureCount } from '../../../core/rateLimits.js';

/**
 * Failed sign-ins, counted per account and per client address in a store every app process shares (the database,
 * or Redis when REDIS_URL is set), so every process sees the same counts. Past `slowAfter` failures each answer is delayed; past `lockAfter` the key is locked. The
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

export type ThrottleState = FailureCount;

/** The store shared by every app process (core/rateLimits.ts): the database, or Redis when REDIS_URL is set. */
type ThrottleDeps = Pick<AppDeps, 'config' | 'database'>;

export async function throttleState(deps: ThrottleDeps, key: string, windowMs = THROTTLE.windowMs): Promise<ThrottleState> {
  return rateLimitsOf(deps).state(key, windowMs);
}

export async function recordFailure(
  deps: ThrottleDeps,
  key: string,
  lockAfter: number,
  timing: { windowMs: number; lockMs: number } = THROTTLE,
): Promise<ThrottleState> {
  return rateLimitsOf(deps).recordFailure(key, lockAfter, timing);
}

export async function clearFailures(deps: ThrottleDeps, key: string): Promise<void> {
  await rateLimitsOf(deps).clear([key]);
}

export function delayFor(failures: number, slowAfter: number): number {
  return failures < slowAfter ? 0 : Math.min((failures - slowAfter + 1) * THROTTLE.delayStepMs, THROTTLE.maxDelayMs);
}
