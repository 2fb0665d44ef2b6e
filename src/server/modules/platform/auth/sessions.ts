import type { Database, Queryable } from '../../../db/database.js';
import { inTexts } from '../../../db/lists.js';
import { tickBatcher } from '../../../core/tickBatch.js';
import { isoPlus, nowIso } from '../../../db/time.js';
import { randomToken } from '../../../core/crypto.js';
import { suiteHmac } from '../../../core/cryptoSuites.js';
import type { PrincipalResolver, ResolvedPrincipal } from '../../../core/principal.js';
import type { Config } from '../../../config.js';
import type { ParameterReader } from '../../../core/parameters.js';

export const SESSION_COOKIE = 'hx_session';
export const CSRF_COOKIE = 'hx_csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const API_TOKEN_PREFIX = 'hxt_';

/** Seen-at is written at most this often, so reading a page does not write a row each time. */
const TOUCH_INTERVAL_MS = 60_000;

export type { ResolvedPrincipal };

/**
 * What the request context resolves callers with (see core/principal.ts). With the parameters, the idle time-out
 * is `platform.sessionIdleMinutes` (the office may change it); without, the configuration's.
 */
export function principalResolver(database: Database, config: Config, parameters?: ParameterReader): PrincipalResolver {
  return {
    sessionCookie: SESSION_COOKIE,
    csrfHeader: CSRF_HEADER,
    fromSession: (cookieValue) => resolveSession(database, config, cookieValue, parameters),
    fromApiToken: (token) => resolveApiToken(database, config, token),
  };
}

/**
 * Session ids and API tokens are stored as HMAC of the secret value with the configured suite's hash (SHA-256 or
 * SM3). A switch of suite signs everyone out once (sessions last hours); API tokens, which live for months, are
 * also looked up by their SHA-256 hash so a token issued before the switch keeps working until it is replaced.
 */
export function sessionIdOf(config: Config, cookieValue: string): string {
  return suiteHmac(config.cryptoSuite, config.sessionSecret, `session:${cookieValue}`);
}

function tokenHashes(config: Config, token: string): string[] {
  const current = apiTokenHash(config, token);
  return config.cryptoSuite === 'aes' ? [current] : [current, suiteHmac('aes', config.sessionSecret, `token:${token}`)];
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
  await db.updateTable('sessions').set({ ended_at: nowIso(), end_reason: reason }).where('id', '=', sessionId).where('ended_at', 'is', null).execute();
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

function sessionLookupQuery(database: Database, ids: readonly string[]) {
  return database.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('organizations', 'organizations.id', 'users.organization_id')
    .select([...principalColumns, 'sessions.id', 'sessions.csrf_token', 'sessions.last_seen_at', 'sessions.expires_at', 'sessions.ended_at'])
    .where(inTexts(database.dialect, 'sessions.id', ids));
}
type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionLookupQuery>['execute']>>[number];

/**
 * Every signed-in request looks its session up. Under a rush (a voucher release: thousands of residents in the
 * same second) one query per request made these lookups the largest share of the database's work — on PostgreSQL
 * a round trip each. So the lookups of one turn of the event loop are answered by one query (its SQL text fixed,
 * the ids one array parameter), and the seen-at stamps due in that turn are written by one statement.
 */
interface SessionBatchers {
  find: (id: string) => Promise<SessionRow | undefined>;
  touch: (id: string) => Promise<undefined>;
}

const batchers = new WeakMap<Database, SessionBatchers>();
function sessionBatchers(database: Database): SessionBatchers {
  let b = batchers.get(database);
  if (!b) {
    b = {
      find: tickBatcher(async (ids: string[]) => {
        const rows = await sessionLookupQuery(database, ids).execute();
        return new Map(rows.map((r) => [r.id, r]));
      }),
      touch: tickBatcher(async (ids: string[]) => {
        await database.db
          .updateTable('sessions')
          .set({ last_seen_at: nowIso() })
          .where(inTexts(database.dialect, 'id', ids))
          .execute();
        return new Map<string, undefined>();
      }),
    };
    batchers.set(database, b);
  }
  return b;
}

/** Resolves a session cookie to its actor, enforcing the idle and absolute time-outs. */
export async function resolveSession(database: Database, config: Config, cookieValue: string, parameters?: ParameterReader): Promise<ResolvedPrincipal | null> {
  const id = sessionIdOf(config, cookieValue);
  const sessions = sessionBatchers(database);
  // The lookup is asked for first, in this turn, so it joins the turn's one batched query.
  const [row, idleMinutes] = await Promise.all([
    sessions.find(id),
    parameters ? parameters.get('platform.sessionIdleMinutes') : Promise.resolve(config.sessionIdleMinutes),
  ]);
  if (!row || row.ended_at) return null;
  const now = Date.now();
  const idleDeadline = new Date(row.last_seen_at).getTime() + idleMinutes * 60_000;
  if (now > new Date(row.expires_at).getTime() || now > idleDeadline) {
    await endSession(database.db, id, now > idleDeadline ? 'idle_timeout' : 'absolute_timeout');
    return null;
  }
  if (row.status !== 'active') {
    await endSession(database.db, id, 'account_disabled');
    return null;
  }
  if (now - new Date(row.last_seen_at).getTime() > TOUCH_INTERVAL_MS) await sessions.touch(id);
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
    .where('api_tokens.token_hash', 'in', tokenHashes(config, token))
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
  return suiteHmac(config.cryptoSuite, config.sessionSecret, `token:${token}`);
}
