import type { Generated } from 'kysely';

/**
 * An account's authenticator (TOTP). The secret is sealed (deps.sealer), never stored in clear; `confirmed_at` is
 * null while an enrolment waits for its first code. `last_step` is the last time step a code was accepted for, so
 * the same code (or an older one) is refused afterwards.
 */
export interface MfaAuthenticatorTable {
  user_id: number;
  secret_enc: string;
  confirmed_at: string | null;
  last_step: number | null;
  created_at: string;
  updated_at: string;
}

/** One recovery code: a keyed hash (never the code), usable once. */
export interface MfaRecoveryCodeTable {
  id: Generated<number>;
  user_id: number;
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

/**
 * The step between a right password and a session: the token's keyed hash, whom it is for and whether they must
 * enrol first. Single use (`used_at`), short-lived (`expires_at`), dead after a few wrong codes.
 */
export interface MfaChallengeTable {
  id: string;
  user_id: number;
  /** The name typed at sign-in: its throttle key counts the wrong codes. */
  login_name: string;
  purpose: 'signin' | 'enrol';
  created_at: string;
  expires_at: string;
  used_at: string | null;
  failures: number;
}

export interface MfaTables {
  mfa_authenticators: MfaAuthenticatorTable;
  mfa_recovery_codes: MfaRecoveryCodeTable;
  mfa_challenges: MfaChallengeTable;
}

declare module '../../../db/schema.js' {
  interface DatabaseSchema extends MfaTables {}
}
