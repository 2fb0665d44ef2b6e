import { setTimeout as sleep } from 'node:timers/promises';
import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError, duplicate, fieldError } from '../../../core/errors.js';
import { DUMMY_PASSWORD_HASH, hashPassword, randomToken, verifyPassword } from '../../../core/crypto.js';
import { inTransaction } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { validateMobile } from '../../../../shared/validators/index.js';
import { maskCitizenId } from '../../../../shared/validators/citizenId.js';
import { maskMobile } from '../../../../shared/validators/mobile.js';
import type { Locale } from '../../../../shared/roles.js';
import { appendAudit } from '../audit/auditTrail.js';
import { loadUserView, type UserView } from '../users/userView.js';
import { endSession, startSession } from './sessions.js';
import { mfaRequiredFor, mfaStateOf } from '../mfa/factors.js';
import { createChallenge } from '../mfa/challenges.js';
import { THROTTLE, clearFailures, delayFor, recordFailure, throttleState } from './throttle.js';
import { accountsIdentifiedBy, recordUserIdentifiers } from '../users/identifiers.js';

export const RESIDENTS_ORGANIZATION_CODE = 'public-residents';

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

export async function logLogin(deps: AppDeps, entry: { username: string; userId: number | null; success: boolean; reason: string }, client: ClientInfo) {
  await deps.database.db
    .insertInto('login_events')
    .values({
      at: nowIso(),
      username: entry.username.slice(0, 100),
      user_id: entry.userId,
      success: entry.success ? 1 : 0,
      reason: entry.reason,
      ip: client.ip,
      user_agent: client.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
}

export function lockedError(until: string): AppError {
  const minutes = Math.max(1, Math.ceil((new Date(until).getTime() - Date.now()) / 60_000));
  return new AppError(429, 'ACCOUNT_LOCKED', 'error.ACCOUNT_LOCKED', { minutes });
}

/** A sign-in that made a session: the cookie value and CSRF token to hand the browser. */
export interface SignedIn {
  user: UserView;
  cookieValue: string;
  csrfToken: string;
  expiresAt: string;
}

/** A right password of an account that must also give a second factor: no session yet, a challenge instead. */
export interface SecondFactorNeeded {
  mfaRequired: true;
  challenge: string;
  enrolmentRequired: boolean;
}

export const accountKeyOf = (name: string) => `account:${name.toLowerCase()}`;
export const addressKeyOf = (client: ClientInfo) => `address:${client.ip ?? 'unknown'}`;

/** The lockout's counting window and lock length, as the security administrator set them (system parameters). */
export async function loginTiming(deps: AppDeps) {
  return {
    windowMs: (await deps.parameters.get('platform.loginFailureWindowMinutes')) * 60_000,
    lockMs: (await deps.parameters.get('platform.loginLockMinutes')) * 60_000,
  };
}

/**
 * Signs a user in by account name or (residents) mobile number; counts failures per account and address. An
 * account with a second factor on, or whose role requires one (config.mfaRoles), gets a challenge instead of a
 * session: the second step (mfa/signin.ts) checks the code and then starts the session here.
 */
export async function login(deps: AppDeps, input: { username: string; password: string }, client: ClientInfo): Promise<SignedIn | SecondFactorNeeded> {
  const db = deps.database.db;
  const name = input.username.trim();
  const accountKey = accountKeyOf(name);
  const addressKey = addressKeyOf(client);
  const timing = await loginTiming(deps);
  for (const key of [accountKey, addressKey]) {
    const state = await throttleState(deps, key, timing.windowMs);
    if (state.lockedUntil) {
      await logLogin(deps, { username: name, userId: null, success: false, reason: 'locked' }, client);
      throw lockedError(state.lockedUntil);
    }
  }
  const mobile = validateMobile(name);
  // The name is a username, or a resident's mobile number; a username that looks like a mobile number wins.
  const named = await accountsIdentifiedBy(db, [
    { kind: 'username', value: name },
    ...(mobile.ok ? [{ kind: 'mobile' as const, value: deps.sealer.lookup(mobile.value) }] : []),
  ]);
  const accountId = (named.find((n) => n.kind === 'username') ?? named[0])?.userId;
  const user =
    accountId === undefined
      ? undefined
      : await db
          .selectFrom('users')
          .innerJoin('organizations', 'organizations.id', 'users.organization_id')
          .select(['users.id', 'users.role', 'users.password_hash', 'users.status', 'organizations.status as org_status', 'organizations.kind as org_kind'])
          .where('users.id', '=', accountId)
          .executeTakeFirst();
  const passwordOk = await verifyPassword(input.password, user?.password_hash ?? DUMMY_PASSWORD_HASH);
  if (!user || !passwordOk) {
    const account = await recordFailure(deps, accountKey, await deps.parameters.get('platform.loginLockAfterFailures'), timing);
    const address = await recordFailure(deps, addressKey, THROTTLE.address.lockAfter, timing);
    await logLogin(deps, { username: name, userId: user ? Number(user.id) : null, success: false, reason: 'bad_credentials' }, client);
    const wait = Math.max(delayFor(account.failures, THROTTLE.account.slowAfter), delayFor(address.failures, THROTTLE.address.slowAfter));
    if (wait > 0) await sleep(wait);
    if (account.lockedUntil) throw lockedError(account.lockedUntil);
    throw new AppError(401, 'INVALID_CREDENTIALS', 'error.INVALID_CREDENTIALS');
  }
  const userId = Number(user.id);
  if (user.status !== 'active') {
    await logLogin(deps, { username: name, userId, success: false, reason: 'disabled' }, client);
    throw new AppError(403, 'ACCOUNT_DISABLED', 'error.ACCOUNT_DISABLED');
  }
  // An enterprise waiting for approval may sign in to see where its registration stands; a suspended or
  // rejected organisation may not.
  if (user.org_status === 'suspended' || user.org_status === 'rejected') {
    await logLogin(deps, { username: name, userId, success: false, reason: 'organization_inactive' }, client);
    throw new AppError(403, 'ORGANIZATION_INACTIVE', 'error.ORGANIZATION_INACTIVE');
  }
  const mfa = await mfaStateOf(db, userId);
  if (mfa.enabled || mfaRequiredFor(deps, user.role)) {
    // The account's failures are not cleared by the password alone: wrong codes keep counting towards the lock.
    const challenge = await createChallenge(db, deps, { userId, loginName: name, purpose: mfa.enabled ? 'signin' : 'enrol' });
    await logLogin(deps, { username: name, userId, success: false, reason: mfa.enabled ? 'mfa_challenge' : 'mfa_enrolment_required' }, client);
    return { mfaRequired: true, challenge, enrolmentRequired: !mfa.enabled };
  }
  return completeLogin(deps, { userId, loginName: name, reason: 'ok' }, client);
}

/** What ends every successful sign-in, with or without a second factor: failures cleared, a session, the event. */
export async function completeLogin(deps: AppDeps, who: { userId: number; loginName: string; reason: string }, client: ClientInfo): Promise<SignedIn> {
  const db = deps.database.db;
  await clearFailures(deps, accountKeyOf(who.loginName));
  const session = await startSession(db, deps.config, who.userId, client);
  await db.updateTable('users').set({ last_login_at: nowIso() }).where('id', '=', who.userId).execute();
  await logLogin(deps, { username: who.loginName, userId: who.userId, success: true, reason: who.reason }, client);
  return { user: await loadUserView(db, who.userId), ...session };
}

export async function logout(deps: AppDeps, ctx: RequestContext): Promise<void> {
  if (ctx.actor.sessionId) await endSession(deps.database.db, ctx.actor.sessionId, 'logout');
}

export async function changePassword(deps: AppDeps, ctx: RequestContext, input: { currentPassword: string; newPassword: string }): Promise<void> {
  const userId = ctx.actor.userId;
  if (userId === null) throw new AppError(401, 'UNAUTHENTICATED', 'error.UNAUTHENTICATED');
  const row = await deps.database.db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(input.currentPassword, row.password_hash)))
    throw new AppError(400, 'WRONG_PASSWORD', 'error.WRONG_PASSWORD', {}, [{ path: 'currentPassword', reason: 'field.invalid' }]);
  if (input.currentPassword === input.newPassword) throw fieldError('newPassword', 'field.invalid');
  const hash = await hashPassword(input.newPassword);
  await inTransaction(deps.database, async (tx) => {
    const now = nowIso();
    await tx
      .updateTable('users')
      .set({ password_hash: hash, must_change_password: 0, password_changed_at: now, updated_at: now })
      .where('id', '=', userId)
      .execute();
    // Other sessions of this account end; the one that changed the password stays.
    await tx
      .updateTable('sessions')
      .set({ ended_at: now, end_reason: 'password_changed' })
      .where('user_id', '=', userId)
      .where('ended_at', 'is', null)
      .where('id', '!=', ctx.actor.sessionId ?? '')
      .execute();
    await appendAudit(tx, ctx, { entity: 'user', entityId: userId, action: 'changePassword' });
  });
}

export async function setLocale(deps: AppDeps, ctx: RequestContext, locale: Locale): Promise<void> {
  if (ctx.actor.userId === null) return;
  await deps.database.db.updateTable('users').set({ locale }).where('id', '=', ctx.actor.userId).execute();
}

export interface ResidentRegistration {
  mobile: string;
  password: string;
  realName: string;
  idNumber: string;
}

/** A resident registers with real name and citizen ID; one ID number and one mobile register once. */
export async function registerResident(deps: AppDeps, ctx: RequestContext, input: ResidentRegistration): Promise<UserView> {
  const mobileHash = deps.sealer.lookup(input.mobile);
  const idHash = deps.sealer.lookup(input.idNumber);
  const passwordHash = await hashPassword(input.password);
  const userId = await inTransaction(deps.database, async (tx) => {
    const clash = await accountsIdentifiedBy(tx, [
      { kind: 'mobile', value: mobileHash },
      { kind: 'id_number', value: idHash },
    ]);
    if (clash.some((c) => c.kind === 'id_number')) throw duplicate('idNumber', ctx.locale === 'en' ? 'ID number' : '身份证号码');
    if (clash.length) throw duplicate('mobile', ctx.locale === 'en' ? 'Mobile number' : '手机号码');
    const org = await tx.selectFrom('organizations').select('id').where('code', '=', RESIDENTS_ORGANIZATION_CODE).executeTakeFirstOrThrow();
    const now = nowIso();
    const username = `resident_${randomToken(9).replace(/[-_]/g, 'x').toLowerCase()}`;
    const row = await tx
      .insertInto('users')
      .values({
        username,
        display_name: input.realName,
        role: 'resident',
        organization_id: org.id,
        password_hash: passwordHash,
        status: 'active',
        must_change_password: 0,
        locale: ctx.locale,
        mobile_enc: deps.sealer.seal(input.mobile),
        mobile_hash: mobileHash,
        mobile_mask: maskMobile(input.mobile),
        id_number_enc: deps.sealer.seal(input.idNumber),
        id_number_hash: idHash,
        id_number_mask: maskCitizenId(input.idNumber),
        last_login_at: null,
        password_changed_at: now,
        is_demo: 0,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(row.id);
    await recordUserIdentifiers(tx, [{ userId: id, username, mobileHash, idNumberHash: idHash }]);
    await appendAudit(
      tx,
      { ...ctx, actor: { ...ctx.actor, userId: id, role: 'resident', username: input.realName } },
      {
        entity: 'user',
        entityId: id,
        action: 'registerResident',
        organizationId: Number(org.id),
        after: { role: 'resident', mobile: maskMobile(input.mobile), idNumber: maskCitizenId(input.idNumber) },
      },
    );
    return id;
  });
  return loadUserView(deps.database.db, userId);
}
