import { setTimeout as sleep } from 'node:timers/promises';
import type { AppDeps } from '../../../core/deps.js';
import { ANONYMOUS, type RequestContext } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import { inTransaction } from '../../../db/database.js';
import { appendAudit } from '../audit/auditTrail.js';
import { accountKeyOf, addressKeyOf, completeLogin, lockedError, logLogin, loginTiming, type ClientInfo, type SignedIn } from '../auth/authService.js';
import { THROTTLE, delayFor, recordFailure, throttleState } from '../auth/throttle.js';
import { challengeInvalid, failChallenge, openChallenge, useChallenge, type Challenge } from './challenges.js';
import { acceptTotp, beginEnrolment, consumeRecoveryCode, mfaStateOf } from './factors.js';
import { confirmEnrolmentIn, ENTITY } from './service.js';
import type { MfaEnrolmentView } from './schema.js';

/**
 * The second step of a sign-in: the challenge a right password earned, and a code (or a recovery code). Wrong codes
 * count into the same per-account and per-address throttle as wrong passwords (auth/throttle.ts) and are login
 * events; a right one starts the session exactly as the password did (completeLogin).
 */

interface Account {
  id: number;
  username: string;
  role: NonNullable<RequestContext['actor']['role']>;
  organizationId: number;
}

/** The challenge's account, still allowed to sign in (disabled or suspended since the password step: refused). */
async function accountOf(deps: AppDeps, challenge: Challenge, client: ClientInfo): Promise<Account> {
  const db = deps.database.db;
  for (const key of [accountKeyOf(challenge.loginName), addressKeyOf(client)]) {
    const state = await throttleState(deps, key, (await loginTiming(deps)).windowMs);
    if (state.lockedUntil) {
      await logLogin(deps, { username: challenge.loginName, userId: challenge.userId, success: false, reason: 'locked' }, client);
      throw lockedError(state.lockedUntil);
    }
  }
  const user = await db
    .selectFrom('users')
    .innerJoin('organizations', 'organizations.id', 'users.organization_id')
    .select(['users.id', 'users.username', 'users.role', 'users.status', 'users.organization_id', 'organizations.status as org_status'])
    .where('users.id', '=', challenge.userId)
    .executeTakeFirstOrThrow();
  if (user.status !== 'active') throw new AppError(403, 'ACCOUNT_DISABLED', 'error.ACCOUNT_DISABLED');
  if (user.org_status === 'suspended' || user.org_status === 'rejected') throw new AppError(403, 'ORGANIZATION_INACTIVE', 'error.ORGANIZATION_INACTIVE');
  return { id: Number(user.id), username: user.username, role: user.role, organizationId: Number(user.organization_id) };
}

/** The audit records of these steps name the account itself (no session exists yet). */
const asAccount = (ctx: RequestContext, a: Account): RequestContext => ({
  ...ctx,
  actor: { ...ANONYMOUS, kind: 'user', userId: a.id, username: a.username, role: a.role, organizationId: a.organizationId },
});

async function refuse(deps: AppDeps, challenge: Challenge, client: ClientInfo, reason: string, field: 'code' | 'recoveryCode'): Promise<never> {
  const db = deps.database.db;
  const timing = await loginTiming(deps);
  await failChallenge(db, challenge.id);
  const account = await recordFailure(deps, accountKeyOf(challenge.loginName), await deps.parameters.get('platform.loginLockAfterFailures'), timing);
  const address = await recordFailure(deps, addressKeyOf(client), THROTTLE.address.lockAfter, timing);
  await logLogin(deps, { username: challenge.loginName, userId: challenge.userId, success: false, reason }, client);
  const wait = Math.max(delayFor(account.failures, THROTTLE.account.slowAfter), delayFor(address.failures, THROTTLE.address.slowAfter));
  if (wait > 0) await sleep(wait);
  if (account.lockedUntil) throw lockedError(account.lockedUntil);
  throw new AppError(401, 'MFA_CODE_INVALID', 'error.MFA_CODE_INVALID', {}, [
    { path: field, reason: field === 'code' ? 'field.mfa.codeInvalid' : 'field.mfa.recoveryCodeInvalid' },
  ]);
}

async function openOrRefuse(deps: AppDeps, token: string, client: ClientInfo): Promise<Challenge> {
  try {
    return await openChallenge(deps.database.db, deps, token);
  } catch (e) {
    // An unknown or spent challenge counts against the address (guessing tokens), and is a login event.
    await recordFailure(deps, addressKeyOf(client), THROTTLE.address.lockAfter, await loginTiming(deps));
    await logLogin(deps, { username: '(challenge)', userId: null, success: false, reason: 'mfa_challenge_invalid' }, client);
    throw e;
  }
}

/** A required official without a second factor starts enrolling inside the sign-in (the secret shown once). */
export async function startEnrolmentAtSignIn(deps: AppDeps, ctx: RequestContext, token: string, client: ClientInfo): Promise<MfaEnrolmentView> {
  const challenge = await openOrRefuse(deps, token, client);
  if (challenge.purpose !== 'enrol') throw challengeInvalid();
  const account = await accountOf(deps, challenge, client);
  return inTransaction(deps.database, async (tx) => {
    if ((await mfaStateOf(tx, account.id)).enabled) throw challengeInvalid();
    const started = await beginEnrolment(tx, deps, account.id, account.username);
    await appendAudit(tx, asAccount(ctx, account), { entity: ENTITY, entityId: account.id, action: 'startEnrolment' });
    return started;
  });
}

/**
 * Completes a sign-in with a code (or, when enrolled, a recovery code). For an enrolment challenge the code
 * confirms the new authenticator and the answer carries the recovery codes, shown once.
 */
export async function signInWithSecondFactor(
  deps: AppDeps,
  ctx: RequestContext,
  input: { challenge: string; code?: string | undefined; recoveryCode?: string | undefined },
  client: ClientInfo,
): Promise<SignedIn & { recoveryCodes?: string[] }> {
  const challenge = await openOrRefuse(deps, input.challenge, client);
  const account = await accountOf(deps, challenge, client);
  const field = input.code !== undefined ? 'code' : 'recoveryCode';
  const outcome = await inTransaction(deps.database, async (tx) => {
    let recoveryCodes: string[] | undefined;
    let reason = 'ok';
    if (challenge.purpose === 'enrol') {
      if (input.code === undefined) return { ok: false as const, reason: 'mfa_bad_code' };
      try {
        recoveryCodes = await confirmEnrolmentIn(tx, deps, asAccount(ctx, account), account.id, input.code);
      } catch (e) {
        if (e instanceof AppError && e.code === 'VALIDATION_FAILED') return { ok: false as const, reason: 'mfa_bad_code' };
        throw e;
      }
    } else if (input.code !== undefined) {
      if (!(await acceptTotp(tx, deps, account.id, input.code))) return { ok: false as const, reason: 'mfa_bad_code' };
    } else {
      if (!(await consumeRecoveryCode(tx, deps, account.id, input.recoveryCode ?? ''))) return { ok: false as const, reason: 'mfa_bad_recovery_code' };
      reason = 'ok_recovery_code';
      await appendAudit(tx, asAccount(ctx, account), { entity: ENTITY, entityId: account.id, action: 'useRecoveryCode' });
    }
    // Single use: of two requests racing with one challenge, one signs in.
    if (!(await useChallenge(tx, challenge.id))) throw challengeInvalid();
    return { ok: true as const, reason, recoveryCodes };
  });
  if (!outcome.ok) return refuse(deps, challenge, client, outcome.reason, field);
  const signedIn = await completeLogin(deps, { userId: account.id, loginName: challenge.loginName, reason: outcome.reason }, client);
  return outcome.recoveryCodes ? { ...signedIn, recoveryCodes: outcome.recoveryCodes } : signedIn;
}
