import { CompiledQuery } from 'kysely';
import type { Database, Queryable } from '../../../db/database.js';
import { isoPlus, nowIso } from '../../../db/time.js';
import { lookupHash, randomToken } from '../../../core/crypto.js';
import type { Actor } from '../../../core/context.js';
import type { Config } from '../../../config.js';
import type { Locale } from '../../../../shared/roles.js';

export const SESSION_COOKIE = 'hx_session';
export const CSRF_COOKIE = 'hx_csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const API_TOKEN_PREFIX = 'hxt_';

/** Seen-at is written at most this often, so reading a page does not write a row each time. */
const TOUCH_INTERVAL_MS = 60_000;

export interface ResolvedPrincipal {
  actor: Actor;
  savedLocale: Locale | null;
  csrfToken: string | null;
  mustChangePassword: boolean;
}

export function sessionIdOf(config: Config, cookieValue: string): string {
  return lookupHash(config.sessionSecret, `session:${cookieValue}`);
}

export async function startSession(
  db: Queryable,
  config: Config,
  userId: number,
  client: { ip: string | null; userAgent: string | null },
): Promise<{ cookieValue: string; csrfToken: string; expiresAt: string }> {
  const cookieValue = randomToken(32);
  const csrfToken = randomToken(24);
  const now = nowIso();
  const expiresAt = isoPlus(now, config.sessionAbsoluteHours * 3600_000);
  await db
    .insertInto('sessions')
    .values({
      id: sessionIdOf(config, cookieValue),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
      ip: client.ip,
      user_agent: client.userAgent?.slice(0, 300) ?? null,
      ended_at: null,
      end_reason: null,
    })
    .execute();
  return { cookieValue, csrfToken, expiresAt };
}

export async function endSession(db: Queryable, sessionId: string, reason: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ ended_at: nowIso(), end_reason: reason })
    .where('id', '=', sessionId)
    .where('ended_at', 'is', null)
    .execute();
}

const principalColumns = [
  'users.id as user_id',
  'users.username',
  'users.role',
  'users.status',
  'users.locale',
  'users.must_change_password',
  'organizations.id as organization_id',
  'organizations.kind as organization_kind',
  'organizations.status as organization_status',
  'organizations.town_id',
] as const;

function townOf(kind: string, orgId: number, townId: number | null): number | null {
  return kind === 'town' ? orgId : townId;
}

function sessionLookupQuery(db: Database['db'], id: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('organizations', 'organizations.id', 'users.organization_id')
    .select([...principalColumns, 'sessions.csrf_token', 'sessions.last_seen_at', 'sessions.expires_at', 'sessions.ended_at'])
    .where('sessions.id', '=', id);
}
type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionLookupQuery>['executeTakeFirst']>>;

/**
 * Every signed-in request runs this lookup, so its SQL is compiled once per database and only the parameter
 * changes (building and compiling the query each time cost more than running it).
 */
const compiledLookups = new WeakMap<Database, string>();
async function sessionLookup(database: Database, id: string): Promise<SessionRow> {
  let text = compiledLookups.get(database);
  if (!text) {
    text = sessionLookupQuery(database.db, '').compile().sql;
    compiledLookups.set(database, text);
  }
  const result = await database.db.executeQuery<NonNullable<SessionRow>>(CompiledQuery.raw(text, [id]));
  return result.rows[0];
}

/** Resolves a session cookie to its actor, enforcing the idle and absolute time-outs. */
export async function resolveSession(
  database: Database,
  config: Config,
  cookieValue: string,
): Promise<ResolvedPrincipal | null> {
  const id = sessionIdOf(config, cookieValue);
  const row = await sessionLookup(database, id);
  if (!row || row.ended_at) return null;
  const now = Date.now();
  const idleDeadline = new Date(row.last_seen_at).getTime() + config.sessionIdleMinutes * 60_000;
  if (now > new Date(row.expires_at).getTime() || now > idleDeadline) {
    await endSession(database.db, id, now > idleDeadline ? 'idle_timeout' : 'absolute_timeout');
    return null;
  }
  if (row.status !== 'active') {
    await endSession(database.db, id, 'account_disabled');
    return null;
  }
  if (now - new Date(row.last_seen_at).getTime() > TOUCH_INTERVAL_MS)
    await database.db.updateTable('sessions').set({ last_seen_at: new Date(now).toISOString() }).where('id', '=', id).execute();
  return {
    actor: {
      kind: 'user',
      userId: Number(row.user_id),
      username: row.username,
      role: row.role,
      organizationId: Number(row.organization_id),
      organizationKind: row.organization_kind,
      townId: townOf(row.organization_kind, Number(row.organization_id), row.town_id === null ? null : Number(row.town_id)),
      sessionId: id,
    },
    savedLocale: row.locale === 'en' || row.locale === 'zh-CN' ? row.locale : null,
    csrfToken: row.csrf_token,
    mustChangePassword: row.must_change_password === 1,
  };
}

/** Resolves `Authorization: Bearer hxt_…` to the token's role and organisation. */
export async function resolveApiToken(database: Database, config: Config, token: string): Promise<ResolvedPrincipal | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const row = await database.db
    .selectFrom('api_tokens')
    .innerJoin('organizations', 'organizations.id', 'api_tokens.organization_id')
    .select([
      'api_tokens.id',
      'api_tokens.name',
      'api_tokens.role',
      'api_tokens.expires_at',
      'api_tokens.revoked_at',
      'api_tokens.last_used_at',
      'organizations.id as organization_id',
      'organizations.kind as organization_kind',
      'organizations.town_id',
    ])
    .where('api_tokens.token_hash', '=', lookupHash(config.sessionSecret, `token:${token}`))
    .executeTakeFirst();
  if (!row || row.revoked_at || (row.expires_at && new Date(row.expires_at).getTime() < Date.now())) return null;
  if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > TOUCH_INTERVAL_MS)
    await database.db.updateTable('api_tokens').set({ last_used_at: nowIso() }).where('id', '=', row.id).execute();
  return {
    actor: {
      kind: 'token',
      userId: null,
      username: `token:${row.name}`,
      role: row.role,
      organizationId: Number(row.organization_id),
      organizationKind: row.organization_kind,
      townId: townOf(row.organization_kind, Number(row.organization_id), row.town_id === null ? null : Number(row.town_id)),
      sessionId: null,
    },
    savedLocale: null,
    csrfToken: null,
    mustChangePassword: false,
  };
}

export function apiTokenHash(config: Config, token: string): string {
  return lookupHash(config.sessionSecret, `token:${token}`);
}
