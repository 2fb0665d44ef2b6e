import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError, fieldError, notFound, unauthenticated } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { inTransaction, type Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { appendAudit } from '../audit/auditTrail.js';
import { notify } from '../notifications/service.js';
import { acceptTotp, beginEnrolment, mfaRequiredFor, mfaStateOf, removeSecondFactor, replaceRecoveryCodes } from './factors.js';
import { mfaPolicy } from './policy.js';
import type { MfaEnrolmentView, MfaMyView, MfaUserStatus } from './schema.js';

export const ENTITY = 'user_mfa';

const wrongCode = () => fieldError('code', 'field.mfa.codeInvalid');

function me(ctx: RequestContext): number {
  const userId = ctx.actor.userId;
  if (userId === null) throw unauthenticated();
  authorize(ctx.actor, mfaPolicy, 'self', { userId }, userId);
  return userId;
}

/** My second factor: on or off, required of my role or not, recovery codes left. */
export async function myMfa(deps: AppDeps, ctx: RequestContext): Promise<MfaMyView> {
  const userId = me(ctx);
  const state = await mfaStateOf(deps.database.db, userId);
  return { ...state, required: mfaRequiredFor(deps, ctx.actor.role) };
}

/** Starts (or restarts) enrolment: a new secret, shown this once with its otpauth:// URI. */
export async function startMyEnrolment(deps: AppDeps, ctx: RequestContext): Promise<MfaEnrolmentView> {
  const userId = me(ctx);
  return inTransaction(deps.database, async (tx) => {
    if ((await mfaStateOf(tx, userId)).enabled) throw new AppError(409, 'MFA_ALREADY_ENABLED', 'error.MFA_ALREADY_ENABLED');
    const started = await beginEnrolment(tx, deps, userId, ctx.actor.username ?? String(userId));
    await appendAudit(tx, ctx, { entity: ENTITY, entityId: userId, action: 'startEnrolment' });
    return started;
  });
}

/**
 * The first right code turns the second factor on and makes the ten recovery codes (shown once). Used by the
 * signed-in page and by the sign-in step of an official who must enrol before a session (auth/authService.ts).
 */
export async function confirmEnrolmentIn(tx: Tx, deps: AppDeps, ctx: RequestContext, userId: number, code: string): Promise<string[]> {
  const state = await mfaStateOf(tx, userId);
  if (state.enabled) throw new AppError(409, 'MFA_ALREADY_ENABLED', 'error.MFA_ALREADY_ENABLED');
  if (!state.pending) throw new AppError(409, 'MFA_NOT_STARTED', 'error.MFA_NOT_STARTED');
  if (!(await acceptTotp(tx, deps, userId, code, { pending: true }))) throw wrongCode();
  const codes = await replaceRecoveryCodes(tx, deps, userId);
  await appendAudit(tx, ctx, { entity: ENTITY, entityId: userId, action: 'enable', after: { enabled: true, recoveryCodes: codes.length } });
  return codes;
}

export async function confirmMyEnrolment(deps: AppDeps, ctx: RequestContext, code: string): Promise<{ recoveryCodes: string[] }> {
  const userId = me(ctx);
  return { recoveryCodes: await inTransaction(deps.database, (tx) => confirmEnrolmentIn(tx, deps, ctx, userId, code)) };
}

/** New recovery codes (the old ones stop working), against a current code. */
export async function regenerateMyRecoveryCodes(deps: AppDeps, ctx: RequestContext, code: string): Promise<{ recoveryCodes: string[] }> {
  const userId = me(ctx);
  return inTransaction(deps.database, async (tx) => {
    if (!(await mfaStateOf(tx, userId)).enabled) throw new AppError(409, 'MFA_NOT_ENABLED', 'error.MFA_NOT_ENABLED');
    if (!(await acceptTotp(tx, deps, userId, code))) throw wrongCode();
    const recoveryCodes = await replaceRecoveryCodes(tx, deps, userId);
    await appendAudit(tx, ctx, { entity: ENTITY, entityId: userId, action: 'regenerateRecoveryCodes', after: { recoveryCodes: recoveryCodes.length } });
    return { recoveryCodes };
  });
}

/** Turns my second factor off, against a current code — not when my role requires one. */
export async function disableMyMfa(deps: AppDeps, ctx: RequestContext, code: string): Promise<void> {
  const userId = me(ctx);
  if (mfaRequiredFor(deps, ctx.actor.role)) throw new AppError(409, 'MFA_REQUIRED_FOR_ROLE', 'error.MFA_REQUIRED_FOR_ROLE');
  await inTransaction(deps.database, async (tx) => {
    if (!(await mfaStateOf(tx, userId)).enabled) throw new AppError(409, 'MFA_NOT_ENABLED', 'error.MFA_NOT_ENABLED');
    if (!(await acceptTotp(tx, deps, userId, code))) throw wrongCode();
    await removeSecondFactor(tx, userId);
    await appendAudit(tx, ctx, { entity: ENTITY, entityId: userId, action: 'disable', before: { enabled: true }, after: { enabled: false } });
  });
}

/**
 * The security administrator removes an account's second factor (a lost phone): authenticator and recovery codes
 * gone, every session of the account ended, an audit record, and the account told. It enrols again at its next
 * sign-in (required roles) or on its two-factor page.
 */
export async function resetUserMfa(deps: AppDeps, ctx: RequestContext, userId: number): Promise<void> {
  authorize(ctx.actor, mfaPolicy, 'reset', { userId }, userId);
  await inTransaction(deps.database, async (tx) => {
    const user = await tx.selectFrom('users').select(['id', 'username', 'organization_id']).where('id', '=', userId).executeTakeFirst();
    if (!user) throw notFound();
    const before = await mfaStateOf(tx, userId);
    await removeSecondFactor(tx, userId);
    const now = nowIso();
    const ended = await tx
      .updateTable('sessions')
      .set({ ended_at: now, end_reason: 'mfa_reset' })
      .where('user_id', '=', userId)
      .where('ended_at', 'is', null)
      .executeTakeFirst();
    await appendAudit(tx, ctx, {
      entity: ENTITY,
      entityId: userId,
      action: 'reset',
      organizationId: Number(user.organization_id),
      before: { enabled: before.enabled, pending: before.pending, recoveryCodesLeft: before.recoveryCodesLeft },
      after: { enabled: false, sessionsEnded: Number(ended.numUpdatedRows) },
    });
    await notify(tx, {
      userId,
      kind: 'mfaReset',
      params: { by: ctx.actor.username ?? '' },
      link: '/my/two-factor',
      dedupeKey: `mfaReset:${userId}:${now}`,
    });
  });
}

/** Whether each of the given accounts has a second factor on (the accounts page asks for the rows it shows). */
export async function mfaStatusOfUsers(deps: AppDeps, ctx: RequestContext, userIds: number[]): Promise<MfaUserStatus[]> {
  authorize(ctx.actor, mfaPolicy, 'status');
  if (userIds.length === 0) return [];
  const rows = await deps.database.db
    .selectFrom('users')
    .leftJoin('mfa_authenticators as a', 'a.user_id', 'users.id')
    .select(['users.id', 'users.role', 'a.confirmed_at'])
    .where('users.id', 'in', userIds)
    .execute();
  return rows.map((r) => ({ userId: Number(r.id), enabled: !!r.confirmed_at, enabledAt: r.confirmed_at ?? null, required: mfaRequiredFor(deps, r.role) }));
}
