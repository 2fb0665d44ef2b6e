import { randomBytes } from 'node:crypto';
import type { AppDeps } from '../../../core/deps.js';
import { suiteHmac } from '../../../core/cryptoSuites.js';
import type { Queryable } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import type { Role } from '../../../../shared/roles.js';
import { base32Encode, matchTotp, newTotpSecret, otpauthUri } from './totp.js';

/** The issuer authenticator apps show beside the account. */
export const MFA_ISSUER = '焕新 Huanxin';
export const RECOVERY_CODE_COUNT = 10;

/** Whether the configuration requires a second factor of this role (HUANXIN_MFA_ROLES). */
export function mfaRequiredFor(deps: AppDeps, role: Role | null): boolean {
  return role !== null && deps.config.mfaRoles.includes(role);
}

export interface MfaState {
  enabled: boolean;
  confirmedAt: string | null;
  pending: boolean;
  recoveryCodesLeft: number;
}

export async function mfaStateOf(db: Queryable, userId: number): Promise<MfaState> {
  const row = await db.selectFrom('mfa_authenticators').select(['confirmed_at']).where('user_id', '=', userId).executeTakeFirst();
  const left = await db
    .selectFrom('mfa_recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return {
    enabled: !!row?.confirmed_at,
    confirmedAt: row?.confirmed_at ?? null,
    pending: !!row && !row.confirmed_at,
    recoveryCodesLeft: row?.confirmed_at ? Number(left?.n ?? 0) : 0,
  };
}

/**
 * A new secret waiting for its first code (replacing one that never got it); the secret is sealed at once and shown
 * to the caller this once. An account with a confirmed authenticator keeps it: the caller checks that first.
 */
export async function beginEnrolment(db: Queryable, deps: AppDeps, userId: number, account: string): Promise<{ secret: string; otpauthUri: string }> {
  const secret = newTotpSecret();
  const now = nowIso();
  const sealed = deps.sealer.seal(secret);
  await db
    .insertInto('mfa_authenticators')
    .values({ user_id: userId, secret_enc: sealed, confirmed_at: null, last_step: null, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ secret_enc: sealed, confirmed_at: null, last_step: null, updated_at: now }))
    .execute();
  return { secret, otpauthUri: otpauthUri(secret, account, MFA_ISSUER) };
}

/**
 * Accepts a TOTP code for the account's authenticator (a pending one too when `pending` is true) and moves the last
 * used step forward in the same statement, so of two requests with the same code only one wins — a code never
 * works twice. Returns false for a wrong, stale or replayed code.
 */
export async function acceptTotp(db: Queryable, deps: AppDeps, userId: number, code: string, options: { pending?: boolean } = {}): Promise<boolean> {
  const row = await db.selectFrom('mfa_authenticators').selectAll().where('user_id', '=', userId).executeTakeFirst();
  if (!row || (!row.confirmed_at && !options.pending) || (row.confirmed_at && options.pending)) return false;
  const lastStep = row.last_step === null ? null : Number(row.last_step);
  const step = matchTotp(deps.sealer.open(row.secret_enc), code.trim(), Date.now(), lastStep);
  if (step === null) return false;
  const res = await db
    .updateTable('mfa_authenticators')
    .set({ last_step: step, updated_at: nowIso(), ...(options.pending ? { confirmed_at: nowIso() } : {}) })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

const normalizeRecoveryCode = (code: string) => code.toLowerCase().replace(/[\s-]/g, '');
const recoveryHash = (deps: AppDeps, userId: number, code: string, suite = deps.config.cryptoSuite) =>
  suiteHmac(suite, deps.config.sessionSecret, `mfa-recovery:${userId}:${normalizeRecoveryCode(code)}`);

/** Ten new recovery codes replace the old ones; only their keyed hashes are kept, the codes are shown once. */
export async function replaceRecoveryCodes(db: Queryable, deps: AppDeps, userId: number): Promise<string[]> {
  const codes = new Set<string>();
  while (codes.size < RECOVERY_CODE_COUNT) {
    const raw = base32Encode(randomBytes(7)).slice(0, 10).toLowerCase();
    codes.add(`${raw.slice(0, 5)}-${raw.slice(5)}`);
  }
  await db.deleteFrom('mfa_recovery_codes').where('user_id', '=', userId).execute();
  const now = nowIso();
  await db
    .insertInto('mfa_recovery_codes')
    .values([...codes].map((c) => ({ user_id: userId, code_hash: recoveryHash(deps, userId, c), created_at: now, used_at: null })))
    .execute();
  return [...codes];
}

/** Uses a recovery code up (a conditional update: it works once, even for two requests at once). */
export async function consumeRecoveryCode(db: Queryable, deps: AppDeps, userId: number, code: string): Promise<boolean> {
  if (!/^[a-z2-7]{10}$/.test(normalizeRecoveryCode(code))) return false;
  const res = await db
    .updateTable('mfa_recovery_codes')
    .set({ used_at: nowIso() })
    .where('user_id', '=', userId)
    // Codes handed out before a switch of crypto suite were hashed in the other one: either form is the code.
    .where('code_hash', 'in', [recoveryHash(deps, userId, code, 'aes'), recoveryHash(deps, userId, code, 'sm')])
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Removes an account's second factor entirely (authenticator, recovery codes, open challenges). */
export async function removeSecondFactor(db: Queryable, userId: number): Promise<void> {
  await db.deleteFrom('mfa_recovery_codes').where('user_id', '=', userId).execute();
  await db.deleteFrom('mfa_challenges').where('user_id', '=', userId).execute();
  await db.deleteFrom('mfa_authenticators').where('user_id', '=', userId).execute();
}
