/** Signed-in accounts for a benchmark's requests, made straight in the database (no scrypt sign-in per run). */
import { randomBytes } from 'node:crypto';
import type { Config } from '../../src/server/config.js';
import type { AppDeps } from '../../src/server/core/deps.js';
import { inTransaction } from '../../src/server/db/database.js';
import { startSession } from '../../src/server/modules/platform/auth/sessions.js';
import { insertUser } from '../../src/server/modules/platform/users/service.js';
import type { Role } from '../../src/shared/roles.js';

export interface SignedIn {
  cookie: string;
  csrf: string;
}

/** A session of an existing user: its cookie and CSRF token, as a browser would send them. */
export async function signIn(deps: AppDeps, config: Config, userId: number): Promise<SignedIn> {
  const s = await startSession(deps.database.db, config, userId, { ip: null, userAgent: 'bench' });
  return { cookie: `hx_session=${s.cookieValue}`, csrf: s.csrfToken };
}

/** A new account of `role` in the named organisation (the office, a department), signed in. */
export async function createSignedInUser(deps: AppDeps, config: Config, username: string, role: Role, organization: { kind?: string; name?: string }) {
  let q = deps.database.db.selectFrom('organizations').select('id');
  if (organization.kind) q = q.where('kind', '=', organization.kind as 'office');
  if (organization.name) q = q.where('name', '=', organization.name);
  const org = await q.executeTakeFirstOrThrow();
  const userId = await inTransaction(deps.database, (tx) =>
    insertUser(tx, deps, {
      username,
      displayName: username,
      role,
      organizationId: Number(org.id),
      password: `Bench#${randomBytes(8).toString('hex')}`,
      mustChangePassword: false,
    }),
  );
  return signIn(deps, config, userId);
}
