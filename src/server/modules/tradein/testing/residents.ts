import { randomBytes } from 'node:crypto';
import type { Config } from '../../../config.js';
import type { Database } from '../../../db/database.js';
import { isoPlus, nowIso } from '../../../db/time.js';
import { RESIDENTS_ORGANIZATION_CODE } from '../../platform/auth/authService.js';
import { sessionIdOf } from '../../platform/auth/sessions.js';
import { recordUserIdentifiers } from '../../platform/users/identifiers.js';

export interface SignedInResident {
  userId: number;
  /** `hx_session=…`, ready for a Cookie header. */
  cookie: string;
  csrf: string;
}

/**
 * Many signed-in residents at once, for load tests and the benchmark: users and sessions are inserted in bulk
 * (a login costs a scrypt hash each, which would dominate the set-up). The accounts cannot sign in with a
 * password; they exist only through the sessions made here.
 */
export async function createSignedInResidents(
  database: Database,
  config: Config,
  count: number,
  prefix = `r${randomBytes(3).toString('hex')}`,
): Promise<SignedInResident[]> {
  const db = database.db;
  const org = await db.selectFrom('organizations').select('id').where('code', '=', RESIDENTS_ORGANIZATION_CODE).executeTakeFirstOrThrow();
  const out: SignedInResident[] = [];
  const CHUNK = 500;
  for (let start = 0; start < count; start += CHUNK) {
    const n = Math.min(CHUNK, count - start);
    const now = nowIso();
    const users = await db
      .insertInto('users')
      .values(
        Array.from({ length: n }, (_, i) => ({
          username: `${prefix}_${start + i}`,
          display_name: `压测居民 ${start + i}`,
          role: 'resident' as const,
          organization_id: Number(org.id),
          password_hash: '!bulk-created: no password sign-in',
          status: 'active' as const,
          must_change_password: 0,
          locale: null,
          mobile_enc: null,
          mobile_hash: null,
          mobile_mask: null,
          id_number_enc: null,
          id_number_hash: null,
          id_number_mask: null,
          last_login_at: null,
          password_changed_at: now,
          is_demo: 1,
          created_at: now,
          updated_at: now,
        })),
      )
      .returning(['id', 'username'])
      .execute();
    await recordUserIdentifiers(
      db,
      users.map((u) => ({ userId: Number(u.id), username: u.username, mobileHash: null, idNumberHash: null })),
    );
    const sessions = users.map((u) => ({
      userId: Number(u.id),
      cookieValue: randomBytes(32).toString('base64url'),
      csrf: randomBytes(24).toString('base64url'),
    }));
    await db
      .insertInto('sessions')
      .values(
        sessions.map((s) => ({
          id: sessionIdOf(config, s.cookieValue),
          user_id: s.userId,
          csrf_token: s.csrf,
          created_at: now,
          last_seen_at: now,
          expires_at: isoPlus(now, config.sessionAbsoluteHours * 3600_000),
          ip: null,
          user_agent: 'bulk',
          ended_at: null,
          end_reason: null,
        })),
      )
      .execute();
    for (const s of sessions) out.push({ userId: s.userId, cookie: `hx_session=${s.cookieValue}`, csrf: s.csrf });
  }
  return out;
}
