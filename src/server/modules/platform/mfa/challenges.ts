import type { AppDeps } from '../../../core/deps.js';
import { AppError } from '../../../core/errors.js';
import { randomToken } from '../../../core/crypto.js';
import { suiteHmac } from '../../../core/cryptoSuites.js';
import type { Queryable } from '../../../db/database.js';
import { isoPlus, nowIso } from '../../../db/time.js';

/** How long the second step may wait after a right password, and how many wrong codes one challenge takes. */
export const CHALLENGE = { ttlMs: 5 * 60_000, maxFailures: 5 } as const;

export interface Challenge {
  id: string;
  userId: number;
  loginName: string;
  purpose: 'signin' | 'enrol';
}

const challengeId = (deps: AppDeps, token: string) => suiteHmac(deps.config.cryptoSuite, deps.config.sessionSecret, `mfa-challenge:${token}`);

export const challengeInvalid = () => new AppError(401, 'MFA_CHALLENGE_INVALID', 'error.MFA_CHALLENGE_INVALID');

/** A new challenge; the caller gets the token, the table only its keyed hash (like sessions). */
export async function createChallenge(db: Queryable, deps: AppDeps, c: Omit<Challenge, 'id'>): Promise<string> {
  const token = randomToken(32);
  const now = nowIso();
  await db
    .insertInto('mfa_challenges')
    .values({
      id: challengeId(deps, token),
      user_id: c.userId,
      login_name: c.loginName.slice(0, 100),
      purpose: c.purpose,
      created_at: now,
      expires_at: isoPlus(now, CHALLENGE.ttlMs),
      used_at: null,
      failures: 0,
    })
    .execute();
  return token;
}

/** The open challenge of a token, or 401: unknown, used, expired or spent on wrong codes. */
export async function openChallenge(db: Queryable, deps: AppDeps, token: string): Promise<Challenge> {
  const row = await db.selectFrom('mfa_challenges').selectAll().where('id', '=', challengeId(deps, token)).executeTakeFirst();
  if (!row || row.used_at || new Date(row.expires_at).getTime() <= Date.now() || row.failures >= CHALLENGE.maxFailures) throw challengeInvalid();
  return { id: row.id, userId: Number(row.user_id), loginName: row.login_name, purpose: row.purpose };
}

/** Spends the challenge; false when another request spent it first (single use). */
export async function useChallenge(db: Queryable, id: string): Promise<boolean> {
  const res = await db.updateTable('mfa_challenges').set({ used_at: nowIso() }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function failChallenge(db: Queryable, id: string): Promise<void> {
  await db
    .updateTable('mfa_challenges')
    .set((eb) => ({ failures: eb('failures', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Challenges a day past their end are of no use to anyone (the login events keep what happened). */
export async function purgeChallenges(db: Queryable): Promise<number> {
  const res = await db
    .deleteFrom('mfa_challenges')
    .where('expires_at', '<', isoPlus(nowIso(), -24 * 3600_000))
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}
