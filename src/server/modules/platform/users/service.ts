import { sql } from 'kysely';
import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError, duplicate, fieldError, invalidState, notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { hashPassword, randomToken } from '../../../core/crypto.js';
import { inTransaction, type Queryable, type Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { likePattern, paginate, type Page } from '../../../http/pagination.js';
import { maskMobile } from '../../../../shared/validators/mobile.js';
import { ROLES_BY_ORGANIZATION_KIND, type Role } from '../../../../shared/roles.js';
import { appendAudit } from '../audit/auditTrail.js';
import { userPolicy } from '../policies/user.js';
import { sessionPolicy } from '../policies/session.js';
import { apiTokenPolicy } from '../policies/apiToken.js';
import { API_TOKEN_PREFIX, apiTokenHash } from '../auth/sessions.js';
import { clearFailures } from '../auth/throttle.js';
import { accountKeyOf } from '../auth/authService.js';
import { isDutyRole } from '../duties/duties.js';
import { assignDuty, checkDutyFitsOrganization, checkRoleChange, guarded, lockDuties, refuseLosingHolder, releaseDuty, selfLockout } from '../duties/guard.js';
import { loadUserView, selectUserViews, toUserView, type UserView } from './userView.js';
import type { CreateApiTokenInput, CreateUserInput, ListUsersQuery } from './schema.js';
import { accountsIdentifiedBy, recordUserIdentifiers } from './identifiers.js';

const SORT = {
  username: 'users.username',
  displayName: 'users.display_name',
  role: 'users.role',
  createdAt: 'users.created_at',
  lastLoginAt: 'users.last_login_at',
} as const;

export async function listUsers(deps: AppDeps, ctx: RequestContext, q: ListUsersQuery): Promise<Page<UserView>> {
  authorize(ctx.actor, userPolicy, 'list');
  let base = selectUserViews(deps.database.db);
  if (q.role) base = base.where('users.role', '=', q.role);
  if (q.status) base = base.where('users.status', '=', q.status);
  if (q.organizationId) base = base.where('users.organization_id', '=', q.organizationId);
  if (q.q) {
    const p = likePattern(q.q);
    base = base.where((eb) =>
      eb.or([
        sql<boolean>`${eb.ref('users.username')} like ${p} escape '\\'`,
        sql<boolean>`${eb.ref('users.display_name')} like ${p} escape '\\'`,
        sql<boolean>`${eb.ref('organizations.name')} like ${p} escape '\\'`,
      ]),
    );
  }
  const page = await paginate(base, (qb) => qb.orderBy(SORT[q.sort ?? 'createdAt'], q.order).orderBy('users.id', q.order), q);
  return { ...page, items: page.items.map(toUserView) };
}

async function checkRoleFitsOrganization(tx: Queryable, role: Role, organizationId: number, path = 'organizationId') {
  const org = await tx.selectFrom('organizations').select(['kind']).where('id', '=', organizationId).executeTakeFirst();
  if (!org) throw fieldError(path, 'field.organization.unknown');
  if (!ROLES_BY_ORGANIZATION_KIND[org.kind].includes(role)) throw fieldError('role', 'field.role.notAllowedForOrganization');
  checkDutyFitsOrganization(role, org.kind);
}

/**
 * Inserts an account after checking that its role fits its organisation, and records the administrator duty its
 * role carries in the same transaction; shared by the API, the CLI, imports and the seeds.
 */
export async function insertUser(tx: Tx, deps: AppDeps, input: CreateUserInput & { isDemo?: boolean; assignedBy?: number | null }): Promise<number> {
  await checkRoleFitsOrganization(tx, input.role, input.organizationId);
  const mobileHash = input.mobile ? deps.sealer.lookup(input.mobile) : null;
  const taken = await accountsIdentifiedBy(tx, [
    { kind: 'username', value: input.username },
    ...(mobileHash ? [{ kind: 'mobile' as const, value: mobileHash }] : []),
  ]);
  if (taken.some((t) => t.kind === 'username')) throw duplicate('username', 'username');
  if (taken.length) throw duplicate('mobile', 'mobile');
  const now = nowIso();
  const row = await tx
    .insertInto('users')
    .values({
      username: input.username,
      display_name: input.displayName,
      role: input.role,
      organization_id: input.organizationId,
      password_hash: await hashPassword(input.password),
      status: 'active',
      must_change_password: input.mustChangePassword ? 1 : 0,
      locale: null,
      mobile_enc: input.mobile ? deps.sealer.seal(input.mobile) : null,
      mobile_hash: mobileHash,
      mobile_mask: input.mobile ? maskMobile(input.mobile) : null,
      id_number_enc: null,
      id_number_hash: null,
      id_number_mask: null,
      last_login_at: null,
      password_changed_at: now,
      is_demo: input.isDemo ? 1 : 0,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordUserIdentifiers(tx, [{ userId: Number(row.id), username: input.username, mobileHash, idNumberHash: null }]);
  await assignDuty(tx, Number(row.id), input.role, input.assignedBy ?? null);
  return Number(row.id);
}

export async function createUser(deps: AppDeps, ctx: RequestContext, input: CreateUserInput): Promise<UserView> {
  authorize(ctx.actor, userPolicy, 'create');
  const id = await inTransaction(deps.database, async (tx) => {
    const id = await insertUser(tx, deps, { ...input, assignedBy: ctx.actor.userId });
    await appendAudit(tx, ctx, {
      entity: 'user',
      entityId: id,
      action: 'create',
      organizationId: input.organizationId,
      after: { username: input.username, role: input.role, organizationId: input.organizationId },
    });
    return id;
  });
  return loadUserView(deps.database.db, id);
}

/** Signs an account out everywhere (disabled, password reset…). */
export async function endSessionsOf(tx: Queryable, userId: number, reason: string) {
  await tx.updateTable('sessions').set({ ended_at: nowIso(), end_reason: reason }).where('user_id', '=', userId).where('ended_at', 'is', null).execute();
}

/**
 * Disables or enables an account. Nobody disables their own account, nor the last active holder of an
 * administrator duty or of the office role (duties/guard.ts; the database refuses it too).
 */
export async function setUserStatus(deps: AppDeps, ctx: RequestContext, id: number, status: 'active' | 'disabled'): Promise<UserView> {
  const action = status === 'disabled' ? 'disable' : 'enable';
  await guarded(
    inTransaction(deps.database, async (tx) => {
      const before = await tx.selectFrom('users').select(['id', 'organization_id', 'status', 'role']).where('id', '=', id).executeTakeFirst();
      if (!before) throw notFound();
      authorize(ctx.actor, userPolicy, action, { id, organization_id: Number(before.organization_id) }, id);
      if (id === ctx.actor.userId) throw selfLockout();
      if (before.status === status) throw invalidState(before.status);
      if (status === 'disabled') {
        await lockDuties(tx);
        await refuseLosingHolder(tx, { id, role: before.role, status: before.status, organization_id: Number(before.organization_id) });
      }
      await tx.updateTable('users').set({ status, updated_at: nowIso() }).where('id', '=', id).execute();
      if (status === 'disabled') await endSessionsOf(tx, id, 'account_disabled');
      await appendAudit(tx, ctx, { entity: 'user', entityId: id, action, before: { status: before.status }, after: { status } });
    }),
  );
  return loadUserView(deps.database.db, id);
}

/**
 * Gives an account another role its organisation allows. Refused (on the field): a move from one administrator
 * duty to another (三员分立: a new duty is a new account) and a duty outside the office; refused (409): one's own
 * role, and demoting the last active holder of a duty or of the office role. The account is signed out, so its
 * next request runs under the new role.
 */
export async function changeUserRole(deps: AppDeps, ctx: RequestContext, id: number, role: Role): Promise<UserView> {
  await guarded(
    inTransaction(deps.database, async (tx) => {
      const before = await tx.selectFrom('users').select(['id', 'organization_id', 'status', 'role']).where('id', '=', id).executeTakeFirst();
      if (!before) throw notFound();
      authorize(ctx.actor, userPolicy, 'changeRole', { id, organization_id: Number(before.organization_id) }, id);
      if (id === ctx.actor.userId) throw selfLockout();
      if (before.role === role) throw fieldError('role', 'field.role.unchanged');
      checkRoleChange(before.role, role);
      await checkRoleFitsOrganization(tx, role, Number(before.organization_id));
      await lockDuties(tx);
      await refuseLosingHolder(tx, { id, role: before.role, status: before.status, organization_id: Number(before.organization_id) });
      if (isDutyRole(before.role)) await releaseDuty(tx, id);
      await tx.updateTable('users').set({ role, updated_at: nowIso() }).where('id', '=', id).execute();
      await assignDuty(tx, id, role, ctx.actor.userId);
      await endSessionsOf(tx, id, 'role_changed');
      await appendAudit(tx, ctx, {
        entity: 'user',
        entityId: id,
        action: 'changeRole',
        organizationId: Number(before.organization_id),
        before: { role: before.role },
        after: { role },
      });
    }),
  );
  return loadUserView(deps.database.db, id);
}

/** Sets a temporary password the user must change at next sign-in, and signs them out everywhere. */
export async function resetPassword(deps: AppDeps, ctx: RequestContext, id: number, newPassword: string): Promise<UserView> {
  const hash = await hashPassword(newPassword);
  await inTransaction(deps.database, async (tx) => {
    const before = await tx.selectFrom('users').select(['id', 'organization_id']).where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound();
    authorize(ctx.actor, userPolicy, 'resetPassword', { id, organization_id: Number(before.organization_id) }, id);
    const now = nowIso();
    await tx
      .updateTable('users')
      .set({ password_hash: hash, must_change_password: 1, password_changed_at: now, updated_at: now })
      .where('id', '=', id)
      .execute();
    await endSessionsOf(tx, id, 'password_reset');
    await tx
      .deleteFrom('login_throttle')
      .where('key', 'in', (eb) =>
        eb
          .selectFrom('users')
          .select(sql<string>`'account:' || lower(username)`.as('k'))
          .where('id', '=', id),
      )
      .execute();
    await appendAudit(tx, ctx, { entity: 'user', entityId: id, action: 'resetPassword' });
  });
  const view = await loadUserView(deps.database.db, id);
  // The count may live in Redis (REDIS_URL) rather than in login_throttle: cleared there too once committed.
  await clearFailures(deps, accountKeyOf(view.username));
  return view;
}

export async function listActiveSessions(
  deps: AppDeps,
  ctx: RequestContext,
  q: { page: number; pageSize: number; sort?: 'createdAt' | 'lastSeenAt' | undefined; order: 'asc' | 'desc'; q?: string | undefined },
) {
  authorize(ctx.actor, sessionPolicy, 'list');
  const now = nowIso();
  // The same idle time-out the session check uses (a system parameter the office may change).
  const idleMinutes = await deps.parameters.get('platform.sessionIdleMinutes');
  let base = deps.database.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('organizations', 'organizations.id', 'users.organization_id')
    .where('sessions.ended_at', 'is', null)
    .where('sessions.expires_at', '>', now)
    .where('sessions.last_seen_at', '>', new Date(Date.now() - idleMinutes * 60_000).toISOString());
  if (q.q) {
    const p = likePattern(q.q);
    base = base.where((eb) =>
      eb.or([sql<boolean>`${eb.ref('users.username')} like ${p} escape '\\'`, sql<boolean>`${eb.ref('users.display_name')} like ${p} escape '\\'`]),
    );
  }
  const page = await paginate(
    base,
    (qb) =>
      qb
        .select([
          'sessions.id',
          'sessions.user_id',
          'users.username',
          'users.display_name',
          'users.role',
          'organizations.name as organization_name',
          'sessions.created_at',
          'sessions.last_seen_at',
          'sessions.expires_at',
          'sessions.ip',
          'sessions.user_agent',
        ])
        .orderBy(q.sort === 'createdAt' ? 'sessions.created_at' : 'sessions.last_seen_at', q.order),
    q,
  );
  return {
    ...page,
    items: page.items.map((s) => ({
      // The stored id is already a keyed hash of the cookie; a prefix is enough to name it.
      id: s.id,
      userId: Number(s.user_id),
      username: s.username,
      displayName: s.display_name,
      role: s.role,
      organizationName: s.organization_name,
      createdAt: s.created_at,
      lastSeenAt: s.last_seen_at,
      expiresAt: s.expires_at,
      ip: s.ip,
      userAgent: s.user_agent,
    })),
  };
}

export async function endUserSession(deps: AppDeps, ctx: RequestContext, sessionId: string): Promise<void> {
  await inTransaction(deps.database, async (tx) => {
    const s = await tx.selectFrom('sessions').select(['id', 'user_id', 'ended_at']).where('id', '=', sessionId).executeTakeFirst();
    if (!s) throw notFound();
    authorize(ctx.actor, sessionPolicy, 'end', { user_id: Number(s.user_id) });
    if (s.ended_at) throw invalidState('ended');
    await tx.updateTable('sessions').set({ ended_at: nowIso(), end_reason: 'ended_by_admin' }).where('id', '=', sessionId).execute();
    await appendAudit(tx, ctx, { entity: 'session', entityId: sessionId.slice(0, 12), action: 'end', after: { userId: Number(s.user_id) } });
  });
}

function toTokenView(r: {
  id: number;
  name: string;
  prefix: string;
  role: UserView['role'];
  organization_id: number;
  organization_name: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}) {
  return {
    id: Number(r.id),
    name: r.name,
    prefix: r.prefix,
    role: r.role,
    organizationId: Number(r.organization_id),
    organizationName: r.organization_name,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  };
}

function selectTokens(db: Queryable) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('organizations', 'organizations.id', 'api_tokens.organization_id')
    .select([
      'api_tokens.id',
      'api_tokens.name',
      'api_tokens.prefix',
      'api_tokens.role',
      'api_tokens.organization_id',
      'organizations.name as organization_name',
      'api_tokens.created_at',
      'api_tokens.expires_at',
      'api_tokens.last_used_at',
      'api_tokens.revoked_at',
    ]);
}

export async function listApiTokens(deps: AppDeps, ctx: RequestContext) {
  authorize(ctx.actor, apiTokenPolicy, 'list');
  return (await selectTokens(deps.database.db).orderBy('api_tokens.id', 'desc').execute()).map(toTokenView);
}

/** Creates an integration token; its secret is shown once and stored only as a keyed hash. */
export async function createApiToken(deps: AppDeps, ctx: RequestContext, input: CreateApiTokenInput) {
  authorize(ctx.actor, apiTokenPolicy, 'create');
  if (ctx.actor.userId === null) throw new AppError(403, 'FORBIDDEN', 'error.FORBIDDEN');
  const secret = `${API_TOKEN_PREFIX}${randomToken(32)}`;
  // A token skips the second factor and is nobody in person: the three administrator duties are never a token's.
  if (isDutyRole(input.role)) throw fieldError('role', 'field.role.dutyToken');
  const id = await inTransaction(deps.database, async (tx) => {
    await checkRoleFitsOrganization(tx, input.role, input.organizationId);
    const row = await tx
      .insertInto('api_tokens')
      .values({
        name: input.name,
        token_hash: apiTokenHash(deps.config, secret),
        prefix: secret.slice(0, 10),
        role: input.role,
        organization_id: input.organizationId,
        created_by: ctx.actor.userId!,
        created_at: nowIso(),
        expires_at: input.expiresAt ?? null,
        last_used_at: null,
        revoked_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, ctx, {
      entity: 'api_token',
      entityId: Number(row.id),
      action: 'create',
      after: { name: input.name, role: input.role, organizationId: input.organizationId },
    });
    return Number(row.id);
  });
  const view = toTokenView(await selectTokens(deps.database.db).where('api_tokens.id', '=', id).executeTakeFirstOrThrow());
  return { ...view, token: secret };
}

export async function revokeApiToken(deps: AppDeps, ctx: RequestContext, id: number) {
  authorize(ctx.actor, apiTokenPolicy, 'revoke');
  await inTransaction(deps.database, async (tx) => {
    const row = await tx.selectFrom('api_tokens').select(['id', 'revoked_at']).where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound();
    if (row.revoked_at) throw invalidState('revoked');
    await tx.updateTable('api_tokens').set({ revoked_at: nowIso() }).where('id', '=', id).execute();
    await appendAudit(tx, ctx, { entity: 'api_token', entityId: id, action: 'revoke' });
  });
  return toTokenView(await selectTokens(deps.database.db).where('api_tokens.id', '=', id).executeTakeFirstOrThrow());
}
